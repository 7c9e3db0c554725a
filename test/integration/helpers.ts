import * as assert from 'node:assert';
import * as vscode from 'vscode';

export const extensionId = 'agentcore-mcp.agentcore-mcp-client';

export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(extensionId);
  assert.ok(ext, `extension ${extensionId} is not loaded`);
  return ext;
}

export const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** Sets the connections of the user settings (a person's own, which start without a trust question) and
 *  clears the workspace's (Add Connection may have written some there). */
export async function setConnections(value: unknown[] | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('agentcoreMcp').update('connections', undefined, vscode.ConfigurationTarget.Workspace);
  await vscode.workspace.getConfiguration('agentcoreMcp').update('connections', value, vscode.ConfigurationTarget.Global);
}

/** Sets the connections of the workspace settings, as a cloned repository's .vscode/settings.json would. */
export async function setWorkspaceConnections(value: unknown[] | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('agentcoreMcp').update('connections', value, vscode.ConfigurationTarget.Workspace);
}

export function readPackageJson(): { contributes: { commands: Array<{ command: string; title: string; category?: string }>; views: Record<string, Array<{ id: string }>> }; activationEvents?: string[] } {
  return extension().packageJSON;
}

import type { Api } from '../../src/extension';

export async function api(): Promise<Api> {
  return await extension().activate() as Api;
}

/** The Markdown of the newest result shown in the result tab (tool results, prompts) that satisfies `test`. */
export async function shownResult(test: (text: string) => boolean, ms = 15_000): Promise<string> {
  return waitFor('a result shown', async () => (await api()).results().find(test), ms);
}

/** Whether the active tab is the result view. */
export function resultTabActive(): boolean {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputWebview && input.viewType.endsWith('agentcoreMcp.result');
}

export async function closeEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export const run = <T = unknown>(id: string, ...args: unknown[]) => Promise.resolve(vscode.commands.executeCommand<T>(id, ...args));
