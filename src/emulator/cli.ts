// Command-line flags and the text the emulator prints: what a developer needs to point the extension at it.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { FaultPatch } from './faults';
import { DEFAULT_BEDROCK_MODELS } from './bedrockModels';
import { DEFAULT_APP_CLIENT, DEFAULT_USER } from './userPool';
import type { CredentialOptions, Emulator, EmulatorOptions, RequestLogEntry, RuntimeAuth, RuntimeOptions } from './types';

export const HELP = `Local Amazon Bedrock AgentCore Runtime emulator, in front of stateful Streamable HTTP MCP servers,
with a stand-in for Amazon Bedrock's Converse API (deterministic replies) on the same port.

Usage: emulator --upstream <url> [options]
       emulator --bedrock-model <model id> [options]   (the Bedrock stand-in alone)

  --upstream <url>|<name>=<url>  MCP server to host (repeatable), e.g. travel=http://127.0.0.1:3001/mcp
  --port <n>                     port on 127.0.0.1 (default 8787; 0 picks a free one)
  --region <region>              region of the endpoint and ARNs (default us-east-1)
  --auth sigv4|jwt               inbound auth of every runtime (default sigv4)
  --audience <aud>               JWT allowedAudience (repeatable)
  --client-id <id>               JWT allowedClients (repeatable)
  --idle-timeout <s>             session idle timeout (default 900)
  --max-lifetime <s>             session max lifetime (default 28800)
  --access-key-id <id>           SigV4 test credential (default: generated)
  --secret-access-key <secret>   SigV4 test credential (default: generated)
  --session-token <token>        require this X-Amz-Security-Token (temporary credentials)
  --user <name>:<password>       a user of the built-in sign-in (repeatable; default tester:Passw0rd!)
  --access-token-ttl <s>         lifetime of signed-in access tokens (default 3600)
  --invent-session-id            give stateless servers a session id, as the platform does
  --bedrock-model <id>           a model the Bedrock stand-in serves (repeatable; default: a few, listed on start);
                                 ids starting denied., throttled. or retired. always fail as AWS would
  --faults <json>                initial fault switches, e.g. '{"stringIds":true}'
  --print-token                  print a bearer token alone on stdout's first line; the rest goes to stderr
  --quiet                        do not log requests to stderr
  --help                         this text

While running: POST /_emulator/faults, GET /_emulator/sessions, POST /_emulator/sessions/expire,
POST /_emulator/token, GET /_emulator/log (see src/emulator/admin.ts). JWT runtimes can also be signed in to
as with Cognito: /oauth2/authorize (code + PKCE), /oauth2/token, InitiateAuth (see src/emulator/authServer.ts).
Bedrock: POST /model/{id}/converse-stream and /converse, GET /foundation-models and /inference-profiles,
SigV4 with the signing name bedrock (see src/emulator/bedrock.ts).`;

export interface CliConfig {
  readonly options: EmulatorOptions;
  readonly credential: CredentialOptions;
  readonly auth: RuntimeAuth;
  readonly printToken: boolean;
  readonly quiet: boolean;
}

function seconds(v: string | undefined, flag: string, fallback: number): number {
  if (v === undefined) return fallback * 1000;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} must be a number of seconds above 0 (got "${v}")`);
  return n * 1000;
}

function runtimeFor(spec: string, index: number): Omit<RuntimeOptions, 'auth'> {
  const eq = spec.indexOf('=');
  const named = eq > 0 && !spec.slice(0, eq).includes(':');
  const name = named ? spec.slice(0, eq) : index === 0 ? 'mcp_server' : `mcp_server_${index + 1}`;
  const upstream = named ? spec.slice(eq + 1) : spec;
  if (!/^https?:\/\//.test(upstream)) throw new Error(`--upstream "${spec}" must be an http(s) URL, e.g. http://127.0.0.1:3001/mcp`);
  return { name, upstream };
}

