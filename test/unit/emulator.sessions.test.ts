// Sessions as AgentCore keeps them (docs/agentcore-runtime.md, "Sessions"); the timeouts on a clock the tests move on by hand.
import * as assert from 'node:assert';
import { randomBytes } from 'node:crypto';
import { SESSION_NOT_FOUND_BODY } from '../../src/emulator';
import { ManualClock } from './manualClock';
import {
  CREDS, Rig, bodyJson, connectClient, eventually, initializeBody, openSession, post, sigv4Fetch, startRig,
} from './emulatorHarness';

const signed = sigv4Fetch(CREDS);
const LIST = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
const withSession = (sid: string) => ({ 'mcp-session-id': sid, 'mcp-protocol-version': '2025-06-18' });

async function expectGone(url: string, sid: string): Promise<void> {
  const res = await post(signed, url, LIST, withSession(sid));
  assert.strictEqual(res.status, 404);
  assert.strictEqual(await res.text(), SESSION_NOT_FOUND_BODY);
}

async function expectInProgress(url: string, sid: string): Promise<void> {
  const res = await post(signed, url, LIST, withSession(sid));
  assert.strictEqual(res.status, 200);
  assert.deepStrictEqual(await res.json(), { jsonrpc: '2.0', id: 2, error: { code: -32005, message: 'Session operation in progress, please retry' } });
}

describe('emulator: sessions', () => {
  const rigs: Rig[] = [];
  const rig = async (...args: Parameters<typeof startRig>) => { const r = await startRig(...args); rigs.push(r); return r; };
  afterEach(async () => { await Promise.all(rigs.splice(0).map(r => r.close())); });

  it('ends an idle session: the old id gets 404 and the upstream session is DELETEd', async () => {
    const clock = new ManualClock();
    const r = await rig({}, { idleTimeoutMs: 150, sessionClock: clock });
    const url = r.emu.invocationsUrl('travel');
    const sid = await openSession(signed, url);
    clock.advance(149);
    assert.strictEqual((await post(signed, url, LIST, withSession(sid))).status, 200, 'activity keeps it alive');
    clock.advance(149);
    assert.strictEqual((await post(signed, url, LIST, withSession(sid))).status, 200, 'still alive 298 ms after start: the request before restarted the idle time');
    clock.advance(150);
    await expectGone(url, sid);
    assert.strictEqual(r.emu.sessions().find(s => s.id === sid)?.closeReason, 'idle');
    await eventually(() => r.upstream.ended.includes(sid), 2000, 'upstream DELETE');
  });

  it('ends a session at its max lifetime even when busy', async () => {
    const clock = new ManualClock();
    const r = await rig({}, { maxLifetimeMs: 200, idleTimeoutMs: 150, sessionClock: clock });
    const url = r.emu.invocationsUrl('travel');
    const sid = await openSession(signed, url);
    clock.advance(100);
    assert.strictEqual((await post(signed, url, LIST, withSession(sid))).status, 200);
    clock.advance(100);
    await expectGone(url, sid);
    assert.strictEqual(r.emu.sessions().find(s => s.id === sid)?.closeReason, 'lifetime');
  });

  it('terminates on DELETE; later use gets 404', async () => {
    const r = await rig();
    const url = r.emu.invocationsUrl('travel');
    const sid = await openSession(signed, url);
    const del = await signed(url, { method: 'DELETE', headers: withSession(sid) });
    assert.strictEqual(del.status, 200);
    assert.deepStrictEqual(r.upstream.ended, [sid]);
    await expectGone(url, sid);
    assert.strictEqual((await signed(url, { method: 'DELETE', headers: withSession(sid) })).status, 404);
  });

  it('answers −32005 right after a session starts and while it is torn down', async () => {
    const clock = new ManualClock();
    const r = await rig({}, { sessionStartingMs: 150, sessionClosingMs: 150, sessionClock: clock });
    const url = r.emu.invocationsUrl('travel');
    const init = await post(signed, url, initializeBody());
    const sid = init.headers.get('mcp-session-id')!;
    await init.text();
    await expectInProgress(url, sid);
    clock.advance(149);
    await expectInProgress(url, sid);
    clock.advance(1);
    assert.strictEqual((await post(signed, url, LIST, withSession(sid))).status, 200);
    assert.ok(r.emu.expireSession(sid));
    await expectInProgress(url, sid);
    clock.advance(150);
    await expectGone(url, sid);
  });

  it('shows non-UUID upstream ids as UUIDs and maps them back, end to end with the SDK client', async () => {
    const r = await rig({}, {}, { sessionIdGenerator: () => randomBytes(16).toString('hex') });
    const { client, transport } = await connectClient(r.emu.invocationsUrl('travel'), signed);
    try {
      const sid = transport.sessionId!;
      assert.match(sid, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      const info = r.emu.sessions().find(s => s.id === sid)!;
      assert.match(info.upstreamId ?? '', /^[0-9a-f]{32}$/);
      assert.deepStrictEqual((await client.callTool({ name: 'echo', arguments: { text: 'mapped' } })).content, [{ type: 'text', text: 'mapped' }]);
      await transport.terminateSession();
      assert.deepStrictEqual(r.upstream.ended, [info.upstreamId]);
    } finally {
      await client.close();
    }
  });

  it('answers 404 when the upstream has lost the session (e.g. restarted)', async () => {
    const r = await rig();
    const url = r.emu.invocationsUrl('travel');
    const sid = await openSession(signed, url);
    r.upstream.forget();
    await expectGone(url, sid);
    assert.strictEqual(r.emu.sessions().find(s => s.id === sid)?.closeReason, 'upstream-gone');
  });

  it('gives a stateless server no session id, unless told to invent one as the platform does', async () => {
    const plain = await rig({}, {}, { stateless: true });
    const res = await post(signed, plain.emu.invocationsUrl('travel'), initializeBody());
    assert.strictEqual(res.status, 200);
    assert.strictEqual(res.headers.get('mcp-session-id'), null);
    await res.text();

    const inventing = await rig({}, { inventSessionIdForStateless: true }, { stateless: true });
    const url = inventing.emu.invocationsUrl('travel');
    const sid = await openSession(signed, url);
    assert.strictEqual(inventing.emu.sessions()[0].upstreamId, undefined);
    const list = await post(signed, url, LIST, withSession(sid));
    assert.strictEqual(list.headers.get('mcp-session-id'), sid);
    assert.ok(Array.isArray((await bodyJson(list) as { result: { tools: unknown[] } }).result.tools));
    assert.strictEqual((await signed(url, { method: 'DELETE', headers: withSession(sid) })).status, 200);
    await expectGone(url, sid);
  });
});
