// The parts of signing in that are ours (the SDK's auth() does the protocol, and the conformance suite
// checks it): the loopback listener that takes the browser back, records bound to the server they were
// obtained for, the command line's token file, and the settings and flags that configure a client.
import * as assert from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LoopbackRedirects } from '../../src/core/auth/loopback';
import { SignInError } from '../../src/core/auth/provider';
import { withinOrigin } from '../../src/core/auth/redirects';
import { McpConnection } from '../../src/core/connections/connection';
import { recordingHost } from './helpers';
import { accountOf, boundRecord, MemoryOAuthStore } from '../../src/core/auth/record';
import { parseConnection } from '../../src/core/connections/config';
import { FileOAuthStore } from '../../src/cli/oauthStore';
import { connectionFromOptions } from '../../src/cli/connection';
import { connectionOptions, parse } from '../../src/cli/args';

const jwt = (claims: Record<string, unknown>) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

describe('OAuth: loopback redirects', () => {
  let loopback: LoopbackRedirects;
  beforeEach(() => { loopback = new LoopbackRedirects(0); });
  afterEach(() => loopback.close());

  it('hands the redirect to the sign-in whose state it carries, on 127.0.0.1', async () => {
    await loopback.open();
    assert.match(loopback.uri, /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const waiting = loopback.wait('state-1');
    const page = await fetch(`${loopback.uri}?code=abc&state=state-1&iss=${encodeURIComponent('https://as.example')}`);
    assert.strictEqual(page.status, 200);
    assert.match(await page.text(), /Signed in/);
    const params = await waiting;
    assert.deepStrictEqual([params.get('code'), params.get('iss')], ['abc', 'https://as.example']);
  });

  it('refuses a redirect whose state nobody waits for, and the waiting sign-in does not take it', async () => {
    const waiting = loopback.wait('mine', undefined, 2_000);
    await loopback.open();
    const forged = await fetch(`${loopback.uri}?code=stolen&state=someone-else`);
    assert.strictEqual(forged.status, 400);
    assert.match(await forged.text(), /state does not match/);
    const other = await fetch(loopback.uri.replace('/callback', '/elsewhere'));
    assert.strictEqual(other.status, 404);
    await fetch(`${loopback.uri}?code=right&state=mine`);
    assert.strictEqual((await waiting).get('code'), 'right');
  });

  it('shows the authorization server\'s error on the page, escaped, and still ends the wait', async () => {
    const waiting = loopback.wait('s');
    await loopback.open();
    const page = await fetch(`${loopback.uri}?state=s&error=access_denied&error_description=${encodeURIComponent('<b>no</b>')}`);
    const html = await page.text();
    assert.ok(html.includes('access_denied') && html.includes('&#60;b&#62;no') && !html.includes('<b>no</b>'), html);
    assert.strictEqual((await waiting).get('error'), 'access_denied');
  });

  it('gives up when cancelled or after its timeout, and closes when idle', async () => {
    const abort = new AbortController();
    const cancelled = loopback.wait('a', abort.signal);
    abort.abort();
    await assert.rejects(cancelled, /cancelled/);
    await assert.rejects(loopback.wait('b', undefined, 50), /No answer from the sign-in page within 0 s/);
    const uri = loopback.uri;
    await loopback.closeIfIdle();
    await assert.rejects(fetch(uri), /fetch failed/);
  });

  it('falls back to a free port when the preferred one is taken', async () => {
    await loopback.open();
    const taken = Number(new URL(loopback.uri).port);
    const second = new LoopbackRedirects(taken);
    try {
      await second.open();
      assert.notStrictEqual(Number(new URL(second.uri).port), taken);
    } finally {
      await second.close();
    }
  });
});

describe('OAuth: which 401 starts a sign-in', () => {
  it('a 401 that asks for an API key or Basic keeps its own explanation, with no sign-in attempted', async () => {
    for (const challenge of [undefined, 'Basic realm="api"']) {
      let requests = 0;
      const server = createServer((_req, res) => { requests++; res.writeHead(401, challenge ? { 'www-authenticate': challenge } : {}); res.end('{"error":"api key required"}'); });
      await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
      let asked = false;
      const conn = new McpConnection({ name: 'keyed', type: 'http', url, headers: {}, secretHeaders: [] },
        recordingHost({ oauth: { store: new MemoryOAuthStore(), signIn: async () => { asked = true; return false; } } }));
      try {
        const state = await conn.connect();
        assert.ok(state.kind === 'error' && !state.signIn, JSON.stringify(state));
        if (state.kind === 'error') assert.match(state.message, /requires authentication/);
        assert.strictEqual(asked, false);
        assert.ok(requests >= 1);
      } finally {
        conn.dispose();
        await new Promise(r => server.close(r));
      }
    }
  });
});

describe('OAuth: redirects of sign-in requests', () => {
  it('follows one within the origin, and refuses one to another host, which gets nothing', async () => {
    let elsewhere = 0;
    const other = createServer((_req, res) => { elsewhere++; res.end('{}'); });
    await new Promise<void>(r => other.listen(0, '127.0.0.1', r));
    const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    const server = createServer((req, res) => {
      if (req.url === '/moved') { res.writeHead(302, { location: '/here' }); res.end(); return; }
      if (req.url === '/here') { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"ok":true}'); return; }
      res.writeHead(307, { location: `${otherUrl}/token` }); // a token request sent on, body and all
      res.end();
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const f = withinOrigin(fetch);
      assert.deepStrictEqual(await (await f(`${url}/moved`)).json(), { ok: true });
      await assert.rejects(f(`${url}/token`, { method: 'POST', body: 'code=abc&code_verifier=secret' }),
        (e: Error) => e instanceof SignInError && e.message.includes(`${url} redirected a sign-in request to ${otherUrl}; refused`));
      assert.strictEqual(elsewhere, 0, 'the other host was never asked');
    } finally {
      await new Promise(r => server.close(r));
      await new Promise(r => other.close(r));
    }
  });
});

describe('OAuth: stored sign-ins', () => {
  it('uses a record only for the server it was obtained for', async () => {
    const store = new MemoryOAuthStore();
    await store.save('prod', 'https://a.example/mcp', { resource: 'https://a.example/mcp', tokens: { access_token: 'x', token_type: 'Bearer' } });
    const r = await store.load('prod', 'https://a.example/mcp');
    assert.ok(boundRecord(r, 'https://a.example/mcp'));
    assert.strictEqual(boundRecord(r, 'https://evil.example/mcp'), undefined);
    assert.strictEqual(await store.load('prod', 'https://evil.example/mcp'), undefined);
  });

  it('names who signed in from the ID token, then the access token, never verifying (display only)', () => {
    assert.strictEqual(accountOf({ access_token: jwt({ sub: 'u-1' }), id_token: jwt({ email: 'a@example.com' }), token_type: 'Bearer' }), 'a@example.com');
    assert.strictEqual(accountOf({ access_token: jwt({ username: 'tester', sub: 'u-1' }), token_type: 'Bearer' }), 'tester');
    assert.strictEqual(accountOf({ access_token: 'opaque-token', token_type: 'Bearer' }), undefined);
  });

  it('keeps the command line\'s tokens in a file only its user can read, keyed by server', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oauth-store-'));
    try {
      const store = new FileOAuthStore(join(dir, 'nested', 'oauth.json'));
      await store.save('server', 'https://a.example/mcp', { resource: 'https://a.example/mcp', tokens: { access_token: 'secret-a', token_type: 'Bearer' } });
      await store.save('server', 'https://b.example/mcp', { resource: 'https://b.example/mcp', tokens: { access_token: 'secret-b', token_type: 'Bearer' } });
      if (process.platform !== 'win32') {
        assert.strictEqual(statSync(store.file).mode & 0o777, 0o600);
        assert.strictEqual(statSync(join(dir, 'nested')).mode & 0o777, 0o700);
      }
      assert.strictEqual((await store.load('server', 'https://a.example/mcp'))?.tokens?.access_token, 'secret-a');
      await store.save('server', 'https://a.example/mcp', undefined);
      assert.strictEqual(await store.load('server', 'https://a.example/mcp'), undefined);
      assert.deepStrictEqual(Object.keys(JSON.parse(readFileSync(store.file, 'utf8')).records), ['https://b.example/mcp']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('OAuth: settings and flags', () => {
  const http = (oauth: unknown) => parseConnection({ name: 'api', type: 'http', url: 'https://api.example.com/mcp', oauth });

  it('reads a pre-registered client, scopes and the grant', () => {
    assert.deepStrictEqual(http({ clientId: 'abc', scope: 'mcp:read', grant: 'client_credentials' }),
      { config: { name: 'api', type: 'http', url: 'https://api.example.com/mcp', headers: {}, secretHeaders: [], oauth: { clientId: 'abc', scope: 'mcp:read', grant: 'client_credentials' } } });
  });

  it('refuses a client secret in settings, a machine client without an id, and a metadata URL that is not https', () => {
    const problem = (o: unknown) => { const r = http(o); return 'problem' in r ? r.problem : ''; };
    assert.match(problem({ clientId: 'abc', clientSecret: 's3cret' }), /does not belong in settings.*secret storage/);
    assert.match(problem({ grant: 'client_credentials' }), /needs "oauth.clientId"/);
    assert.match(problem({ grant: 'implicit' }), /"oauth.grant" must be/);
    assert.match(problem({ clientMetadataUrl: 'http://example.com/client.json' }), /https URL with a path/);
    assert.match(problem('yes'), /"oauth" must be an object/);
  });

  it('gives --client-id, --client-secret-env and --scope to HTTP servers (and JWT runtimes), never to stdio', () => {
    const cli = (...argv: string[]) => connectionFromOptions(parse('tools', argv, connectionOptions), 'tools');
    const c = cli('--url', 'https://api.example.com/mcp', '--client-id', 'abc', '--client-secret-env', 'MY_SECRET', '--scope', 'mcp:read');
    assert.deepStrictEqual(c.config.type === 'http' && c.config.oauth, { clientId: 'abc', scope: 'mcp:read' });
    assert.strictEqual(c.secrets.clientSecretEnv, 'MY_SECRET');
    assert.throws(() => cli('--stdio', 'node x.js', '--client-id', 'abc'), /apply to HTTP servers/);
    assert.throws(() => cli('--url', 'https://api.example.com/mcp', '--client-secret-env', 'MY_SECRET'), /needs --client-id/);
    assert.throws(() => cli('--url', 'https://api.example.com/mcp', '--client-id', 'a', '--client-secret-env', 'abc-123'), /name of an environment variable/);
  });
});
