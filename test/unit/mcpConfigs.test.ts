// Servers from the MCP configs people already have (VS Code's mcp.json, Claude's and Cursor's mcpServers):
// comments and trailing commas, inputs, secret headers moved out of settings, and every server we cannot
// represent listed with the reason.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseConnections } from '../../src/core/connections/config';
import { configFiles, readConfig } from '../../src/core/connections/mcpConfigs';
import { everythingStdio } from '../fixtures/everything';
import { ensureBuilt, runCli } from './cli.harness.test';

const vscodeFile = `{
  // VS Code's own format: "servers", and "inputs" it prompts for
  "inputs": [ { "type": "promptString", "id": "gh-token", "description": "GitHub token", "password": true } ],
  "servers": {
    "everything": { "type": "stdio", "command": "npx", "args": ["-y", "@modelcontextprotocol/server-everything"], "env": { "LOG": "debug" }, "cwd": "\${workspaceFolder}", },
    "github": { "type": "http", "url": "https://api.githubcopilot.com/mcp/", "headers": { "Authorization": "\${input:gh-token}" } },
    "local-sse": { "type": "sse", "url": "http://127.0.0.1:3001/sse", "headers": { "X-Team": "blue", "X-Api-Key": "abc123" } },
    "needs-secret-env": { "command": "node", "args": ["server.js"], "env": { "API_KEY": "\${input:gh-token}" } },
    "with-env-file": { "command": "node", "args": ["server.js"], "envFile": "\${workspaceFolder}/.env" },
    "off": { "command": "node", "disabled": true },
  },
}`;

const claudeFile = JSON.stringify({ mcpServers: {
  filesystem: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/tmp'] },
  remote: { type: 'http', url: 'https://mcp.example.com/mcp' },
  broken: { args: ['x'] },
} });

