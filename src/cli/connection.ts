// The connection options (--stdio, --url, --agentcore-arn, --connection) as a ConnectionConfig, checked
// before anything starts: a wrong ARN, a missing token variable or an unknown connection name is bad
// usage (exit 2) with what to fix, not a failed request.
import { connectionFor, discoverIn } from '../core/agentcore/deployed';
import { CLI_DEPLOYED, runtimeLabel, TOOLKIT_FILE } from '../core/agentcore/deployedFiles';
import { checkAgentCoreConfig } from '../core/agentcore/plan';
import { protocolChoices, type ProtocolChoice } from '../core/connections/era';
import { readFileSync } from 'node:fs';
import { checkHttpUrl, ConnectionConfig, parseConnections, splitCommandLine } from '../core/connections/config';
import { readConfig } from '../core/connections/mcpConfigs';
import { ExplainedError } from '../core/connections/errors';
import { looksSecret } from '../core/connections/secretHeaders';
import { bearerSecretKey, headerSecretKey } from '../core/connections/secretKeys';
import { connectionFromSettings, findSettingsFolder } from '../core/scenario/workspace';
import { flag, list, Parsed, str, UsageError } from './args';
import type { SecretOptions } from './host';

export interface CliConnection {
  readonly config: ConnectionConfig;
  readonly secrets: SecretOptions;
  /** What ${workspaceFolder} means: the folder whose .vscode/settings.json was read, or the current one. */
  readonly workspaceFolder: string;
}

// Header names whose values are treated as secrets (kept out of settings-shaped output and redacted by value).
const NAME = 'server';

function headerMap(values: string[], command: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const h of values) {
    const at = h.indexOf(':');
    const name = at > 0 ? h.slice(0, at).trim() : '';
    if (!name || /\s/.test(name)) throw new UsageError(`--header takes "Name: value", got "${h.slice(0, 40)}${h.length > 40 ? '…' : ''}".`, command);
    out.set(name, h.slice(at + 1).trim());
  }
  return out;
}

function envMap(values: string[], command: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of values) {
    const m = /^([^=\s]+)=([A-Za-z_][A-Za-z0-9_]*)$/.exec(v);
    if (!m) throw new UsageError(`--secret-env takes "Header=VARIABLE", e.g. --secret-env "Authorization=MY_TOKEN"; got "${v}".`, command);
    out.set(m[1].toLowerCase(), m[2]);
  }
  return out;
}

/** The connection the options name; --protocol (auto, 2026-07-28, 2025-11-25) applies to any of them. */
export function connectionFromOptions(p: Parsed, command: string, cwd = process.cwd()): CliConnection {
  const c = withOAuthOptions(connectionOf(p, command, cwd), p, command);
  const protocol = str(p, 'protocol');
  if (protocol === undefined) return c;
  if (!(protocolChoices as readonly string[]).includes(protocol)) throw new UsageError(`--protocol takes ${protocolChoices.join(', ')}; got "${protocol}".`, command);
  return { ...c, config: { ...c.config, protocol: protocol as ProtocolChoice } };
}

