// Connect, Disconnect, Restart, Show Log, Remove Connection, Copy (a session detail).
import * as vscode from 'vscode';
import type { LinkedServers } from '../connections/linked';
import type { ConnectionManager } from '../connections/manager';
import type { Logs } from '../logs';
import { confirm } from '../quickInput';
import { updateConnectionSetting } from '../settings';
import { asNode } from '../views/nodes';
import { about, pickConnection } from './pick';

export async function connect(manager: ConnectionManager, node: unknown): Promise<string> {
  const name = await pickConnection(manager, node, 'Connect', n => manager.state(n).kind !== 'running');
  await about(name, manager.connected(name));
  return name;
}

export async function disconnect(manager: ConnectionManager, node: unknown): Promise<string> {
  const name = await pickConnection(manager, node, 'Disconnect', n => manager.state(n).kind === 'running');
  await manager.connection(name).disconnect();
  return name;
}

export async function restart(manager: ConnectionManager, node: unknown): Promise<string> {
  const name = await pickConnection(manager, node, 'Restart Connection');
  manager.reload(); // pick up edits made in settings.json by hand
  const refusal = manager.get(name)?.refusal;
  if (refusal) throw Object.assign(new Error(refusal.message), { nextStep: refusal.nextStep, connection: name });
  const s = await manager.connection(name).restart();
  if (s.kind === 'error') throw Object.assign(new Error(s.message), { nextStep: s.nextStep, connection: name });
  return name;
}

export async function showLog(manager: ConnectionManager, logs: Logs, node: unknown): Promise<void> {
  logs.show(await pickConnection(manager, node, 'Show Log'));
}

export async function removeConnection(manager: ConnectionManager, logs: Logs, node: unknown, linked?: LinkedServers): Promise<string | undefined> {
  const name = await pickConnection(manager, node, 'Remove Connection');
  const entry = manager.get(name);
  if (!entry) return undefined;
  if (entry.linked) {
    // Used straight from another client's file: stop using it; the file is not touched.
    const ok = await confirm({ title: `Remove ${name}`, question: `Stop using "${name}" from ${entry.linked.path}? The file is not changed; the secrets kept for it are deleted.`, yes: `$(trash) Stop Using ${name}`, no: 'Keep it' });
    if (!ok) return undefined;
    await entry.conn?.disconnect();
    await linked?.unlink(name);
    manager.reload();
    await manager.secrets.deleteAllOf(entry.config, manager.list().map(e => e.config));
    logs.drop(name);
    return name;
  }
  const where = entry.scope === vscode.ConfigurationTarget.Global ? 'user settings' : 'workspace settings';
  const ok = await confirm({ title: `Remove ${name}`, question: `Remove "${name}" from your ${where}? Its secrets are deleted too.`, yes: `$(trash) Remove ${name}`, no: 'Keep it' });
  if (!ok) return undefined;
  await entry.conn?.disconnect();
  await updateConnectionSetting(name, entry.scope, () => undefined);
  // What is configured now (a user entry that the removed workspace entry hid keeps its secrets).
  manager.reload();
  await manager.secrets.deleteAllOf(entry.config, manager.list().map(e => e.config));
  logs.drop(name);
  return name;
}

export async function copyValue(node: unknown): Promise<void> {
  const n = asNode(node);
  if (n?.kind === 'detail') await vscode.env.clipboard.writeText(n.value);
}