describe('MCP configs of other clients', () => {
  it('maps VS Code\'s mcp.json: stdio with env and cwd, http and sse, inputs as secret headers', () => {
    const { servers, problem } = readConfig(vscodeFile, 'vscode');
    assert.strictEqual(problem, undefined);
    const by = Object.fromEntries(servers.map(s => [s.name, s]));
    assert.deepStrictEqual(by.everything.entry, { name: 'everything', type: 'stdio', command: 'npx', args: ['-y', '@modelcontextprotocol/server-everything'], env: { LOG: 'debug' }, cwd: '${workspaceFolder}' });
    assert.deepStrictEqual(by.github.entry, { name: 'github', type: 'http', url: 'https://api.githubcopilot.com/mcp/', secretHeaders: ['Authorization'] });
    assert.strictEqual(by.github.secrets, undefined, 'an ${input:} value is asked for, not copied');
    assert.deepStrictEqual(by.github.asks, [{ header: 'Authorization', prompt: 'GitHub token', password: true }]);
    assert.deepStrictEqual(by['local-sse'].entry, { name: 'local-sse', type: 'http', url: 'http://127.0.0.1:3001/sse', headers: { 'X-Team': 'blue' }, secretHeaders: ['X-Api-Key'] });
    assert.deepStrictEqual(by['local-sse'].secrets, { 'X-Api-Key': 'abc123' }, 'a literal key goes to secret storage, not settings');
    assert.match(by['needs-secret-env'].problem ?? '', /^env API_KEY takes \$\{input:gh-token\} \(a password\); put the value in your environment and use \$\{env:API_KEY\}$/);
    assert.match(by['with-env-file'].problem ?? '', /envFile/);
    assert.strictEqual(by.off.problem, 'is disabled in the file');
    // What maps is a valid connection of ours.
    const entries = servers.filter(s => s.entry).map(s => s.entry);
    assert.deepStrictEqual(parseConnections(entries).problems, []);
  });

  it('maps Claude\'s and Cursor\'s mcpServers, and says what is missing', () => {
    const { servers } = readConfig(claudeFile, 'mcpServers');
    assert.deepStrictEqual(servers.map(s => [s.name, s.entry?.type ?? s.problem]), [
      ['filesystem', 'stdio'], ['remote', 'http'], ['broken', 'has neither a "command" nor a "url"'],
    ]);
  });

  it('a broken file is a line, and a file without servers is empty', () => {
    assert.match(readConfig('{ "servers": { "a": ', 'vscode').problem ?? '', /^is not valid JSON: \d+:\d+: /);
    assert.strictEqual(readConfig('[1]', 'vscode').problem, 'is not a JSON object');
    assert.strictEqual(readConfig('{"servers": []}', 'vscode').problem, '"servers" is not an object of servers');
    assert.deepStrictEqual(readConfig('{"other": 1}', 'mcpServers'), { servers: [] });
    assert.match(readConfig('{"mcpServers": {"x": {"url": "https://a/${input:u}"}}}', 'mcpServers').servers[0].problem ?? '', /URL takes/);
  });

  it('reads a ~/.claude.json that holds megabytes of history besides its servers', () => {
    const history = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`/home/ada/project-${i}`, { history: [{ display: 'x'.repeat(200) }], mcpServers: {} }]));
    const text = JSON.stringify({ numStartups: 40, projects: history, mcpServers: { everything: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-everything'] } } });
    assert.ok(text.length > 4_000_000, `${text.length} characters`);
    // Its servers are read (how fast is measured, not asserted: JSON.parse 22 ms against 727 ms for the JSONC
    // parser on 5.4 MB; a timed assertion here would either flake or pass either way).
    const { servers } = readConfig(text, 'mcpServers');
    assert.deepStrictEqual(servers.map(s => s.name), ['everything']);
  });

  it('knows where each client keeps its file on Linux, macOS and Windows', () => {
    const linux = configFiles('/ws', {}, 'linux', '/home/ada').map(f => f.path);
    assert.deepStrictEqual(linux, ['/ws/.vscode/mcp.json', '/ws/.mcp.json', '/ws/.cursor/mcp.json', '/home/ada/.config/Code/User/mcp.json',
      '/home/ada/.config/Claude/claude_desktop_config.json', '/home/ada/.claude.json', '/home/ada/.cursor/mcp.json']);
    const mac = configFiles(undefined, {}, 'darwin', '/Users/ada').map(f => f.path);
    assert.ok(mac.includes('/Users/ada/Library/Application Support/Claude/claude_desktop_config.json'));
    const win = configFiles(undefined, { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ada').map(f => f.path);
    assert.ok(win.includes(path.join('C:\\Users\\ada\\AppData\\Roaming', 'Code', 'User', 'mcp.json')));
    assert.ok(configFiles('/ws').slice(0, 3).every(f => f.workspace) && configFiles('/ws').slice(3).every(f => !f.workspace));
  });

  it('agentcore-mcp --config <file> --server <name> uses a server of such a file', async function () {
    this.timeout(60_000);
    ensureBuilt();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-config-'));
    try {
      const file = path.join(dir, 'claude_desktop_config.json');
      const { command, args } = everythingStdio();
      fs.writeFileSync(file, JSON.stringify({ mcpServers: { everything: { command, args }, broken: { args: [] } } }));
      const r = await runCli(['tools', '--config', file, '--server', 'everything']);
      assert.strictEqual(r.code, 0, r.stderr);
      assert.match(r.stdout, /get-sum/);
      const missing = await runCli(['tools', '--config', file, '--server', 'nope']);
      assert.strictEqual(missing.code, 2);
      assert.match(missing.stderr, /--server: .* has no server "nope"; it has everything, broken\./);
      const broken = await runCli(['tools', '--config', file, '--server', 'broken']);
      assert.match(broken.stderr, /"broken" in .* cannot be used as it is: has neither a "command" nor a "url"\./);
    } finally { fs.rmSync(dir, { recursive: true, force: true }); }
  });
});
