import * as vscode from 'vscode';
import { ConnectionConfig, parseConnections, ParsedConnections } from '../core/connections/config';
import { Setting } from './ids';

/** Reads `agentcoreMcp.connections` from user and workspace settings (workspace entries win by name;
 *  `shadowed` holds the user entries they hide). */
export function readConnections(): ParsedConnections & { scopeOf: Map<string, vscode.ConfigurationTarget>; shadowed: Map<string, ConnectionConfig> } {
  const inspected = vscode.workspace.getConfiguration(Setting.section).inspect<unknown[]>(Setting.connections);
  const scopeOf = new Map<string, vscode.ConfigurationTarget>();
  const user = parseConnections(inspected?.globalValue);
  const workspace = parseConnections(inspected?.workspaceValue);
  const byName = new Map<string, ConnectionConfig>();
  for (const c of user.connections) { byName.set(c.name, c); scopeOf.set(c.name, vscode.ConfigurationTarget.Global); }
  const shadowed = new Map<string, ConnectionConfig>();
  for (const c of workspace.connections) {
    const hidden = byName.get(c.name);
    if (hidden && scopeOf.get(c.name) === vscode.ConfigurationTarget.Global) shadowed.set(c.name, hidden);
    byName.set(c.name, c);
    scopeOf.set(c.name, vscode.ConfigurationTarget.Workspace);
  }
  return {
    connections: [...byName.values()],
    problems: [...user.problems.map(p => `user settings: ${p}`), ...workspace.problems.map(p => `workspace settings: ${p}`)],
    scopeOf,
    shadowed,
  };
}

/** `base`, or `base 2`, `base 3`, … : the first that no connection is named yet. */
export function unusedName(base: string): string {
  const taken = new Set(readConnections().connections.map(c => c.name));
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base} ${i}`;
  return name;
}

/** Appends a connection to the settings of the given scope, keeping every entry already there as written. */
export async function addConnectionSetting(entry: Record<string, unknown>, target: vscode.ConfigurationTarget): Promise<void> {
  const config = vscode.workspace.getConfiguration(Setting.section);
  const inspected = config.inspect<unknown[]>(Setting.connections);
  const current = target === vscode.ConfigurationTarget.Global ? inspected?.globalValue : inspected?.workspaceValue;
  await config.update(Setting.connections, [...(Array.isArray(current) ? current : []), entry], target);
}

export function onConnectionsChanged(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration(e => {
    if (e.affectsConfiguration(`${Setting.section}.${Setting.connections}`)) listener();
  });
}

/**
 * Changes (or, when `change` returns undefined, removes) the entry named `name` in the given scope,
 * keeping every other entry and every field the person wrote as it was.
 */
export async function updateConnectionSetting(name: string, target: vscode.ConfigurationTarget, change: (entry: Record<string, unknown>) => Record<string, unknown> | undefined): Promise<boolean> {
  const config = vscode.workspace.getConfiguration(Setting.section);
  const inspected = config.inspect<unknown[]>(Setting.connections);
  const current = target === vscode.ConfigurationTarget.Global ? inspected?.globalValue : inspected?.workspaceValue;
  if (!Array.isArray(current)) return false;
  let found = false;
  const next: unknown[] = [];
  for (const entry of current) {
    if (!found && entry && typeof entry === 'object' && (entry as { name?: unknown }).name === name) {
      found = true;
      const changed = change({ ...(entry as Record<string, unknown>) });
      if (changed) next.push(changed);
    } else {
      next.push(entry);
    }
  }
  if (found) await config.update(Setting.connections, next, target);
  return found;
}

/** `agentcoreMcp.bedrock`, normalised: blank strings are absent, models trimmed and each once. */
export interface BedrockSetting {
  readonly profile?: string;
  readonly region?: string;
  readonly endpoint?: string;
  readonly models: readonly string[];
  /** Anything set at all: without it the provider offers no models and calls nothing. */
  readonly configured: boolean;
}

export function readBedrockSetting(): BedrockSetting {
  const raw = vscode.workspace.getConfiguration(Setting.section).get<unknown>(Setting.bedrock);
  const v = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw as Record<string, unknown> : {};
  const text = (k: string) => (typeof v[k] === 'string' && (v[k] as string).trim() ? (v[k] as string).trim() : undefined);
  const models = [...new Set((Array.isArray(v.models) ? v.models : []).filter((m): m is string => typeof m === 'string').map(m => m.trim()).filter(Boolean))];
  const profile = text('profile'), region = text('region'), endpoint = text('endpoint');
  return {
    ...(profile ? { profile } : {}), ...(region ? { region } : {}), ...(endpoint ? { endpoint } : {}), models,
    configured: !!(profile || region || endpoint || models.length),
  };
}

export function onBedrockChanged(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration(e => {
    if (e.affectsConfiguration(`${Setting.section}.${Setting.bedrock}`)) listener();
  });
}
