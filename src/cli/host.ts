// The ConnectionHost of the command line: the engine's log and the server's log messages on stderr
// (by verbosity), traffic as JSON lines with --traffic, secrets from flags and environment variables,
// ${workspaceFolder} expansion. Everything printed passes through one Redactor that knows every
// secret value handed to the engine, so a token never reaches stdout or stderr.
import type { ConnectionHost, HostLogLevel, Timeouts } from '../core/connections/host';
import { ExplainedError } from '../core/connections/errors';
import { Redactor } from '../core/connections/traffic';
import { expandVariables, folderAt } from '../core/connections/expand';
import { resolveAgentCorePlan } from '../core/agentcore/plan';

export interface Printer {
  /** Result text, redacted. */
  out(text: string): void;
  /** A line for stderr, redacted. */
  err(line: string): void;
  readonly redactor: Redactor;
}

export function printer(redactor = new Redactor()): Printer {
  return {
    redactor,
    out: text => { process.stdout.write(redactor.text(text)); },
    err: line => { process.stderr.write(`${redactor.text(line)}\n`); },
  };
}

export interface Verbosity { readonly verbose: boolean; readonly quiet: boolean; readonly traffic: boolean }

const envName = (...parts: string[]) => parts.join('_').toUpperCase().replace(/[^A-Z0-9]+/g, '_');
/** The conventional variable for a secret header of a connection from settings. */
export const headerEnvName = (connection: string, header: string) => envName('AGENTCORE_MCP_HEADER', connection, header);
export const bearerEnvName = (connection: string) => envName('AGENTCORE_MCP_BEARER', connection);
export const oauthSecretEnvName = (connection: string) => envName('AGENTCORE_MCP_OAUTH_CLIENT_SECRET', connection);

export interface SecretOptions {
  /** Values given on the command line (--header), by secret-storage key. */
  readonly inline?: ReadonlyMap<string, string>;
  /** --secret-env Header=VAR, by lower-case header name. */
  readonly headerEnv?: ReadonlyMap<string, string>;
  /** --bearer-token-env VAR. */
  readonly bearerEnv?: string;
  /** --client-secret-env VAR: the OAuth client secret. */
  readonly clientSecretEnv?: string;
  /** --password-env VAR: a Cognito pool user's password ("grant": "password"). */
  readonly passwordEnv?: string;
  /** Header names as the connection spells them (secret keys are lower case), for messages. */
  readonly headerNames?: readonly string[];
  /** Whether the command has --secret-env / --bearer-token-env to suggest (`test` has only the variables). */
  readonly flags?: boolean;
}

/**
 * Looks a secret up the way the engine asks for it (`header/<connection>/<header>`, `bearer/<connection>`).
 * VS Code's secret storage is out of reach here, so a missing value is refused with where to put it.
 */
export function secretLookup(o: SecretOptions, redactor: Redactor, env: NodeJS.ProcessEnv = process.env): (key: string) => Promise<string | undefined> {
  return key => {
    const found = (value: string | undefined) => { redactor.addSecret(value); return value; };
    const inline = found(o.inline?.get(key));
    if (inline !== undefined) return Promise.resolve(inline);
    const [kind, connection, lower] = key.split('/');
    const header = o.headerNames?.find(h => h.toLowerCase() === lower) ?? lower;
    // An OAuth client secret or private key is optional (a public client has none).
    if (kind === 'oauth-client-secret') return Promise.resolve(found(env[o.clientSecretEnv ?? oauthSecretEnvName(connection)]?.trim() || undefined));
    if (kind === 'oauth-private-key') return Promise.resolve(undefined);
    if (kind === 'bearer') {
      const v = o.bearerEnv ?? bearerEnvName(connection);
      const value = found(env[v]?.trim() || undefined);
      if (value) return Promise.resolve(value);
      return Promise.reject(new ExplainedError(
        o.bearerEnv ? `The environment variable ${o.bearerEnv} (--bearer-token-env) is not set or empty, so "${connection}" has no bearer token.` : `"${connection}" uses a bearer token, which lives in VS Code's secret storage; the command line cannot read that.`,
        o.bearerEnv ? `Set ${o.bearerEnv} to the token.` : o.flags === false ? `Set the environment variable ${v} to the token.` : `Put the token in an environment variable and pass --bearer-token-env <VAR> (or set ${v}).`));
    }
    const v = o.headerEnv?.get(lower) ?? headerEnvName(connection, header);
    const value = found(env[v] || undefined);
    if (value !== undefined) return Promise.resolve(value);
    return Promise.reject(new ExplainedError(
      `The connection "${connection}" sends the secret header "${header}", whose value lives in VS Code's secret storage; the command line cannot read that${o.headerEnv?.has(lower) ? `, and the environment variable ${v} is not set` : ''}.`,
      o.flags === false ? `Set the environment variable ${v} to the value.` : `Put the value in an environment variable and pass --secret-env "${header}=<VAR>" (or set ${v}).`));
  };
}

export interface HostOptions {
  readonly print: Printer;
  readonly verbosity: Verbosity;
  readonly secret: (key: string) => Promise<string | undefined>;
  readonly workspaceFolder?: string;
  readonly timeouts?: Partial<Timeouts>;
}

const serverLine = /^\[server(?: ([^\]]*))?\] /;

/** The host without elicit/sample: those come from the scripted answers. */
export function cliHost(o: HostOptions): ConnectionHost {
  const { print, verbosity: v } = o;
  // The engine logs what it notifies; on a terminal both land on stderr, so a notice already printed
  // as a log line is not printed again (and one whose log line was hidden, at info, is).
  const printed = new Set<string>();
  const log = (level: HostLogLevel, message: string) => {
    if (v.quiet && level !== 'error') return;
    const server = serverLine.exec(message);
    if (server) {
      // The server's notifications/message: shown unless debug (then only with --verbose).
      if (level === 'debug' || level === 'trace') { if (v.verbose) print.err(`log ${level}: ${message.replace(serverLine, server[1] ? `[${server[1]}] ` : '')}`); return; }
      print.err(`log ${level}: ${message.replace(serverLine, server[1] ? `[${server[1]}] ` : '')}`);
      return;
    }
    // The command reports a failed connect itself, with its exit status.
    if (level === 'error' && message.startsWith('Could not connect:')) return;
    if (v.verbose ? level !== 'trace' : level === 'warn' || level === 'error') {
      print.err(`${level === 'info' ? '' : `${level}: `}${message}`);
      if (printed.size > 100) printed.clear();
      printed.add(message);
    }
  };
  return {
    log, clientName: 'command line', agentcorePlan: resolveAgentCorePlan,
    notify: (level, message) => {
      if (printed.delete(message) || v.quiet) return;
      print.err(`${level === 'warning' ? 'warn' : level === 'info' ? 'note' : level}: ${message}`);
    },
    secret: o.secret,
    expand: value => expandVariables(value, o.workspaceFolder ? [folderAt(o.workspaceFolder)] : []),
    ...(v.traffic ? { traffic: f => print.err(`traffic ${JSON.stringify(f.read())}`) } : {}),
    ...(o.timeouts ? { timeouts: o.timeouts } : {}),
  };
}
