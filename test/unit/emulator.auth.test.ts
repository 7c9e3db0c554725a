// The emulator's front door over real HTTP: SigV4 (signed by @smithy/signature-v4) and JWT runtimes, in
// front of a real stateful SDK server.
import * as assert from 'node:assert';
import { METHOD_MISMATCH, MISMATCH_MESSAGE } from '../../src/emulator';
import {
  CREDS, Rig, TEMP_CREDS, bearerFetch, bodyJson, connectClient, initializeBody, post, sigv4Fetch, startRig,
} from './emulatorHarness';

async function awsError(res: Response): Promise<{ status: number; type: string | null; message: string; wwwAuth: string | null }> {
  const body = (await res.json()) as { message: string };
  return { status: res.status, type: res.headers.get('x-amzn-errortype'), message: body.message, wwwAuth: res.headers.get('www-authenticate') };
}

describe('emulator: SigV4 runtimes', () => {
  let rig: Rig;
  let url: string;
  before(async () => { rig = await startRig(); url = rig.emu.invocationsUrl('travel'); });
  after(() => rig.close());
  afterEach(() => rig.emu.setCredentialExpired(TEMP_CREDS.accessKeyId, false));

  it('passes a signed session through end to end with the SDK client (initialize, tools, progress)', async () => {
    const { client, transport } = await connectClient(url, sigv4Fetch(CREDS));
    try {
      assert.strictEqual(client.getServerVersion()?.name, 'emulator-test-upstream');
      const sid = transport.sessionId;
      assert.ok(sid && rig.emu.sessions().some(s => s.id === sid && s.phase === 'active'));
      const echo = await client.callTool({ name: 'echo', arguments: { text: 'hi' } });
      assert.deepStrictEqual(echo.content, [{ type: 'text', text: 'hi' }]);
      const progress: number[] = [];
      const counted = await client.callTool({ name: 'count', arguments: { steps: 3 } }, undefined, { onprogress: p => progress.push(p.progress) });
      assert.deepStrictEqual(counted.content, [{ type: 'text', text: 'counted 3' }]);
      assert.deepStrictEqual(progress, [1, 2, 3]);
      await transport.terminateSession();
    } finally {
      await client.close();
    }
  });

  it('answers a wrong secret with the AWS mismatch message', async () => {
    const res = await post(sigv4Fetch({ ...CREDS, secretAccessKey: 'wrong' }), url, initializeBody());
    const e = await awsError(res);
    assert.strictEqual(e.status, 403);
    assert.strictEqual(e.type, 'InvalidSignatureException');
    assert.ok(e.message.startsWith(MISMATCH_MESSAGE), e.message);
  });

  it('answers a clock more than 5 minutes off with Signature expired / not yet current', async () => {
    const past = await awsError(await post(sigv4Fetch({ ...CREDS, signingDate: new Date(Date.now() - 6 * 60_000) }), url, initializeBody()));
    assert.strictEqual(past.status, 403);
    assert.strictEqual(past.type, 'InvalidSignatureException');
    assert.match(past.message, /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/);
    const future = await awsError(await post(sigv4Fetch({ ...CREDS, signingDate: new Date(Date.now() + 6 * 60_000) }), url, initializeBody()));
    assert.match(future.message, /^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 5 min\.\)$/);
  });

  it('refuses a signature scoped to another region', async () => {
    const e = await awsError(await post(sigv4Fetch({ ...CREDS, region: 'eu-west-1' }), url, initializeBody()));
    assert.deepStrictEqual([e.status, e.type, e.message], [403, 'InvalidSignatureException', "Credential should be scoped to a valid region, not 'eu-west-1'. "]);
  });

  it('answers no Authorization with 403 and no WWW-Authenticate', async () => {
    const e = await awsError(await post(fetch, url, initializeBody()));
    assert.deepStrictEqual(e, { status: 403, type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token', wwwAuth: null });
  });

  it('knows unknown keys and expired session tokens', async () => {
    const unknown = await awsError(await post(sigv4Fetch({ accessKeyId: 'AKIDNOBODY', secretAccessKey: 'x' }), url, initializeBody()));
    assert.deepStrictEqual([unknown.status, unknown.type, unknown.message], [403, 'UnrecognizedClientException', 'The security token included in the request is invalid.']);
    assert.strictEqual((await post(sigv4Fetch(TEMP_CREDS), url, initializeBody())).status, 200);
    rig.emu.setCredentialExpired(TEMP_CREDS.accessKeyId, true);
    const expired = await awsError(await post(sigv4Fetch(TEMP_CREDS), url, initializeBody()));
    assert.deepStrictEqual([expired.status, expired.type, expired.message], [403, 'ExpiredTokenException', 'The security token included in the request is expired']);
  });

  it('answers a bearer token on a SigV4 runtime with Authorization method mismatch', async () => {
    const e = await awsError(await post(bearerFetch(rig.emu.mintToken()), url, initializeBody()));
    assert.deepStrictEqual([e.status, e.type, e.message], [403, 'AccessDeniedException', METHOD_MISMATCH]);
  });

  it('logs each request with its status and the rule that answered', async () => {
    const seen = rig.emu.log.filter(l => l.fault === 'InvalidSignatureException');
    assert.ok(seen.length >= 3);
    assert.ok(seen.every(l => l.status === 403 && l.runtime === undefined && l.method === 'POST'));
  });
});

describe('emulator: JWT runtimes', () => {
  let rig: Rig;
  let url: string;
  before(async () => { rig = await startRig({ auth: 'jwt', allowedAudience: ['travel-api'], allowedClients: ['app-client'] }); url = rig.emu.invocationsUrl('travel'); });
  after(() => rig.close());

  const good = () => rig.emu.mintToken({ aud: 'travel-api', client_id: 'app-client' });

  it('serves discovery and JWKS, and accepts a minted token end to end', async () => {
    const discovery = (await (await fetch(`${rig.emu.issuer}/.well-known/openid-configuration`)).json()) as { issuer: string; jwks_uri: string };
    assert.strictEqual(discovery.issuer, rig.emu.url);
    const jwks = (await (await fetch(discovery.jwks_uri)).json()) as { keys: { kty: string; alg: string }[] };
    assert.deepStrictEqual(jwks.keys.map(k => [k.kty, k.alg]), [['RSA', 'RS256']]);
    const { client } = await connectClient(url, bearerFetch(good()));
    try {
      const echo = await client.callTool({ name: 'echo', arguments: { text: 'jwt' } });
      assert.deepStrictEqual(echo.content, [{ type: 'text', text: 'jwt' }]);
    } finally {
      await client.close();
    }
  });

  it('answers a missing token with 401 and WWW-Authenticate naming the protected-resource metadata', async () => {
    const res = await post(fetch, url, initializeBody());
    assert.strictEqual(res.status, 401);
    const expected = `${rig.emu.url}/runtimes/${encodeURIComponent(rig.emu.arnOf('travel'))}/invocations/.well-known/oauth-protected-resource?qualifier=DEFAULT`;
    assert.strictEqual(res.headers.get('www-authenticate'), `Bearer resource_metadata="${expected}"`);
    assert.deepStrictEqual(await res.json(), { jsonrpc: '2.0', error: { code: -32001, message: 'Missing Authentication Token' }, id: 'null' });
    const meta = (await (await fetch(expected)).json()) as { authorization_servers: string[] };
    assert.deepStrictEqual(meta.authorization_servers, [rig.emu.issuer]);
  });

  const refused: [string, () => string][] = [
    ['expired', () => rig.emu.mintToken({ aud: 'travel-api', client_id: 'app-client', exp: Math.floor(Date.now() / 1000) - 5 })],
    ['wrong aud', () => rig.emu.mintToken({ aud: 'other-api', client_id: 'app-client' })],
    ['wrong client_id', () => rig.emu.mintToken({ aud: 'travel-api', client_id: 'someone-else' })],
    ['wrong issuer', () => rig.emu.mintToken({ aud: 'travel-api', client_id: 'app-client', iss: 'https://elsewhere' })],
    ['tampered', () => { const [h, p, s] = good().split('.'); return [h, Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), sub: 'admin' })).toString('base64url'), s].join('.'); }],
  ];
  for (const [what, token] of refused) {
    it(`answers a token with ${what} with 401 and −32001, echoing the request id`, async () => {
      const res = await post(bearerFetch(token()), url, initializeBody(7));
      assert.strictEqual(res.status, 401);
      assert.deepStrictEqual(await bodyJson(res), { jsonrpc: '2.0', id: 7, error: { code: -32001, message: 'Authentication error - Invalid credentials' } });
    });
  }

  it('answers SigV4 on a JWT runtime with Authorization method mismatch', async () => {
    const e = await awsError(await post(sigv4Fetch(CREDS), url, initializeBody()));
    assert.deepStrictEqual([e.status, e.type, e.message], [403, 'AccessDeniedException', METHOD_MISMATCH]);
  });
});
