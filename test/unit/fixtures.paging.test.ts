import * as assert from 'node:assert';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { createPagingServer } from '../fixtures/servers/paging';
import { serveHttp } from '../fixtures/servers/run';
import { connectInMemory, resourceText, resultText } from '../fixtures/servers/testkit';

async function listAll<T>(fetchPage: (cursor?: string) => Promise<{ items: T[]; nextCursor?: string }>): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let pages = 0;
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    pages++;
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return { items, pages };
}

describe('fixture server: paging', () => {
  it('lists 10,000 tools in exactly 100 pages, in order, and each tool echoes its arguments', async () => {
    const client = new Client({ name: 't', version: '1' });
    const session = await connectInMemory(client, createPagingServer());
    try {
      const { items, pages } = await listAll(async cursor => {
        const r = await client.listTools(cursor === undefined ? {} : { cursor });
        return { items: r.tools.map(t => t.name), nextCursor: r.nextCursor };
      });
      assert.strictEqual(pages, 100);
      assert.strictEqual(items.length, 10_000);
      assert.strictEqual(new Set(items).size, 10_000);
      assert.deepStrictEqual([items[0], items[9_999]], ['tool-00001', 'tool-10000']);

      const result = await client.callTool({ name: 'tool-04242', arguments: { message: 'hi' } });
      assert.deepStrictEqual(JSON.parse(resultText(result)), { tool: 'tool-04242', arguments: { message: 'hi' } });
    } finally {
      await session.close();
    }
  });

  it('pages resources (100 pages), templates and prompts, and reads them', async () => {
    const client = new Client({ name: 't', version: '1' });
    const session = await connectInMemory(client, createPagingServer());
    try {
      const resources = await listAll(async cursor => {
        const r = await client.listResources(cursor === undefined ? {} : { cursor });
        return { items: r.resources.map(x => x.uri), nextCursor: r.nextCursor };
      });
      assert.deepStrictEqual([resources.pages, resources.items.length, resources.items[9_999]], [100, 10_000, 'paging://resource/10000']);
      assert.strictEqual(resourceText(await client.readResource({ uri: 'paging://resource/00007' })), 'resource 00007');

      const templates = await listAll(async cursor => {
        const r = await client.listResourceTemplates(cursor === undefined ? {} : { cursor });
        return { items: r.resourceTemplates.map(x => x.uriTemplate), nextCursor: r.nextCursor };
      });
      assert.deepStrictEqual([templates.pages, templates.items.length, templates.items[0]], [2, 120, 'paging://template/001/{id}']);
      assert.strictEqual(resourceText(await client.readResource({ uri: 'paging://template/002/abc' })), 'template 002 id abc');

      const prompts = await listAll(async cursor => {
        const r = await client.listPrompts(cursor === undefined ? {} : { cursor });
        return { items: r.prompts.map(x => x.name), nextCursor: r.nextCursor };
      });
      assert.deepStrictEqual([prompts.pages, prompts.items.length, prompts.items[249]], [3, 250, 'prompt-250']);
      const prompt = await client.getPrompt({ name: 'prompt-010', arguments: { topic: 'paging' } });
      assert.deepStrictEqual(prompt.messages[0].content, { type: 'text', text: 'prompt-010 about paging' });
    } finally {
      await session.close();
    }
  });

  it('refuses a cursor it did not hand out with -32602, and honours smaller counts and page sizes', async () => {
    const client = new Client({ name: 't', version: '1' });
    const session = await connectInMemory(client, createPagingServer({ tools: 25, pageSize: 10 }));
    try {
      await assert.rejects(client.listTools({ cursor: 'bogus' }), (e: unknown) => e instanceof McpError && e.code === ErrorCode.InvalidParams);
      const first = await client.listResources();
      await assert.rejects(client.listTools({ cursor: first.nextCursor }), (e: unknown) => e instanceof McpError && e.code === ErrorCode.InvalidParams);
      const pages = await listAll(async cursor => {
        const r = await client.listTools(cursor === undefined ? {} : { cursor });
        return { items: r.tools, nextCursor: r.nextCursor };
      });
      assert.deepStrictEqual([pages.pages, pages.items.length], [3, 25]);
    } finally {
      await session.close();
    }
  });

  it('pages over Streamable HTTP too', async () => {
    const http = await serveHttp(() => createPagingServer({ tools: 1_000 }));
    const client = new Client({ name: 't', version: '1' });
    try {
      await client.connect(new StreamableHTTPClientTransport(new URL(http.url)));
      const { pages, items } = await listAll(async cursor => {
        const r = await client.listTools(cursor === undefined ? {} : { cursor });
        return { items: r.tools, nextCursor: r.nextCursor };
      });
      assert.deepStrictEqual([pages, items.length], [10, 1_000]);
    } finally {
      await client.close();
      await http.close();
    }
  });
});
