// The emulator's Cognito-like authorization server over real HTTP: the hosted UI's code + PKCE flow with
// plain fetch, the token endpoint's grants and refusals, the InitiateAuth JSON API, and the access tokens
// it issues getting through the JWT gate of a runtime (and stopping once they expire).
import * as assert from 'node:assert';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { DEFAULT_APP_CLIENT, DEFAULT_CLIENT_ID } from '../../src/emulator';
import type { AppClientOptions } from '../../src/emulator';
import { Rig, bearerFetch, eventually, initializeBody, post, sleep, startRig } from './emulatorHarness';

const CALLBACK = 'http://127.0.0.1:33419/callback';
const M2M: AppClientOptions = {
  clientId: 'm2m-client', clientSecret: 'm2m-secret', callbackUrls: [], allowedOAuthFlows: ['client_credentials'],
  scopes: ['travel/invoke', 'travel/admin'],
};
const WEB: AppClientOptions = {
  clientId: 'web-client', clientSecret: 'web-secret', callbackUrls: [CALLBACK], scopes: ['openid'], explicitAuthFlows: ['USER_PASSWORD_AUTH'],
};
const NO_PASSWORD_FLOW: AppClientOptions = { clientId: 'hosted-ui-only', callbackUrls: [CALLBACK] };

type Json = Record<string, unknown>;
const claimsOf = (jwt: string): Json => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as Json;
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The hidden inputs of the sign-in form, as a browser would submit them. */
function hiddenFields(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    out[m[1]] = m[2].replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
  }
  return out;
}

