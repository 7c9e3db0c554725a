import * as assert from 'node:assert';
import * as http from 'node:http';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { McpConnection } from '../../src/core/connections/connection';
import { serveHttp } from '../fixtures/servers/run';
import { CancelledError, ExplainedError } from '../../src/core/connections/errors';
import { headerSecretKey } from '../../src/core/connections/secretKeys';
import { callTool, getPrompt, listPrompts, listResources, listTools, readResource } from '../../src/core/operations';
import { recordingHost, stdioEverything } from './helpers';

describe('McpConnection over stdio with @modelcontextprotocol/server-everything', function () {
  this.timeout(30_000);
  let conn: McpConnection;
  const host = recordingHost();
  before(async () => {
    conn = new McpConnection(stdioEverything(), host);
    const s = await conn.connect();
    assert.strictEqual(s.kind, 'running', JSON.stringify(s));
  });
  after(() => conn.disconnect());

  it('reports the session: server, protocol version and both sides\' capabilities', () => {
    assert.strictEqual(conn.state.kind, 'running');
    if (conn.state.kind !== 'running') return;
    const s = conn.state.session;
    assert.strictEqual(s.transport, 'stdio');
    assert.strictEqual(s.server?.name, 'mcp-servers/everything');
    assert.strictEqual(s.protocolVersion, '2025-11-25');
    assert.ok(s.serverCapabilities?.tools && s.serverCapabilities.resources && s.serverCapabilities.prompts);
    assert.strictEqual(s.stateless, false);
    // No elicitation, sampling or roots without handlers for them; tasks (the 2026-07-28 extension) always.
    assert.deepStrictEqual(s.clientCapabilities, { extensions: { 'io.modelcontextprotocol/tasks': {} } });
  });

  it('lists tools, resources and prompts, following every page', async () => {
    const tools = await listTools(conn);
    for (const t of ['echo', 'get-sum', 'trigger-long-running-operation']) assert.ok(tools.some(x => x.name === t), t);
    const resources = await listResources(conn);
    assert.ok(resources.length > 0);
    const prompts = await listPrompts(conn);
    assert.ok(prompts.some(p => p.name === 'args-prompt'), JSON.stringify(prompts.map(p => p.name)));
  });

  it('calls echo and get-sum', async () => {
    const echo = await callTool(conn, 'echo', { message: 'hi there' });
    assert.deepStrictEqual(echo.result.content, [{ type: 'text', text: 'Echo: hi there' }]);
    const sum = await callTool(conn, 'get-sum', { a: 2, b: 40 });
    assert.match(JSON.stringify(sum.result.content), /42/);
  });

  it('reads a resource and gets a prompt with arguments', async () => {
    const [first] = await listResources(conn);
    const r = await readResource(conn, first.uri);
    assert.strictEqual(r.contents[0].uri, first.uri);
    const p = await getPrompt(conn, 'args-prompt', { city: 'Tokyo', state: 'Kanto' });
    assert.match(JSON.stringify(p.messages), /Tokyo/);
  });

  it('reports progress and, when aborted, sends notifications/cancelled and settles as cancelled', async () => {
    const seen: number[] = [];
    const abort = new AbortController();
    const call = callTool(conn, 'trigger-long-running-operation', { duration: 5, steps: 50 }, {
      signal: abort.signal, onprogress: p => { seen.push(p.progress); if (seen.length === 3) abort.abort('user'); },
    });
    await assert.rejects(call, CancelledError);
    assert.deepStrictEqual(seen.slice(0, 3), [1, 2, 3]);
    const out = host.events.filter(e => e.kind === 'message' && e.direction === 'out').map(e => e.kind === 'message' ? e.message : undefined);
    const request = out.find(m => m && 'method' in m && m.method === 'tools/call' && (m.params as { name: string }).name === 'trigger-long-running-operation');
    assert.ok(request && 'params' in request && (request.params as { _meta?: { progressToken?: unknown } })._meta?.progressToken !== undefined, 'progressToken sent');
    const cancelled = out.find(m => m && 'method' in m && m.method === 'notifications/cancelled');
    assert.ok(cancelled && 'id' in request!, 'notifications/cancelled sent');
    assert.strictEqual((cancelled as unknown as { params: { requestId: unknown } }).params.requestId, (request as { id: unknown }).id);
  });

  it('disconnects and stops the server process', async () => {
    const pid = (conn as unknown as { live: { stdio: { pid: number } } }).live.stdio.pid;
    await conn.disconnect();
    assert.strictEqual(conn.state.kind, 'stopped');
    assert.throws(() => process.kill(pid, 0), /ESRCH/);
    await conn.connect(); // for after()
  });

  it('a disconnect while a restart is under way (a call in flight) leaves no server process behind', async () => {
    const childCount = () => (process as unknown as { _getActiveHandles(): object[] })._getActiveHandles().filter(h => h.constructor.name === 'ChildProcess').length;
    const before = childCount();
    const other = new McpConnection(stdioEverything('restarting'), recordingHost());
    await other.connect();
    const pids = new Set<number>();
    const note = () => { const p = (other as unknown as { live?: { stdio?: { pid: number } } }).live?.stdio?.pid; if (p) pids.add(p); };
    note();
    let restarted = false;
    await assert.rejects(callTool(other, 'trigger-long-running-operation', { duration: 3, steps: 3 }, { onprogress: () => { if (!restarted) { restarted = true; void other.restart(); } } }), /connection closed/);
    await other.disconnect();
    note();
    assert.strictEqual(other.state.kind, 'stopped');
    await new Promise(r => setTimeout(r, 300));
    for (const pid of pids) assert.throws(() => process.kill(pid, 0), /ESRCH/, `server process ${pid} still runs`);
    const left = (process as unknown as { _getActiveHandles(): object[] })._getActiveHandles().filter(h => h.constructor.name === 'ChildProcess') as Array<{ pid?: number; kill(): void }>;
    if (left.length > before) for (const c of left.slice(before)) c.kill(); // do not leave it to hang the run
    assert.strictEqual(left.length, before, 'a server process was started after the disconnect');
  });
});

