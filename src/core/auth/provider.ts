// The MCP SDK's OAuth client (`auth()`: RFC 9728 / 8414 discovery and the 2025-03-26 fallbacks, client ID
// metadata documents, dynamic registration, PKCE, resource indicators, refresh, the issuer checks) does
// the protocol; this is the part it leaves to the application: where the credentials are kept (the
// host's OAuthStore, bound to the server URL), which client we are (pre-registered or registered on
// the fly), and how the person gets to the authorization page and back (the host's consent and browser,
// the loopback listener).
import { randomBytes } from 'node:crypto';
import { createPrivateKeyJwtAuth } from '@modelcontextprotocol/client';
import type {
  AddClientAuthentication, OAuthClientMetadata, OAuthClientProvider, OAuthDiscoveryState, StoredOAuthClientInformation, StoredOAuthTokens,
} from '@modelcontextprotocol/client';
import { ExplainedError } from '../connections/errors';
import type { LoopbackRedirects } from './loopback';
import { accountOf, boundRecord, type OAuthRecord, type OAuthStore } from './record';

/** What the host shows before the browser opens: who asks, and where the person is about to sign in. */
export interface SignInRequest {
  readonly connection: string;
  /** The authorization page to open. */
  readonly url: URL;
  /** The authorization server's origin (the domain the person should recognise). */
  readonly authorizationServer: string;
  /** Aborted when the sign-in ends without an answer (cancelled, the connection closed). */
  readonly signal?: AbortSignal;
  /** Settles when the browser came back, or the sign-in was given up: a host's "waiting" notice ends then. */
  readonly finished: Promise<void>;
  /** Gives up waiting for the browser (the person's Cancel). */
  cancel(): void;
}

export interface OAuthClientSettings {
  /** A pre-registered client (Cognito app clients, servers without dynamic registration). */
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** A private key (PEM) for `private_key_jwt` client authentication, with its JWS algorithm. */
  readonly privateKeyPem?: string;
  readonly signingAlgorithm?: string;
  /** `client_credentials` for machine clients; the default is the authorization code flow with PKCE. */
  readonly grant?: 'authorization_code' | 'client_credentials' | 'password';
  /** Scopes to ask for when neither the server's challenge nor its metadata names any. */
  readonly scope?: string;
  /** An https URL of this client's metadata document (client ID metadata documents, SEP-991). */
  readonly clientMetadataUrl?: string;
}

export interface OAuthSessionOptions extends OAuthClientSettings {
  readonly connection: string;
  readonly serverUrl: URL;
  readonly store: OAuthStore;
  readonly loopback: LoopbackRedirects;
  /** Shows the person where they sign in and opens the page; false when they decline. Absent: no interactive sign-in. */
  readonly signIn?: (request: SignInRequest) => Promise<boolean>;
  /** Every token or secret this session learns, for redaction. */
  readonly onSecret: (value: string) => void;
  readonly log: (message: string) => void;
  readonly signal?: AbortSignal;
}

export const CLIENT_NAME = 'AgentCore MCP Client';

/** Signing in is what stands between the connection and its server: declined, impossible here, or failed. */
export class SignInError extends ExplainedError {
  constructor(message: string, nextStep?: string, options?: { cause?: unknown }) { super(message, nextStep, undefined, options); this.name = 'SignInError'; }
}

export class OAuthSession implements OAuthClientProvider {
  private verifier?: string;
  private pendingState?: string;
  /** The redirect's query (code, state, iss, or error) after the person signed in. */
  private callback?: URLSearchParams;
  private record?: OAuthRecord;
  private loaded = false;
  readonly addClientAuthentication?: AddClientAuthentication;

  constructor(private readonly o: OAuthSessionOptions) {
    if (o.clientSecret) o.onSecret(o.clientSecret);
    if (o.privateKeyPem && o.clientId) {
      this.addClientAuthentication = createPrivateKeyJwtAuth({ issuer: o.clientId, subject: o.clientId, privateKey: o.privateKeyPem, alg: o.signingAlgorithm ?? 'ES256' });
    }
  }

  /** The browser sign-in (authorization code); false for machine clients and Cognito passwords. */
  get interactive(): boolean { return (this.o.grant ?? 'authorization_code') === 'authorization_code'; }
  get grant(): 'authorization_code' | 'client_credentials' | 'password' { return this.o.grant ?? 'authorization_code'; }
  get clientId(): string | undefined { return this.o.clientId; }
  get connection(): string { return this.o.connection; }

  get redirectUrl(): string | undefined { return this.interactive ? this.o.loopback.uri : undefined; }

  get clientMetadataUrl(): string | undefined { return this.o.clientMetadataUrl; }

  get clientMetadata(): OAuthClientMetadata {
    const secret = !!this.o.clientSecret;
    return {
      client_name: CLIENT_NAME,
      redirect_uris: this.interactive ? [this.o.loopback.uri] : [],
      grant_types: this.interactive ? ['authorization_code', 'refresh_token'] : ['client_credentials'],
      response_types: this.interactive ? ['code'] : [],
      token_endpoint_auth_method: this.o.privateKeyPem ? 'private_key_jwt' : secret ? 'client_secret_basic' : 'none',
      ...(this.o.scope ? { scope: this.o.scope } : {}),
    };
  }

  /** The stored record for this server (loaded once; the store is the truth across processes). */
  async current(): Promise<OAuthRecord | undefined> {
    if (!this.loaded) {
      this.record = boundRecord(await this.o.store.load(this.o.connection, this.o.serverUrl.href), this.o.serverUrl.href);
      this.loaded = true;
      for (const v of [this.record?.tokens?.access_token, this.record?.tokens?.refresh_token, this.record?.tokens?.id_token]) if (v) this.o.onSecret(v);
    }
    return this.record;
  }

