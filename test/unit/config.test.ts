import * as assert from 'node:assert';
import { checkHttpUrl, parseConnections, splitCommandLine } from '../../src/core/connections/config';

describe('connection settings', () => {
  it('reads each connection type with its defaults', () => {
    const { connections, problems } = parseConnections([
      { name: 'local', type: 'stdio', command: 'node', args: ['server.js'], env: { A: '1' }, cwd: '${workspaceFolder}' },
      { name: 'web', type: 'http', url: 'http://127.0.0.1:3001/mcp', headers: { 'X-Team': 'a' }, secretHeaders: ['Authorization'] },
      { name: 'cloud', type: 'agentcore', arn: 'arn:aws:bedrock-agentcore:us-west-2:123456789012:runtime/travel-abcdefghij' },
    ]);
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(connections, [
      { name: 'local', type: 'stdio', command: 'node', args: ['server.js'], env: { A: '1' }, cwd: '${workspaceFolder}' },
      { name: 'web', type: 'http', url: 'http://127.0.0.1:3001/mcp', headers: { 'X-Team': 'a' }, secretHeaders: ['Authorization'] },
      { name: 'cloud', type: 'agentcore', arn: 'arn:aws:bedrock-agentcore:us-west-2:123456789012:runtime/travel-abcdefghij', qualifier: 'DEFAULT', auth: 'sigv4' },
    ]);
  });

  it('skips broken entries with a message naming the entry and the fix, and keeps the rest', () => {
    const { connections, problems } = parseConnections([
      { name: 'ok', type: 'stdio', command: 'x' },
      { name: 'nocmd', type: 'stdio' },
      { name: 'badurl', type: 'http', url: 'ftp://x' },
      { name: 'weird', type: 'websocket' },
      { type: 'stdio', command: 'x' },
      { name: 'ok', type: 'http', url: 'http://127.0.0.1/mcp' },
      { name: 'badargs', type: 'stdio', command: 'x', args: 'a b' },
      'nope',
    ]);
    assert.deepStrictEqual(connections.map(c => c.name), ['ok']);
    assert.deepStrictEqual(problems, [
      'connection "nocmd": "command" is required for a stdio connection',
      'connection "badurl": the URL must start with http:// or https:// (got ftp:)',
      'connection "weird": "type" must be one of "stdio", "http", "agentcore"',
      'a connection has no "name"',
      'connection "ok" is defined twice; the first one is used',
      'connection "badargs": "args" must be a list of strings',
      'each connection must be an object with "name" and "type"',
    ]);
  });

  it('treats a missing setting as no connections and a non-list as a problem', () => {
    assert.deepStrictEqual(parseConnections(undefined), { connections: [], problems: [] });
    assert.deepStrictEqual(parseConnections({}).problems, ['"agentcoreMcp.connections" must be a list']);
  });
});

describe('checkHttpUrl', () => {
  it('offers the URL with its scheme when it was left out, and explains other mistakes', () => {
    assert.strictEqual(checkHttpUrl('localhost:3001/mcp'), 'the URL needs its scheme: did you mean http://localhost:3001/mcp?');
    assert.strictEqual(checkHttpUrl('127.0.0.1:8080'), 'the URL needs its scheme: did you mean http://127.0.0.1:8080?');
    assert.strictEqual(checkHttpUrl('mcp.example.com/mcp'), 'the URL needs its scheme: did you mean https://mcp.example.com/mcp (or http://mcp.example.com/mcp)?');
    assert.strictEqual(checkHttpUrl('http://localhost:3001/mcp'), undefined);
    assert.strictEqual(checkHttpUrl('https://mcp.example.com/mcp'), undefined);
    assert.strictEqual(checkHttpUrl('ftp://x'), 'the URL must start with http:// or https:// (got ftp:)');
    assert.strictEqual(checkHttpUrl('not a url'), '"not a url" is not a URL (expected e.g. http://127.0.0.1:3001/mcp)');
  });
});

describe('splitCommandLine', () => {
  it('splits on spaces and honours quotes and backslashes, without a shell', () => {
    assert.deepStrictEqual(splitCommandLine('node "my server.js" --name \'a b\' c\\ d $HOME'), ['node', 'my server.js', '--name', 'a b', 'c d', '$HOME']);
    assert.deepStrictEqual(splitCommandLine('  npx   -y  pkg  '), ['npx', '-y', 'pkg']);
    assert.deepStrictEqual(splitCommandLine('a "" b'), ['a', '', 'b']);
    assert.deepStrictEqual(splitCommandLine('say "x \\"y\\""'), ['say', 'x "y"']);
  });
  it('refuses an unclosed quote', () => {
    assert.throws(() => splitCommandLine('node "oops'), /unclosed " quote/);
  });
});
