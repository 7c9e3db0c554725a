// A server from another MCP client's file becomes a connection (or all of a file's; or one is used straight
// from the file, without adding it): its entry as mapped from that file, secret
// header values to secret storage (bound to its target), saved beside where it came from (a workspace file's
// server in the workspace settings, where it starts only once the person trusts it; a user file's in the
// user settings).
import * as vscode from 'vscode';
import { parseConnections, type ConnectionConfig } from '../../core/connections/config';
import type { ConfigFile, FoundServer } from '../../core/connections/mcpConfigs';
import { headerSecretKey } from '../../core/connections/secretKeys';
import type { ConnectionManager } from '../connections/manager';
import type { FoundConfigs } from '../connections/found';
import type { LinkedServers } from '../connections/linked';
import type { Secrets } from '../connections/secrets';
import { about } from './pick';
import { engine } from '../engine';
import { addConnectionSetting } from '../settings';
import { asNode } from '../views/nodes';

/** The found server under a tree row, as a connection config (named as in its file). */
function foundConfig(node: unknown): { file: ConfigFile; server: FoundServer; config: ConnectionConfig } {
  const n = asNode(node);
  if (n?.kind !== 'foundServer') throw new (engine().ExplainedError)('Run this from a server under "Found in …" in the AgentCore MCP view.');
  const { file, server } = n;
  if (!server.entry) throw new (engine().ExplainedError)(`"${server.name}" in ${file.path} cannot be used as it is: ${server.problem ?? 'it does not map to a connection'}.`);
  const parsed = parseConnections([server.entry]);
  const config = parsed.connections[0];
  if (!config) throw new (engine().ExplainedError)(`"${server.name}" in ${file.path}: ${parsed.problems.join('; ')}`);
  return { file, server, config };
}

/** Asks for the headers the file leaves to the person (`${input:…}`), and keeps every secret header value. */
async function keepSecrets(secrets: Secrets, server: FoundServer, config: ConnectionConfig, verb: string): Promise<void> {
  const values: Record<string, string> = { ...server.secrets };
  for (const ask of server.asks ?? []) {
    const v = await vscode.window.showInputBox({ title: `${server.name}: ${ask.header}`, prompt: `${ask.prompt} (kept in VS Code's secret storage)`, password: ask.password, ignoreFocusOut: true });
    if (v === undefined) throw new (engine().ExplainedError)(`"${server.name}" was not ${verb}: no value was given for ${ask.header}.`);
    values[ask.header] = v;
  }
  for (const [h, v] of Object.entries(values)) await secrets.set(config, headerSecretKey(config.name, h), v);
}

export async function addFoundServer(manager: ConnectionManager, secrets: Secrets, node: unknown): Promise<string> {
  const { file, server, config } = foundConfig(node);
  if (manager.get(server.name)) return server.name;
  await keepSecrets(secrets, server, config, 'added');
  const scope = file.workspace && vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await addConnectionSetting({ ...server.entry }, scope);
  return config.name;
}

/** "Add All as Connections" on a file: every usable server not yet a connection; returns the names added. */
export async function addAllFoundServers(manager: ConnectionManager, secrets: Secrets, found: FoundConfigs, node: unknown): Promise<string[]> {
  const n = asNode(node);
  if (n?.kind !== 'foundFile') throw new (engine().ExplainedError)('Run this from a "Found in …" group in the AgentCore MCP view.');
  const servers = found.current.find(f => f.file.path === n.file.path)?.read.servers ?? [];
  const added: string[] = [];
  for (const server of servers) {
    if (!server.entry || manager.get(server.name)) continue;
    added.push(await addFoundServer(manager, secrets, { kind: 'foundServer', file: n.file, server }));
    manager.reload(); // the next one sees this one's name as taken
  }
  const skipped = servers.length - added.length;
  void vscode.window.showInformationMessage(added.length
    ? `Added ${added.length} connection${added.length === 1 ? '' : 's'} from ${n.file.label}: ${added.join(', ')}.${skipped ? ` ${skipped} left out (already a connection, or not usable as it is).` : ''}`
    : `Nothing to add from ${n.file.label}: every server is a connection already, or cannot be used as it is.`);
  return added;
}

/** "Connect Without Adding": uses the server from its file (the file stays the truth), then connects. */
export async function connectFoundServer(manager: ConnectionManager, secrets: Secrets, linked: LinkedServers, node: unknown): Promise<string> {
  const { file, server, config } = foundConfig(node);
  const existing = manager.get(server.name);
  if (existing && !existing.linked) throw new (engine().ExplainedError)(`A connection named "${server.name}" exists already; connect that one, or rename it to use this server from ${file.label}.`);
  if (!existing) {
    await keepSecrets(secrets, server, config, 'connected');
    await linked.link(file.path, server.name);
    manager.reload();
  }
  await about(server.name, manager.connected(server.name));
  return server.name;
}
