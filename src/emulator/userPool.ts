// The state of the emulated Amazon Cognito user pool behind the emulator's issuer: users, app clients,
// authorization codes and refresh tokens, and the access and ID tokens Cognito mints (claims as Cognito's).
// The hosted UI and token endpoint (authServer.ts) and the JSON API (cognitoApi.ts) share it.
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { DEFAULT_CLIENT_ID, LocalIssuer } from './jwt';
import type { AppClientOptions, EmulatorOptions, OAuthFlow, PoolUserOptions } from './types';

export interface PoolUser { readonly username: string; readonly password: string; readonly email?: string; readonly sub: string }

export interface AppClient {
  readonly clientId: string;
  readonly clientSecret?: string;
  readonly callbackUrls: readonly string[];
  readonly flows: readonly OAuthFlow[];
  readonly scopes: readonly string[];
  readonly userPasswordAuth: boolean;
}

/** What an authorization code stands for; single use, 5 minutes. */
export interface AuthCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly challenge: string;
  readonly user: PoolUser;
  readonly scopes: readonly string[];
  readonly nonce?: string;
  readonly expires: number;
  used: boolean;
  /** The refresh token issued for it, revoked if the code is presented again (RFC 6749 §4.1.2). */
  refreshToken?: string;
}

export interface RefreshGrant {
  readonly clientId: string;
  readonly user: PoolUser;
  readonly scopes: readonly string[];
  /** Issued by InitiateAuth: refreshed tokens keep the API's scope. */
  readonly api: boolean;
  readonly expires: number;
  revoked: boolean;
}

export interface IssuedTokens { accessToken: string; idToken?: string; refreshToken?: string; expiresIn: number }

export const DEFAULT_USER: PoolUserOptions = { username: 'tester', password: 'Passw0rd!', email: 'tester@example.com' };
export const DEFAULT_APP_CLIENT: AppClientOptions = {
  clientId: DEFAULT_CLIENT_ID,
  callbackUrls: ['http://127.0.0.1:33419/callback', 'http://localhost:33419/callback'],
  allowedOAuthFlows: ['code'], scopes: ['openid', 'email', 'profile'], explicitAuthFlows: ['USER_PASSWORD_AUTH'],
};
/** The scope of tokens from the user pools API (InitiateAuth), as Cognito's. */
export const API_SCOPE = 'aws.cognito.signin.user.admin';
const CODE_TTL_MS = 5 * 60_000;

