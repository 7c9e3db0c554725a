// How "Found in …" looks: a group per file of another MCP client, a row per server (+ adds it as a
// connection, the plug uses it straight from the file; a server we cannot represent says why), and whether a
// connection already has its name.
import * as vscode from 'vscode';
import type { ConfigFile, FoundServer } from '../../core/connections/mcpConfigs';

export function foundFileItem(file: ConfigFile, count: number, problem: string | undefined): vscode.TreeItem {
  const item = new vscode.TreeItem(`Found in ${file.label}`, problem ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Expanded);
  item.id = `found/${file.path}`;
  item.iconPath = new vscode.ThemeIcon(problem ? 'warning' : 'file-symlink-file');
  item.description = problem ? problem : `${count} server${count === 1 ? '' : 's'}`;
  item.tooltip = `${file.path}${problem ? `\n\n${problem}` : ''}${file.workspace ? '\n\nA workspace file: its servers start only once you trust them.' : ''}`;
  // A file that cannot be read opens on a click, to be fixed; one that can keeps the click for expanding.
  if (problem) item.command = { command: 'vscode.open', title: 'Open File', arguments: [vscode.Uri.file(file.path)] };
  item.contextValue = problem ? 'foundFile.problem' : 'foundFile';
  item.accessibilityInformation = { label: `Found in ${file.label}, ${item.description}` };
  return item;
}

/** `connection`: the connection of that name, if any; `linked`: it is this server, used straight from this file. */
export function foundServerItem(file: ConfigFile, s: FoundServer, connection: string | undefined, linked = false): vscode.TreeItem {
  const item = new vscode.TreeItem(s.name, vscode.TreeItemCollapsibleState.None);
  item.id = `found/${file.path}/${s.name}`;
  const e = s.entry;
  const what = e ? (e.type === 'stdio' ? `stdio · ${String(e.command)}` : `HTTP · ${String(e.url)}`) : s.problem ?? '';
  item.description = linked ? `${what} · used from this file` : connection ? `${what} · added as "${connection}"` : what;
  item.iconPath = new vscode.ThemeIcon(!e ? 'circle-slash' : linked ? 'plug' : connection ? 'pass' : 'add');
  item.tooltip = e ? `${JSON.stringify(e, null, 2)}${s.secrets ? `\n\nSecret headers (${Object.keys(s.secrets).join(', ')}) go to secret storage, not settings.` : ''}` : `Cannot be used as it is: ${s.problem}`;
  item.contextValue = !e ? 'foundServer.unusable' : linked ? 'foundServer.linked' : connection ? 'foundServer.added' : 'foundServer';
  item.accessibilityInformation = { label: `${s.name}, ${item.description}` };
  return item;
}
