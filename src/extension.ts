// Activation stays cheap: register views and commands, start nothing. Connections start on first use.
import * as vscode from 'vscode';
import { addConnection } from './vscode/commands/addConnection';
import { Cmd, View } from './vscode/ids';
import { onConnectionsChanged } from './vscode/settings';
import { ConnectionsTree } from './vscode/views/connectionsTree';

export function activate(context: vscode.ExtensionContext): void {
  const tree = new ConnectionsTree();
  context.subscriptions.push(
    tree,
    vscode.window.createTreeView(View.Connections, { treeDataProvider: tree, showCollapseAll: true }),
    onConnectionsChanged(() => tree.refresh()),
    vscode.commands.registerCommand(Cmd.AddConnection, addConnection),
    vscode.commands.registerCommand(Cmd.Refresh, () => tree.refresh()),
  );
}

export function deactivate(): void {
  // Nothing runs yet; later: close sessions and stop stdio servers.
}