describe('McpConnection failures end in the error state with a next step', function () {
  this.timeout(20_000);
  const failing = async (config: ConstructorParameters<typeof McpConnection>[0], host = recordingHost()) => {
    const conn = new McpConnection(config, host);
    const s = await conn.connect();
    await conn.disconnect();
    assert.strictEqual(s.kind, 'error');
    return s.kind === 'error' ? s : assert.fail();
  };

  it('a command that does not exist', async () => {
    const s = await failing({ name: 'x', type: 'stdio', command: 'no-such-mcp-server-xyz', args: [], env: {} });
    assert.match(s.message, /Could not start "no-such-mcp-server-xyz": command not found/);
    assert.match(s.nextStep ?? '', /full path/);
  });

  it('a server that exits before initialize, with its last stderr', async () => {
    const s = await failing({ name: 'x', type: 'stdio', command: process.execPath, args: ['-e', 'console.error("missing API_KEY"); process.exit(3)'], env: {} });
    assert.match(s.message, /exited with code 3 before it answered initialize\. It wrote: missing API_KEY/);
  });

  it('a server that never answers initialize', async () => {
    const s = await failing({ name: 'x', type: 'stdio', command: process.execPath, args: ['-e', 'setTimeout(() => {}, 60000)'], env: {} },
      recordingHost({ timeouts: { connectMs: 500 } }));
    assert.match(s.message, /did not answer initialize within 1 s/);
    assert.match(s.nextStep ?? '', /nothing else may be printed to stdout/);
  });

  it('a refused port', async () => {
    const srv = http.createServer();
    await new Promise<void>(r => srv.listen(0, '127.0.0.1', r));
    const { port } = srv.address() as AddressInfo;
    await new Promise(r => srv.close(r));
    const s = await failing({ name: 'x', type: 'http', url: `http://127.0.0.1:${port}/mcp`, headers: {}, secretHeaders: [] });
    assert.match(s.message, new RegExp(`Nothing is listening at 127\\.0\\.0\\.1:${port} \\(connection refused\\)`));
  });

  it('a web page instead of an MCP endpoint', async () => {
    const srv = http.createServer((_req, res) => { res.setHeader('content-type', 'text/html'); res.end('<html>hello</html>'); });
    await new Promise<void>(r => srv.listen(0, '127.0.0.1', r));
    try {
      const { port } = srv.address() as AddressInfo;
      const s = await failing({ name: 'x', type: 'http', url: `http://127.0.0.1:${port}/`, headers: {}, secretHeaders: [] });
      assert.match(s.message, /answered with text\/html, not MCP .* It looks like a web page\./);
    } finally { srv.close(); }
  });

  it('an HTTP endpoint that answers 404 to both transports', async () => {
    const srv = http.createServer((_req, res) => { res.statusCode = 404; res.end('no'); });
    await new Promise<void>(r => srv.listen(0, '127.0.0.1', r));
    try {
      const { port } = srv.address() as AddressInfo;
      const s = await failing({ name: 'x', type: 'http', url: `http://127.0.0.1:${port}/nope`, headers: {}, secretHeaders: [] });
      assert.match(s.message, /There is no MCP endpoint at http:\/\/127\.0\.0\.1:\d+\/nope \(404 Not Found\)\. The legacy SSE endpoint answered 404 too\./);
    } finally { srv.close(); }
  });

  it('an HTTP endpoint that wants a token says how to give one, in VS Code and on the command line', async () => {
    const srv = http.createServer((_req, res) => { res.statusCode = 401; res.setHeader('www-authenticate', 'Bearer realm="mcp"'); res.end(); });
    await new Promise<void>(r => srv.listen(0, '127.0.0.1', r));
    try {
      const { port } = srv.address() as AddressInfo;
      const s = await failing({ name: 'x', type: 'http', url: `http://127.0.0.1:${port}/mcp`, headers: {}, secretHeaders: [] });
      assert.match(s.message, /answered 401 \(WWW-Authenticate: Bearer realm="mcp"\)/);
      assert.match(s.nextStep ?? '', /"AgentCore MCP: Edit Connection".*--header "Authorization: Bearer <token>"/);
    } finally { srv.close(); }
  });

  it('requests on a connection that cannot connect fail with the explanation', async () => {
    const conn = new McpConnection({ name: 'x', type: 'stdio', command: 'no-such-mcp-server-xyz', args: [], env: {} }, recordingHost());
    await assert.rejects(listTools(conn), (e: unknown) => e instanceof ExplainedError && /command not found/.test(e.message));
  });
});

