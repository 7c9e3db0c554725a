import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { extension, readPackageJson, waitFor } from './helpers';

describe('activation', () => {
  it('runs in a real VS Code', () => {
    console.log(`      VS Code ${vscode.version} (${vscode.env.appName}, uiKind ${vscode.UIKind[vscode.env.uiKind]}, remote ${vscode.env.remoteName ?? 'none'})`);
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
  });

  it('does not activate on startup, only through its view or commands', async () => {
    const events = readPackageJson().activationEvents ?? [];
    assert.ok(!events.includes('*') && !events.includes('onStartupFinished'), `activationEvents: ${JSON.stringify(events)}`);
    assert.strictEqual(extension().isActive, false, 'active before its view or a command was used');
    // From the activation request to activate() resolved, as the benchmark reports it.
    const started = performance.now();
    await extension().activate();
    const ms = performance.now() - started;
    console.log(`      activation: ${ms.toFixed(1)} ms from the request to activate() resolved`);
    if (process.env.AGENTCORE_MCP_RUN_DIR) fs.writeFileSync(path.join(process.env.AGENTCORE_MCP_RUN_DIR, 'activation.json'), JSON.stringify({ ms, vscode: vscode.version }));
    await vscode.commands.executeCommand('workbench.view.extension.agentcoreMcp');
    await waitFor('the view open', () => extension().isActive);
  });

  it('registers every contributed command under the "AgentCore MCP" category', async () => {
    const contributed = readPackageJson().contributes.commands;
    assert.ok(contributed.length > 0);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const c of contributed) {
      assert.strictEqual(c.category, 'AgentCore MCP', `${c.command} category`);
      assert.ok(registered.has(c.command), `${c.command} is contributed but not registered`);
    }
  });

  it('contributes the Connections view in its own container', async () => {
    const views = readPackageJson().contributes.views;
    assert.deepStrictEqual(views.agentcoreMcp.map(v => v.id), ['agentcoreMcp.connections']);
    // VS Code generates a focus command for every registered view.
    await vscode.commands.executeCommand('agentcoreMcp.connections.focus');
  });
});
