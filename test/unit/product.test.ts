// Who we are is written once (src/core/product.ts); the package's own name and version must agree with it,
// and each host names itself in the clientInfo servers see.
import * as assert from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { clientInfoOf, PRODUCT } from '../../src/core/util/product';
import { cliHost, printer } from '../../src/cli/host';
import { McpConnection } from '../../src/core/connections/connection';

describe('product identity', () => {
  it('matches package.json, and each host names itself in clientInfo', () => {
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { name: string; version: string };
    assert.deepStrictEqual([PRODUCT.name, PRODUCT.version], [pkg.name, pkg.version]);
    assert.deepStrictEqual(clientInfoOf('VS Code'), { name: pkg.name, title: 'AgentCore MCP Client (VS Code)', version: pkg.version });
    const host = cliHost({ print: printer(), verbosity: { verbose: false, quiet: true, traffic: false }, secret: async () => undefined });
    const c = new McpConnection({ name: 'x', type: 'stdio', command: 'node', args: [], env: {} }, host);
    assert.strictEqual(c.clientInfo.title, 'AgentCore MCP Client (command line)');
    c.dispose();
  });
});
