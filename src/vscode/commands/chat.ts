// Use in Chat / Stop Using in Chat: flips `exposeToChat` on a connection's entry in the settings it lives
// in (user or workspace); the chat definitions follow the setting. Our own session is not touched.
import * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/manager';
import { updateConnectionSetting } from '../settings';
import { pickConnection } from './pick';

export async function useInChat(manager: ConnectionManager, node: unknown, on: boolean): Promise<string> {
  const title = on ? 'Use in Chat' : 'Stop Using in Chat';
  const name = await pickConnection(manager, node, title, n => (manager.get(n)?.config.exposeToChat === true) !== on && !manager.get(n)?.linked);
  const entry = manager.get(name);
  if (!entry) throw new Error(`There is no connection named "${name}".`);
  if (entry.linked) {
    throw Object.assign(new Error(`"${name}" is used straight from ${entry.linked.path}, not from your settings.`), { nextStep: 'Add it as a connection ("Add as Connection") to use it in chat.' });
  }
  await updateConnectionSetting(name, entry.scope, ({ exposeToChat: _was, ...rest }) => (on ? { ...rest, exposeToChat: true } : rest));
  manager.reload();
  void vscode.window.showInformationMessage(on
    ? `"${name}" is offered to chat: VS Code's MCP client starts it when agent mode uses its tools ("MCP: List Servers" shows it).`
    : `"${name}" is no longer offered to chat.`);
  return name;
}
