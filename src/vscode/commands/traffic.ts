// Show Traffic and Export Traffic (JSON Lines). Everything in the store was redacted by the engine
// before it got there; the export writes it as is.
import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import { toJsonLines, toRows } from '../../core/traffic/rows';
import type { ConnectionManager } from '../connections/manager';
import type { TrafficStore } from '../traffic';
import type { TrafficPanels } from '../views/trafficPanel';
import { pickConnection } from './pick';

export async function showTraffic(manager: ConnectionManager, panels: TrafficPanels, node: unknown): Promise<string> {
  const name = await pickConnection(manager, node, 'Show Traffic');
  panels.show(name);
  return name;
}

export async function exportTraffic(manager: ConnectionManager, store: TrafficStore, arg: unknown): Promise<string | undefined> {
  const req = (arg ?? {}) as { connection?: string; file?: string };
  const name = req.connection ?? await pickConnection(manager, arg, 'Export Traffic');
  const text = toJsonLines(name, toRows(store.of(name)));
  let file = req.file;
  if (!file) {
    const base = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      title: `Export the traffic of ${name}`, filters: { 'JSON Lines': ['jsonl'] },
      ...(base ? { defaultUri: vscode.Uri.joinPath(base, `${name.replace(/[^\w.-]+/g, '-')}-traffic.jsonl`) } : {}),
    });
    if (!target) return undefined;
    file = target.fsPath;
  }
  await fs.writeFile(file, text, 'utf8');
  void vscode.window.showInformationMessage(`Exported ${text ? text.trimEnd().split('\n').length : 0} lines of ${name}'s traffic to ${file}.`);
  return file;
}
