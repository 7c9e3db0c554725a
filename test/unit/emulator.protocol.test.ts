// Endpoint shape, header rules and pass-through of the emulator (docs/agentcore-runtime.md, "Endpoint", "Headers").
import * as assert from 'node:assert';
import { startEmulator } from '../../src/emulator';
import { CREDS, Rig, bodyJson, initializeBody, openSession, post, sigv4Fetch, startRig } from './emulatorHarness';

const signed = sigv4Fetch(CREDS);

describe('emulator: endpoint and headers', () => {
  let rig: Rig;
  let url: string;
  before(async () => { rig = await startRig(); url = rig.emu.invocationsUrl('travel'); });
  after(() => rig.close());

  const runtimeUrl = (arn: string, rest = '/invocations?qualifier=DEFAULT') => `${rig.emu.url}/runtimes/${encodeURIComponent(arn)}${rest}`;

  it('answers 404 for /runtimes/{id}/mcp and unknown paths', async () => {
    assert.strictEqual((await signed(runtimeUrl(rig.emu.arnOf('travel'), '/mcp'), { method: 'POST', body: '{}' })).status, 404);
    assert.strictEqual((await signed(`${rig.emu.url}/mcp`, { method: 'POST', body: '{}' })).status, 404);
  });

  it('answers a malformed ARN with HTTP 200 and −32006, echoing the id', async () => {
    for (const arn of ['travel', 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/bad-name-abcdefghij', 'arn:aws:bedrock-agentcore:us-east-1:12345:runtime/travel-abcdefghij']) {
      const res = await post(signed, runtimeUrl(arn), initializeBody(9));
      assert.strictEqual(res.status, 200, arn);
      assert.deepStrictEqual(await res.json(), { jsonrpc: '2.0', id: 9, error: { code: -32006, message: 'Validation error - Invalid request data' } });
    }
  });

  it('answers a runtime it does not host, another region\'s ARN or an unknown qualifier with −32004', async () => {
    const arn = rig.emu.arnOf('travel');
    for (const u of [
      runtimeUrl('arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/hotel-abcdefghij'),
      runtimeUrl(arn.replace('us-east-1', 'eu-west-1')),
      rig.emu.invocationsUrl('travel', 'canary'),
    ]) {
      const body = await bodyJson(await post(signed, u, initializeBody('x')));
      assert.deepStrictEqual(body, { jsonrpc: '2.0', id: 'x', error: { code: -32004, message: 'Resource not found - Requested resource does not exist' } });
    }
  });

  it('answers a POST whose Accept lacks text/event-stream with 406 and −32011', async () => {
    const res = await signed(url, { method: 'POST', body: initializeBody(3), headers: { 'content-type': 'application/json', accept: 'application/json' } });
    assert.strictEqual(res.status, 406);
    assert.deepStrictEqual(await res.json(), {
      jsonrpc: '2.0', id: 3,
      error: { code: -32011, message: 'Accept Header Error - MCP protocol requires Accept header: application/json, text/event-stream' },
    });
  });

  it('checks X-Amzn-Bedrock-AgentCore-Runtime-Session-Id is 33–256 characters and echoes it', async () => {
    const short = await post(signed, url, initializeBody(), { 'x-amzn-bedrock-agentcore-runtime-session-id': 'too-short' });
    assert.deepStrictEqual((await short.json() as { error: unknown }).error, { code: -32006, message: 'Validation error - Invalid request data' });
    const id = 'r'.repeat(33);
    const ok = await post(signed, url, initializeBody(), { 'x-amzn-bedrock-agentcore-runtime-session-id': id });
    assert.strictEqual(ok.status, 200);
    assert.strictEqual(ok.headers.get('x-amzn-bedrock-agentcore-runtime-session-id'), id);
    assert.match(ok.headers.get('mcp-session-id') ?? '', /^[0-9a-f-]{36}$/);
    await ok.text();
  });

  it('always answers with a runtime session id, and streams SSE from the upstream', async () => {
    const res = await post(signed, url, initializeBody());
    assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
    assert.ok(res.headers.get('x-amzn-bedrock-agentcore-runtime-session-id'));
    assert.strictEqual((await bodyJson(res)).id, 1);
  });

  it('passes a GET listening stream through, and the upstream\'s 405 when it has none', async () => {
    const sid = await openSession(signed, url);
    const ctrl = new AbortController();
    const get = await signed(url, { method: 'GET', headers: { accept: 'text/event-stream', 'mcp-session-id': sid }, signal: ctrl.signal });
    assert.strictEqual(get.status, 200);
    assert.strictEqual(get.headers.get('mcp-session-id'), sid);
    ctrl.abort();

    const noGet = await startRig({}, {}, { noGet: true });
    try {
      const u = noGet.emu.invocationsUrl('travel');
      const sid2 = await openSession(signed, u);
      const res = await signed(u, { method: 'GET', headers: { accept: 'text/event-stream', 'mcp-session-id': sid2 } });
      assert.strictEqual(res.status, 405);
    } finally {
      await noGet.close();
    }
  });

  it('answers −32603 when the upstream cannot be reached', async () => {
    const emu = await startEmulator({ runtimes: [{ name: 'gone', upstream: 'http://127.0.0.1:9/mcp' }], credentials: [CREDS] });
    try {
      const res = await post(signed, emu.invocationsUrl('gone'), initializeBody(4));
      assert.deepStrictEqual(await res.json(), { jsonrpc: '2.0', id: 4, error: { code: -32603, message: 'Internal error - Server error' } });
      assert.match(emu.log[0].detail ?? '', /ECONNREFUSED/);
    } finally {
      await emu.close();
    }
  });

  it('refuses bad options with a readable message', async () => {
    await assert.rejects(startEmulator({ runtimes: [{ name: 'my-server', upstream: 'http://127.0.0.1:1/mcp' }] }), /no hyphens/);
    await assert.rejects(startEmulator({ runtimes: [] }), /at least one runtime/);
  });
});
