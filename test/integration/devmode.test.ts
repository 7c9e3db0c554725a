// Testing servers while developing them: the traffic panel and its export, and dev mode (a stdio
// server restarted when its files change, with the change in what it offers written to the log).
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, run, setConnections, sleep, waitFor } from './helpers';
import { requireDriver, must, screenshot, useCommands } from './ui';

useCommands(id => vscode.commands.executeCommand(id));
const repo = process.env.AGENTCORE_MCP_REPO ?? path.resolve(__dirname, '..', '..', '..');

// A server that offers one tool per name in tools.json, next to it: edit the file, see the tools change.
const serverSource = (sdk: string) => `
const { McpServer } = require(${JSON.stringify(path.join(sdk, 'server', 'mcp.js'))});
const { StdioServerTransport } = require(${JSON.stringify(path.join(sdk, 'server', 'stdio.js'))});
const names = JSON.parse(require('fs').readFileSync(require('path').join(__dirname, 'tools.json'), 'utf8'));
const server = new McpServer({ name: 'dev-server', version: '0.0.1' });
for (const n of names) server.registerTool(n, { description: 'tool ' + n }, async () => ({ content: [{ type: 'text', text: n }] }));
server.connect(new StdioServerTransport());
`;

describe('testing servers while developing them', function () {
  this.timeout(120_000);
  const ws = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
  before(function () { requireDriver(this); });
  after(() => setConnections(undefined));

  it('restarts a stdio server when a watched file changes and logs what changed in its tools', async () => {
    const dir = path.join(ws(), 'dev-server');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'server.js'), serverSource(path.join(repo, 'node_modules', '@modelcontextprotocol', 'sdk', 'dist', 'cjs')));
    fs.writeFileSync(path.join(dir, 'tools.json'), JSON.stringify(['alpha', 'beta']));
    await setConnections([{ name: 'dev', type: 'stdio', command: process.execPath, args: ['${workspaceFolder}/dev-server/server.js'], watch: ['dev-server/**/*.json'] }]);
    await run('agentcoreMcp.connect', { kind: 'connection', connection: 'dev' });
    const first = (await api()).state('dev');
    assert.ok(first.kind === 'running');
    await run('workbench.view.extension.agentcoreMcp');
    await must([{ op: 'click', selector: '.part.sidebar .monaco-list-row:has-text("Tools")' }, { op: 'waitFor', selector: '.part.sidebar .monaco-list-row:has-text("beta")' }]);
    await sleep(500); // the watcher takes its first look at the tools
    fs.writeFileSync(path.join(dir, 'tools.json'), JSON.stringify(['alpha', 'gamma']));
    const line = await waitFor('the diff in the log', async () => (await api()).log('dev').find(l => l.includes('Since the previous run') && l.includes('gamma')), 20_000);
    assert.match(line, /tools: \+ gamma, - beta/);
    const after = (await api()).state('dev');
    assert.ok(after.kind === 'running' && first.kind === 'running' && after.session.startedAt > first.session.startedAt, 'a new process');
    assert.ok((await api()).log('dev').some(l => /dev-server\/tools\.json changed: restarting/.test(l)));
    await must([{ op: 'waitFor', selector: '.part.sidebar .monaco-list-row:has-text("gamma")', timeout: 10_000 }, { op: 'waitFor', selector: '.part.sidebar .monaco-list-row:has-text("beta")', state: 'detached' }]);
  });

  it('shows the traffic in a panel and exports it as JSON Lines with the pairs', async () => {
    await run('agentcoreMcp.invokeTool', { connection: 'dev', tool: 'alpha', args: {} });
    await run('agentcoreMcp.showTraffic', { kind: 'connection', connection: 'dev' });
    await waitFor('the traffic panel', () => vscode.window.tabGroups.all.flatMap(g => g.tabs).find(t => t.label === 'Traffic: dev'));
    await sleep(1000);
    await screenshot('traffic-panel');
    const file = path.join(ws(), 'dev-traffic.jsonl');
    await run('agentcoreMcp.exportTraffic', { connection: 'dev', file });
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map(l => JSON.parse(l) as { kind: string; method?: string; seq: number; responseSeq?: number; relatedTo?: number });
    const call = lines.find(l => l.kind === 'request' && l.method === 'tools/call');
    assert.ok(call && call.responseSeq !== undefined, 'the call is paired with its result');
    assert.strictEqual(lines.find(l => l.seq === call.responseSeq)?.relatedTo, call.seq);
  });
});
