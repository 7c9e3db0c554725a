// Both protocol eras against real servers: a server written with @modelcontextprotocol/server 2.x that
// asks through input_required (modern-only, and also serving 2025 clients without a session), and
// server-everything (SDK 1.x, 2025 only) over stdio. The era, how it was chosen, multi-round-trip calls
// answered through the same host elicit/sample as server-to-client requests, and −32022 explained.
import * as assert from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ElicitResult } from '@modelcontextprotocol/client';
import { McpConnection } from '../../src/core/connections/connection';
import type { ConnectionConfig } from '../../src/core/connections/config';
import { ExplainedError } from '../../src/core/connections/errors';
import type { ElicitParams } from '../../src/core/connections/host';
import { callTool, listTools, subscribe } from '../../src/core/operations';
import { toRows } from '../../src/core/traffic/rows';
import type { SessionInfo } from '../../src/core/connections/state';
import { serveModern, type ModernFixture } from '../fixtures/servers/modern';
import { AgentCoreRig, AwsFiles, startAgentCoreRig, useAwsFiles } from './agentcore.harness.test';
import { runCli } from './cli.harness.test';
import { recordingHost, stdioEverything } from './helpers';

function running(c: McpConnection): SessionInfo {
  assert.strictEqual(c.state.kind, 'running', JSON.stringify(c.state));
  if (c.state.kind !== 'running') throw new Error('not running');
  return c.state.session;
}

const fixture = (name: string) => path.resolve(__dirname, '..', 'fixtures', 'servers', `${name}.js`);

async function waitUntil(ok: () => boolean, what: string, ms = 5000): Promise<void> {
  for (const end = Date.now() + ms; !ok(); await new Promise(r => setTimeout(r, 20))) if (Date.now() > end) assert.fail(`waited ${ms} ms for ${what}`);
}

const asked: string[] = [];
const answering = (o: { declineNights?: boolean } = {}) => recordingHost({
  elicit: async (p: ElicitParams): Promise<ElicitResult> => {
    asked.push(`elicit ${p.message}`);
    if (/^Where/.test(p.message)) return { action: 'accept', content: { destination: 'Lisbon' } };
    return o.declineNights ? { action: 'decline' } : { action: 'accept', content: { nights: 3 } };
  },
  sample: async p => {
    const last = p.messages.at(-1)?.content;
    asked.push(`sample ${last && !Array.isArray(last) && last.type === 'text' ? last.text : '?'}`);
    return { role: 'assistant', model: 'test-model', content: { type: 'text', text: 'Eat pastel de nata.' } };
  },
});

