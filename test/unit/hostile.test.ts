import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { LIST_CHANGED_MS } from '../../src/core/connections/coalesce';
import { McpConnection } from '../../src/core/connections/connection';
import { callTool, listTools, readResource } from '../../src/core/operations';
import { serveHttp } from '../fixtures/servers/run';
import { Plan, startPuppet } from '../../reliability/puppet';
import { recordingHost, stdioEverything } from './helpers';

const plan = (over: Partial<Plan>): Plan => ({ transport: 'json', id: 'same', body: 'mutated', path: [], value: null, before: [], status: 200, garbage: '', ...over });

describe('answers that are not MCP say what is wrong with them (found by npm run reliability)', function () {
  this.timeout(20_000);

  it('a result of the wrong shape names the method and where, not a dump of schema issues', async () => {
    const puppet = await startPuppet([plan({ path: ['tools', 0, 'name'], value: 5 }), plan({ transport: 'garbage', status: 201, garbage: '{"jsonrpc": "2.0", "id"' })]);
    const conn = new McpConnection({ name: 'p', type: 'http', url: puppet.url, headers: {}, secretHeaders: [], protocol: '2025-11-25' }, recordingHost());
    try {
      await assert.rejects(listTools(conn), (e: Error) => {
        assert.match(e.message, /^The server's answer to tools\/list does not fit the MCP schema: tools\.0\.name: .*string/);
        assert.ok(!e.message.includes('"code"'), e.message);
        return true;
      });
      await assert.rejects(readResource(conn, 'x://y'), /: The server sent something that is not JSON in answer to resources\/read \(/);
    } finally {
      await conn.disconnect();
      await puppet.close();
    }
  });
});

describe('a stdio server that writes garbage to stdout', function () {
  this.timeout(20_000);

  it('goes on working, and the log says what was ignored: non-JSON lines, JSON that is not JSON-RPC, a response to no request', async () => {
    const wrapper = path.join(os.tmpdir(), `agentcore-mcp-garbage-${process.pid}.mjs`);
    const server = stdioEverything();
    fs.writeFileSync(wrapper, [
      "process.stdout.write(Buffer.from([0, 255, 254, 10]));",
      "process.stdout.write('not json\\n{\"jsonrpc\":\"2.0\",\"id\":\"x\"}\\n{\"jsonrpc\":\"2.0\",\"id\":99,\"result\":{}}\\n');",
      `await import(${JSON.stringify(pathToFileURL(server.args[0]).href)});`,
    ].join('\n'));
    const host = recordingHost();
    const conn = new McpConnection({ ...server, name: 'garbage', args: [wrapper, ...server.args.slice(1)], protocol: '2025-11-25' }, host);
    try {
      assert.strictEqual((await conn.connect()).kind, 'running');
      assert.ok((await listTools(conn)).length > 5);
      const ignored = host.logs.filter(l => l.level === 'warn' && l.message.startsWith('Ignored what the server sent')).map(l => l.message);
      assert.strictEqual(ignored.length, 4, ignored.join('\n'));
      assert.match(ignored[1], /not JSON-RPC \("not json"\)/);
      assert.match(ignored[2], /JSON, but not a JSON-RPC message/);
      assert.match(ignored[3], /unknown message ID/);
    } finally {
      await conn.disconnect();
      fs.rmSync(wrapper, { force: true });
    }
  });
});

describe('a flood of list_changed notifications', function () {
  this.timeout(20_000);

  it('is passed on once at once and once more after the burst, not once per notification', async () => {
    const fixture = await serveHttp(() => {
      const s = new McpServer({ name: 'flood', version: '1' }, { capabilities: { tools: { listChanged: true } } });
      s.registerTool('flood', { inputSchema: { n: z.number() } }, async ({ n }) => {
        for (let i = 0; i < n; i++) s.sendToolListChanged();
        return { content: [{ type: 'text', text: 'sent' }] };
      });
      return s;
    });
    const conn = new McpConnection({ name: 'flood', type: 'http', url: fixture.url, headers: {}, secretHeaders: [] }, recordingHost());
    const fired: string[] = [];
    conn.onListChanged(kind => fired.push(kind));
    try {
      await callTool(conn, 'flood', { n: 2000 });
      await new Promise(r => setTimeout(r, LIST_CHANGED_MS * 3));
      assert.deepStrictEqual(fired, ['tools', 'tools'], `fired ${fired.length} times`);
      await new Promise(r => setTimeout(r, LIST_CHANGED_MS * 2));
      await callTool(conn, 'flood', { n: 1 });
      await new Promise(r => setTimeout(r, 100));
      assert.strictEqual(fired.length, 3, 'a single one later is passed on at once');
    } finally {
      await conn.disconnect();
      await fixture.close();
    }
  });
});