describe('emulator: Cognito-like authorization server', () => {
  let rig: Rig;
  let runtimeUrl: string;
  before(async () => {
    rig = await startRig({ auth: 'jwt', allowedClients: [DEFAULT_CLIENT_ID, 'm2m-client', 'web-client'] },
      { appClients: [DEFAULT_APP_CLIENT, M2M, WEB, NO_PASSWORD_FLOW] });
    runtimeUrl = rig.emu.invocationsUrl('travel');
  });
  after(() => rig.close());

  const authorizeUrl = (params: Record<string, string>) => `${rig.emu.issuer}/oauth2/authorize?${new URLSearchParams(params).toString()}`;
  const form = (body: Record<string, string>, headers: Record<string, string> = {}) =>
    ({
      method: 'POST', redirect: 'manual' as const, body: new URLSearchParams(body).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
  const token = async (body: Record<string, string>, headers: Record<string, string> = {}) => {
    const res = await fetch(`${rig.emu.issuer}/oauth2/token`, form(body, headers));
    return { status: res.status, body: (await res.json()) as Json };
  };
  const cognito = async (op: string, input: Json) => {
    const res = await fetch(`${rig.emu.url}/`, {
      method: 'POST', body: JSON.stringify(input),
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${op}` },
    });
    return { status: res.status, type: res.headers.get('x-amzn-errortype'), body: (await res.json()) as Json };
  };
  const runtimeStatus = async (accessToken: string) => (await post(bearerFetch(accessToken), runtimeUrl, initializeBody())).status;

  /** GET the hosted UI, then POST its form as a browser would; returns the answer to the POST. */
  async function submitLogin(username: string, password: string, params: Record<string, string>): Promise<Response> {
    const page = await fetch(authorizeUrl(params));
    assert.strictEqual(page.status, 200);
    const html = await page.text();
    return fetch(`${rig.emu.issuer}/oauth2/authorize`, form({ ...hiddenFields(html), username, password }));
  }

  async function codeFor(clientId = DEFAULT_CLIENT_ID): Promise<{ code: string; verifier: string }> {
    const { verifier, challenge } = pkce();
    const res = await submitLogin('tester', 'Passw0rd!', {
      response_type: 'code', client_id: clientId, redirect_uri: CALLBACK, code_challenge: challenge, code_challenge_method: 'S256', state: 's1',
    });
    assert.strictEqual(res.status, 302);
    const code = new URL(res.headers.get('location')!).searchParams.get('code');
    assert.ok(code);
    return { code, verifier };
  }

  it('publishes Cognito-style discovery without dynamic client registration', async () => {
    const d = (await (await fetch(`${rig.emu.issuer}/.well-known/openid-configuration`)).json()) as Json;
    assert.strictEqual(d.issuer, rig.emu.url);
    assert.strictEqual(d.authorization_endpoint, `${rig.emu.url}/oauth2/authorize`);
    assert.strictEqual(d.token_endpoint, `${rig.emu.url}/oauth2/token`);
    assert.strictEqual(d.registration_endpoint, undefined);
    assert.deepStrictEqual(d.code_challenge_methods_supported, ['S256']);
    assert.deepStrictEqual(d.token_endpoint_auth_methods_supported, ['client_secret_basic', 'client_secret_post']);
  });

  it('signs in with authorization code + PKCE, and the access token opens the JWT runtime', async () => {
    const { verifier, challenge } = pkce();
    const params = {
      response_type: 'code', client_id: DEFAULT_CLIENT_ID, redirect_uri: CALLBACK, scope: 'openid email',
      code_challenge: challenge, code_challenge_method: 'S256', state: 'xyz&1', resource: runtimeUrl,
    };
    const page = await fetch(authorizeUrl(params));
    const html = await page.text();
    assert.strictEqual(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(html, /<title>Sign in<\/title>/);
    assert.match(html, /<input type="text" id="username" name="username"/);
    assert.match(html, /<input type="password" id="password" name="password"/);
    assert.match(html, /<button type="submit"[^>]*>Sign in<\/button>/);
    assert.ok(html.includes(DEFAULT_CLIENT_ID));
    assert.doesNotMatch(html, /(src|href)="https?:/);

    const login = await fetch(`${rig.emu.issuer}/oauth2/authorize`, form({ ...hiddenFields(html), username: 'tester', password: 'Passw0rd!' }));
    assert.strictEqual(login.status, 302);
    const back = new URL(login.headers.get('location')!);
    assert.strictEqual(`${back.origin}${back.pathname}`, CALLBACK);
    assert.strictEqual(back.searchParams.get('state'), 'xyz&1');
    const code = back.searchParams.get('code')!;

    const t = await token({
      grant_type: 'authorization_code', client_id: DEFAULT_CLIENT_ID, code, redirect_uri: CALLBACK, code_verifier: verifier, resource: runtimeUrl,
    });
    assert.strictEqual(t.status, 200, JSON.stringify(t.body));
    assert.strictEqual(t.body.token_type, 'Bearer');
    assert.strictEqual(t.body.expires_in, 3600);
    assert.strictEqual(typeof t.body.refresh_token, 'string');
    const access = claimsOf(t.body.access_token as string);
    assert.strictEqual(access.aud, undefined);
    assert.deepStrictEqual([access.client_id, access.username, access.token_use, access.scope, access.iss],
      [DEFAULT_CLIENT_ID, 'tester', 'access', 'openid email', rig.emu.issuer]);
    assert.match(String(access.sub), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.strictEqual((access.exp as number) - (access.iat as number), 3600);
    const id = claimsOf(t.body.id_token as string);
    assert.deepStrictEqual([id.aud, id.email, id['cognito:username'], id.token_use, id.sub], [DEFAULT_CLIENT_ID, 'tester@example.com', 'tester', 'id', access.sub]);
    assert.strictEqual(await runtimeStatus(t.body.access_token as string), 200);
  });

  it('shows the page again with "Incorrect username or password." for a wrong password or user', async () => {
    const { challenge } = pkce();
    const params = { response_type: 'code', client_id: DEFAULT_CLIENT_ID, redirect_uri: CALLBACK, code_challenge: challenge, code_challenge_method: 'S256' };
    for (const [user, password] of [['tester', 'wrong'], ['nobody', 'Passw0rd!']]) {
      const res = await submitLogin(user, password, params);
      assert.strictEqual(res.status, 200);
      assert.strictEqual(res.headers.get('location'), null);
      const html = await res.text();
      assert.ok(html.includes('Incorrect username or password.'));
      assert.strictEqual(hiddenFields(html).code_challenge, challenge);
    }
  });

  it('shows an error page, and does not redirect, for an unregistered redirect_uri or an unknown client', async () => {
    const { challenge } = pkce();
    const base = { response_type: 'code', client_id: DEFAULT_CLIENT_ID, redirect_uri: CALLBACK, code_challenge: challenge, code_challenge_method: 'S256' };
    for (const bad of [{ redirect_uri: 'http://127.0.0.1:33419/callback/' }, { redirect_uri: 'http://evil.example/cb' }, { client_id: 'nobody' }]) {
      const res = await fetch(authorizeUrl({ ...base, ...bad }), { redirect: 'manual' });
      assert.strictEqual(res.status, 400);
      assert.strictEqual(res.headers.get('location'), null);
      assert.match(await res.text(), /An error was encountered/);
    }
  });

  it('sends invalid_scope and a missing PKCE challenge back to the client with the state', async () => {
    const { challenge } = pkce();
    const base = {
      response_type: 'code', client_id: DEFAULT_CLIENT_ID, redirect_uri: CALLBACK, state: 'st', code_challenge: challenge, code_challenge_method: 'S256',
    };
    const scope = await fetch(authorizeUrl({ ...base, scope: 'openid travel/admin' }), { redirect: 'manual' });
    assert.strictEqual(scope.status, 302);
    const loc = new URL(scope.headers.get('location')!);
    assert.deepStrictEqual([loc.searchParams.get('error'), loc.searchParams.get('state')], ['invalid_scope', 'st']);
    const plain = await fetch(authorizeUrl({ ...base, code_challenge_method: 'plain' }), { redirect: 'manual' });
    assert.strictEqual(new URL(plain.headers.get('location')!).searchParams.get('error'), 'invalid_request');
  });

  it('refuses a wrong PKCE verifier with invalid_grant, and the code is then spent', async () => {
    const { code, verifier } = await codeFor();
    const wrong = await token({ grant_type: 'authorization_code', client_id: DEFAULT_CLIENT_ID, code, redirect_uri: CALLBACK, code_verifier: pkce().verifier });
    assert.deepStrictEqual([wrong.status, wrong.body.error], [400, 'invalid_grant']);
    const again = await token({ grant_type: 'authorization_code', client_id: DEFAULT_CLIENT_ID, code, redirect_uri: CALLBACK, code_verifier: verifier });
    assert.deepStrictEqual([again.status, again.body.error], [400, 'invalid_grant']);
  });

  it('refuses a code used twice, and revokes the refresh token the first use got', async () => {
    const { code, verifier } = await codeFor();
    const req = { grant_type: 'authorization_code', client_id: DEFAULT_CLIENT_ID, code, redirect_uri: CALLBACK, code_verifier: verifier };
    const first = await token(req);
    assert.strictEqual(first.status, 200);
    const second = await token(req);
    assert.deepStrictEqual([second.status, second.body.error], [400, 'invalid_grant']);
    const refresh = await token({ grant_type: 'refresh_token', client_id: DEFAULT_CLIENT_ID, refresh_token: first.body.refresh_token as string });
    assert.deepStrictEqual([refresh.status, refresh.body.error], [400, 'invalid_grant']);
  });

  it('refreshes with the refresh token (no new refresh token) until it is revoked', async () => {
    const { code, verifier } = await codeFor();
    const first = await token({ grant_type: 'authorization_code', client_id: DEFAULT_CLIENT_ID, code, redirect_uri: CALLBACK, code_verifier: verifier });
    const refreshToken = first.body.refresh_token as string;
    const r = await token({ grant_type: 'refresh_token', client_id: DEFAULT_CLIENT_ID, refresh_token: refreshToken });
    assert.strictEqual(r.status, 200);
    assert.strictEqual(r.body.refresh_token, undefined);
    assert.notStrictEqual(r.body.access_token, first.body.access_token);
    assert.strictEqual(claimsOf(r.body.id_token as string).token_use, 'id');
    assert.strictEqual(await runtimeStatus(r.body.access_token as string), 200);
    const other = await token({ grant_type: 'refresh_token', client_id: 'hosted-ui-only', refresh_token: refreshToken });
    assert.deepStrictEqual([other.status, other.body.error], [400, 'invalid_grant']);
    assert.ok(rig.emu.revokeRefreshTokens('tester') >= 1);
    const revoked = await token({ grant_type: 'refresh_token', client_id: DEFAULT_CLIENT_ID, refresh_token: refreshToken });
    assert.deepStrictEqual([revoked.status, revoked.body.error], [400, 'invalid_grant']);
  });

  it('requires a confidential client to authenticate on the code exchange', async () => {
    const { code, verifier } = await codeFor('web-client');
    const req = { grant_type: 'authorization_code', client_id: 'web-client', code, redirect_uri: CALLBACK, code_verifier: verifier };
    const bare = await token(req);
    assert.deepStrictEqual([bare.status, bare.body.error], [400, 'invalid_client']);
    const ok = await token(req, { authorization: basic('web-client', 'web-secret') });
    assert.strictEqual(ok.status, 200, JSON.stringify(ok.body));
  });

  it('issues client_credentials tokens to a confidential client (Basic or post) and refuses a wrong secret', async () => {
    const viaBasic = await token({ grant_type: 'client_credentials', scope: 'travel/invoke' }, { authorization: basic('m2m-client', 'm2m-secret') });
    assert.strictEqual(viaBasic.status, 200, JSON.stringify(viaBasic.body));
    assert.deepStrictEqual(Object.keys(viaBasic.body).sort(), ['access_token', 'expires_in', 'token_type']);
    const claims = claimsOf(viaBasic.body.access_token as string);
    assert.deepStrictEqual([claims.sub, claims.client_id, claims.scope, claims.token_use, claims.username, claims.aud],
      ['m2m-client', 'm2m-client', 'travel/invoke', 'access', undefined, undefined]);
    assert.strictEqual(await runtimeStatus(viaBasic.body.access_token as string), 200);
    const viaPost = await token({ grant_type: 'client_credentials', client_id: 'm2m-client', client_secret: 'm2m-secret' });
    assert.strictEqual(claimsOf(viaPost.body.access_token as string).scope, 'travel/invoke travel/admin');
    const wrong = await token({ grant_type: 'client_credentials' }, { authorization: basic('m2m-client', 'nope') });
    assert.deepStrictEqual([wrong.status, wrong.body.error], [400, 'invalid_client']);
    const publicClient = await token({ grant_type: 'client_credentials', client_id: DEFAULT_CLIENT_ID });
    assert.deepStrictEqual([publicClient.status, publicClient.body.error], [400, 'unauthorized_client']);
  });

  it('answers InitiateAuth USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH as Cognito', async () => {
    const ok = await cognito('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH', ClientId: DEFAULT_CLIENT_ID, AuthParameters: { USERNAME: 'tester', PASSWORD: 'Passw0rd!' },
    });
    assert.strictEqual(ok.status, 200, JSON.stringify(ok.body));
    const result = ok.body.AuthenticationResult as Json;
    assert.deepStrictEqual([result.TokenType, result.ExpiresIn, ok.body.ChallengeParameters], ['Bearer', 3600, {}]);
    assert.strictEqual(claimsOf(result.AccessToken as string).scope, 'aws.cognito.signin.user.admin');
    assert.strictEqual(claimsOf(result.IdToken as string).aud, DEFAULT_CLIENT_ID);
    assert.strictEqual(await runtimeStatus(result.AccessToken as string), 200);

    const refreshed = await cognito('InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: DEFAULT_CLIENT_ID, AuthParameters: { REFRESH_TOKEN: result.RefreshToken },
    });
    const again = refreshed.body.AuthenticationResult as Json;
    assert.strictEqual(refreshed.status, 200);
    assert.strictEqual(again.RefreshToken, undefined);
    assert.strictEqual(await runtimeStatus(again.AccessToken as string), 200);
  });

  it('answers InitiateAuth errors with Cognito exceptions, never revealing whether a user exists', async () => {
    const incorrect = { status: 400, type: 'NotAuthorizedException', body: { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' } };
    const params = (USERNAME: string, PASSWORD: string) => ({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: DEFAULT_CLIENT_ID, AuthParameters: { USERNAME, PASSWORD } });
    assert.deepStrictEqual(await cognito('InitiateAuth', params('tester', 'wrong')), incorrect);
    assert.deepStrictEqual(await cognito('InitiateAuth', params('nobody', 'Passw0rd!')), incorrect);
    const notEnabled = await cognito('InitiateAuth', { ...params('tester', 'Passw0rd!'), ClientId: 'hosted-ui-only' });
    assert.deepStrictEqual(notEnabled, {
      status: 400, type: 'InvalidParameterException',
      body: { __type: 'InvalidParameterException', message: 'USER_PASSWORD_AUTH flow not enabled for this client' },
    });
    const unknown = await cognito('InitiateAuth', { ...params('tester', 'Passw0rd!'), ClientId: 'nobody' });
    assert.deepStrictEqual([unknown.status, unknown.type], [400, 'ResourceNotFoundException']);
    const badRefresh = await cognito('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: DEFAULT_CLIENT_ID, AuthParameters: { REFRESH_TOKEN: 'nope' } });
    assert.deepStrictEqual([badRefresh.status, badRefresh.type], [400, 'NotAuthorizedException']);
  });

  it('requires SECRET_HASH from a client with a secret', async () => {
    const auth = (extra: Record<string, string>) => cognito('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'web-client',
      AuthParameters: { USERNAME: 'tester', PASSWORD: 'Passw0rd!', ...extra } });
    const missing = await auth({});
    assert.deepStrictEqual(missing.body, { __type: 'NotAuthorizedException', message: 'Unable to verify secret hash for client web-client' });
    const hash = createHmac('sha256', 'web-secret').update('testerweb-client').digest('base64');
    assert.strictEqual((await auth({ SECRET_HASH: hash })).status, 200);
  });

  it("signs the MCP SDK's OAuth client in through the hosted UI, and its session reaches the upstream", async () => {
    let verifier = '';
    let saved: OAuthTokens | undefined;
    let callback: URL | undefined;
    const provider: OAuthClientProvider = {
      redirectUrl: CALLBACK,
      clientMetadata: { redirect_uris: [CALLBACK], client_name: 'emulator test', scope: 'openid email profile' },
      clientInformation: () => ({ client_id: DEFAULT_CLIENT_ID }),
      tokens: () => saved,
      saveTokens: t => { saved = t; },
      saveCodeVerifier: v => { verifier = v; },
      codeVerifier: () => verifier,
      // The browser's part: open the page, fill in the form, follow nothing but read where it would go.
      redirectToAuthorization: async url => {
        const html = await (await fetch(url)).text();
        const res = await fetch(`${rig.emu.issuer}/oauth2/authorize`, form({ ...hiddenFields(html), username: 'tester', password: 'Passw0rd!' }));
        callback = new URL(res.headers.get('location')!);
      },
    };
    const first = new StreamableHTTPClientTransport(new URL(runtimeUrl), { authProvider: provider });
    await assert.rejects(new Client({ name: 'oauth-test', version: '1' }).connect(first), UnauthorizedError);
    const code = callback?.searchParams.get('code');
    assert.ok(code, String(callback));
    await first.finishAuth(code);
    assert.strictEqual(claimsOf(saved!.access_token).client_id, DEFAULT_CLIENT_ID);
    const client = new Client({ name: 'oauth-test', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(runtimeUrl), { authProvider: provider }));
    try {
      const echo = await client.callTool({ name: 'echo', arguments: { text: 'signed in' } });
      assert.deepStrictEqual(echo.content, [{ type: 'text', text: 'signed in' }]);
    } finally {
      await client.close();
    }
  });

  it('leaves the other routes alone and logs why without secrets', async () => {
    const plain = await fetch(`${rig.emu.url}/`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/x-amz-json-1.1' } });
    assert.deepStrictEqual([plain.status, plain.headers.get('x-amzn-errortype')], [404, 'UnknownOperationException']);
    const logged = JSON.stringify(rig.emu.log);
    for (const secret of ['Passw0rd!', 'm2m-secret', 'web-secret', 'code=', 'eyJ']) assert.ok(!logged.includes(secret), `the log holds ${secret}`);
    assert.ok(rig.emu.log.some(l => l.fault === 'invalid_grant' && /code_verifier does not match/.test(l.detail ?? '')));
    assert.ok(rig.emu.log.some(l => l.fault === 'NotAuthorizedException' && /username "nobody"/.test(l.detail ?? '')));
  });
});

describe('emulator: access token lifetime', () => {
  let rig: Rig;
  before(async () => { rig = await startRig({ auth: 'jwt', allowedClients: [DEFAULT_CLIENT_ID] }, { accessTokenTtlSeconds: 1 }); });
  after(() => rig.close());

  it('lets a short-lived access token through, then 401 once it expires, until a refresh', async () => {
    const initiate = (AuthFlow: string, AuthParameters: Record<string, string>) => fetch(`${rig.emu.url}/`, {
      method: 'POST', body: JSON.stringify({ AuthFlow, ClientId: DEFAULT_CLIENT_ID, AuthParameters }),
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    }).then(async r => ((await r.json()) as { AuthenticationResult: { AccessToken: string; RefreshToken?: string; ExpiresIn: number } }).AuthenticationResult);
    const url = rig.emu.invocationsUrl('travel');
    const first = await initiate('USER_PASSWORD_AUTH', { USERNAME: 'tester', PASSWORD: 'Passw0rd!' });
    assert.strictEqual(first.ExpiresIn, 1);
    assert.strictEqual((await post(bearerFetch(first.AccessToken), url, initializeBody())).status, 200);
    const claims = claimsOf(first.AccessToken);
    assert.strictEqual((claims.exp as number) - (claims.iat as number), 1);
    await sleep((claims.exp as number) * 1000 - Date.now() + 20);
    const expired = await post(bearerFetch(first.AccessToken), url, initializeBody());
    assert.strictEqual(expired.status, 401);
    await eventually(() => rig.emu.log.some(l => l.detail === 'Token has expired'), 2000, 'the expiry in the log');
    const fresh = await initiate('REFRESH_TOKEN_AUTH', { REFRESH_TOKEN: first.RefreshToken! });
    assert.strictEqual((await post(bearerFetch(fresh.AccessToken), url, initializeBody())).status, 200);
  });
});