/** --client-id, --client-secret-env and --scope: the OAuth client an HTTP server's sign-in uses. */
function withOAuthOptions(c: CliConnection, p: Parsed, command: string): CliConnection {
  const clientId = str(p, 'client-id');
  const secretEnv = str(p, 'client-secret-env');
  const scope = str(p, 'scope');
  const username = str(p, 'username');
  const passwordEnv = str(p, 'password-env');
  if (clientId === undefined && secretEnv === undefined && scope === undefined && username === undefined && passwordEnv === undefined) return c;
  for (const [flagName, v] of [['client-secret-env', secretEnv], ['password-env', passwordEnv]] as const) {
    if (v !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(v)) throw new UsageError(`--${flagName} takes the name of an environment variable (not the value itself), got "${v.slice(0, 6)}…".`, command);
  }
  if ((username === undefined) !== (passwordEnv === undefined)) throw new UsageError('--username and --password-env go together (a Cognito pool user\'s sign-in, USER_PASSWORD_AUTH).', command);
  const password = username !== undefined ? { grant: 'password' as const, username } : {};
  if (c.config.type === 'agentcore') {
    if (secretEnv !== undefined) throw new UsageError('--client-secret-env applies to HTTP servers: an AgentCore JWT runtime signs in with a public app client.', command);
    if (c.config.auth === 'sigv4' && c.config.profile) throw new UsageError('--profile signs with AWS credentials and --client-id signs in to a JWT runtime: give one.', command);
    if (c.secrets.bearerEnv) throw new UsageError('--bearer-token-env sends a token you have and --client-id signs in for one: give one.', command);
    const oauth = { ...c.config.oauth, ...(clientId ? { clientId } : {}), ...(scope ? { scope } : {}), ...password };
    if (!oauth.clientId) throw new UsageError('signing in to a JWT runtime needs --client-id (one of its allowed app clients).', command);
    return { ...c, config: { ...c.config, auth: 'bearer', oauth }, secrets: { ...c.secrets, ...(passwordEnv ? { passwordEnv } : {}) } };
  }
  if (c.config.type !== 'http') throw new UsageError('--client-id, --client-secret-env and --scope apply to HTTP servers and AgentCore JWT runtimes.', command);
  if (secretEnv !== undefined && !(clientId ?? c.config.oauth?.clientId)) throw new UsageError('--client-secret-env needs --client-id (the secret belongs to a registered client).', command);
  const oauth = { ...c.config.oauth, ...(clientId ? { clientId } : {}), ...(scope ? { scope } : {}), ...password };
  if (username !== undefined && !oauth.clientId) throw new UsageError('--username needs --client-id (the user pool\'s app client).', command);
  return { ...c, config: { ...c.config, oauth }, secrets: { ...c.secrets, ...(secretEnv ? { clientSecretEnv: secretEnv } : {}), ...(passwordEnv ? { passwordEnv } : {}) } };
}

