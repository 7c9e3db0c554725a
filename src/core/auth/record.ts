// What signing in to a connection leaves behind, and where it is kept. The host decides where
// (VS Code: SecretStorage; the command line: a file only its user can read; the conformance client:
// memory). A record is bound to the server it was obtained for: a connection whose URL changed does not
// send the old server's tokens to the new one.
import type { OAuthDiscoveryState, StoredOAuthClientInformation, StoredOAuthTokens } from '@modelcontextprotocol/client';

export interface OAuthRecord {
  /** The MCP server URL the credentials were obtained for. */
  readonly resource: string;
  /** The client as registered with the authorization server (dynamic registration, metadata document). */
  readonly client?: StoredOAuthClientInformation;
  /** The redirect URI the client was registered with; a different one means registering again. */
  readonly redirectUri?: string;
  readonly tokens?: StoredOAuthTokens;
  /** When the access token expires (ms since the epoch), from `expires_in` at the time it was issued. */
  readonly expiresAt?: number;
  /** When it was issued (ms since the epoch): short-lived tokens are refreshed a quarter of their life early. */
  readonly obtainedAt?: number;
  readonly discovery?: OAuthDiscoveryState;
  /** Who signed in, when the token says (`username`, `email` or `sub`, from a JWT access or ID token). */
  readonly account?: string;
}

/** `resource` is the server URL: a store may key by it (the command line) or by the connection (VS Code). */
export interface OAuthStore {
  load(connection: string, resource: string): Promise<OAuthRecord | undefined>;
  /** Saves, or forgets with `undefined` (sign out). */
  save(connection: string, resource: string, record: OAuthRecord | undefined): Promise<void>;
}

/** A store that lives as long as the process: the conformance client, tests. */
export class MemoryOAuthStore implements OAuthStore {
  private readonly records = new Map<string, OAuthRecord>();
  async load(connection: string, resource: string) { return this.records.get(`${connection} ${resource}`); }
  async save(connection: string, resource: string, record: OAuthRecord | undefined) {
    if (record) this.records.set(`${connection} ${resource}`, record); else this.records.delete(`${connection} ${resource}`);
  }
}

/** The record for `resource`, or undefined if the stored one was obtained for another server. */
export function boundRecord(record: OAuthRecord | undefined, resource: string): OAuthRecord | undefined {
  return record && record.resource === resource ? record : undefined;
}

const claim = (token: string | undefined, names: string[]): string | undefined => {
  const part = token?.split('.')[1];
  if (!part) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
    for (const n of names) if (typeof claims[n] === 'string' && claims[n]) return claims[n] as string;
  } catch { /* not a JWT: opaque tokens name nobody */ }
  return undefined;
};

/** Who a token set belongs to, read from the ID token or a JWT access token (never verified: display only). */
export function accountOf(tokens: StoredOAuthTokens): string | undefined {
  const names = ['email', 'preferred_username', 'username', 'cognito:username', 'sub'];
  return claim(tokens.id_token, names) ?? claim(tokens.access_token, names);
}

/** Sign-out keeps the client registration (the server need not see a new client each time), not the tokens. */
export function withoutTokens(record: OAuthRecord): OAuthRecord | undefined {
  const { tokens: _t, expiresAt: _e, obtainedAt: _o, account: _a, ...rest } = record;
  return rest.client ? rest : undefined;
}