describe('protocol eras', function () {
  this.timeout(30_000);
  const open: McpConnection[] = [];
  const fixtures: ModernFixture[] = [];
  const connect = async (config: ConnectionConfig, host = answering()) => {
    const c = new McpConnection(config, host);
    open.push(c);
    await c.connect();
    return { c, host };
  };
  const modern = async (legacy: 'reject' | 'stateless', protocol?: ConnectionConfig['protocol'], host = answering()) => {
    const f = await serveModern({ legacy });
    fixtures.push(f);
    return connect({ name: 'modern', type: 'http', url: f.url, headers: {}, secretHeaders: [], ...(protocol ? { protocol } : {}) }, host);
  };
  beforeEach(() => { asked.length = 0; });
  afterEach(async () => {
    await Promise.all(open.splice(0).map(c => c.disconnect()));
    await Promise.all(fixtures.splice(0).map(f => f.close()));
  });

  it('auto finds 2026-07-28 with server/discover (the probe in traffic), with no session and no stateless warning', async () => {
    const { c, host } = await modern('reject');
    const s = running(c);
    assert.deepStrictEqual([s.era, s.protocolVersion, s.sessionId, s.stateless], ['modern', '2026-07-28', undefined, false]);
    assert.strictEqual(s.eraReason, 'auto: the server answered server/discover and offers 2026-07-28');
    assert.ok(host.events.some(e => e.kind === 'message' && e.direction === 'out' && 'method' in e.message && e.message.method === 'server/discover'), 'the probe is in traffic');
    assert.ok(!host.notes.some(n => /stateless/.test(n.message)));
    assert.deepStrictEqual((await listTools(c)).map(t => t.name).sort(), ['add_tool', 'book', 'bump', 'chatty', 'echo', 'forecast']);
  });

  it('answers three input_required rounds (two questions, then the model) and repeats the call with requestState', async () => {
    const { c, host } = await modern('reject');
    const out = await callTool(c, 'book', {});
    assert.deepStrictEqual(out.result.content, [{ type: 'text', text: 'Booked 3 nights in Lisbon. Tips: Eat pastel de nata.' }]);
    assert.strictEqual(out.eraHint, undefined);
    assert.deepStrictEqual(asked, ['elicit Where would you like to stay?', 'elicit How many nights in Lisbon?', 'sample Give 3 brief tips for 3 nights in Lisbon.']);
    const calls = host.events.flatMap(e => e.kind === 'message' && e.direction === 'out' && 'method' in e.message && e.message.method === 'tools/call' ? [e.message.params as Record<string, unknown>] : []);
    assert.strictEqual(calls.length, 4, 'the first call and one repeat per round');
    assert.deepStrictEqual(calls[1].inputResponses, { destination: { action: 'accept', content: { destination: 'Lisbon' } } });
    assert.ok(typeof calls[2].requestState === 'string' && typeof calls[3].requestState === 'string', 'requestState echoed');
    // The traffic view groups the rounds: each repeat names its round and points at the first request.
    const rows = toRows(host.events).filter(r => r.kind === 'request' && r.method === 'tools/call');
    assert.deepStrictEqual(rows.map(r => r.round), [undefined, 2, 3, 4]);
    assert.ok(rows.slice(1).every(r => r.relatedTo === rows[0].seq));
    assert.match(rows[3].summary, /^tools\/call #\S+ \(round 4, answers to #\S+\)/);
  });

  it('sends the log level with each request (2026-07-28 has no logging/setLevel), and the server logs to it', async () => {
    const { c, host } = await modern('reject', undefined, recordingHost({ serverLogLevel: 'info' }));
    await callTool(c, 'chatty', {});
    const lines = () => host.logs.filter(l => /chatty:/.test(l.message)).map(l => `${l.level} ${l.message}`);
    assert.deepStrictEqual(lines(), ['info [server] chatty: working']);
    const sent = host.events.flatMap(e => e.kind === 'message' && e.direction === 'out' && 'method' in e.message && e.message.method === 'tools/call' ? [e.message.params as { _meta?: Record<string, unknown> }] : []);
    assert.strictEqual(sent[0]._meta?.['io.modelcontextprotocol/logLevel'], 'info');
    assert.ok(!host.events.some(e => e.kind === 'message' && 'method' in e.message && e.message.method === 'logging/setLevel'));
  });

  it('mirrors an x-mcp-header argument into its Mcp-Param header, and shows a structuredContent mismatch rather than throwing', async () => {
    const { c } = await modern('reject');
    const tools = await listTools(c);
    const forecast = tools.find(t => t.name === 'forecast')!;
    const out = await callTool(c, forecast, { region: 'eu-north-1' });
    assert.deepStrictEqual(out.result.content, [{ type: 'text', text: 'forecast for eu-north-1; header eu-north-1' }]);
    const wrong = await callTool(c, { ...forecast, outputSchema: { type: 'object', properties: { x: { type: 'string' } }, required: ['x'] } }, { region: 'x' });
    assert.strictEqual(wrong.outputCheck?.valid, false);
  });

  it('explains −32021: the server needs a client capability this connection did not declare', async () => {
    const { c } = await modern('reject', undefined, recordingHost());
    await assert.rejects(callTool(c, 'book', {}), (e: unknown) => e instanceof ExplainedError
      && /^The server needs the client capability elicitation that this connection did not declare \(−32021 Missing required client capability\)\.$/.test(e.message));
  });

  it('hears list changes and resource updates on a subscriptions/listen stream (2026-07-28 has no other way)', async () => {
    const { c, host } = await modern('reject');
    const lists: string[] = [];
    const updated: string[] = [];
    c.onListChanged(k => lists.push(k));
    c.onResourceUpdated(u => updated.push(u));
    const listened = () => host.events.filter(e => e.kind === 'message' && e.direction === 'out' && 'method' in e.message && e.message.method === 'subscriptions/listen').length;
    await waitUntil(() => listened() === 1, 'the listen stream');
    await callTool(c, 'add_tool', { name: 'late' });
    await waitUntil(() => lists.includes('tools'), 'tools/list_changed');
    assert.ok((await listTools(c)).some(t => t.name === 'late'));
    await subscribe(c, 'modern://counter');
    await waitUntil(() => listened() === 2, 'the stream reopened with the resource');
    await callTool(c, 'bump', {});
    await waitUntil(() => updated.includes('modern://counter'), 'resources/updated');
  });

  it('a declined question ends the call with what the server says', async () => {
    const { c } = await modern('reject', undefined, answering({ declineNights: true }));
    const out = await callTool(c, 'book', {});
    assert.deepStrictEqual(out.result.content, [{ type: 'text', text: 'Booking declined at the nights.' }]);
  });

  it('2025-11-25 against a modern-only server: says which versions it speaks and what to set, without trying HTTP+SSE', async () => {
    const { c, host } = await modern('reject', '2025-11-25');
    assert.strictEqual(c.state.kind, 'error');
    if (c.state.kind !== 'error') return;
    assert.strictEqual(c.state.message, '"modern" speaks only 2026-07-28: it refused 2025-11-25 (−32022 Unsupported protocol version).');
    assert.match(c.state.nextStep ?? '', /protocol to auto or 2026-07-28 .*--protocol 2026-07-28/);
    assert.ok(!host.events.some(e => e.kind === 'http' && e.method === 'GET'), 'no legacy SSE attempt');
  });

  it('2025-11-25 against a server that serves 2025 clients without a session: stateless, and its input_required cannot be asked', async () => {
    const { c } = await modern('stateless', '2025-11-25');
    const s = running(c);
    assert.deepStrictEqual([s.era, s.stateless, s.eraReason], ['legacy', true, 'the connection\'s protocol setting is 2025-11-25']);
    const out = await callTool(c, 'book', {});
    assert.match(JSON.stringify(out.result.content), /Cannot request input 'destination'/);
    assert.deepStrictEqual(asked, []);
    assert.match(out.eraHint ?? '', /^The server asks through input_required \(the 2026-07-28 way\), which this 2025-11-25 connection cannot carry\. Set the connection's protocol to auto or 2026-07-28/);
    assert.strictEqual(out.eraSwitch, '2026-07-28');
    // What "Reconnect in 2026-07-28" does: the same connection, the other era, the setting unchanged.
    const again = await c.reconnectIn('2026-07-28');
    assert.strictEqual(again.kind, 'running');
    const s2 = running(c);
    assert.deepStrictEqual([s2.era, s2.eraReason], ['modern', 'reconnected in 2026-07-28 for now (the connection\'s protocol setting is 2025-11-25)']);
    assert.deepStrictEqual((await callTool(c, 'book', {})).result.content, [{ type: 'text', text: 'Booked 3 nights in Lisbon. Tips: Eat pastel de nata.' }]);
  });

  it('auto against a 2025 server over stdio: falls back to initialize on the same process, and says why', async () => {
    const { c, host } = await connect(stdioEverything());
    const s = running(c);
    assert.deepStrictEqual([s.era, s.protocolVersion], ['legacy', '2025-11-25']);
    assert.match(s.eraReason, /^auto: the server answered server\/discover with error -32601 \(.*\), so it speaks an older protocol$/);
    const outs = host.events.flatMap(e => e.kind === 'message' && e.direction === 'out' && 'method' in e.message ? [e.message.method] : []);
    assert.deepStrictEqual(outs.slice(0, 2), ['server/discover', 'initialize']);
  });

  it('auto against a 2026-07-28 server over stdio: the probe on the server\'s own process, one start', async () => {
    const { c, host } = await connect({ name: 'modern-stdio', type: 'stdio', command: process.execPath, args: [fixture('modern'), '--stdio'], env: {} });
    const s = running(c);
    assert.deepStrictEqual([s.era, s.protocolVersion], ['modern', '2026-07-28']);
    assert.deepStrictEqual((await callTool(c, 'book', {})).result.content, [{ type: 'text', text: 'Booked 3 nights in Lisbon. Tips: Eat pastel de nata.' }]);
    assert.strictEqual(host.logs.filter(l => /started it again/.test(l.message)).length, 0);
  });

  it('a stdio server that exits on server/discover is started once more with the 2025 handshake, and says so', async () => {
    const { c, host } = await connect({ name: 'strict', type: 'stdio', command: process.execPath, args: [fixture('strict')], env: {} });
    const s = running(c);
    assert.strictEqual(s.era, 'legacy');
    assert.match(s.eraReason, /^auto: The server exited \(code 3\) when it got server\/discover before initialize; started it again with the 2025-11-25 handshake\.$/);
    assert.ok(host.logs.some(l => l.level === 'warn' && /started it again/.test(l.message)));
    assert.deepStrictEqual((await callTool(c, 'hi', {})).result.content, [{ type: 'text', text: 'hello' }]);
  });

  it('2026-07-28 fixed against a 2025 server: a clear failure', async () => {
    const { c } = await connect({ ...stdioEverything(), protocol: '2026-07-28' });
    assert.strictEqual(c.state.kind, 'error');
    assert.match(c.state.kind === 'error' ? c.state.message : '', /^"everything" does not speak 2026-07-28, which this connection's protocol setting asks for/);
    assert.match(c.state.kind === 'error' ? c.state.nextStep ?? '' : '', /protocol to auto or 2025-11-25/);
  });
});

describe('protocol eras on the command line', function () {
  this.timeout(60_000);
  let fixture: ModernFixture;
  let dir: string;
  before(async () => {
    fixture = await serveModern({ legacy: 'reject' });
    dir = mkdtempSync(path.join(os.tmpdir(), 'eras-cli-'));
  });
  after(async () => {
    await fixture.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('call book answers every input_required round from --answers, and -v says which era and why', async () => {
    const answers = path.join(dir, 'book.answers.json');
    writeFileSync(answers, JSON.stringify({
      elicitation: [{ match: 'Where', action: 'accept', content: { destination: 'Kyoto' } }, { match: 'nights', action: 'accept', content: { nights: 2 } }],
      sampling: [{ match: 'tips', reply: 'Walk early.' }],
    }));
    const r = await runCli(['call', 'book', '--url', fixture.url, '--answers', answers, '-v']);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Booked 2 nights in Kyoto\. Tips: Walk early\./);
    assert.match(r.stderr, /\(protocol 2026-07-28; auto: the server answered server\/discover and offers 2026-07-28\)/);
    assert.match(r.stderr, /^elicitation "Where would you like to stay\?" → accept \{"destination":"Kyoto"\}$/m);
  });

  it('stops a call after --max-rounds rounds, and says a failed answer is ours, not the server\'s', async () => {
    const answers = path.join(dir, 'rounds.answers.json');
    writeFileSync(answers, JSON.stringify({
      elicitation: [{ match: 'Where', action: 'accept', content: { destination: 'Rome' } }, { match: 'nights', action: 'accept', content: { nights: 2 } }],
      sampling: [{ match: 'tips', reply: 'ok' }],
    }));
    const capped = await runCli(['call', 'book', '--url', fixture.url, '--answers', answers, '--max-rounds', '2']);
    assert.strictEqual(capped.code, 1);
    assert.match(capped.stderr, /^error: The server still asked for input after 2 rounds of tools\/call, so the call was stopped\. If it really needs more rounds, raise the limit/m);
    const wrong = path.join(dir, 'wrong.answers.json');
    writeFileSync(wrong, JSON.stringify({ elicitation: [{ match: 'Where', action: 'accept', content: { city: 'Rome' } }] }));
    const bad = await runCli(['call', 'book', '--url', fixture.url, '--answers', wrong]);
    assert.strictEqual(bad.code, 1);
    assert.match(bad.stderr, /^error: tools\/call book asked this client for input, and answering failed: The scripted answer answers\.elicitation\[0\] for "Where would you like to stay\?" does not fit the requested schema/m);
    assert.ok(!/The server answered/.test(bad.stderr), bad.stderr);
  });

  it('--save records the answers of every round as a scenario that `test` runs again', async () => {
    const answers = path.join(dir, 'save.answers.json');
    writeFileSync(answers, JSON.stringify({
      elicitation: [{ match: 'Where', action: 'accept', content: { destination: 'Oslo' } }, { match: 'nights', action: 'accept', content: { nights: 4 } }],
      sampling: [{ match: 'tips', reply: 'Bring a coat.' }],
    }));
    const file = path.join(dir, 'book.mcp-scenario.json');
    const r = await runCli(['call', 'book', '--url', fixture.url, '--answers', answers, '--save', file, '-q']);
    assert.deepStrictEqual([r.code, r.stderr], [0, '']);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { steps: Array<{ answers: { elicitation: unknown[]; sampling: unknown[] } }> };
    assert.deepStrictEqual([saved.steps[0].answers.elicitation.length, saved.steps[0].answers.sampling.length], [2, 1]);
    const again = await runCli(['test', file]);
    assert.strictEqual(again.code, 0, again.stdout);
  });

  it('test --protocol both runs a scenario in each era: a matrix on stderr, one JUnit test suite per era', async () => {
    const both = await serveModern({ legacy: 'stateless' });
    try {
      const file = path.join(dir, 'book-both.mcp-scenario.json');
      writeFileSync(file, JSON.stringify({
        name: 'book', connection: { type: 'http', url: both.url },
        answers: {
          elicitation: [{ match: 'Where', action: 'accept', content: { destination: 'Bergen' } }, { match: 'nights', action: 'accept', content: { nights: 1 } }],
          sampling: [{ match: 'tips', reply: 'Umbrella.' }],
        },
        steps: [{ call: 'book', expect: { contains: 'Booked 1 nights in Bergen. Tips: Umbrella.' } }],
      }));
      const junit = path.join(dir, 'both.xml');
      const r = await runCli(['test', file, '--protocol', 'both', '--reporter', 'junit', '--output', junit]);
      assert.strictEqual(r.code, 1, 'the 2025-11-25 run fails: this server cannot ask a 2025 client without a session');
      assert.match(r.stderr, /^scenario +2025-11-25 +2026-07-28$/m);
      assert.match(r.stderr, /^book +FAIL +pass$/m);
      const xml = readFileSync(junit, 'utf8');
      assert.match(xml, /<testsuite name="book \[2025-11-25\]"[^>]*failures="1"/);
      assert.match(xml, /<testsuite name="book \[2026-07-28\]"[^>]*failures="0"/);
    } finally {
      await both.close();
    }
  });

  it('--protocol 2025-11-25 against a modern-only server fails saying what to set; a bad value is bad usage', async () => {
    const r = await runCli(['tools', '--url', fixture.url, '--protocol', '2025-11-25']);
    assert.strictEqual(r.code, 1);
    assert.match(r.stderr, /speaks only 2026-07-28: it refused 2025-11-25 \(−32022 Unsupported protocol version\)\..*--protocol 2026-07-28/s);
    const bad = await runCli(['tools', '--url', fixture.url, '--protocol', '2025']);
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stderr, /--protocol takes auto, 2026-07-28, 2025-11-25; got "2025"/);
  });
});

describe('protocol eras through AgentCore (the emulator, SigV4)', function () {
  this.timeout(30_000);
  let files: AwsFiles;
  let rig: AgentCoreRig;
  before(async () => { files = useAwsFiles(); rig = await startAgentCoreRig({ modern: true }); });
  after(async () => { await rig.close(); files.restore(); });

  it('a 2026-07-28 server behind the runtime: found by the probe, every request signed (Mcp-* headers too), three rounds answered', async () => {
    const host = answering();
    const c = new McpConnection(rig.config(), host);
    try {
      const s = (await c.connect(), running(c));
      assert.deepStrictEqual([s.era, s.protocolVersion, s.stateless], ['modern', '2026-07-28', false]);
      const out = await callTool(c, 'book', {});
      assert.deepStrictEqual(out.result.content, [{ type: 'text', text: 'Booked 3 nights in Lisbon. Tips: Eat pastel de nata.' }]);
      const http = host.events.filter(e => e.kind === 'http');
      assert.ok(http.length >= 5 && http.every(e => e.kind === 'http' && /^AWS4-HMAC-SHA256 /.test(e.requestHeaders.authorization ?? '')), 'every request signed');
      assert.ok(http.every(e => e.kind === 'http' && e.method === 'POST' && e.status === 200), JSON.stringify(http.map(e => e.kind === 'http' ? `${e.method} ${e.status}` : '')));
      assert.ok(http.some(e => e.kind === 'http' && /mcp-method/.test(e.requestHeaders.authorization ?? '')), 'Mcp-Method is signed');
      const forecast = (await listTools(c)).find(t => t.name === 'forecast')!;
      assert.deepStrictEqual((await callTool(c, forecast, { region: 'ap-south-1' })).result.content, [{ type: 'text', text: 'forecast for ap-south-1; header ap-south-1' }]);
      const last = host.events.filter(e => e.kind === 'http').at(-1);
      assert.match(last?.kind === 'http' ? last.requestHeaders.authorization ?? '' : '', /SignedHeaders=[^,]*mcp-param-region/, 'Mcp-Param-Region is signed and passed through');
    } finally {
      await c.disconnect();
    }
  });
});
