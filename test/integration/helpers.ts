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

export async function setConnections(value: unknown[] | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('agentcoreMcp').update('connections', value, vscode.ConfigurationTarget.Workspace);
}

export function readPackageJson(): { contributes: { commands: Array<{ command: string; title: string; category?: string }>; views: Record<string, Array<{ id: string }>> }; activationEvents?: string[] } {
  return extension().packageJSON;
}
