// Servers people already configured for VS Code's own MCP client appear by themselves, in the real VS Code:
// a workspace .vscode/mcp.json (with a comment and a trailing comma) shows under "Found in …"; + makes one a
// connection in the workspace settings, which starts only once trusted, then connects and lists its tools.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { everythingStdio } from '../fixtures/everything';
import { api, run, setConnections, waitFor } from './helpers';
import { recorder, sent } from './recorder';
import { must, notificationShown, quickInput, requireDriver, screenshot, treeRow, useCommands } from './ui';

useCommands(id => vscode.commands.executeCommand(id));

const file = () => path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.vscode', 'mcp.json');

describe('servers found in other MCP clients\' files', function () {
  this.timeout(120_000);
  before(async function () {
    requireDriver(this);
    await setConnections(undefined);
    await run('workbench.view.extension.agentcoreMcp');
  });
  after(async () => {
    fs.rmSync(file(), { force: true });
    await setConnections(undefined);
  });

  it('a .vscode/mcp.json server appears, is added, trusted, connects and lists its tools', async () => {
    const { command, args } = everythingStdio();
    fs.writeFileSync(file(), `{
  // written for VS Code's own MCP client
  "servers": {
    "everything-mcpjson": { "type": "stdio", "command": ${JSON.stringify(command)}, "args": ${JSON.stringify(args)} },
    "with-env-file": { "command": "node", "envFile": "\${workspaceFolder}/.env" },
  },
}`);
    const group = treeRow('Found in VS Code (.vscode/mcp.json)');
    await must([{ op: 'waitFor', selector: group, timeout: 15_000 }, { op: 'waitFor', selector: treeRow('everything-mcpjson') }]);
    const [unusable] = await must([{ op: 'attribute', selector: treeRow('with-env-file'), name: 'aria-label' }]);
    assert.match(String(unusable), /uses "envFile", which we do not read/);
    await must([{ op: 'mouseAway' }, { op: 'hover', selector: treeRow('everything-mcpjson') }]);
    await screenshot('found-mcp-json');
    await must([{ op: 'click', selector: `${treeRow('everything-mcpjson')} .action-label[aria-label="Add as Connection"]` }]);
    await notificationShown('Added the connection "everything-mcpjson"');
    const entry = await waitFor('the connection in the workspace settings', () =>
      (vscode.workspace.getConfiguration('agentcoreMcp').inspect<Array<Record<string, unknown>>>('connections')?.workspaceValue ?? []).find(c => c.name === 'everything-mcpjson'));
    assert.deepStrictEqual(entry, { name: 'everything-mcpjson', type: 'stdio', command, args });
    // A workspace file's server: it starts only after the person trusts it.
    const connecting = run('agentcoreMcp.connect', { kind: 'connection', connection: 'everything-mcpjson' });
    await quickInput.waitForTitle('defined by this workspace');
    await quickInput.pick('Trust and Connect');
    await connecting;
    const state = (await api()).state('everything-mcpjson');
    assert.strictEqual(state.kind, 'running', JSON.stringify(state));
    // Its tools are listed: the Tools group shows their count.
    const count = await waitFor('the tool count on Tools', async () => {
      const [texts] = await must([{ op: 'text', selector: treeRow('Tools') }]);
      const m = /Tools\s*(\d+)/.exec((texts as string[]).join(' '));
      return m ? Number(m[1]) : undefined;
    });
    assert.ok(count > 5, `server-everything lists its tools (${count})`);
    await must([{ op: 'waitFor', selector: treeRow('added as "everything-mcpjson"') }]);
  });

  it('a server used straight from the file: nothing in settings, trusted first, and an edit to the file reaches it', async () => {
    const { command, args } = everythingStdio();
    const write = (mark: string) => fs.writeFileSync(file(), JSON.stringify({ servers: { 'from-file': { type: 'stdio', command, args, env: { MARK: mark } } } }));
    write('one');
    await must([{ op: 'waitFor', selector: treeRow('from-file'), timeout: 15_000 }, { op: 'mouseAway' }, { op: 'hover', selector: treeRow('from-file') },
      { op: 'click', selector: `${treeRow('from-file')} .action-label[aria-label="Connect Without Adding"]` }]);
    await quickInput.waitForTitle('defined by this workspace');
    assert.match(await quickInput.everything(), /mcp\.json/);
    await quickInput.pick('Trust and Connect');
    await waitFor('the linked server running', async () => ((await api()).state('from-file').kind === 'running' ? true : undefined));
    const settings = vscode.workspace.getConfiguration('agentcoreMcp').inspect<Array<Record<string, unknown>>>('connections');
    assert.ok(![...(settings?.workspaceValue ?? []), ...(settings?.globalValue ?? [])].some(c => c.name === 'from-file'), 'nothing was written to settings');
    await must([{ op: 'waitFor', selector: treeRow('used from this file') }]);
    assert.deepStrictEqual((await api()).config('from-file'), { name: 'from-file', type: 'stdio', command, args, env: { MARK: 'one' } });

    // The file is the truth: an edit restarts the connection with the new definition (asking trust again, as for any changed definition).
    write('two');
    await quickInput.waitForTitle('defined by this workspace', 15_000);
    await quickInput.pick('Trust and Connect');
    await waitFor('the edited definition running', async () => {
      const a = await api();
      return a.state('from-file').kind === 'running' && (a.config('from-file') as { env?: Record<string, string> } | undefined)?.env?.MARK === 'two' ? true : undefined;
    }, 20_000);

    // Remove stops using it; the file stays as it is.
    const removing = run('agentcoreMcp.removeConnection', { kind: 'connection', connection: 'from-file' });
    await quickInput.waitForTitle('Remove from-file');
    await quickInput.pick('Stop Using from-file');
    await removing;
    assert.strictEqual((await api()).config('from-file'), undefined);
    assert.match(fs.readFileSync(file(), 'utf8'), /"from-file"/);
  });

  it('Add All as Connections adds every usable server of a file, and says which were left out', async () => {
    const { command, args } = everythingStdio();
    fs.writeFileSync(file(), JSON.stringify({ servers: { 'all-one': { type: 'stdio', command, args }, 'all-two': { type: 'http', url: 'http://127.0.0.1:9/mcp' }, 'all-bad': { command: 'node', envFile: '.env' } } }));
    const group = treeRow('Found in VS Code (.vscode/mcp.json)');
    await must([{ op: 'waitFor', selector: treeRow('all-bad'), timeout: 15_000 }, { op: 'mouseAway' }, { op: 'hover', selector: group },
      { op: 'click', selector: `${group} .action-label[aria-label="Add All as Connections"]` }]);
    const text = await notificationShown('Added 2 connections from VS Code (.vscode/mcp.json)');
    assert.match(text, /all-one, all-two\. 1 left out/);
    const names = (vscode.workspace.getConfiguration('agentcoreMcp').inspect<Array<Record<string, unknown>>>('connections')?.workspaceValue ?? []).map(c => c.name);
    assert.ok(names.includes('all-one') && names.includes('all-two') && !names.includes('all-bad'), names.join(', '));
  });

  it('a header given as ${input:…} is asked for once, kept in secret storage, and sent to that server only', async () => {
    const rec = await recorder();
    try {
      fs.writeFileSync(file(), JSON.stringify({
        inputs: [{ type: 'promptString', id: 'tok', description: 'Your API token', password: true }],
        servers: { recorded: { type: 'http', url: `${rec.url}/mcp`, headers: { Authorization: '${input:tok}', 'X-Team': 'blue' } } },
      }));
      await must([{ op: 'waitFor', selector: treeRow('recorded'), timeout: 15_000 }, { op: 'mouseAway' }, { op: 'hover', selector: treeRow('recorded') },
        { op: 'click', selector: `${treeRow('recorded')} .action-label[aria-label="Add as Connection"]` }]);
      await quickInput.waitForTitle('recorded: Authorization');
      await quickInput.enter('Bearer typed-once-7731');
      const entry = await waitFor('the connection in the workspace settings', () =>
        (vscode.workspace.getConfiguration('agentcoreMcp').inspect<Array<Record<string, unknown>>>('connections')?.workspaceValue ?? []).find(c => c.name === 'recorded'));
      assert.deepStrictEqual(entry, { name: 'recorded', type: 'http', url: `${rec.url}/mcp`, headers: { 'X-Team': 'blue' }, secretHeaders: ['Authorization'] });
      const connecting = run('agentcoreMcp.connect', { kind: 'connection', connection: 'recorded' });
      await quickInput.waitForTitle('defined by this workspace');
      await quickInput.pick('Trust and Connect');
      await connecting;
      assert.ok(sent(rec, 'Bearer typed-once-7731') > 0, 'the value typed when adding reached the server');
    } finally { await rec.close(); }
  });
});
