// Connection settings (`agentcoreMcp.connections`): types and a normalizer that turns whatever the user
// wrote into typed configs plus human-readable problems. Plain Node: shared by the extension and the CLI.
import { protocolChoices, type ProtocolChoice } from './era';

interface Common {
  readonly name: string;
  /** The protocol era: `auto` (probe, fall back; the default when absent), or a version that fixes it. */
  readonly protocol?: ProtocolChoice;
  /** Also offered to VS Code's own MCP client (chat agent mode) when true; absent means false. */
  readonly exposeToChat?: boolean;
}

export interface StdioConfig extends Common {
  readonly type: 'stdio';
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd?: string;
  readonly watch?: readonly string[];
}

export interface HttpConfig extends Common {
  readonly type: 'http';
  readonly url: string;
  /** Plain header values from settings. Secret values are never here. */
  readonly headers: Readonly<Record<string, string>>;
  /** Names of headers whose values live in secret storage. */
  readonly secretHeaders: readonly string[];
  /** How to sign in when the server asks (MCP authorization); absent: discover everything from its 401. */
  readonly oauth?: OAuthConfig;
}

/** OAuth client settings of a connection. A client secret is never here: it lives in secret storage. */
export interface OAuthConfig {
  /** A client registered beforehand with the authorization server (no dynamic registration). */
  readonly clientId?: string;
  /** Scopes to ask for when the server names none. */
  readonly scope?: string;
  /** `client_credentials` for a machine client (needs clientId and a client secret); `password` for an Amazon
   *  Cognito development pool (USER_PASSWORD_AUTH: the password is asked once, kept in secret storage).
   *  Default: sign in in a browser. */
  readonly grant?: 'authorization_code' | 'client_credentials' | 'password';
  /** `password`: the pool user to sign in as (asked when absent). */
  readonly username?: string;
  /** An https URL of a client ID metadata document to identify as. */
  readonly clientMetadataUrl?: string;
}

export interface AgentCoreConfig extends Common {
  readonly type: 'agentcore';
  readonly arn: string;
  readonly qualifier: string;
  readonly region?: string;
  readonly endpoint?: string;
  /** `bearer`: the runtime has a JWT authorizer; a token set by hand is used, otherwise you sign in (`oauth`). */
  readonly auth: 'sigv4' | 'bearer';
  readonly profile?: string;
  /** Signing in to a JWT runtime: its app client (from allowedClients or the tooling's env file) and scopes. */
  readonly oauth?: OAuthConfig;
}

export type ConnectionConfig = StdioConfig | HttpConfig | AgentCoreConfig;
export type ConnectionType = ConnectionConfig['type'];

export const connectionTypes: readonly ConnectionType[] = ['stdio', 'http', 'agentcore'];

export interface ParsedConnections {
  readonly connections: ConnectionConfig[];
  /** One line per entry that was skipped, saying which entry and what to fix. */
  readonly problems: string[];
}

type Result = { config: ConnectionConfig } | { problem: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

function stringMap(v: unknown, what: string): Record<string, string> | string {
  if (v === undefined) return {};
  if (!isRecord(v)) return `"${what}" must be an object of strings`;
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) {
    if (typeof val !== 'string') return `"${what}.${k}" must be a string`;
    out[k] = val;
  }
  return out;
}

function stringList(v: unknown, what: string): string[] | string {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some(x => typeof x !== 'string')) return `"${what}" must be a list of strings`;
  return v as string[];
}

/** Checks a URL for an http(s) connection; returns a message saying what is wrong, or undefined. */
export function checkHttpUrl(url: string): string | undefined {
  // "localhost:3001/mcp" parses as a URL with the scheme "localhost:": what was meant is plain.
  const bare = /^(localhost|127\.0\.0\.1|\[::1\]|[\w.-]+\.[a-z]{2,}|[\w.-]+:\d+)(:\d+)?(\/.*)?$/i.test(url) && !/^[a-z][\w+.-]*:\/\//i.test(url);
  if (bare) return /^(localhost|127\.|\[::1\])/i.test(url) ? `the URL needs its scheme: did you mean http://${url}?` : `the URL needs its scheme: did you mean https://${url} (or http://${url})?`;
  let u: URL;
  try { u = new URL(url); } catch { return `"${url}" is not a URL (expected e.g. http://127.0.0.1:3001/mcp)`; }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `the URL must start with http:// or https:// (got ${u.protocol})`;
  return undefined;
}

