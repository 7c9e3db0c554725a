// OAuth on the fetch seam, so it works the same for every request of every transport (POST, the GET
// stream, the legacy SSE transport) and in the middle of a session as well as at connect:
// - the access token is added to each request, and refreshed shortly before it expires;
// - a 401 runs the SDK's `auth()` (discovery from the challenge, registration, the browser sign-in
//   through the host, the token exchange) once for all requests waiting on it, then retries once;
// - a 403 `insufficient_scope` asks again for the union of the scopes held and the scopes named (step-up,
//   bypassing refresh when that cannot widen the grant), at most twice per request.
// Requests to the authorization server go through `authFetch`: never through the MCP server's headers.
import { auth, computeScopeUnion, discoverOAuthProtectedResourceMetadata, extractWWWAuthenticateParams, isStrictScopeSuperset } from '@modelcontextprotocol/client';
import { passwordSignIn, refreshSignIn, type CognitoCredentials } from './cognito';
import { ExplainedError } from '../connections/errors';
import type { FetchLike, Middleware } from '../connections/fetch';
import type { LoopbackRedirects } from './loopback';
import { SignInError, type OAuthSession } from './provider';

/** Refresh this long before the access token expires (a quarter of its life for short-lived ones). */
export const REFRESH_MARGIN_MS = 60_000;
const MAX_STEP_UPS = 2;

export interface OAuthFlowOptions {
  readonly session: OAuthSession;
  readonly serverUrl: URL;
  readonly loopback: LoopbackRedirects;
  readonly authFetch: FetchLike;
  readonly log: (message: string) => void;
  /** Called after every sign-in or refresh (the display of who is signed in, and until when, changes). */
  readonly onChange?: () => void;
  /** A Cognito pool user's username and password (kept, or asked); `password` grant only. */
  readonly credentials?: (request: { issuer: string }) => Promise<CognitoCredentials | undefined>;
  readonly forgetCredentials?: () => Promise<void>;
}

/** Who is signed in to a connection, for display. */
export interface SignedIn {
  readonly account?: string;
  readonly expiresAt?: number;
  /** The authorization server (its issuer). */
  readonly issuer?: string;
  readonly refreshable: boolean;
}

interface Challenge { readonly resourceMetadataUrl?: URL; readonly scope?: string; readonly force?: boolean }

export class OAuthFlow {
  /** Scopes asked for so far on this connection (challenges accumulate, as the SDK's transport does). */
  private scope?: string;
  private running?: Promise<void>;
  /** Why the last sign-in failed; later requests fail with it instead of asking again, until `reset()`. */
  failure?: Error;

  constructor(private readonly o: OAuthFlowOptions) {}