describe('McpConnection: secrets in what the server says back', function () {
  this.timeout(20_000);
  it('redacts a secret header value wherever it shows: server log messages, and the error state', async () => {
    const SECRET = 'k-1234-very-secret-value';
    const fixture = await serveHttp(() => {
      const server = new McpServer({ name: 'echoes-keys', version: '1.0.0' }, { capabilities: { logging: {} } });
      server.registerTool('leak', { description: 'logs the key it got' }, async extra => {
        const key = String(extra.requestInfo?.headers['x-api-key'] ?? '');
        await server.server.sendLoggingMessage({ level: 'warning', data: `got key ${key}` });
        return { content: [{ type: 'text', text: 'ok' }] };
      });
      return server;
    });
    const host = recordingHost({ secret: async key => (key === headerSecretKey('leaky', 'X-Api-Key') ? SECRET : undefined) });
    const conn = new McpConnection({ name: 'leaky', type: 'http', url: fixture.url, headers: {}, secretHeaders: ['X-Api-Key'] }, host);
    try {
      assert.strictEqual((await conn.connect()).kind, 'running');
      await callTool(conn, 'leak', {});
      for (let i = 0; i < 50 && !host.logs.some(l => /got key/.test(l.message)); i++) await new Promise(r => setTimeout(r, 10));
      const line = host.logs.find(l => /got key/.test(l.message));
      assert.strictEqual(line?.message, '[server] got key «redacted»');
      assert.ok(!JSON.stringify(host.logs).includes(SECRET) && !JSON.stringify(host.notes).includes(SECRET));
    } finally {
      await conn.disconnect();
      await fixture.close();
    }
  });
});

describe('McpConnection: a request that outlives its timeout', function () {
  this.timeout(20_000);
  it('names the timeout setting that applies (tool calls and other requests) and the command-line flag', async () => {
    const fixture = await serveHttp(() => {
      const server = new McpServer({ name: 'slow', version: '1.0.0' });
      server.registerTool('slow', { description: 'takes its time' }, async () => {
        await new Promise(r => setTimeout(r, 3000));
        return { content: [] };
      });
      server.registerResource('slow', 'slow://r', {}, async () => {
        await new Promise(r => setTimeout(r, 3000));
        return { contents: [] };
      });
      return server;
    });
    const conn = new McpConnection({ name: 'slow', type: 'http', url: fixture.url, headers: {}, secretHeaders: [] },
      recordingHost({ timeouts: { toolCallMs: 300, requestMs: 300 } }));
    try {
      assert.strictEqual((await conn.connect()).kind, 'running');
      await assert.rejects(callTool(conn, 'slow', {}), (e: unknown) => e instanceof ExplainedError
        && /did not answer tools\/call/.test(e.message) && /agentcoreMcp\.timeouts\.toolCallSeconds; command line: --timeout/.test(e.nextStep ?? ''));
      await assert.rejects(readResource(conn, 'slow://r'), (e: unknown) => e instanceof ExplainedError
        && /did not answer resources\/read/.test(e.message) && /agentcoreMcp\.timeouts\.requestSeconds/.test(e.nextStep ?? ''));
    } finally {
      await conn.disconnect();
      await fixture.close();
    }
  });
});