function connectionOf(p: Parsed, command: string, cwd: string): CliConnection {
  const kinds = ['stdio', 'url', 'agentcore-arn', 'runtime', 'config', 'connection'].filter(k => str(p, k) !== undefined);
  if (kinds.length !== 1) {
    throw new UsageError(kinds.length ? `give one server, not ${kinds.map(k => `--${k}`).join(' and ')}.` : 'say which server: --stdio "<command line>", --url <url>, --agentcore-arn <arn>, --runtime <name>, --config <file> --server <name> or --connection <name>.', command);
  }
  const only = (allowed: string[]) => {
    // With --sampling bedrock:…, --profile and --region sign the Bedrock calls, whatever the server is.
    const bedrock = str(p, 'sampling') !== undefined ? ['profile', 'region'] : [];
    const extra = ['header', 'secret-env', 'qualifier', 'region', 'profile', 'endpoint', 'bearer-token-env', 'workspace', 'server']
      .filter(k => !allowed.includes(k) && !bedrock.includes(k) && (str(p, k) !== undefined || list(p, k).length > 0 || flag(p, k)));
    if (extra.length) throw new UsageError(`${extra.map(k => `--${k}`).join(', ')} do${extra.length === 1 ? 'es' : ''} not apply to --${kinds[0]}.`, command);
  };
  const bearerEnv = str(p, 'bearer-token-env');
  if (bearerEnv !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(bearerEnv)) throw new UsageError(`--bearer-token-env takes the name of an environment variable (not the token itself), got "${bearerEnv.slice(0, 12)}…".`, command);

  if (kinds[0] === 'stdio') {
    only([]);
    let parts: string[];
    try { parts = splitCommandLine(str(p, 'stdio')!); } catch (e) { throw new UsageError(`--stdio: ${(e as Error).message}.`, command); }
    if (!parts.length) throw new UsageError('--stdio needs a command line, e.g. --stdio "node server.js".', command);
    return { config: { name: NAME, type: 'stdio', command: parts[0], args: parts.slice(1), env: {} }, secrets: {}, workspaceFolder: cwd };
  }
  if (kinds[0] === 'url') {
    only(['header']);
    const url = str(p, 'url')!;
    const bad = checkHttpUrl(url);
    if (bad) throw new UsageError(`--url: ${bad}.`, command);
    const headers = headerMap(list(p, 'header'), command);
    // Secret-looking headers go through the engine's secret path, so their values are redacted wherever they appear.
    const secretHeaders = [...headers.keys()].filter(looksSecret);
    const inline = new Map(secretHeaders.map(h => [headerSecretKey(NAME, h), headers.get(h)!]));
    const plain = Object.fromEntries([...headers].filter(([h]) => !looksSecret(h)));
    return { config: { name: NAME, type: 'http', url, headers: plain, secretHeaders }, secrets: { inline }, workspaceFolder: cwd };
  }
  if (kinds[0] === 'agentcore-arn') {
    only(['qualifier', 'region', 'profile', 'endpoint', 'bearer-token-env']);
    if (bearerEnv && str(p, 'profile')) throw new UsageError('--profile signs with AWS credentials and --bearer-token-env sends a token: give one.', command);
    const o = (k: string) => str(p, k);
    const config: ConnectionConfig = {
      name: NAME, type: 'agentcore', arn: o('agentcore-arn')!, qualifier: o('qualifier') ?? 'DEFAULT', auth: bearerEnv ? 'bearer' : 'sigv4',
      ...(o('region') ? { region: o('region')! } : {}), ...(o('endpoint') ? { endpoint: o('endpoint')! } : {}), ...(o('profile') ? { profile: o('profile')! } : {}),
    };
    try { checkAgentCoreConfig(config); } catch (e) { throw new UsageError(`${(e as Error).message.replace(/ of "server"/g, '')} ${(e as ExplainedError).nextStep ?? ''}`.trim(), command); }
    return { config, secrets: bearerEnv ? { bearerEnv } : {}, workspaceFolder: cwd };
  }
  if (kinds[0] === 'config') {
    only(['server', 'secret-env']);
    return fromConfigFile(str(p, 'config')!, str(p, 'server'), envMap(list(p, 'secret-env'), command), cwd, command);
  }
  if (kinds[0] === 'runtime') {
    only(['qualifier', 'profile', 'endpoint', 'bearer-token-env', 'workspace']);
    const config = deployedRuntime(str(p, 'runtime')!, str(p, 'workspace') ?? cwd, bearerEnv, command);
    const o = (k: string) => str(p, k);
    return {
      config: { ...config, ...(o('qualifier') ? { qualifier: o('qualifier')! } : {}), ...(o('endpoint') ? { endpoint: o('endpoint')! } : {}), ...(o('profile') ? { profile: o('profile')! } : {}) },
      secrets: bearerEnv ? { bearerEnv } : {}, workspaceFolder: str(p, 'workspace') ?? cwd,
    };
  }
  only(['secret-env', 'bearer-token-env', 'workspace']);
  const folder = str(p, 'workspace') ?? findSettingsFolder(cwd);
  let config: ConnectionConfig;
  try { config = connectionFromSettings(str(p, 'connection')!, folder); } catch (e) {
    throw new UsageError(`${(e as Error).message}${(e as ExplainedError).nextStep ? ` ${(e as ExplainedError).nextStep}` : ''}`, command);
  }
  const headerNames = config.type === 'http' ? config.secretHeaders : [];
  return { config, secrets: { headerEnv: envMap(list(p, 'secret-env'), command), headerNames, ...(bearerEnv ? { bearerEnv } : {}) }, workspaceFolder: folder ?? cwd };
}