export function parseConnection(raw: unknown): Result {
  if (!isRecord(raw)) return { problem: 'each connection must be an object with "name" and "type"' };
  const name = str(raw.name);
  if (!name) return { problem: 'a connection has no "name"' };
  if (/[/\\\u0000-\u001f]/.test(name)) return { problem: `connection "${name}": the name may not contain slashes or control characters` };
  const where = `connection "${name}"`;
  const r = parseTyped(raw, name, where);
  if ('problem' in r) return r;
  if (raw.exposeToChat !== undefined && typeof raw.exposeToChat !== 'boolean') return { problem: `${where}: "exposeToChat" must be true or false, got ${JSON.stringify(raw.exposeToChat)}` };
  const chat = raw.exposeToChat === true ? { exposeToChat: true } : {};
  if (raw.protocol === undefined) return { config: { ...r.config, ...chat } };
  if (!protocolChoices.includes(raw.protocol as ProtocolChoice)) {
    return { problem: `${where}: "protocol" must be one of ${protocolChoices.map(p => `"${p}"`).join(', ')}, got ${JSON.stringify(raw.protocol)}` };
  }
  return { config: { ...r.config, protocol: raw.protocol as ProtocolChoice, ...chat } };
}

/** Everything that decides how this extension itself connects: all but `exposeToChat`, which only says
 *  whether VS Code's own MCP client is offered the connection too (toggling it restarts nothing here). */
export function connectionPart(c: ConnectionConfig): ConnectionConfig {
  const { exposeToChat: _chat, ...rest } = c;
  return rest;
}

function parseTyped(raw: Record<string, unknown>, name: string, where: string): Result {
  switch (raw.type) {
    case 'stdio': {
      const command = str(raw.command);
      if (!command) return { problem: `${where}: "command" is required for a stdio connection` };
      const args = stringList(raw.args, 'args');
      if (typeof args === 'string') return { problem: `${where}: ${args}` };
      const env = stringMap(raw.env, 'env');
      if (typeof env === 'string') return { problem: `${where}: ${env}` };
      const watch = stringList(raw.watch, 'watch');
      if (typeof watch === 'string') return { problem: `${where}: ${watch}` };
      const cwd = str(raw.cwd);
      return { config: { name, type: 'stdio', command, args, env, ...(cwd ? { cwd } : {}), ...(watch.length ? { watch } : {}) } };
    }
    case 'http': {
      const url = str(raw.url);
      if (!url) return { problem: `${where}: "url" is required for an http connection` };
      const bad = checkHttpUrl(url);
      if (bad) return { problem: `${where}: ${bad}` };
      const headers = stringMap(raw.headers, 'headers');
      if (typeof headers === 'string') return { problem: `${where}: ${headers}` };
      const secretHeaders = stringList(raw.secretHeaders, 'secretHeaders');
      if (typeof secretHeaders === 'string') return { problem: `${where}: ${secretHeaders}` };
      const oauth = parseOAuth(raw.oauth);
      if (typeof oauth === 'string') return { problem: `${where}: ${oauth}` };
      return { config: { name, type: 'http', url, headers, secretHeaders, ...(oauth ? { oauth } : {}) } };
    }
    case 'agentcore': {
      const arn = str(raw.arn);
      if (!arn) return { problem: `${where}: "arn" is required for an agentcore connection` };
      const auth = raw.auth === undefined ? 'sigv4' : raw.auth;
      if (auth !== 'sigv4' && auth !== 'bearer') return { problem: `${where}: "auth" must be "sigv4" or "bearer"` };
      const endpoint = str(raw.endpoint);
      if (endpoint) {
        const bad = checkHttpUrl(endpoint);
        if (bad) return { problem: `${where}: endpoint ${bad}` };
      }
      const region = str(raw.region);
      const profile = str(raw.profile);
      const oauth = parseOAuth(raw.oauth);
      if (typeof oauth === 'string') return { problem: `${where}: ${oauth}` };
      if (oauth && auth !== 'bearer') return { problem: `${where}: "oauth" applies to a runtime with a JWT authorizer ("auth": "bearer")` };
      return {
        config: {
          name, type: 'agentcore', arn, qualifier: str(raw.qualifier) ?? 'DEFAULT', auth,
          ...(region ? { region } : {}), ...(endpoint ? { endpoint } : {}), ...(profile ? { profile } : {}), ...(oauth ? { oauth } : {}),
        },
      };
    }
    default:
      return { problem: `${where}: "type" must be one of ${connectionTypes.map(t => `"${t}"`).join(', ')}` };
  }
}

