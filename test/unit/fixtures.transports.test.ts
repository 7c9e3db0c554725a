import * as assert from 'node:assert';
import { spawn } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { EXIT_BEFORE_INIT_CODE, EXIT_BEFORE_INIT_STDERR, GARBAGE_LINES, NOT_MCP_HTML, serveNotMcp } from '../fixtures/servers/broken';
import { serveHttp, type HttpFixture } from '../fixtures/servers/run';
import { acceptInOrder, fixtureScript, resultText, scriptedClient, spawnHttpFixture, waitFor } from '../fixtures/servers/testkit';
import { createTravelServer } from '../fixtures/servers/travel';

const MCP_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };
const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0', id: 1, method: 'initialize',
  params: { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});
const travel = () => createTravelServer({ delayMs: 0 });

describe('fixture runners: Streamable HTTP, stateless and legacy SSE', () => {
  let http: HttpFixture | undefined;
  afterEach(async () => {
    await http?.close();
    http = undefined;
  });

  it('stateful mode gives each session an Mcp-Session-Id, 404s unknown ids and ends sessions on DELETE', async () => {
    http = await serveHttp(travel);
    const init = await fetch(http.url, { method: 'POST', headers: MCP_HEADERS, body: INITIALIZE });
    await init.text();
    const sessionId = init.headers.get('mcp-session-id');
    assert.match(sessionId ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepStrictEqual(http.sessions(), [sessionId]);

    const unknown = await fetch(http.url, { method: 'POST', headers: { ...MCP_HEADERS, 'Mcp-Session-Id': 'no-such-session' }, body: '{"jsonrpc":"2.0","id":2,"method":"tools/list"}' });
    assert.strictEqual(unknown.status, 404);
    assert.deepStrictEqual((await unknown.json() as { error: unknown }).error, { code: -32001, message: 'Session not found' });
    const noSession = await fetch(http.url, { method: 'POST', headers: MCP_HEADERS, body: '{"jsonrpc":"2.0","id":2,"method":"tools/list"}' });
    assert.strictEqual(noSession.status, 400);
    await noSession.text();

    const deleted = await fetch(http.url, { method: 'DELETE', headers: { ...MCP_HEADERS, 'Mcp-Session-Id': sessionId ?? '', 'Mcp-Protocol-Version': LATEST_PROTOCOL_VERSION } });
    await deleted.text();
    assert.strictEqual(deleted.status, 200);
    assert.deepStrictEqual(http.sessions(), []);
  });

  it('stateless mode sends no Mcp-Session-Id, so plan_trip cannot elicit (the seeds\' pitfall)', async () => {
    http = await serveHttp(travel, { stateless: true });
    const init = await fetch(http.url, { method: 'POST', headers: MCP_HEADERS, body: INITIALIZE });
    assert.strictEqual(init.status, 200);
    await init.text();
    assert.strictEqual(init.headers.get('mcp-session-id'), null);
    const get = await fetch(http.url, { headers: { Accept: 'text/event-stream' } });
    await get.text();
    assert.strictEqual(get.status, 405);

    const script = scriptedClient({ elicit: acceptInOrder(['tokyo']), sample: () => 'tips' });
    const transport = new StreamableHTTPClientTransport(new URL(http.url));
    await script.client.connect(transport);
    try {
      assert.strictEqual(transport.sessionId, undefined);
      assert.strictEqual((await script.client.listTools()).tools.length, 3);
      const result = await script.client.callTool({ name: 'plan_trip', arguments: {} });
      assert.strictEqual(result.isError, true);
      assert.match(resultText(result), /does not support form elicitation/);
      assert.strictEqual(script.elicitations.length, 0);
      assert.deepStrictEqual(http.sessions(), []);
    } finally {
      await script.client.close();
    }
  });

  it('legacy SSE mode works with SSEClientTransport (plan_trip included) and refuses Streamable HTTP', async () => {
    http = await serveHttp(travel, { legacySse: true });
    assert.ok(http.url.endsWith('/sse'));
    const post = await fetch(`${http.origin}/mcp`, { method: 'POST', headers: MCP_HEADERS, body: INITIALIZE });
    await post.text();
    assert.strictEqual(post.status, 405);
    await assert.rejects(new Client({ name: 't', version: '1' }).connect(new StreamableHTTPClientTransport(new URL(`${http.origin}/mcp`))), /Method Not Allowed/);

    const script = scriptedClient({ elicit: acceptInOrder(['bali', 'adventure', 3, 1, 'Yes']), sample: () => 'Surf early.' });
    await script.client.connect(new SSEClientTransport(new URL(http.url)));
    try {
      assert.strictEqual(http.sessions().length, 1);
      const progress: number[] = [];
      const text = resultText(await script.client.callTool({ name: 'plan_trip', arguments: {} }, undefined, { onprogress: p => progress.push(p.progress) }));
      assert.deepStrictEqual(progress, [1, 2, 3, 4, 5]);
      assert.match(text, /^BOOKING CONFIRMED! Ref: TRV-[0-9A-F-]{8}, Total: \$1100$/m);
      assert.ok(text.includes('AI tips: Surf early.'));
    } finally {
      await script.client.close();
    }
    // The spec's fallback GETs the Streamable HTTP URL itself: that works too.
    const fallback = new Client({ name: 't', version: '1' });
    await fallback.connect(new SSEClientTransport(new URL(`${http.origin}/mcp`)));
    assert.strictEqual((await fallback.listTools()).tools.length, 3);
    await fallback.close();
  });

  it('the CLI serves legacy SSE with --legacy-sse and prints its /sse URL', async () => {
    const fixture = await spawnHttpFixture('paging', ['--http', '--legacy-sse', '--tools', '5']);
    try {
      assert.match(fixture.url, /^http:\/\/127\.0\.0\.1:\d+\/sse$/);
      const client = new Client({ name: 't', version: '1' });
      await client.connect(new SSEClientTransport(new URL(fixture.url)));
      assert.strictEqual((await client.listTools()).tools.length, 5);
      await client.close();
    } finally {
      assert.strictEqual(await fixture.stop(), 0);
    }
  });
});

describe('fixture server: broken', () => {
  const run = (mode: string) => {
    const child = spawn(process.execPath, [fixtureScript('broken'), mode], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exit = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)));
    return { child, exit, out: () => stdout, err: () => stderr };
  };
  const stdio = (mode: string) => new StdioClientTransport({ command: process.execPath, args: [fixtureScript('broken'), mode], stderr: 'pipe' });

  it('--exit-before-init prints to stderr and exits 3; a client fails to connect', async () => {
    const p = run('--exit-before-init');
    assert.strictEqual(await p.exit, EXIT_BEFORE_INIT_CODE);
    assert.strictEqual(p.err().trim(), EXIT_BEFORE_INIT_STDERR);
    const transport = stdio('--exit-before-init');
    await assert.rejects(new Client({ name: 't', version: '1' }).connect(transport, { timeout: 5_000 }));
    await transport.close();
  });

  it('--garbage writes non-JSON to stdout; a client never gets an answer', async () => {
    const p = run('--garbage');
    await new Promise(resolve => p.child.stdout.once('data', resolve));
    assert.strictEqual(p.out().split('\n')[0], GARBAGE_LINES[0]);
    p.child.stdin.end();
    assert.strictEqual(await p.exit, 0);

    const transport = stdio('--garbage');
    const errors: Error[] = [];
    const client = new Client({ name: 't', version: '1' });
    client.onerror = e => void errors.push(e);
    await assert.rejects(client.connect(transport, { timeout: 500 }), /timed out/i);
    assert.ok(errors.length > 0, 'the SDK reports the unparsable lines through onerror');
    await transport.close();
  });

  it('--hang never answers initialize and ignores its stdin closing', async () => {
    const p = run('--hang');
    p.child.stdin.end();
    const early = await Promise.race([p.exit, new Promise(resolve => setTimeout(() => resolve('running'), 300))]);
    assert.strictEqual(early, 'running');
    p.child.kill('SIGTERM');
    assert.strictEqual(await p.exit, null);

    const transport = stdio('--hang');
    let pid: number | null = null;
    const start = transport.start.bind(transport);
    transport.start = async () => {
      await start();
      pid = transport.pid;
    };
    await assert.rejects(new Client({ name: 't', version: '1' }).connect(transport, { timeout: 300 }), /timed out/i);
    // The client closes the transport after the failed connect: stdin ends, 2 s later SIGTERM.
    await waitFor(() => {
      try {
        process.kill(pid ?? 0, 0);
        return false;
      } catch {
        return true;
      }
    }, 8_000, 'the hung server to be stopped');
    await transport.close();
  });

  it('--not-mcp is a plain web server: HTML 200 on the MCP path, 404 elsewhere; MCP clients fail', async () => {
    const web = await serveNotMcp();
    try {
      const page = await fetch(web.url, { method: 'POST', headers: MCP_HEADERS, body: INITIALIZE });
      assert.deepStrictEqual([page.status, page.headers.get('content-type'), await page.text()], [200, 'text/html; charset=utf-8', NOT_MCP_HTML]);
      const missing = await fetch(`${web.origin}/elsewhere`);
      await missing.text();
      assert.strictEqual(missing.status, 404);
      await assert.rejects(new Client({ name: 't', version: '1' }).connect(new StreamableHTTPClientTransport(new URL(web.url))));
      await assert.rejects(new Client({ name: 't', version: '1' }).connect(new SSEClientTransport(new URL(web.url))));
    } finally {
      await web.close();
    }
    const cli = await spawnHttpFixture('broken', ['--not-mcp', '--http']);
    try {
      assert.strictEqual(await (await fetch(cli.url)).text(), NOT_MCP_HTML);
    } finally {
      assert.strictEqual(await cli.stop(), 0);
    }
  });
});