/** A server of another MCP client's file (VS Code's mcp.json, or an "mcpServers" file of Claude or Cursor). */
function fromConfigFile(file: string, server: string | undefined, headerEnv: Map<string, string>, cwd: string, command: string): CliConnection {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) { throw new UsageError(`--config: cannot read ${file}: ${(e as Error).message}.`, command); }
  const doc = readConfig(text, /"servers"\s*:/.test(text) && !/"mcpServers"\s*:/.test(text) ? 'vscode' : 'mcpServers');
  if (doc.problem) throw new UsageError(`--config: ${file} ${doc.problem}.`, command);
  const names = doc.servers.map(s => s.name);
  if (!server) throw new UsageError(`--config needs --server <name>; ${file} has ${names.length ? names.join(', ') : 'no servers'}.`, command);
  const found = doc.servers.find(s => s.name === server);
  if (!found) throw new UsageError(`--server: ${file} has no server "${server}"; it has ${names.join(', ') || 'none'}.`, command);
  if (!found.entry) throw new UsageError(`--server: "${server}" in ${file} cannot be used as it is: ${found.problem}.`, command);
  const parsed = parseConnections([{ ...found.entry, name: NAME }]);
  const config = parsed.connections[0];
  if (!config) throw new UsageError(`--server: "${server}" in ${file}: ${parsed.problems.join('; ')}.`, command);
  const headerNames = config.type === 'http' ? config.secretHeaders : [];
  const inline = new Map(Object.entries(found.secrets ?? {}).map(([h, v]) => [headerSecretKey(NAME, h), v]));
  return { config, secrets: { inline, headerEnv, headerNames }, workspaceFolder: cwd };
}

/** The runtime named `want` in the AgentCore CLI's or the starter toolkit's files of `folder`, as a connection. */
function deployedRuntime(want: string, folder: string, bearerEnv: string | undefined, command: string): ConnectionConfig {
  const found = discoverIn(folder);
  const matches = found.runtimes.filter(r => r.name === want || runtimeLabel(r) === want);
  if (matches.length !== 1) {
    const problems = found.problems.map(x => `${x.source} ${x.message}`);
    const lines = [
      matches.length > 1 ? `"${want}" is deployed to several targets: say which, e.g. --runtime "${runtimeLabel(matches[0])}".`
        : found.runtimes.length || found.skipped.length || problems.length ? `no MCP runtime named "${want}" in ${folder}.`
          : `${folder} holds no AgentCore CLI project (${CLI_DEPLOYED}) or starter toolkit file (${TOOLKIT_FILE}): deploy first, give --workspace <dir>, or use --agentcore-arn.`,
      found.runtimes.length ? `Deployed MCP runtimes: ${found.runtimes.map(runtimeLabel).join(', ')}.` : '',
      found.skipped.length ? `Left out: ${found.skipped.map(s => `${s.name} (${s.reason})`).join('; ')}.` : '',
      problems.length ? `Could not read: ${problems.join('; ')}.` : '',
    ];
    throw new UsageError(lines.filter(Boolean).join(' '), command);
  }
  const r = matches[0];
  if (r.auth.kind === 'sigv4' && bearerEnv) throw new UsageError(`"${want}" signs with SigV4 (AWS credentials), not a bearer token: leave out --bearer-token-env.`, command);
  return { ...connectionFor(r, NAME) };
}

/** Asks for every secret the connection needs now, so a missing one is bad usage before anything starts. */
export async function checkSecrets(c: ConnectionConfig, secret: (key: string) => Promise<string | undefined>, command: string, optional: { bearer?: boolean } = {}): Promise<void> {
  // A JWT runtime without --bearer-token-env signs in instead (agentcore-mcp login).
  const keys = c.type === 'http' ? c.secretHeaders.map(h => headerSecretKey(c.name, h)) : c.type === 'agentcore' && c.auth === 'bearer' && !optional.bearer ? [bearerSecretKey(c.name)] : [];
  for (const key of keys) {
    try { await secret(key); } catch (e) {
      throw new UsageError(`${(e as Error).message} ${(e as ExplainedError).nextStep ?? ''}`.trim(), command);
    }
  }
}