/** A UUID-shaped sub derived from the username, so it stays the same across emulator restarts. */
function subFor(username: string): string {
  const h = createHash('sha256').update(`agentcore-emulator-user:${username}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export class UserPool {
  readonly users = new Map<string, PoolUser>();
  readonly clients = new Map<string, AppClient>();
  private readonly codes = new Map<string, AuthCode>();
  private readonly refresh = new Map<string, RefreshGrant>();
  private readonly accessTtl: number;
  private readonly refreshTtlMs: number;

  /** Checks the options as Cognito checks an app client's settings; throws with a readable message. */
  constructor(private readonly issuer: LocalIssuer, opts: EmulatorOptions) {
    this.accessTtl = opts.accessTokenTtlSeconds ?? 3600;
    this.refreshTtlMs = (opts.refreshTokenTtlSeconds ?? 30 * 86400) * 1000;
    if (!(this.accessTtl > 0)) throw new Error('accessTokenTtlSeconds must be above 0');
    for (const u of opts.users ?? [DEFAULT_USER]) {
      const key = u.username.toLowerCase(); // Cognito's default: usernames are case-insensitive
      if (this.users.has(key)) throw new Error(`user "${u.username}" is defined twice`);
      this.users.set(key, { ...u, sub: subFor(key) });
    }
    for (const c of opts.appClients ?? [DEFAULT_APP_CLIENT]) {
      const flows = c.allowedOAuthFlows ?? ['code'];
      if (this.clients.has(c.clientId)) throw new Error(`app client "${c.clientId}" is defined twice`);
      if (flows.includes('client_credentials') && !c.clientSecret) {
        throw new Error(`app client "${c.clientId}": client_credentials needs a clientSecret`);
      }
      if (flows.includes('client_credentials') && flows.includes('code')) {
        throw new Error(`app client "${c.clientId}": client_credentials flow can not be selected along with code flow`);
      }
      this.clients.set(c.clientId, {
        clientId: c.clientId, clientSecret: c.clientSecret, callbackUrls: c.callbackUrls, flows,
        scopes: c.scopes ?? ['openid', 'email', 'profile'], userPasswordAuth: c.explicitAuthFlows?.includes('USER_PASSWORD_AUTH') ?? false,
      });
    }
  }

  get ttlSeconds(): number { return this.accessTtl; }

  /** The user, when the password is right; Cognito does not say which of the two was wrong. */
  signIn(username: string, password: string): PoolUser | undefined {
    const u = this.users.get(username.toLowerCase());
    return u && sameSecret(u.password, password) ? u : undefined;
  }

  /** Cognito's SECRET_HASH: Base64(HMAC-SHA256(client secret, username + client id)). */
  static secretHash(secret: string, username: string, clientId: string): string {
    return createHmac('sha256', secret).update(username + clientId).digest('base64');
  }

  issueCode(c: Omit<AuthCode, 'expires' | 'used'>): string {
    const code = randomUUID();
    this.codes.set(code, { ...c, expires: Date.now() + CODE_TTL_MS, used: false });
    return code;
  }

  /** Takes a code for one exchange: a second use gets nothing and revokes what the first one got. */
  redeemCode(code: string): AuthCode | undefined {
    const c = this.codes.get(code);
    if (!c) return undefined;
    if (c.used) {
      if (c.refreshToken) this.revokeToken(c.refreshToken);
      return undefined;
    }
    c.used = true;
    return c.expires > Date.now() ? c : undefined;
  }

  /** The grant behind a live refresh token of this client; a reason otherwise. */
  refreshGrant(token: string, clientId: string): RefreshGrant | string {
    const g = this.refresh.get(token);
    if (!g || g.clientId !== clientId) return 'unknown refresh token';
    if (g.revoked) return 'Refresh Token has been revoked';
    if (g.expires <= Date.now()) return 'Refresh Token has expired';
    return g;
  }

  revokeToken(token: string): void {
    const g = this.refresh.get(token);
    if (g) g.revoked = true;
  }

  revokeAll(username?: string): number {
    let n = 0;
    for (const g of this.refresh.values()) {
      if (g.revoked || (username !== undefined && g.user.username.toLowerCase() !== username.toLowerCase())) continue;
      g.revoked = true;
      n++;
    }
    return n;
  }

  /** Tokens for a user: an ID token when `openid` is granted (or from the API), a refresh token when asked. */
  issueUserTokens(
    client: AppClient, user: PoolUser, scopes: readonly string[], o: { withRefresh: boolean; nonce?: string; api?: boolean },
  ): IssuedTokens {
    const now = Date.now();
    const iat = Math.floor(now / 1000);
    const common = {
      sub: user.sub, iss: this.issuer.issuer, iat, auth_time: iat, exp: iat + this.accessTtl,
      event_id: randomUUID(), origin_jti: randomUUID(),
    };
    const accessToken = this.issuer.mint({
      ...common, client_id: client.clientId, username: user.username, token_use: 'access',
      scope: o.api ? API_SCOPE : scopes.join(' '), jti: randomUUID(), version: 2,
    }, now);
    let idToken: string | undefined;
    if (o.api || scopes.includes('openid')) {
      const atHash = createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');
      idToken = this.issuer.mint({
        ...common, aud: client.clientId, token_use: 'id', 'cognito:username': user.username, jti: randomUUID(),
        ...(o.api ? {} : { at_hash: atHash }), ...(o.nonce !== undefined ? { nonce: o.nonce } : {}),
        ...(user.email !== undefined ? { email: user.email, email_verified: true } : {}),
      }, now);
    }
    let refreshToken: string | undefined;
    if (o.withRefresh) {
      refreshToken = randomBytes(48).toString('base64url');
      this.refresh.set(refreshToken, {
        clientId: client.clientId, user, scopes, api: o.api ?? false, expires: now + this.refreshTtlMs, revoked: false,
      });
    }
    return { accessToken, idToken, refreshToken, expiresIn: this.accessTtl };
  }

  /** A machine-to-machine access token: sub is the client id, no username, no ID or refresh token. */
  issueClientToken(client: AppClient, scopes: readonly string[]): IssuedTokens {
    const now = Date.now();
    const iat = Math.floor(now / 1000);
    const accessToken = this.issuer.mint({
      sub: client.clientId, client_id: client.clientId, token_use: 'access', scope: scopes.join(' '),
      iat, auth_time: iat, exp: iat + this.accessTtl, jti: randomUUID(), version: 2,
    }, now);
    return { accessToken, expiresIn: this.accessTtl };
  }
}
