import * as assert from 'node:assert';
import { McpConnection } from '../../src/core/connections/connection';
import { listTools, readResource } from '../../src/core/connections/operations';
import { Plan, startPuppet } from '../../reliability/puppet';
import { recordingHost } from './helpers';

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
