import * as vscode from 'vscode';
import { ConnectionConfig } from '../../core/connections/config';
import { readConnections } from '../settings';

const iconOf: Record<ConnectionConfig['type'], string> = { stdio: 'terminal', http: 'globe', agentcore: 'cloud' };

function describe(c: ConnectionConfig): string {
  switch (c.type) {
    case 'stdio': return [c.command, ...c.args].join(' ');
    case 'http': return c.url;
    case 'agentcore': return c.arn;
  }
}

export class ConnectionsTree implements vscode.TreeDataProvider<ConnectionConfig> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  refresh(): void { this.changed.fire(); }

  getChildren(element?: ConnectionConfig): ConnectionConfig[] {
    return element ? [] : readConnections().connections;
  }

  getTreeItem(c: ConnectionConfig): vscode.TreeItem {
    const item = new vscode.TreeItem(c.name, vscode.TreeItemCollapsibleState.None);
    item.id = `connection:${c.name}`;
    item.description = c.type;
    item.tooltip = `${c.name} (${c.type})\n${describe(c)}`;
    item.iconPath = new vscode.ThemeIcon(iconOf[c.type]);
    item.contextValue = `connection.${c.type}`;
    return item;
  }

  dispose(): void { this.changed.dispose(); }
}
