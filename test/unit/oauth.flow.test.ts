// Signing in end to end in plain Node: the engine (McpConnection) against a JWT runtime of the emulator,
// whose Cognito-like authorization server has a login form, PKCE, refresh and no dynamic registration. The
// "browser" is scripted: it submits the login form as a person would and follows the redirect to the
// engine's loopback listener. Also the command line's login, then a command that uses the kept tokens.
import * as assert from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { invocationsUrl } from '../../src/core/agentcore/arn';
import { LoopbackRedirects } from '../../src/core/auth/loopback';
import type { SignInRequest } from '../../src/core/auth/provider';
import { MemoryOAuthStore } from '../../src/core/auth/record';
import { McpConnection } from '../../src/core/connections/connection';
import type { AgentCoreConfig } from '../../src/core/connections/config';
import { listTools } from '../../src/core/operations';
import { DEFAULT_CLIENT_ID } from '../../src/emulator/jwt';
import { startRig, type Rig } from './emulatorHarness';
import { runCli } from './cli.harness.test';
import { recordingHost } from './helpers';

/** Submits the emulator's login form for the authorization request in `url`; returns where it redirects. */
async function submitLogin(url: string, username: string, password: string): Promise<string | undefined> {
  const page = await fetch(url);
  assert.strictEqual(page.status, 200, await page.text());
  const form = new URLSearchParams(new URL(url).searchParams);
  form.set('username', username);
  form.set('password', password);
  const posted = await fetch(new URL(url).origin + new URL(url).pathname, { method: 'POST', body: form, redirect: 'manual' });
  await posted.body?.cancel();
  return posted.headers.get('location') ?? undefined;
}

/** A person who signs in with these credentials: submits the form, and the browser follows the redirect. */
const person = (username: string, password: string, seen: SignInRequest[] = []) => async (r: SignInRequest): Promise<boolean> => {
  seen.push(r);
  const back = await submitLogin(r.url.href, username, password);
  if (!back) throw new Error('the login page did not redirect');
  await (await fetch(back)).body?.cancel();
  return true;
};

describe('OAuth: signing in to a JWT runtime (emulator, Cognito-like)', function () {
  this.timeout(30_000);
  let rig: Rig;
  let loopback: LoopbackRedirects;
  const config = (): AgentCoreConfig => ({
    name: 'jwt-travel', type: 'agentcore', arn: rig.emu.arnOf('travel'), qualifier: 'DEFAULT', endpoint: rig.emu.url, auth: 'bearer', oauth: { clientId: DEFAULT_CLIENT_ID },
  });

  before(async () => {
    // A port of our own, kept across sign-ins (the listener closes between them): Cognito wants the exact URI.
    const probe = new LoopbackRedirects(0);
    await probe.open();
    const port = Number(new URL(probe.uri).port);
    await probe.close();
    loopback = new LoopbackRedirects(port);
    await loopback.open();
    rig = await startRig({ auth: 'jwt', allowedClients: [DEFAULT_CLIENT_ID] }, {
      accessTokenTtlSeconds: 2,
      appClients: [{ clientId: DEFAULT_CLIENT_ID, callbackUrls: [loopback.uri], allowedOAuthFlows: ['code'], scopes: ['openid', 'email', 'profile'] }],
    });
  });
  after(async () => { await rig?.close(); await loopback?.close(); });

  it('signs in through the runtime\'s 401 and metadata, calls, refreshes before expiry, and never shows a token', async () => {
    const seen: SignInRequest[] = [];
    const store = new MemoryOAuthStore();
    const host = recordingHost({ oauth: { store, loopback, signIn: person('tester', 'Passw0rd!', seen) } });
    const conn = new McpConnection(config(), host);
    try {
      const state = await conn.connect();
      assert.strictEqual(state.kind, 'running', JSON.stringify(state));
      assert.strictEqual(seen.length, 1, 'one sign-in for the era probe and initialize together');
      assert.strictEqual(seen[0].authorizationServer, rig.emu.issuer);
      const who = conn.signedIn();
      assert.strictEqual(who?.account, 'tester@example.com');
      assert.ok(who?.refreshable && who.expiresAt && who.expiresAt > Date.now());
      assert.deepStrictEqual((await listTools(conn)).map(t => t.name).sort(), ['ask', 'count', 'echo']);

      await new Promise(r => setTimeout(r, 1700)); // within a quarter of the 2 s life: refreshed before the call
      const before = who.expiresAt;
      assert.ok((await listTools(conn)).length);
      assert.ok(host.logs.some(l => /Refreshed the access token of tester@example\.com/.test(l.message)), host.logs.map(l => l.message).join('\n'));
      assert.ok((conn.signedIn()?.expiresAt ?? 0) > before);
      assert.strictEqual(seen.length, 1, 'a refresh opens no browser');

      const text = JSON.stringify([host.events, host.logs]);
      const kept = (await store.load('jwt-travel', invocationsUrl(config()).href))?.tokens;
      const tokens = [kept?.access_token, kept?.refresh_token, kept?.id_token].filter((t): t is string => !!t);
      assert.strictEqual(tokens.length, 3, 'access, refresh and ID token are kept');
      for (const t of tokens) assert.ok(!text.includes(t), 'a token appears in traffic or logs');
    } finally {
      await conn.disconnect();
      conn.dispose();
    }
  });

  it('a declined sign-in leaves the connection in an error that offers Sign In', async () => {
    const conn = new McpConnection(config(), recordingHost({ oauth: { store: new MemoryOAuthStore(), loopback, signIn: async () => false } }));
    try {
      const state = await conn.connect();
      assert.strictEqual(state.kind, 'error');
      if (state.kind !== 'error') return;
      assert.strictEqual(state.signIn, true);
      assert.match(state.message, /Sign-in to "jwt-travel" was declined/);
    } finally { conn.dispose(); }
  });

  it('without a way to sign in (a command other than login), says how to sign in first', async () => {
    const conn = new McpConnection(config(), recordingHost({ oauth: { store: new MemoryOAuthStore(), loopback } }));
    try {
      const state = await conn.connect();
      assert.ok(state.kind === 'error' && state.signIn, JSON.stringify(state));
      if (state.kind !== 'error') return;
      assert.match(state.message, /needs you to sign in at http:\/\/127\.0\.0\.1:\d+/);
      assert.match(state.nextStep ?? '', /agentcore-mcp login/);
    } finally { conn.dispose(); }
  });

  it('refuses a wrong password on the page, and the sign-in gives up when cancelled', async () => {
    let request: SignInRequest | undefined;
    const conn = new McpConnection(config(), recordingHost({
      oauth: {
        store: new MemoryOAuthStore(), loopback,
        signIn: async r => {
          request = r;
          assert.strictEqual(await submitLogin(r.url.href, 'tester', 'wrong'), undefined, 'a wrong password must not redirect');
          setTimeout(() => r.cancel(), 50); // the person gives up
          return true;
        },
      },
    }));
    try {
      const state = await conn.connect();
      assert.ok(request);
      assert.ok(state.kind === 'error' && state.signIn, JSON.stringify(state));
      if (state.kind === 'error') assert.match(state.message, /cancelled/i);
    } finally { conn.dispose(); }
  });
});


