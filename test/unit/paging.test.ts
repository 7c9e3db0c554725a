import * as assert from 'node:assert';
import * as path from 'node:path';
import { McpConnection } from '../../src/core/connections/connection';
import { listResources, listTools } from '../../src/core/operations';
import { recordingHost } from './helpers';

describe('listing a server with 10,000 tools and 10,000 resources', function () {
  this.timeout(60_000);
  const host = recordingHost();
  const conn = new McpConnection({ name: 'paging', type: 'stdio', command: process.execPath, args: [path.join(__dirname, '..', 'fixtures', 'servers', 'paging.js'), '--stdio'], env: {} }, host);
  after(() => conn.disconnect());

  it('follows every nextCursor and keeps the order', async () => {
    const t0 = performance.now();
    const pages: number[] = [];
    const tools = await listTools(conn, { onPage: items => pages.push(items.length) });
    const toolsMs = performance.now() - t0;
    const t1 = performance.now();
    const resources = await listResources(conn);
    const resourcesMs = performance.now() - t1;
    console.log(`      10,000 tools in ${toolsMs.toFixed(0)} ms (first call includes starting the server), 10,000 resources in ${resourcesMs.toFixed(0)} ms`);
    assert.strictEqual(tools.length, 10_000);
    assert.strictEqual(pages.length, 100);
    assert.ok(pages.every(n => n === 100));
    assert.strictEqual(tools[0].name, 'tool-00001');
    assert.strictEqual(tools[9999].name, 'tool-10000');
    assert.strictEqual(new Set(tools.map(t => t.name)).size, 10_000);
    assert.strictEqual(resources.length, 10_000);
  });
});
