// MCP servers people already configured for other clients: VS Code's mcp.json ("servers", with "inputs"),
// and the "mcpServers" files of Claude Desktop, Claude Code (.mcp.json, ~/.claude.json) and Cursor. Each server
// becomes one of our connection entries when its fields map faithfully; otherwise it is listed with the reason.
// JSON with comments and trailing commas is read by the same parser as our settings and scenario files (it
// gives line:column, refuses duplicate keys, keeps "__proto__" as data), which a unit test holds to agree with
// VS Code's own jsonc-parser on every value (test/unit/jsonc.agree.test.ts).
import * as os from 'node:os';
import * as path from 'node:path';
import { parseJsonc } from '../util/jsonc';
import { looksSecret } from './secretHeaders';

export type ConfigKind = 'vscode' | 'mcpServers';

export interface ConfigFile {
  /** What to call it: "VS Code (.vscode/mcp.json)", "Claude Desktop". */
  readonly label: string;
  readonly path: string;
  readonly kind: ConfigKind;
  /** A workspace file: its servers start only once the person trusts them. */
  readonly workspace: boolean;
}

export interface FoundServer {
  readonly name: string;
  /** Our connection entry (as in agentcoreMcp.connections), when the server maps. */
  readonly entry?: Record<string, unknown>;
  /** Values of secret headers found in the file, to keep in secret storage rather than settings. */
  readonly secrets?: Readonly<Record<string, string>>;
  /** Secret headers whose value the file asks the person for (`${input:…}`), with what to ask. */
  readonly asks?: ReadonlyArray<{ readonly header: string; readonly prompt: string; readonly password: boolean }>;
  /** Why it cannot be used as it is. */
  readonly problem?: string;
}

export interface ReadConfig { readonly servers: FoundServer[]; readonly problem?: string }

/** Files larger than this are not read: a workspace's MCP config is a few KB, but ~/.claude.json also keeps
 *  Claude Code's history (megabytes on a busy machine). */
export const MAX_CONFIG_BYTES = 50_000_000;

/** The files to look at: a workspace folder's, then the user's on this platform. */
export function configFiles(folder: string | undefined, env: NodeJS.ProcessEnv = process.env, platform = process.platform, home = os.homedir()): ConfigFile[] {
  const out: ConfigFile[] = [];
  if (folder) {
    out.push({ label: 'VS Code (.vscode/mcp.json)', path: path.join(folder, '.vscode', 'mcp.json'), kind: 'vscode', workspace: true });
    out.push({ label: 'Claude Code (.mcp.json)', path: path.join(folder, '.mcp.json'), kind: 'mcpServers', workspace: true });
    out.push({ label: 'Cursor (.cursor/mcp.json)', path: path.join(folder, '.cursor', 'mcp.json'), kind: 'mcpServers', workspace: true });
  }
  const appData = platform === 'win32' ? env.APPDATA ?? path.join(home, 'AppData', 'Roaming')
    : platform === 'darwin' ? path.join(home, 'Library', 'Application Support') : env.XDG_CONFIG_HOME ?? path.join(home, '.config');
  out.push({ label: 'VS Code (user mcp.json)', path: path.join(appData, 'Code', 'User', 'mcp.json'), kind: 'vscode', workspace: false });
  out.push({ label: 'Claude Desktop', path: path.join(appData, 'Claude', 'claude_desktop_config.json'), kind: 'mcpServers', workspace: false });
  out.push({ label: 'Claude Code (~/.claude.json)', path: path.join(home, '.claude.json'), kind: 'mcpServers', workspace: false });
  out.push({ label: 'Cursor (~/.cursor/mcp.json)', path: path.join(home, '.cursor', 'mcp.json'), kind: 'mcpServers', workspace: false });
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const INPUT = /\$\{input:([^}]+)\}/;

