// A runtime this workspace deployed becomes a connection in one click (its row's + under "Deployed in
// this workspace", or the first pick of Add Connection): name, ARN, region and auth from AWS's tools' files,
// saved in the workspace's settings (trusted: the person chose it), no ARN typed.
import * as vscode from 'vscode';
import { runtimeLabel, type DeployedRuntime } from '../../core/agentcore/deployedFiles';
import { parseConnections } from '../../core/connections/config';
import type { ConnectionManager } from '../connections/manager';
import { connectionOfRuntime, type DeployedRuntimes } from '../connections/deployed';
import type { DefinitionTrust } from '../connections/trust';
import { engine } from '../engine';
import { pick } from '../quickInput';
import { addConnectionSetting, unusedName } from '../settings';
import { asNode } from '../views/nodes';

export async function addDeployedRuntime(manager: ConnectionManager, trust: DefinitionTrust, node: unknown): Promise<string> {
  const n = asNode(node);
  if (n?.kind !== 'runtime') throw new (engine().ExplainedError)('Run this from a runtime under "Deployed in this workspace" in the AgentCore MCP view.');
  const existing = connectionOfRuntime(manager, n.runtime);
  if (existing) return existing;
  return addRuntime(trust, n.runtime);
}

export async function addRuntime(trust: DefinitionTrust, runtime: DeployedRuntime): Promise<string> {
  const name = unusedName(runtimeLabel(runtime).replace(/[/\\]/g, '-'));
  const entry = { ...engine().agentcore.connectionFor(runtime, name) } as Record<string, unknown>;
  const config = parseConnections([entry]).connections[0];
  const scope = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  if (config && scope === vscode.ConfigurationTarget.Workspace) await trust.trust(config);
  await addConnectionSetting(entry, scope);
  return name;
}

/** Add Connection's first question when this workspace deployed runtimes that are not connections yet:
 *  one of them, or undefined for another server (the usual steps). Escape cancels (throws Cancelled). */
export async function pickDeployed(manager: ConnectionManager, deployed: DeployedRuntimes, title: string): Promise<DeployedRuntime | undefined> {
  const offered = (await deployed.fresh()).flatMap(f => f.found.runtimes).filter(r => !connectionOfRuntime(manager, r));
  if (!offered.length) return undefined;
  type Item = vscode.QuickPickItem & { runtime?: DeployedRuntime };
  const items: Item[] = [
    { label: 'Deployed in this workspace', kind: vscode.QuickPickItemKind.Separator },
    ...offered.map(r => ({ label: `$(cloud) ${runtimeLabel(r)}`, description: `${r.region} · ${r.auth.kind === 'jwt' ? 'JWT' : 'SigV4'}`, detail: `${r.arn} — from ${r.source}`, runtime: r })),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(add) Another server…', description: 'stdio, HTTP, or an AgentCore ARN' },
  ];
  return (await pick({ title, items, placeholder: 'Add a runtime this workspace deployed, or another server' })).runtime;
}
