import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { api, setConnections, waitFor } from './helpers';
import { must, requireDriver, quickInput, screenshot } from './ui';

describe('Add Connection (typed through the UI driver)', function () {
  before(function () { requireDriver(this); });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await setConnections(undefined);
  });

  it('saves a stdio connection typed into the input boxes', async () => {
    const done = vscode.commands.executeCommand<string | undefined>('agentcoreMcp.addConnection');
    await quickInput.waitForTitle('Add MCP Connection');
    await quickInput.enter('my-server');
    await quickInput.pick('stdio');
    await quickInput.type('node "my server.js" --port 3');
    await screenshot('add-connection-command');
    await quickInput.accept();
    await quickInput.pick('Workspace settings');
    assert.strictEqual(await done, 'my-server');
    const saved = vscode.workspace.getConfiguration('agentcoreMcp').inspect<unknown[]>('connections')?.workspaceValue;
    assert.deepStrictEqual(saved, [{ name: 'my-server', type: 'stdio', command: 'node', args: ['my server.js', '--port', '3'] }]);
    // The new connection is offered a Connect, which starts it (here the script does not exist: an error state).
    const item = '.notification-list-item:has-text("Added the connection \\"my-server\\".")';
    await vscode.commands.executeCommand('notifications.showList');
    await must([{ op: 'waitFor', selector: item }, { op: 'click', selector: `${item} .monaco-button:has-text("Connect")` }]);
    await vscode.commands.executeCommand('notifications.hideList');
    await waitFor('the connection to start', async () => ((await api()).state('my-server').kind === 'error' ? true : undefined), 20_000);
  });

  it('rejects a duplicate name and a bad URL with a message, and Back keeps earlier answers', async () => {
    await setConnections([{ name: 'taken', type: 'http', url: 'http://127.0.0.1:1/mcp' }]);
    const done = vscode.commands.executeCommand<string | undefined>('agentcoreMcp.addConnection');
    await quickInput.waitForTitle('Add MCP Connection');
    await quickInput.type('taken');
    assert.match(await quickInput.validationMessage(), /already exists/);
    await quickInput.accept(); // refused: still on step 1
    assert.match(await quickInput.validationMessage(), /already exists/);
    await quickInput.enter('remote');
    await quickInput.pick('HTTP');
    await quickInput.type('ftp://example');
    assert.match(await quickInput.validationMessage(), /must start with http/);
    await quickInput.type('localhost:3001/mcp');
    assert.match(await quickInput.validationMessage(), /did you mean http:\/\/localhost:3001\/mcp\?/);
    await quickInput.back();
    await quickInput.back();
    await quickInput.waitForTitle('Add MCP Connection');
    assert.strictEqual(await quickInput.validationMessage(), '');
    await quickInput.escape();
    assert.strictEqual(await done, undefined, 'cancelling saves nothing');
    const saved = vscode.workspace.getConfiguration('agentcoreMcp').inspect<unknown[]>('connections');
    assert.strictEqual(saved?.globalValue?.length, 1);
    assert.strictEqual(saved?.workspaceValue, undefined);
  });
});

describe('Edit and Remove Connection (through the UI driver)', function () {
  before(function () { requireDriver(this); });
  afterEach(() => setConnections(undefined));

  it('renames a connection and changes its URL, keeping the other fields as written', async () => {
    await setConnections([{ name: 'old-name', type: 'http', url: 'http://127.0.0.1:1/mcp', headers: { 'X-Team': 'blue' } }]);
    let done = vscode.commands.executeCommand<string | undefined>('agentcoreMcp.editConnection', { kind: 'connection', connection: 'old-name' });
    await quickInput.waitForTitle('Edit old-name');
    await quickInput.pick('Rename');
    await quickInput.enter('new-name');
    assert.strictEqual(await done, 'new-name');
    done = vscode.commands.executeCommand<string | undefined>('agentcoreMcp.editConnection', { kind: 'connection', connection: 'new-name' });
    await quickInput.waitForTitle('Edit new-name');
    await quickInput.pick('URL');
    await quickInput.type('not a url');
    assert.match(await quickInput.validationMessage(), /is not a URL/);
    await quickInput.enter('http://127.0.0.1:2/mcp');
    await done;
    const saved = vscode.workspace.getConfiguration('agentcoreMcp').inspect<unknown[]>('connections')?.globalValue;
    assert.deepStrictEqual(saved, [{ name: 'new-name', type: 'http', url: 'http://127.0.0.1:2/mcp', headers: { 'X-Team': 'blue' } }]);
  });

  it('removes a connection only after confirmation', async () => {
    await setConnections([{ name: 'keep', type: 'stdio', command: 'x' }, { name: 'drop', type: 'stdio', command: 'y' }]);
    let done = vscode.commands.executeCommand<string | undefined>('agentcoreMcp.removeConnection', { kind: 'connection', connection: 'drop' });
    await quickInput.waitForTitle('Remove drop');
    await quickInput.pick('Keep it');
    assert.strictEqual(await done, undefined);
    done = vscode.commands.executeCommand<string | undefined>('agentcoreMcp.removeConnection', { kind: 'connection', connection: 'drop' });
    await quickInput.waitForTitle('Remove drop');
    await quickInput.pick('Remove drop');
    assert.strictEqual(await done, 'drop');
    const saved = vscode.workspace.getConfiguration('agentcoreMcp').inspect<Array<{ name: string }>>('connections')?.globalValue;
    assert.deepStrictEqual(saved?.map(c => c.name), ['keep']);
  });
});
