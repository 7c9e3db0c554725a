import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { setConnections } from './helpers';
import { hasDriver, quickInput, screenshot } from './ui';

describe('Add Connection (typed through the UI driver)', function () {
  before(function () { if (!hasDriver()) this.skip(); });
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
    await quickInput.back();
    await quickInput.back();
    await quickInput.waitForTitle('Add MCP Connection');
    assert.strictEqual(await quickInput.validationMessage(), '');
    await quickInput.escape();
    assert.strictEqual(await done, undefined, 'cancelling saves nothing');
    const saved = vscode.workspace.getConfiguration('agentcoreMcp').inspect<unknown[]>('connections')?.workspaceValue;
    assert.strictEqual(saved?.length, 1);
  });
});