describe('McpConnection hands server requests to the host', function () {
  this.timeout(20_000);
  it('passes elicitation requests with every schema keyword the server sent (pattern included), and the answer back', async () => {
    const fixture = await serveHttp(() => {
      const server = new McpServer({ name: 'asks', version: '1.0.0' });
      server.registerTool('ask', { description: 'asks for a code' }, async () => {
        // `pattern` is in the spec's String Schema but not in the SDK's types.
        const requestedSchema = { type: 'object', properties: { code: { type: 'string', pattern: '^[A-Z]{3}$' } }, required: ['code'] } as never;
        const r = await server.server.elicitInput({ message: 'Code?', requestedSchema });
        return { content: [{ type: 'text', text: `${r.action}:${JSON.stringify(r.content ?? {})}` }] };
      });
      return server;
    });
    const seen: unknown[] = [];
    const conn = new McpConnection({ name: 'asks', type: 'http', url: fixture.url, headers: {}, secretHeaders: [] }, recordingHost({
      elicit: async params => { seen.push(params); return { action: 'accept', content: { code: 'ABC' } }; },
    }));
    try {
      assert.strictEqual((await conn.connect()).kind, 'running');
      const out = await callTool(conn, 'ask', {});
      assert.deepStrictEqual(out.result.content, [{ type: 'text', text: 'accept:{"code":"ABC"}' }]);
      assert.strictEqual((seen[0] as { requestedSchema: { properties: { code: { pattern?: string } } } }).requestedSchema.properties.code.pattern, '^[A-Z]{3}$');
    } finally {
      await conn.disconnect();
      await fixture.close();
    }
  });
});

describe('McpConnection: roots and server log messages', function () {
  this.timeout(20_000);
  it('answers roots/list with the host\'s roots and tells the server when they change', async () => {
    let roots = [{ uri: 'file:///work/a', name: 'a' }];
    const host = recordingHost({ roots: async () => roots });
    const conn = new McpConnection(stdioEverything(), host);
    try {
      await conn.connect();
      if (conn.state.kind === 'running') assert.deepStrictEqual(conn.state.session.clientCapabilities.roots, { listChanged: true });
      const first = await callTool(conn, 'get-roots-list', {});
      assert.match(JSON.stringify(first.result.content), /file:\/\/\/work\/a/);
      roots = [{ uri: 'file:///work/b', name: 'b' }];
      await conn.rootsChanged();
      await new Promise(r => setTimeout(r, 300)); // the server asks roots/list again on list_changed
      const second = await callTool(conn, 'get-roots-list', {});
      assert.match(JSON.stringify(second.result.content), /file:\/\/\/work\/b/);
      const out = host.events.filter(e => e.kind === 'message' && e.direction === 'out' && 'method' in e.message && e.message.method === 'notifications/roots/list_changed');
      assert.strictEqual(out.length, 1);
    } finally {
      await conn.disconnect();
    }
  });

  it('writes the server\'s log messages to the host log at the matching level, after logging/setLevel', async () => {
    const host = recordingHost({ serverLogLevel: 'debug' });
    const conn = new McpConnection({ name: 'features', type: 'stdio', command: process.execPath, args: [path.join(__dirname, '..', 'fixtures', 'servers', 'features.js'), '--stdio'], env: {} }, host);
    try {
      await callTool(conn, 'log_all_levels', {});
      const setLevel = host.events.find(e => e.kind === 'message' && e.direction === 'out' && 'method' in e.message && e.message.method === 'logging/setLevel');
      assert.ok(setLevel && setLevel.kind === 'message' && 'params' in setLevel.message && (setLevel.message.params as { level: string }).level === 'debug');
      const server = host.logs.filter(l => l.message.startsWith('[server'));
      assert.deepStrictEqual([...new Set(server.map(l => l.level))].sort(), ['debug', 'error', 'info', 'warn']);
      assert.strictEqual(server.length, 8, JSON.stringify(server));
    } finally {
      await conn.disconnect();
    }
  });
});