  /** What was last loaded or saved, without going to the store (for display). */
  snapshot(): OAuthRecord | undefined { return this.record; }

  private async update(change: Partial<Omit<OAuthRecord, 'resource'>> | undefined): Promise<void> {
    const base = (await this.current()) ?? { resource: this.o.serverUrl.href };
    this.record = change === undefined ? undefined : { ...base, ...change };
    await this.o.store.save(this.o.connection, this.o.serverUrl.href, this.record);
  }

  async clientInformation(): Promise<StoredOAuthClientInformation | undefined> {
    if (this.o.clientId) return { client_id: this.o.clientId, ...(this.o.clientSecret ? { client_secret: this.o.clientSecret } : {}) };
    const r = await this.current();
    // Registered for another redirect URI (the preferred port was busy): register again.
    if (r?.client && this.interactive && r.redirectUri !== undefined && r.redirectUri !== this.o.loopback.uri) return undefined;
    return r?.client;
  }

  async saveClientInformation(client: StoredOAuthClientInformation): Promise<void> {
    if (this.o.clientId) return; // pre-registered: nothing to keep
    if (client.client_secret) this.o.onSecret(client.client_secret);
    await this.update({ client, ...(this.interactive ? { redirectUri: this.o.loopback.uri } : {}) });
  }

  async tokens(): Promise<StoredOAuthTokens | undefined> {
    return (await this.current())?.tokens;
  }

  async saveTokens(tokens: StoredOAuthTokens): Promise<void> {
    for (const v of [tokens.access_token, tokens.refresh_token, tokens.id_token]) if (v) this.o.onSecret(v);
    const previous = await this.tokens();
    // A refresh answer may omit the refresh token: keep the one we have (RFC 6749 §6).
    const kept = tokens.refresh_token || !previous?.refresh_token ? tokens : { ...tokens, refresh_token: previous.refresh_token };
    const account = accountOf(kept);
    await this.update({
      tokens: kept,
      obtainedAt: Date.now(),
      ...(tokens.expires_in !== undefined ? { expiresAt: Date.now() + tokens.expires_in * 1000 } : { expiresAt: undefined }),
      ...(account ? { account } : {}),
    });
  }

  /** When the access token expires and when it was issued (ms since the epoch), if the server said. */
  async lifetime(): Promise<{ expiresAt?: number; obtainedAt?: number }> {
    const r = await this.current();
    return { ...(r?.expiresAt ? { expiresAt: r.expiresAt } : {}), ...(r?.obtainedAt ? { obtainedAt: r.obtainedAt } : {}) };
  }

  async discoveryState(): Promise<OAuthDiscoveryState | undefined> { return (await this.current())?.discovery; }

  async saveDiscoveryState(discovery: OAuthDiscoveryState): Promise<void> { await this.update({ discovery }); }

  async invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery'): Promise<void> {
    if (scope === 'verifier') { this.verifier = undefined; return; }
    if (scope === 'all') { await this.update(undefined); return; }
    const drop = scope === 'client' ? { client: undefined, redirectUri: undefined } : scope === 'tokens' ? { tokens: undefined, expiresAt: undefined, obtainedAt: undefined, account: undefined } : { discovery: undefined };
    await this.update(drop);
  }

  state(): string {
    this.pendingState = randomBytes(24).toString('base64url');
    return this.pendingState;
  }

  saveCodeVerifier(verifier: string): void { this.verifier = verifier; }

  codeVerifier(): string {
    if (!this.verifier) throw new Error('No PKCE code verifier: the sign-in was not started by this session.');
    return this.verifier;
  }

  prepareTokenRequest(scope?: string): URLSearchParams | undefined {
    if (this.interactive) return undefined; // the SDK's authorization-code request
    return new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) });
  }

  /** Asks the host to show the page, then waits on loopback for the redirect that carries our state. */
  async redirectToAuthorization(url: URL): Promise<void> {
    const state = this.pendingState;
    if (!state) throw new Error('An authorization request without state: refusing to continue.');
    if (!this.o.signIn) {
      throw new SignInError(`"${this.o.connection}" needs you to sign in at ${url.origin}, and nothing here can open a browser.`,
        `In VS Code choose "Sign In" on the connection; on the command line run "agentcore-mcp login" with the same connection options first.`);
    }
    // Our own abort, so declining ends this wait only, not another connection's sign-in.
    const own = new AbortController();
    const stop = () => own.abort();
    this.o.signal?.addEventListener('abort', stop, { once: true });
    const waiting = this.o.loopback.wait(state, own.signal);
    waiting.catch(() => undefined); // observed below; avoids an unhandled rejection if signIn throws
    try {
      const finished = waiting.then(() => undefined, () => undefined);
      const accepted = await this.o.signIn({ connection: this.o.connection, url, authorizationServer: url.origin, signal: own.signal, finished, cancel: stop });
      if (!accepted) throw new SignInError(`Sign-in to "${this.o.connection}" was declined.`, 'Choose "Sign In" on the connection when you are ready.');
    } catch (e) {
      stop();
      this.o.signal?.removeEventListener('abort', stop);
      throw e;
    }
    this.o.log(`Waiting for the sign-in at ${url.origin} to come back to ${this.o.loopback.uri}`);
    try {
      this.callback = await waiting;
    } finally {
      this.o.signal?.removeEventListener('abort', stop);
    }
  }

  /** The redirect the person came back with, once: the caller exchanges it for tokens. */
  takeCallback(): URLSearchParams | undefined {
    const c = this.callback;
    this.callback = undefined;
    return c;
  }
}