/** Random test credentials shaped like AWS's: a 20-character upper-case key id, a 40-character secret. */
function randomText(alphabet: string, length: number): string {
  return [...randomBytes(length)].map(b => alphabet[b % alphabet.length]).join('');
}
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const MIXED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Reads argv (without node and the script); returns undefined for --help, throws on a bad flag. */
export function parseCli(argv: readonly string[]): CliConfig | undefined {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      upstream: { type: 'string', multiple: true }, port: { type: 'string' }, region: { type: 'string' },
      auth: { type: 'string' }, audience: { type: 'string', multiple: true }, 'client-id': { type: 'string', multiple: true },
      'idle-timeout': { type: 'string' }, 'max-lifetime': { type: 'string' },
      'access-key-id': { type: 'string' }, 'secret-access-key': { type: 'string' }, 'session-token': { type: 'string' },
      user: { type: 'string', multiple: true }, 'access-token-ttl': { type: 'string' },
      'invent-session-id': { type: 'boolean' }, faults: { type: 'string' }, 'print-token': { type: 'boolean' },
      'bedrock-model': { type: 'string', multiple: true },
      quiet: { type: 'boolean' }, help: { type: 'boolean' },
    },
  });
  if (values.help) return undefined;
  const bedrockModels = values['bedrock-model']?.map(id => ({ id }));
  if (!values.upstream?.length && !bedrockModels?.length) throw new Error('--upstream is required (the MCP server to put behind the emulator), unless it only stands in for Bedrock (--bedrock-model <id>)');
  const auth = (values.auth ?? 'sigv4') as RuntimeAuth;
  if (auth !== 'sigv4' && auth !== 'jwt') throw new Error(`--auth must be sigv4 or jwt (got "${values.auth}")`);
  const port = values.port === undefined ? 8787 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535 (got "${values.port}")`);
  if ((values['access-key-id'] === undefined) !== (values['secret-access-key'] === undefined)) {
    throw new Error('give both --access-key-id and --secret-access-key, or neither');
  }
  let faults: FaultPatch | undefined;
  if (values.faults !== undefined) {
    try { faults = JSON.parse(values.faults) as FaultPatch; } catch { throw new Error(`--faults must be JSON, e.g. '{"throttle":1}'`); }
  }
  const credential: CredentialOptions = {
    accessKeyId: values['access-key-id'] ?? `AKIAEMU${randomText(UPPER, 13)}`,
    secretAccessKey: values['secret-access-key'] ?? randomText(MIXED, 40),
    ...(values['session-token'] ? { sessionToken: values['session-token'] } : {}),
  };
  const users = values.user?.map(u => {
    const colon = u.indexOf(':');
    if (colon <= 0) throw new Error(`--user must be <name>:<password> (got "${u}")`);
    return { username: u.slice(0, colon), password: u.slice(colon + 1) };
  });
  const runtimes = (values.upstream ?? []).map((spec, i) => ({
    ...runtimeFor(spec, i), auth,
    ...(values.audience?.length ? { allowedAudience: values.audience } : {}),
    ...(values['client-id']?.length ? { allowedClients: values['client-id'] } : {}),
  }));
  return {
    options: {
      port, region: values.region ?? 'us-east-1', runtimes, credentials: [credential],
      idleTimeoutMs: seconds(values['idle-timeout'], '--idle-timeout', 900),
      maxLifetimeMs: seconds(values['max-lifetime'], '--max-lifetime', 28800),
      inventSessionIdForStateless: values['invent-session-id'] ?? false,
      ...(faults ? { faults } : {}),
      ...(users ? { users } : {}),
      ...(bedrockModels ? { bedrockModels } : {}),
      ...(values['access-token-ttl'] !== undefined
        ? { accessTokenTtlSeconds: seconds(values['access-token-ttl'], '--access-token-ttl', 3600) / 1000 } : {}),
    },
    credential, auth, printToken: values['print-token'] ?? false, quiet: values.quiet ?? false,
  };
}

const PROFILE = 'agentcore-emulator';

/** What to paste where: endpoint, ARNs, a connections entry, the Bedrock settings, credentials and a token. */
export function banner(emu: Emulator, cfg: CliConfig, token?: string): string {
  const lines = [cfg.options.runtimes.length ? `AgentCore Runtime emulator on ${emu.url} (region ${emu.region}, ${cfg.auth})` : `Bedrock stand-in on ${emu.url} (region ${emu.region})`, ''];
  const entries = cfg.options.runtimes.map(r => ({
    name: `${r.name} (emulator)`, type: 'agentcore', arn: emu.arnOf(r.name), region: emu.region, endpoint: emu.url,
    auth: cfg.auth === 'jwt' ? 'bearer' : 'sigv4', ...(cfg.auth === 'sigv4' ? { profile: PROFILE } : {}),
  }));
  for (const r of cfg.options.runtimes) {
    lines.push(`Runtime ${r.name} -> ${r.upstream}`, `  ARN:    ${emu.arnOf(r.name)}`, `  Invoke: ${emu.invocationsUrl(r.name)}`, '');
  }
  if (entries.length) lines.push('Settings ("agentcoreMcp.connections"):', JSON.stringify(entries, null, 2), '');
  const models = (cfg.options.bedrockModels ?? DEFAULT_BEDROCK_MODELS).map(m => m.id);
  lines.push(`Bedrock stand-in: ${models.join(', ')} (and denied.*, throttled.*, retired.* to see failures)`,
    `  agentcore-mcp: AGENTCORE_MCP_BEDROCK_ENDPOINT=${emu.url} agentcore-mcp call <tool> … --sampling bedrock:${models[0]} --profile ${PROFILE}`,
    `  VS Code: "agentcoreMcp.bedrock": ${JSON.stringify({ profile: PROFILE, region: emu.region, endpoint: emu.url, models: models.slice(0, 1) })}`, '');
  // Bedrock is always SigV4-signed, so the credentials are printed with JWT runtimes too.
  {
    const c = cfg.credential;
    lines.push(
      `Test credentials${cfg.auth === 'jwt' && entries.length ? ' (for the Bedrock stand-in)' : ''}. Either add a profile to ~/.aws/credentials:`,
      `  [${PROFILE}]`, `  aws_access_key_id = ${c.accessKeyId}`, `  aws_secret_access_key = ${c.secretAccessKey}`,
      ...(c.sessionToken ? [`  aws_session_token = ${c.sessionToken}`] : []),
      `and to ~/.aws/config:`, `  [profile ${PROFILE}]`, `  region = ${emu.region}`,
      `or set: AWS_ACCESS_KEY_ID=${c.accessKeyId} AWS_SECRET_ACCESS_KEY=${c.secretAccessKey}${c.sessionToken ? ` AWS_SESSION_TOKEN=${c.sessionToken}` : ''} AWS_REGION=${emu.region}`,
    );
  }
  if (cfg.auth === 'jwt' && entries.length) {
    const user = cfg.options.users?.[0] ?? DEFAULT_USER;
    lines.push(`Bearer token (1 h; more from curl -X POST ${emu.url}/_emulator/token):`, `  ${token ?? emu.mintToken()}`,
      `Issuer: ${emu.issuer}/.well-known/openid-configuration`,
      `Sign in (code + PKCE): app client ${DEFAULT_APP_CLIENT.clientId}, callback ${DEFAULT_APP_CLIENT.callbackUrls[0]}, user ${user.username} / ${user.password}`);
  }
  lines.push('', `Faults: curl -X POST ${emu.url}/_emulator/faults -d '{"throttle":1}'   (Ctrl+C stops)`);
  return lines.join('\n');
}

export function logLine(e: RequestLogEntry): string {
  const extra = [e.sessionId ? `session=${e.sessionId}` : '', e.fault ? `fault=${e.fault}` : '', e.detail ? `(${e.detail})` : ''].filter(Boolean);
  return `${new Date(e.time).toISOString()} ${e.method} ${e.path.length > 80 ? e.path.slice(0, 77) + '...' : e.path} ${e.status} ${e.durationMs ?? 0}ms ${extra.join(' ')}`.trimEnd();
}