/** The servers of one file's text. */
export function readConfig(text: string, kind: ConfigKind): ReadConfig {
  let doc: unknown;
  // Plain JSON first: ~/.claude.json keeps Claude Code's history and grows to megabytes, and JSON.parse reads
  // that many times faster than the JSONC parser (which also notes every value's position).
  try { doc = JSON.parse(text); } catch {
    try { doc = parseJsonc(text).value; } catch (e) { return { servers: [], problem: `is not valid JSON: ${(e as Error).message}` }; }
  }
  if (!isRecord(doc)) return { servers: [], problem: 'is not a JSON object' };
  const key = kind === 'vscode' ? 'servers' : 'mcpServers';
  const servers = doc[key];
  if (servers === undefined) return { servers: [] };
  if (!isRecord(servers)) return { servers: [], problem: `"${key}" is not an object of servers` };
  const inputs = new Map((Array.isArray(doc.inputs) ? doc.inputs.filter(isRecord) : []).map(i => [String(i.id), i]));
  return { servers: Object.entries(servers).map(([name, raw]) => mapServer(name, raw, inputs)) };
}

function mapServer(name: string, raw: unknown, inputs: Map<string, Record<string, unknown>>): FoundServer {
  const no = (problem: string): FoundServer => ({ name, problem });
  if (/[/\\]/.test(name)) return no('its name has a slash, which connection names may not');
  if (!isRecord(raw)) return no('is not an object');
  if (raw.disabled === true) return no('is disabled in the file');
  const type = typeof raw.type === 'string' ? raw.type : undefined;
  if (typeof raw.url === 'string' || type === 'http' || type === 'sse' || type === 'streamable-http') {
    if (typeof raw.url !== 'string') return no(`has type "${type}" but no "url"`);
    if (INPUT.test(raw.url)) return no(`its URL takes \${input:${INPUT.exec(raw.url)![1]}}, which we cannot ask for in a URL`);
    const headers: Record<string, string> = {};
    const secretHeaders: string[] = [];
    const secrets: Record<string, string> = {};
    const asks: Array<{ header: string; prompt: string; password: boolean }> = [];
    for (const [h, v] of Object.entries(isRecord(raw.headers) ? raw.headers : {})) {
      if (typeof v !== 'string') return no(`header "${h}" is not a string`);
      const input = INPUT.exec(v);
      if (input) {
        if (v.trim() !== input[0]) return no(`header "${h}" mixes text with \${input:${input[1]}}: only a whole value can be a secret`);
        const spec = inputs.get(input[1]);
        secretHeaders.push(h); // asked for once, when the server is added, and kept in secret storage
        asks.push({ header: h, prompt: typeof spec?.description === 'string' ? spec.description : `The value of ${h} (\${input:${input[1]}})`, password: spec?.password !== false });
        continue;
      }
      if (looksSecret(h)) { secretHeaders.push(h); secrets[h] = v; } else headers[h] = v;
    }
    const entry: Record<string, unknown> = { name, type: 'http', url: raw.url };
    if (Object.keys(headers).length) entry.headers = headers;
    if (secretHeaders.length) entry.secretHeaders = secretHeaders;
    return { name, entry, ...(Object.keys(secrets).length ? { secrets } : {}), ...(asks.length ? { asks } : {}) };
  }
  if (typeof raw.command !== 'string' || !raw.command) return no('has neither a "command" nor a "url"');
  if (type && type !== 'stdio') return no(`has type "${type}", which we do not know`);
  const args = raw.args ?? [];
  if (!Array.isArray(args) || !args.every(a => typeof a === 'string')) return no('"args" is not a list of strings');
  const env = isRecord(raw.env) ? raw.env : {};
  for (const [k, v] of Object.entries(env)) {
    if (typeof v !== 'string') return no(`env "${k}" is not a string`);
    const input = INPUT.exec(v);
    if (input) return no(`env ${k} takes \${input:${input[1]}}${inputs.get(input[1])?.password ? ' (a password)' : ''}; put the value in your environment and use \${env:${k}}`);
  }
  for (const a of [raw.command, ...args as string[]]) {
    const input = INPUT.exec(a);
    if (input) return no(`its command line takes \${input:${input[1]}}, which we cannot ask for`);
  }
  if (raw.envFile !== undefined) return no('uses "envFile", which we do not read: copy its variables into "env"');
  const entry: Record<string, unknown> = { name, type: 'stdio', command: raw.command, args };
  if (Object.keys(env).length) entry.env = env;
  if (typeof raw.cwd === 'string') entry.cwd = raw.cwd;
  return { name, entry };
}
