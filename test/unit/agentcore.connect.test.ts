// The real McpConnection to a real SDK server behind the AgentCore emulator: SigV4 from a temporary AWS
// profile, bearer tokens minted by the emulator's issuer, session renewal, stateless servers, string ids,
// and no secret anywhere in what the host sees (docs/agentcore-runtime.md).
import * as assert from 'node:assert';
import { McpConnection } from '../../src/core/connections/connection';
import { bearerSecretKey } from '../../src/core/connections/secretKeys';
import { callTool, listTools } from '../../src/core/operations';
import type { SessionInfo } from '../../src/core/connections/state';
import { recordingHost } from './helpers';
import { AgentCoreRig, AwsFiles, CREDS, TEMP, assertNoSecrets, fastResolver, settled, startAgentCoreRig, useAwsFiles } from './agentcore.harness.test';

const RUNTIME_SESSION = 'x-amzn-bedrock-agentcore-runtime-session-id';

function running(c: McpConnection): SessionInfo {
  assert.strictEqual(c.state.kind, 'running', JSON.stringify(c.state));
  if (c.state.kind !== 'running') throw new Error('not running');
  return c.state.session;
}

describe('agentcore: connecting through the emulator', function () {
  this.timeout(30_000);
  let files: AwsFiles;
  let rig: AgentCoreRig;
  const conns: McpConnection[] = [];
  const open = (c: McpConnection) => { conns.push(c); return c; };
  before(async () => { files = useAwsFiles(); rig = await startAgentCoreRig(); });
  after(async () => { await rig.close(); files.restore(); });
  afterEach(async () => {
    rig.emu.faults.reset();
    await Promise.all(conns.splice(0).map(c => c.disconnect()));
  });

  it('connects with SigV4 from a profile, lists tools and calls one; every request is signed', async () => {
    const host = recordingHost();
    const conn = open(new McpConnection(rig.config(), host));
    await conn.connect();
    const s = running(conn);
    assert.strictEqual(s.transport, 'streamable-http');
    assert.strictEqual(s.server?.name, 'features-fixture');
    assert.ok(s.sessionId && rig.emu.sessions().some(x => x.id === s.sessionId && x.phase === 'active'));
    assert.strictEqual(s.runtimeSessionId, rig.emu.sessions().find(x => x.id === s.sessionId)?.runtimeSessionId, 'runtime session id from the response header');
    const tools = await listTools(conn);
    assert.ok(tools.some(t => t.name === 'echo'));
    const echo = await callTool(conn, 'echo', { message: 'signed' });
    assert.match(JSON.stringify(echo.result.content), /signed/);
    await conn.disconnect();
    const http = host.events.filter(e => e.kind === 'http');
    assert.ok(http.some(e => e.method === 'DELETE'), 'the session is ended with a signed DELETE');
    // The era probe (server/discover, the first POST) gets 400 from this 2025 server; it is signed like the rest.
    assert.strictEqual(s.era, 'legacy');
    assert.match(s.eraReason, /^auto: the server answered server\/discover with HTTP 400/);
    for (const [i, e] of http.entries()) {
      assert.ok(e.kind === 'http' && e.status !== undefined && (e.status < 400 || (i === 0 && e.status === 400)), `${e.kind === 'http' ? `${e.method} ${e.status}` : ''}`);
      const auth = e.kind === 'http' ? e.requestHeaders.authorization : undefined;
      assert.match(auth ?? '', /^AWS4-HMAC-SHA256 Credential=«redacted», SignedHeaders=[a-z0-9;-]+, Signature=«redacted»$/);
      const signedHeaders = /SignedHeaders=([^,]+)/.exec(auth ?? '')![1].split(';');
      assert.ok(signedHeaders.includes('host') && signedHeaders.includes('x-amz-date'));
      for (const never of ['content-length', 'connection', 'accept-encoding', 'user-agent']) assert.ok(!signedHeaders.includes(never), never);
      if (e.kind === 'http' && e.method === 'POST') assert.ok(signedHeaders.includes('content-type') && signedHeaders.includes('accept'));
    }
    assert.ok(http.some(e => e.kind === 'http' && /mcp-session-id/.test(e.requestHeaders.authorization ?? '')), 'mcp-session-id is signed');
    assert.deepStrictEqual(rig.emu.log.filter(l => l.status >= 400).map(l => `${l.method} ${l.status}`), ['POST 400'], 'only the probe is refused');
    assertNoSecrets([host.events, host.logs, host.notes], [CREDS.secretAccessKey]);
  });

  it('signs with temporary credentials (x-amz-security-token) and nothing secret reaches the host', async () => {
    const host = recordingHost();
    const conn = open(new McpConnection(rig.config({ profile: 'temp' }), host));
    await conn.connect();
    running(conn);
    await listTools(conn);
    await callTool(conn, 'echo', { message: 'temporary' });
    const auth = host.events.find(e => e.kind === 'http')!;
    assert.ok(auth.kind === 'http' && /x-amz-security-token/.test(auth.requestHeaders.authorization ?? ''));
    assert.strictEqual(auth.kind === 'http' ? auth.requestHeaders['x-amz-security-token'] : '', '«redacted»');
    assertNoSecrets([host.events, host.logs, host.notes, conn.state], [TEMP.secretAccessKey, TEMP.sessionToken]);
  });

  it('connects with a bearer token minted by the runtime\'s issuer, and never shows it', async () => {
    const jwtRig = await startAgentCoreRig({ runtime: { auth: 'jwt' } });
    try {
      const token = jwtRig.emu.mintToken();
      const host = recordingHost({ secret: key => Promise.resolve(key === bearerSecretKey('ac') ? token : undefined) });
      const conn = open(new McpConnection(jwtRig.config({ auth: 'bearer', profile: undefined }), host));
      await conn.connect();
      running(conn);
      assert.ok((await listTools(conn)).length > 0);
      const http = host.events.filter(e => e.kind === 'http');
      assert.ok(http.length > 0 && http.every(e => e.kind === 'http' && e.requestHeaders.authorization === 'Bearer «redacted»'));
      assertNoSecrets([host.events, host.logs, conn.state], [token]);
      await conn.disconnect();
    } finally {
      await jwtRig.close();
    }
  });

  it('opens a new session when the old one expires mid-way, retries the list, and tells the host', async () => {
    const host = recordingHost();
    const conn = open(new McpConnection(rig.config(), host));
    await conn.connect();
    const first = running(conn).sessionId!;
    await listTools(conn);
    assert.ok(rig.emu.expireSession(first));
    const tools = await listTools(conn);
    assert.ok(tools.some(t => t.name === 'echo'));
    const second = running(conn).sessionId!;
    assert.notStrictEqual(second, first);
    assert.ok(host.notes.some(n => n.message.includes(`The session ${first}`) && n.message.includes('expired')), JSON.stringify(host.notes));
    assert.ok(rig.emu.log.some(l => l.fault === 'session-not-found' && l.sessionId === first));
  });

  it('repeats a tool call once on a new session when the old one expired (a 404: it did not run), and says so', async () => {
    const host = recordingHost();
    const conn = open(new McpConnection(rig.config(), host));
    await conn.connect();
    const first = running(conn).sessionId!;
    await settled(host);
    assert.ok(rig.emu.expireSession(first));
    const out = await callTool(conn, 'slow', { steps: 2, stepMs: 1 });
    assert.deepStrictEqual(out.result.content, [{ type: 'text', text: 'Finished 2 steps.' }]);
    const second = running(conn).sessionId!;
    assert.notStrictEqual(second, first);
    assert.ok(rig.emu.log.some(l => l.fault === 'session-not-found' && l.sessionId === first));
    const note = host.notes.find(n => n.message.includes(`The session ${first}`));
    assert.match(note?.message ?? '', new RegExp(`expired \\(the server answered 404, so tools/call slow did not run\\), so a new session was opened \\(${second}\\) and tools/call slow was sent again on it\\.`), JSON.stringify(host.notes));
  });

  it('sends again every request that was waiting on the expired session, rather than failing it as "connection closed"', async () => {
    const host = recordingHost();
    const conn = open(new McpConnection(rig.config(), host));
    await conn.connect();
    await settled(host);
    assert.ok(rig.emu.expireSession(running(conn).sessionId!));
    const [a, b, tools] = await Promise.all([
      callTool(conn, 'slow', { steps: 1, stepMs: 1 }), callTool(conn, 'bump', {}), listTools(conn),
    ]);
    assert.deepStrictEqual([a.result.content, b.result.content], [[{ type: 'text', text: 'Finished 1 steps.' }], [{ type: 'text', text: 'count: 1' }]]);
    assert.ok(tools.length > 0);
    assert.strictEqual(host.notes.filter(n => /expired/.test(n.message)).length, 1, 'one notice for one renewal');
  });

  it('never repeats a tool call whose response stream broke after it started', async () => {
    const host = recordingHost({ timeouts: { toolCallMs: 1500 } });
    const conn = open(new McpConnection(rig.config(), host));
    await conn.connect();
    const sid = running(conn).sessionId!;
    await settled(host);
    const before = rig.emu.log.length;
    rig.emu.faults.set({ dropSse: { afterEvents: 1 } });
    await assert.rejects(callTool(conn, 'slow', { steps: 3, stepMs: 20 }, { onprogress: () => undefined }));
    const posts = rig.emu.log.slice(before).filter(l => l.method === 'POST' && l.status !== 202);
    assert.strictEqual(posts.length, 1, JSON.stringify(rig.emu.log.slice(before)));
    assert.strictEqual(running(conn).sessionId, sid, 'the session was kept');
  });

  it('still matches responses whose numeric ids come back as strings', async () => {
    const conn = open(new McpConnection(rig.config(), recordingHost()));
    rig.emu.faults.set({ stringIds: true });
    await conn.connect();
    running(conn);
    assert.ok((await listTools(conn)).length > 0);
    assert.match(JSON.stringify((await callTool(conn, 'echo', { message: 'ids' })).result.content), /ids/);
  });

  it('retries −32003 and −32005 with backoff, then succeeds', async () => {
    const host = recordingHost();
    const conn = open(new McpConnection(rig.config(), host, { resolveAgentCorePlan: fastResolver() }));
    await conn.connect();
    running(conn);
    await settled(host);
    const before = rig.emu.log.length;
    rig.emu.faults.set({ throttle: 2, conflict: 1 });
    assert.ok((await listTools(conn)).length > 0);
    const faults = rig.emu.log.slice(before).map(l => l.fault).filter(Boolean);
    assert.deepStrictEqual(faults, ['throttle', 'throttle', 'conflict']);
    assert.strictEqual(host.logs.filter(l => /tools\/list failed .*retrying in \d+ ms/.test(l.message)).length, 3, JSON.stringify(host.logs));
  });

  it('retries a cold start (−32010) once when connecting', async () => {
    const conn = open(new McpConnection(rig.config(), recordingHost(), { resolveAgentCorePlan: fastResolver() }));
    rig.emu.faults.set({ coldStart: 1 });
    await conn.connect();
    running(conn);
    assert.ok(rig.emu.log.some(l => l.fault === 'coldStart'));
  });
});

describe('agentcore: a stateless server behind the emulator', function () {
  this.timeout(30_000);
  let files: AwsFiles;
  let rig: AgentCoreRig;
  before(async () => { files = useAwsFiles(); rig = await startAgentCoreRig({ stateless: true }); });
  after(async () => { await rig.close(); files.restore(); });

  it('reports SessionInfo.stateless and warns that requests from the server (elicitation, sampling) cannot arrive', async () => {
    const host = recordingHost();
    const conn = new McpConnection(rig.config(), host);
    try {
      await conn.connect();
      const s = running(conn);
      assert.strictEqual(s.stateless, true);
      assert.strictEqual(s.sessionId, undefined);
      assert.ok(host.notes.some(n => n.level === 'warning' && /stateless/.test(n.message)));
      assert.ok((await listTools(conn)).length > 0);
      assert.ok(host.events.some(e => e.kind === 'http' && e.responseHeaders?.[RUNTIME_SESSION]), 'the platform still sends a runtime session id');
    } finally {
      await conn.disconnect();
    }
  });
});