function parseOAuth(raw: unknown): OAuthConfig | undefined | string {
  if (raw === undefined) return undefined;
  if (!isRecord(raw)) return '"oauth" must be an object (clientId, scope, grant, clientMetadataUrl)';
  for (const k of ['clientId', 'scope', 'clientMetadataUrl', 'username']) {
    if (raw[k] !== undefined && typeof raw[k] !== 'string') return `"oauth.${k}" must be a string`;
  }
  if ('clientSecret' in raw) return '"oauth.clientSecret" does not belong in settings: it is kept in secret storage (in VS Code: "AgentCore MCP: Set OAuth Client Secret"; on the command line: --client-secret-env)';
  if ('password' in raw) return '"oauth.password" does not belong in settings: you are asked for it once, and it is kept in secret storage';
  if (raw.grant !== undefined && !['authorization_code', 'client_credentials', 'password'].includes(raw.grant as string)) return '"oauth.grant" must be "authorization_code", "client_credentials" or "password"';
  const clientId = str(raw.clientId);
  if ((raw.grant === 'client_credentials' || raw.grant === 'password') && !clientId) return `"oauth.grant": "${String(raw.grant)}" needs "oauth.clientId"`;
  const clientMetadataUrl = str(raw.clientMetadataUrl);
  if (clientMetadataUrl) {
    let u: URL | undefined;
    try { u = new URL(clientMetadataUrl); } catch { u = undefined; }
    if (!u || u.protocol !== 'https:' || u.pathname === '/') return '"oauth.clientMetadataUrl" must be an https URL with a path (where the client metadata document is served)';
  }
  const scope = str(raw.scope);
  const username = str(raw.username);
  return {
    ...(clientId ? { clientId } : {}), ...(scope ? { scope } : {}), ...(clientMetadataUrl ? { clientMetadataUrl } : {}), ...(username ? { username } : {}),
    ...(raw.grant ? { grant: raw.grant as OAuthConfig['grant'] } : {}),
  };
}

export function parseConnections(raw: unknown): ParsedConnections {
  const connections: ConnectionConfig[] = [];
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { connections, problems };
  if (!Array.isArray(raw)) return { connections, problems: ['"agentcoreMcp.connections" must be a list'] };
  const seen = new Set<string>();
  for (const entry of raw) {
    const r = parseConnection(entry);
    if ('problem' in r) { problems.push(r.problem); continue; }
    if (seen.has(r.config.name)) { problems.push(`connection "${r.config.name}" is defined twice; the first one is used`); continue; }
    seen.add(r.config.name);
    connections.push(r.config);
  }
  return { connections, problems };
}

/** Splits a command line typed by a person into a command and arguments (quotes and backslashes; no shell). */
export function splitCommandLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: '"' | "'" | undefined;
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < line.length && (line[i + 1] === '"' || line[i + 1] === '\\')) cur += line[++i];
      else cur += c;
    } else if (c === '"' || c === "'") { quote = c; started = true; }
    else if (c === '\\' && i + 1 < line.length) { cur += line[++i]; started = true; }
    else if (/\s/.test(c)) { if (started) { out.push(cur); cur = ''; started = false; } }
    else { cur += c; started = true; }
  }
  if (quote) throw new Error(`unclosed ${quote} quote`);
  if (started) out.push(cur);
  return out;
}
