// A server from another MCP client's file becomes a connection: its entry as mapped from that file, secret
// header values to secret storage (bound to its target), saved beside where it came from (a workspace file's
// server in the workspace settings, where it starts only once the person trusts it; a user file's in the
// user settings).
import * as vscode from 'vscode';
import { parseConnections } from '../../core/connections/config';
import { headerSecretKey } from '../../core/connections/secretKeys';
import type { ConnectionManager } from '../connections/manager';
import type { Secrets } from '../connections/secrets';
import { engine } from '../engine';
import { addConnectionSetting } from '../settings';
import { asNode } from '../views/nodes';

export async function addFoundServer(manager: ConnectionManager, secrets: Secrets, node: unknown): Promise<string> {
  const n = asNode(node);
  if (n?.kind !== 'foundServer') throw new (engine().ExplainedError)('Run this from a server under "Found in …" in the AgentCore MCP view.');
  const { file, server } = n;
  if (!server.entry) throw new (engine().ExplainedError)(`"${server.name}" in ${file.path} cannot be used as it is: ${server.problem ?? 'it does not map to a connection'}.`);
  if (manager.get(server.name)) return server.name;
  const parsed = parseConnections([server.entry]);
  const config = parsed.connections[0];
  if (!config) throw new (engine().ExplainedError)(`"${server.name}" in ${file.path}: ${parsed.problems.join('; ')}`);
  const values: Record<string, string> = { ...server.secrets };
  for (const ask of server.asks ?? []) {
    const v = await vscode.window.showInputBox({ title: `${server.name}: ${ask.header}`, prompt: `${ask.prompt} (kept in VS Code's secret storage)`, password: ask.password, ignoreFocusOut: true });
    if (v === undefined) throw new (engine().ExplainedError)(`"${server.name}" was not added: no value was given for ${ask.header}.`);
    values[ask.header] = v;
  }
  for (const [h, v] of Object.entries(values)) await secrets.set(config, headerSecretKey(config.name, h), v);
  const scope = file.workspace && vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await addConnectionSetting({ ...server.entry }, scope);
  return config.name;
}
