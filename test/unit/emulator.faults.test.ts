// Fault switches (docs/agentcore-runtime.md, "Errors", "Request ids") and server-to-client traffic over the
// emulator, set both from code and through POST /_emulator/faults.
import * as assert from 'node:assert';
import type { RequestLogEntry } from '../../src/emulator';
import { stringifyIdsInJson } from '../../src/emulator/rewrite';
import {
  CREDS, Rig, bodyJson, connectClient, eventually, initializeBody, openSession, post, sigv4Fetch, startRig,
} from './emulatorHarness';

const signed = sigv4Fetch(CREDS);
const withSession = (sid: string) => ({ 'mcp-session-id': sid, 'mcp-protocol-version': '2025-06-18' });
const call = (id: number, name: string, args: Record<string, unknown>, progressToken?: string) => JSON.stringify({
  jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args, ...(progressToken ? { _meta: { progressToken } } : {}) },
});

async function admin(rig: Rig, method: string, route: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${rig.emu.url}/_emulator/${route}`, { method, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** Reads an SSE body until it ends or is cut; returns the data payloads and whether it was cut. */
async function readSse(res: Response): Promise<{ data: Record<string, unknown>[]; cut: boolean }> {
  const reader = res.body!.getReader();
  let text = '';
  let cut = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString('utf8');
    }
  } catch { cut = true; }
  const data = text.split('\n').filter(l => l.startsWith('data:')).map(l => JSON.parse(l.slice(5)) as Record<string, unknown>);
  return { data, cut };
}

describe('emulator: fault switches', () => {
  let rig: Rig;
  let url: string;
  let sid: string;
  const entries: RequestLogEntry[] = [];
  before(async () => {
    rig = await startRig({}, { onRequest: e => entries.push(e) });
    url = rig.emu.invocationsUrl('travel');
    sid = await openSession(signed, url);
  });
  after(() => rig.close());
  afterEach(() => { rig.emu.faults.reset(); });

  const rpcError = async (res: Response) => {
    assert.strictEqual(res.status, 200);
    return (await res.json()) as { id: unknown; error: { code: number; message: string } };
  };

  it('throttles the next N requests with −32003, then lets them through', async () => {
    rig.emu.faults.set({ throttle: 2 });
    for (const id of [11, 12]) {
      assert.deepStrictEqual(await rpcError(await post(signed, url, call(id, 'echo', { text: 'a' }), withSession(sid))),
        { jsonrpc: '2.0', id, error: { code: -32003, message: 'Rate limit exceeded - Too many requests' } });
    }
    assert.strictEqual((await bodyJson(await post(signed, url, call(13, 'echo', { text: 'a' }), withSession(sid)))).id, 13);
    await eventually(() => entries.filter(e => e.fault === 'throttle').length === 2, 1000, 'log entries');
    assert.deepStrictEqual(entries.filter(e => e.fault === 'throttle').map(e => [e.status, e.sessionId]), [[200, sid], [200, sid]]);
  });

  it('throttles beyond a rate per second', async () => {
    rig.emu.faults.set({ throttle: { perSecond: 2 } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const body = await bodyJson(await post(signed, url, call(20 + i, 'echo', { text: 'r' }), withSession(sid)));
      statuses.push((body.error as { code?: number } | undefined)?.code ?? 0);
    }
    assert.deepStrictEqual(statuses, [0, 0, -32003]);
  });

  it('answers conflict (−32005) and internal (−32603) once each', async () => {
    rig.emu.faults.set({ conflict: 1, internal: 1 });
    assert.strictEqual((await rpcError(await post(signed, url, call(30, 'echo', { text: 'c' }), withSession(sid)))).error.code, -32005);
    assert.deepStrictEqual((await rpcError(await post(signed, url, call(31, 'echo', { text: 'c' }), withSession(sid)))).error,
      { code: -32603, message: 'Internal error - Server error' });
    assert.strictEqual((await bodyJson(await post(signed, url, call(32, 'echo', { text: 'c' }), withSession(sid)))).id, 32);
  });

  it('fails a session start once with the cold-start −32010, or delays it', async () => {
    rig.emu.faults.set({ coldStart: 1 });
    assert.strictEqual((await bodyJson(await post(signed, url, call(40, 'echo', { text: 'not a start' }), withSession(sid)))).id, 40, 'only session starts');
    assert.deepStrictEqual((await rpcError(await post(signed, url, initializeBody(41)))).error, { code: -32010, message: 'Runtime initialization time exceeded' });
    const retry = await post(signed, url, initializeBody(42));
    assert.ok(retry.headers.get('mcp-session-id'));
    await retry.text();

    rig.emu.faults.set({ coldStart: { next: 1, delayMs: 150 } });
    const started = Date.now();
    const slow = await post(signed, url, initializeBody(43));
    assert.strictEqual((await bodyJson(slow)).id, 43);
    assert.ok(Date.now() - started >= 140, 'delayed');
  });

  it('returns numeric response ids as strings, which the SDK 1.x client still matches', async () => {
    rig.emu.faults.set({ stringIds: true });
    assert.strictEqual((await bodyJson(await post(signed, url, call(50, 'echo', { text: 's' }), withSession(sid)))).id, '50');
    assert.strictEqual(stringifyIdsInJson('[{"jsonrpc":"2.0","id":3,"result":{}},{"jsonrpc":"2.0","id":4,"method":"ping"}]'),
      '[{"jsonrpc":"2.0","id":"3","result":{}},{"jsonrpc":"2.0","id":4,"method":"ping"}]', 'requests keep their ids');
    const { client, transport } = await connectClient(url, signed);
    try {
      assert.deepStrictEqual((await client.callTool({ name: 'echo', arguments: { text: 'ok' } })).content, [{ type: 'text', text: 'ok' }]);
      await transport.terminateSession();
    } finally {
      await client.close();
    }
  });

  it('cuts an SSE response after N events', async () => {
    rig.emu.faults.set({ dropSse: { afterEvents: 2 } });
    const res = await post(signed, url, call(60, 'count', { steps: 5 }, 'p1'), withSession(sid));
    const { data, cut } = await readSse(res);
    assert.ok(cut, 'the stream should end with an error');
    assert.deepStrictEqual(data.map(d => d.method), ['notifications/progress', 'notifications/progress']);
    const whole = await readSse(await post(signed, url, call(61, 'count', { steps: 5 }, 'p2'), withSession(sid)));
    assert.deepStrictEqual([whole.cut, whole.data.length, whole.data[5].id], [false, 6, 61], 'only the next one is cut');
  });

  it('carries elicitation over the open POST stream; the answer POST gets 202', async () => {
    const { client, transport } = await connectClient(url, signed, 'Ada');
    try {
      const before = entries.length;
      const result = await client.callTool({ name: 'ask', arguments: {} });
      assert.deepStrictEqual(result.content, [{ type: 'text', text: 'accept:Ada' }]);
      await eventually(() => entries.slice(before).some(e => e.method === 'POST' && e.status === 202 && e.sessionId === transport.sessionId), 1000, 'a 202');
      await transport.terminateSession();
    } finally {
      await client.close();
    }
  });

  it('is switched through POST /_emulator/faults, and the admin API mints tokens and ends sessions', async () => {
    const set = await admin(rig, 'POST', 'faults', { throttle: 1, stringIds: true });
    assert.deepStrictEqual([set.status, (set.json.throttle as { next: number }).next, set.json.stringIds], [200, 1, true]);
    assert.strictEqual((await rpcError(await post(signed, url, call(70, 'echo', { text: 'x' }), withSession(sid)))).id, 70);
    assert.strictEqual((await admin(rig, 'POST', 'faults', { throttle: -1 })).status, 400);
    assert.match(String((await admin(rig, 'POST', 'faults', { throtle: 1 })).json.message), /unknown fault switch "throtle"/);
    assert.strictEqual((await admin(rig, 'DELETE', 'faults')).json.stringIds, false);
    assert.match(String((await admin(rig, 'POST', 'token', { aud: 'x' })).json.token), /^[\w-]+\.[\w-]+\.[\w-]+$/);
    const other = await openSession(signed, url);
    assert.deepStrictEqual((await admin(rig, 'POST', 'sessions/expire', { sessionId: other })).json, { expired: true });
    assert.strictEqual((await post(signed, url, call(71, 'echo', { text: 'x' }), withSession(other))).status, 404);
    assert.ok(((await admin(rig, 'GET', 'sessions')).json as unknown as unknown[]).length >= 2);
  });
});
