// The workspace outside VS Code: which folder ${workspaceFolder} stands for, the variables VS Code
// expands in connection settings, and the connections in `.vscode/settings.json` (JSON with comments).
// Used by scenario runs and the command line; VS Code itself passes its own folder and settings.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ConnectionConfig, parseConnection, parseConnections } from '../connections/config';
import { ExplainedError } from '../connections/errors';
import { JsoncError, parseJsonc } from '../util/jsonc';

export const SETTINGS_KEY = 'agentcoreMcp.connections';

/** The nearest folder at or above `dir` with a .vscode folder, a .git or a package.json; else `dir` itself. */
export function findWorkspaceFolder(dir: string): string {
  const start = path.resolve(dir);
  for (let d = start; ; d = path.dirname(d)) {
    if (['.vscode', '.git', 'package.json'].some(m => existsSync(path.join(d, m)))) return d;
    if (path.dirname(d) === d) return start;
  }
}

/** The nearest folder at or above `dir` whose .vscode/settings.json exists, if any. */
export function findSettingsFolder(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (existsSync(path.join(d, '.vscode', 'settings.json'))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

export interface WorkspaceConnections {
  readonly file: string;
  readonly connections: ConnectionConfig[];
  readonly problems: string[];
}

/** Reads agentcoreMcp.connections from `<folder>/.vscode/settings.json`. Throws an ExplainedError for an unreadable file. */
export function readWorkspaceConnections(folder: string): WorkspaceConnections {
  const file = path.join(folder, '.vscode', 'settings.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { file, connections: [], problems: [] };
  }
  let settings: unknown;
  try {
    settings = parseJsonc(text).value;
  } catch (e) {
    if (e instanceof JsoncError) throw new ExplainedError(`${file}:${e.message}`, 'Fix the JSON in the settings file.');
    throw e;
  }
  const s = (typeof settings === 'object' && settings !== null ? settings : {}) as Record<string, unknown>;
  const nested = s.agentcoreMcp as Record<string, unknown> | undefined;
  const raw = s[SETTINGS_KEY] ?? (typeof nested === 'object' && nested !== null ? nested.connections : undefined);
  return { file, ...parseConnections(raw) };
}

/** The connection called `name` in the folder's settings, or an ExplainedError that lists what there is. */
export function connectionFromSettings(name: string, folder: string | undefined): ConnectionConfig {
  if (!folder) throw new ExplainedError(`There is no .vscode/settings.json here to find the connection "${name}" in.`, 'Run from the workspace folder, or describe the connection inline.');
  const { file, connections, problems } = readWorkspaceConnections(folder);
  const found = connections.find(c => c.name === name);
  if (found) return found;
  const broken = problems.find(p => p.includes(`"${name}"`));
  if (broken) throw new ExplainedError(`The connection "${name}" in ${file} cannot be used: ${broken}.`);
  const known = connections.map(c => `"${c.name}"`).join(', ');
  throw new ExplainedError(`There is no connection named "${name}" in ${file}${known ? ` (it has ${known})` : ''}.`,
    `Add it to "${SETTINGS_KEY}" there, or use another name.`);
}

const safeName = (s: string) => s.replace(/[/\\\u0000-\u001f]+/g, '-').trim() || 'scenario';

/** A scenario's connection: a name looked up in settings, or an inline object whose name defaults to `fallbackName`. */
export function resolveConnectionRef(ref: string | Readonly<Record<string, unknown>>, folder: string | undefined, fallbackName: string): ConnectionConfig {
  if (typeof ref === 'string') return connectionFromSettings(ref, folder);
  const r = parseConnection({ name: safeName(fallbackName), ...ref });
  if ('problem' in r) throw new ExplainedError(`The scenario's connection cannot be used: ${r.problem}.`);
  return r.config;
}
