// The gateway, as other MCP clients use it: `agentcore-mcp proxy` driven by the SDK's own stdio client
// (1.x, 2025-11-25, as Claude Desktop and Cursor speak it; and 2.x in 2026-07-28), and the loopback HTTP
// gateway VS Code's MCP client uses. plan_trip goes through the AgentCore emulator, which verifies every
// signature: elicitation, sampling and progress come back to the client, and a session that expires
// between calls is renewed without the client seeing it.
import * as assert from 'node:assert';
import * as http from 'node:http';
import { Client as Client1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CreateMessageRequestSchema, ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { Client as Client2 } from '@modelcontextprotocol/client';
import { StdioClientTransport as StdioClientTransport2 } from '@modelcontextprotocol/client/stdio';
import { startEmulator, type Emulator } from '../../src/emulator';
import { Gateway } from '../../src/core/gateway/server';
import { openUpstream } from '../../src/core/gateway/upstream';
import { serveHttp, type HttpFixture } from '../fixtures/servers/run';
import { createTravelServer } from '../fixtures/servers/travel';
import { serveModern, type ModernFixture } from '../fixtures/servers/modern';
import { AwsFiles, CREDS, TEMP, useAwsFiles } from './agentcore.harness.test';
import { cliPath, ensureBuilt, runCli } from './cli.harness.test';
import { recordingHost } from './helpers';

const ANSWERS: [RegExp, unknown][] = [[/^Where/, 'Tokyo'], [/^What type/, 'leisure'], [/^How many nights/, 3], [/^Number of travelers/, 2], [/Confirm booking/, 'Yes']];

/** A 1.x client that answers plan_trip's questions and its sampling request, and counts what it saw. */
function travelClient() {
  const seen = { elicitations: 0, samplings: 0, progress: 0 };
  const client = new Client1({ name: 'other-client', version: '1.0.0' }, { capabilities: { elicitation: {}, sampling: {} } });
  client.setRequestHandler(ElicitRequestSchema, async req => {
    seen.elicitations++;
    const answer = ANSWERS.find(([m]) => m.test(req.params.message));
    return answer ? { action: 'accept', content: { value: answer[1] as string } } : { action: 'decline' };
  });
  client.setRequestHandler(CreateMessageRequestSchema, async () => {
    seen.samplings++;
    return { role: 'assistant', model: 'test-model', content: { type: 'text', text: '1. Go early. 2. Eat well.' } };
  });
  const planTrip = async () => {
    const r = await client.callTool({ name: 'plan_trip', arguments: {} }, undefined, { onprogress: () => { seen.progress++; }, timeout: 30_000 });
    return (r.content as { type: string; text: string }[]).map(c => c.text).join('\n');
  };
  return { client, seen, planTrip };
}

describe('gateway: AgentCore for other MCP clients', function () {
  this.timeout(60_000);
  let files: AwsFiles;
  let travel: HttpFixture;
  let emu: Emulator;
  before(async () => {
    ensureBuilt();
    files = useAwsFiles();
    travel = await serveHttp(() => createTravelServer({ delayMs: 5 }));
    emu = await startEmulator({ region: 'us-east-1', credentials: [CREDS, TEMP], runtimes: [{ name: 'travel', upstream: travel.url, auth: 'sigv4' }] });
  });
  after(async () => {
    await emu?.close();
    await travel?.close();
    files.restore();
  });

  const invocations = () => emu.log.filter(l => l.path?.includes('/invocations'));
  const liveSession = () => emu.sessions().find(s => s.phase === 'active');

  it('agentcore-mcp proxy: plan_trip from a stdio client, every request signed, a session expiry survived, the session ended on close', async () => {
    const before = invocations().length;
    const transport = new StdioClientTransport({
      command: process.execPath, args: [cliPath, 'proxy', '--agentcore-arn', emu.arnOf('travel'), '--endpoint', emu.url, '--profile', 'temp', '--verbose'],
      env: { ...process.env } as Record<string, string>, stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
    const { client, seen, planTrip } = travelClient();
    await client.connect(transport);
    try {
      assert.match(await planTrip(), /^BOOKING CONFIRMED! Ref: TRV-/, stderr);
      assert.deepStrictEqual([seen.elicitations, seen.samplings], [5, 1]);
      assert.ok(seen.progress >= 3, `progress relayed: ${seen.progress}`);
      const first = liveSession();
      assert.ok(first && emu.expireSession(first.id), 'a session to expire');
      assert.match(await planTrip(), /^BOOKING CONFIRMED!/, stderr);
      assert.strictEqual(seen.elicitations, 10);
      assert.match(stderr, new RegExp(`The session ${first.id} on "server" expired; the gateway opened \\S+ and sent the request again`));
      const ours = invocations().slice(before);
      assert.ok(ours.some(l => l.status === 404), 'the expired session answered 404');
      // Only that 404 failed: every request reached the runtime with a signature the emulator accepted.
      assert.deepStrictEqual(ours.filter(l => l.status >= 400).map(l => l.status), [404]);
    } finally {
      await client.close();
    }
    for (let i = 0; i < 50 && liveSession(); i++) await new Promise(r => setTimeout(r, 20));
    assert.strictEqual(liveSession(), undefined, 'the proxy ended its session (DELETE) when the client closed stdin');
    for (const secret of [TEMP.secretAccessKey, TEMP.sessionToken]) assert.ok(!stderr.includes(secret), 'a secret reached stderr');
  });

  it('agentcore-mcp proxy: 2026-07-28 through the SDK 2.x client, questions answered through input_required', async () => {
    let modern: ModernFixture | undefined;
    try {
      modern = await serveModern({ legacy: 'reject' });
      const client = new Client2({ name: 'other-client-2', version: '1.0.0' }, { capabilities: { elicitation: { form: {} }, sampling: {} }, versionNegotiation: { mode: 'auto' } });
      const asked: string[] = [];
      client.setRequestHandler('elicitation/create', async req => {
        asked.push(req.params.message);
        const content: Record<string, string | number> = /^Where/.test(req.params.message) ? { destination: 'Lisbon' } : { nights: 2 };
        return { action: 'accept', content };
      });
      client.setRequestHandler('sampling/createMessage', async () => {
        asked.push('sampling');
        return { role: 'assistant', model: 'test-model', content: { type: 'text', text: 'Pack light.' } };
      });
      await client.connect(new StdioClientTransport2({ command: process.execPath, args: [cliPath, 'proxy', '--url', modern.url], env: { ...process.env } as Record<string, string> }));
      try {
        assert.strictEqual(client.getProtocolEra(), 'modern');
        const r = await client.callTool({ name: 'book', arguments: {} });
        assert.match(JSON.stringify(r.content), /Lisbon/);
        assert.ok(asked.includes('sampling') && asked.filter(a => a !== 'sampling').length >= 2, asked.join(' | '));
      } finally {
        await client.close();
      }
    } finally {
      await modern?.close();
    }
  });

  it('agentcore-mcp proxy: a cancelled call is cancelled on the server', async () => {
    let aborted = false;
    const started = new Set<string>();
    const waiting = await serveHttp(() => {
      const server = new McpServer({ name: 'waits', version: '1.0.0' });
      server.registerTool('wait', { description: 'Waits until cancelled' }, async (extra) => {
        started.add('wait');
        await new Promise<void>(resolve => extra.signal.addEventListener('abort', () => { aborted = true; resolve(); }));
        return { content: [{ type: 'text', text: 'cancelled' }] };
      });
      return server;
    });
    const client = new Client1({ name: 'other-client', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [cliPath, 'proxy', '--url', waiting.url], env: { ...process.env } as Record<string, string> }));
    try {
      const stop = new AbortController();
      const call = client.callTool({ name: 'wait', arguments: {} }, undefined, { signal: stop.signal });
      for (let i = 0; i < 100 && !started.size; i++) await new Promise(r => setTimeout(r, 20));
      stop.abort('enough');
      await assert.rejects(call);
      for (let i = 0; i < 100 && !aborted; i++) await new Promise(r => setTimeout(r, 20));
      assert.ok(aborted, 'the server saw notifications/cancelled');
    } finally {
      await client.close();
      await waiting.close();
    }
  });

  it('agentcore-mcp proxy refuses a stdio server, saying what to give instead', async () => {
    const stdio = await runCli(['proxy', '--stdio', 'node server.js']);
    assert.strictEqual(stdio.code, 2);
    assert.match(stdio.stderr, /a stdio server needs no proxy/);
  });

  it('the loopback gateway: an unguessable path per route, signed forwarding with renewal, refusals, stopped when unrouted', async () => {
    const host = recordingHost();
    const gateway = new Gateway();
    const config = { name: 'travel', type: 'agentcore' as const, arn: emu.arnOf('travel'), qualifier: 'DEFAULT', endpoint: emu.url, profile: 'temp', auth: 'sigv4' as const };
    const url = await gateway.route('travel', () => openUpstream(config, host));
    assert.match(url.href, /^http:\/\/127\.0\.0\.1:\d+\/mcp\/[A-Za-z0-9_-]{32}$/);
    const { client, seen, planTrip } = travelClient();
    await client.connect(new StreamableHTTPClientTransport(url));
    try {
      assert.match(await planTrip(), /^BOOKING CONFIRMED!/);
      const first = liveSession();
      assert.ok(first && emu.expireSession(first.id));
      assert.match(await planTrip(), /^BOOKING CONFIRMED!/);
      assert.deepStrictEqual([seen.elicitations, seen.samplings], [10, 2]);
      assert.ok(host.logs.some(l => /expired; the gateway opened/.test(l.message)), JSON.stringify(host.logs));
    } finally {
      await client.close();
    }
    const guess = await fetch(new URL('/mcp/guess', url), { method: 'POST', body: '{}' });
    assert.strictEqual(guess.status, 404);
    // A page on another site that resolves its name to 127.0.0.1 (DNS rebinding) sends its own Host.
    const rebinding = await new Promise<number | undefined>(resolve => {
      const req = http.request(url, { method: 'POST', headers: { host: 'evil.example' } }, res => { res.resume(); resolve(res.statusCode); });
      req.on('error', () => resolve(undefined));
      req.end('{}');
    });
    assert.strictEqual(rebinding, 403);
    await gateway.unroute('travel');
    await assert.rejects(fetch(url, { method: 'POST', body: '{}' }), 'no longer listening once no route is left');
  });

  it('the loopback gateway: a route whose upstream cannot open fails at route time, and a request failure is a JSON-RPC error for its id', async () => {
    const host = recordingHost();
    const gateway = new Gateway();
    const bad = { name: 'bad', type: 'agentcore' as const, arn: 'arn:aws:bedrock-agentcore:us-east-1:123:runtime/x', qualifier: 'DEFAULT', endpoint: emu.url, auth: 'sigv4' as const };
    await assert.rejects(gateway.route('bad', () => openUpstream(bad, host)), /runtime ARN of "bad" is not valid/);
    assert.deepStrictEqual(gateway.names, []);
    const down = await serveHttp(() => createTravelServer({ delayMs: 5 }));
    const url = await gateway.route('down', () => openUpstream({ name: 'down', type: 'http', url: down.url, headers: {}, secretHeaders: [] }, host));
    await down.close();
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/list' }) });
    const body = await r.json() as { id: number; error: { message: string } };
    assert.strictEqual(body.id, 7);
    assert.match(body.error.message, /^"down" through the AgentCore MCP gateway: /);
    await gateway.close();
  });
});