  /** Runs one authorization (refresh, or a full sign-in); concurrent callers share it. */
  authorize(challenge: Challenge = {}): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    this.running ??= this.run(challenge).then(
      () => { this.failure = undefined; },
      (e: unknown) => { this.failure = e instanceof Error ? e : new Error(String(e)); throw e; },
    ).finally(() => { this.running = undefined; });
    return this.running;
  }

  /** Who is signed in, from what was last loaded or saved; undefined when nobody is. */
  status(): SignedIn | undefined {
    const r = this.o.session.snapshot();
    if (!r?.tokens) return undefined;
    const issuer = r.tokens.issuer ?? r.discovery?.authorizationServerMetadata?.issuer ?? r.discovery?.authorizationServerUrl;
    return { ...(r.account ? { account: r.account } : {}), ...(r.expiresAt ? { expiresAt: r.expiresAt } : {}), ...(issuer ? { issuer } : {}), refreshable: !!r.tokens.refresh_token };
  }

  /** Lets the next 401 sign in again (a new connect, the person chose Sign In). */
  reset(): void { this.failure = undefined; }

  private async run(c: Challenge): Promise<void> {
    if (this.o.session.grant === 'password') return this.runPassword(c);
    const { session, serverUrl, loopback, authFetch } = this.o;
    this.scope = computeScopeUnion(this.scope, c.scope);
    const options = {
      serverUrl, fetchFn: authFetch,
      ...(c.resourceMetadataUrl ? { resourceMetadataUrl: c.resourceMetadataUrl } : {}),
      ...(this.scope ? { scope: this.scope } : {}),
      ...(c.force ? { forceReauthorization: true } : {}),
    };
    try {
      if (session.interactive) await loopback.open(); // the redirect URI must exist before registration
      let result = await auth(session, options);
      const browser = result === 'REDIRECT';
      if (browser) {
        const back = session.takeCallback();
        if (!back) throw new ExplainedError('The sign-in ended without coming back from the authorization page.');
        const error = back.get('error');
        if (error) {
          const why = back.get('error_description');
          throw new ExplainedError(`The authorization server refused the sign-in: ${error}${why ? ` (${why})` : ''}.`, 'Sign in again; if it keeps failing, check the client id and scopes of the connection.');
        }
        const code = back.get('code');
        if (!code) throw new ExplainedError('The authorization page came back without a code or an error.');
        const iss = back.get('iss') ?? undefined;
        result = await auth(session, { ...options, authorizationCode: code, ...(iss ? { iss } : {}) });
      }
      if (result !== 'AUTHORIZED') throw new ExplainedError('Sign-in did not complete.');
      this.signedIn(browser || !session.interactive);
    } finally {
      await loopback.closeIfIdle();
    }
  }

  /** Cognito's USER_PASSWORD_AUTH: refresh when a refresh token is kept, else the pool user's password. */
  private async runPassword(c: Challenge): Promise<void> {
    const { session, serverUrl, authFetch } = this.o;
    const clientId = session.clientId!;
    let issuer = (await session.discoveryState())?.authorizationServerUrl;
    if (!issuer) {
      const prm = await discoverOAuthProtectedResourceMetadata(serverUrl, c.resourceMetadataUrl ? { resourceMetadataUrl: c.resourceMetadataUrl } : {}, authFetch);
      issuer = prm.authorization_servers?.[0];
      if (!issuer) throw new SignInError(`${serverUrl.origin} names no authorization server in its OAuth metadata, so there is no user pool to sign in to.`);
      await session.saveDiscoveryState({ authorizationServerUrl: issuer, ...(c.resourceMetadataUrl ? { resourceMetadataUrl: c.resourceMetadataUrl.href } : {}), resourceMetadata: prm });
    }
    const kept = await session.tokens();
    if (kept?.refresh_token && !c.force) {
      try {
        await session.saveTokens(await refreshSignIn(issuer, clientId, kept.refresh_token, authFetch));
        return this.signedIn(false);
      } catch (e) {
        this.o.log(`Refreshing at ${issuer} failed (${(e as Error).message}); signing in with the password.`);
      }
    }
    const ask = this.o.credentials;
    const creds = ask ? await ask({ issuer }) : undefined;
    if (!creds) throw new SignInError(`"${session.connection}" signs in with a Cognito username and password, and none was given.`, 'Choose "Sign In" on the connection to enter them.');
    try {
      await session.saveTokens(await passwordSignIn(issuer, clientId, creds, authFetch));
    } catch (e) {
      if ((e as { wrongCredentials?: boolean }).wrongCredentials) await this.o.forgetCredentials?.();
      throw e;
    }
    this.signedIn(true);
  }

  private signedIn(fresh: boolean): void {
    const r = this.o.session.snapshot();
    this.o.onChange?.();
    const expiry = r?.expiresAt ? `; it expires at ${new Date(r.expiresAt).toISOString()}` : '';
    this.o.log(fresh ? `Signed in${r?.account ? ` as ${r.account}` : ''}${expiry}.` : `Refreshed the access token${r?.account ? ` of ${r.account}` : ''}${expiry}.`);
  }

  /** Refreshes a token that expires within the margin; a failure leaves it to the 401 path. */
  private async fresh(): Promise<void> {
    const { expiresAt, obtainedAt } = await this.o.session.lifetime();
    if (expiresAt === undefined) return;
    const margin = obtainedAt ? Math.min(REFRESH_MARGIN_MS, (expiresAt - obtainedAt) / 4) : REFRESH_MARGIN_MS;
    if (expiresAt - Date.now() > margin) return;
    if (!(await this.o.session.tokens())?.refresh_token) return;
    try {
      await this.authorize();
    } catch (e) {
      this.o.log(`Refreshing the access token before it expires failed: ${(e as Error).message}`);
    }
  }

  readonly middleware: Middleware = next => async (url, init) => {
    const send = async () => {
      const token = (await this.o.session.tokens())?.access_token;
      if (!token) return next(url, init); // nobody signed in: the request goes as it is
      const headers = new Headers(init?.headers);
      headers.set('authorization', `Bearer ${token}`);
      return next(url, { ...init, headers });
    };
    await this.fresh();
    let response = await send();
    let signedIn = false;
    for (let stepUps = 0; ;) {
      // A 401 that does not ask for a Bearer token (an API key, Basic) is not ours to answer with a sign-in.
      if (response.status === 401 && !signedIn && /\bbearer\b/i.test(response.headers.get('www-authenticate') ?? '')) {
        const { resourceMetadataUrl, scope } = extractWWWAuthenticateParams(response);
        await response.body?.cancel().catch(() => undefined);
        await this.authorize({ ...(resourceMetadataUrl ? { resourceMetadataUrl } : {}), ...(scope ? { scope } : {}) });
        signedIn = true;
      } else if (response.status === 403 && stepUps < MAX_STEP_UPS) {
        const challenge = extractWWWAuthenticateParams(response);
        if (challenge.error !== 'insufficient_scope') return response;
        await response.body?.cancel().catch(() => undefined);
        const held = (await this.o.session.tokens())?.scope;
        const wanted = computeScopeUnion(this.scope, held, challenge.scope);
        this.o.log(`The server asks for more scope${challenge.scope ? ` (${challenge.scope})` : ''}; signing in again for: ${wanted ?? '(none named)'}.`);
        await this.authorize({
          ...(challenge.resourceMetadataUrl ? { resourceMetadataUrl: challenge.resourceMetadataUrl } : {}),
          ...(wanted ? { scope: wanted } : {}), force: isStrictScopeSuperset(wanted, held),
        });
        stepUps++;
      } else {
        return response;
      }
      response = await send();
    }
  };
}