describe('OAuth: agentcore-mcp login, then a command with the kept tokens', function () {
  this.timeout(30_000);
  let rig: Rig;
  let dir: string;
  before(async () => {
    rig = await startRig({ auth: 'jwt', allowedClients: [DEFAULT_CLIENT_ID] });
    dir = mkdtempSync(join(tmpdir(), 'login-'));
  });
  after(async () => { await rig?.close(); rmSync(dir, { recursive: true, force: true }); });

  const env = () => ({ AGENTCORE_MCP_OAUTH_FILE: join(dir, 'oauth.json'), AGENTCORE_MCP_NO_BROWSER: '1' });
  const run = async (args: string[], onStderr?: (text: string) => void) => {
    const r = await runCli(args, { env: env(), ...(onStderr ? { onStderr: (text: string) => onStderr(text) } : {}) });
    return { code: r.code, out: r.stdout, err: r.stderr };
  };

  it('prints the page, comes back on loopback, keeps the tokens for the next command, and logs out', async () => {
    const target = ['--agentcore-arn', rig.emu.arnOf('travel'), '--endpoint', rig.emu.url, '--client-id', DEFAULT_CLIENT_ID];
    let signing: Promise<void> | undefined;
    const login = await run(['login', ...target], text => {
      const url = /^\s+(http:\/\/127\.0\.0\.1:\d+\/oauth2\/authorize\?\S+)$/m.exec(text)?.[1];
      if (url && !signing) signing = submitLogin(url, 'tester', 'Passw0rd!').then(async back => { assert.ok(back); await (await fetch(back)).body?.cancel(); });
    });
    await signing;
    assert.strictEqual(login.code, 0, login.err);
    assert.match(login.out, /Signed in as tester@example\.com at http:\/\/127\.0\.0\.1:\d+/);
    const tools = await run(['tools', ...target]);
    assert.strictEqual(tools.code, 0, tools.err);
    assert.match(tools.out, /echo/);
    // A scenario file's run uses the kept tokens too.
    const scenario = join(dir, 'jwt.mcp-scenario.json');
    writeFileSync(scenario, JSON.stringify({
      connection: { name: 'jwt', type: 'agentcore', arn: rig.emu.arnOf('travel'), endpoint: rig.emu.url, auth: 'bearer', oauth: { clientId: DEFAULT_CLIENT_ID } },
      steps: [{ call: 'echo', arguments: { text: 'signed in' }, expect: { contains: 'signed in' } }],
    }));
    const tested = await run(['test', scenario]);
    assert.strictEqual(tested.code, 0, tested.out + tested.err);
    const out = await run(['logout', ...target]);
    assert.match(out.out, /Signed out of .*tester@example\.com/);
    const after = await run(['tools', ...target]);
    assert.strictEqual(after.code, 1);
    assert.match(after.err, /needs you to sign in.*agentcore-mcp login/s);
  });

  it('a Cognito pool user signs in without a browser (--username, --password-env), and the password never shows', async () => {
    const target = ['--agentcore-arn', rig.emu.arnOf('travel'), '--endpoint', rig.emu.url, '--client-id', DEFAULT_CLIENT_ID, '--username', 'tester', '--password-env', 'POOL_PASSWORD'];
    const ok = await runCli(['tools', ...target, '--verbose', '--traffic'], { env: { ...env(), POOL_PASSWORD: 'Passw0rd!' } });
    assert.strictEqual(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /echo/);
    assert.match(ok.stderr, /Signed in as tester@example\.com/);
    assert.ok(!ok.stderr.includes('Passw0rd!'), 'the password shows on stderr');
    const wrong = await runCli(['tools', ...target.slice(0, 6), '--username', 'tester', '--password-env', 'POOL_PASSWORD'], { env: { ...env(), AGENTCORE_MCP_OAUTH_FILE: join(dir, 'other.json'), POOL_PASSWORD: 'nope' } });
    assert.strictEqual(wrong.code, 1);
    assert.match(wrong.stderr, /Cognito refused the sign-in \(NotAuthorizedException\)/);
  });
});
