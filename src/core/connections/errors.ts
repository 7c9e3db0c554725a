// Turns whatever went wrong (spawn errors, HTTP statuses, JSON-RPC errors, timeouts) into a sentence a
// person can act on, plus the next step. Errors "bubble up" to the UI with these; nothing is hidden in logs only.
import { ProtocolError, SdkError, SdkErrorCode } from '@modelcontextprotocol/client';
import { LEGACY, MODERN } from './era';
import type { ConnectionConfig } from './config';
import type { HttpFailure } from './fetch';
import type { ExitInfo } from './stdio';

/** How to give a bearer token, in both places the engine runs. */
export const SET_TOKEN_STEP = 'In VS Code run "AgentCore MCP: Set Bearer Token"; on the command line pass --bearer-token-env <VARIABLE>. To sign in instead, give the connection its app client: "oauth": { "clientId": "<id>" } (on the command line --client-id).';

export interface Explained { readonly message: string; readonly nextStep?: string }

/** An error whose message is already explained for people; `nextStep` says what to do. */
export class ExplainedError extends Error {
  constructor(message: string, readonly nextStep?: string, readonly code?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ExplainedError';
  }
}

/** The person cancelled; not an error to report. */
/** A failure that shows the server asked the other protocol era's way: `suggest` is the era to try. */
export class EraMismatchError extends ExplainedError {
  constructor(message: string, nextStep: string, readonly suggest: string, code?: number, options?: { cause?: unknown }) {
    super(message, nextStep, code, options);
    this.name = 'EraMismatchError';
  }
}

export class CancelledError extends Error {
  constructor(message = 'Cancelled') { super(message); this.name = 'CancelledError'; }
}

export interface ErrorContext {
  readonly config: ConnectionConfig;
  readonly phase: 'connect' | 'request';
  readonly method?: string;
  readonly httpFailure?: HttpFailure;
  readonly exit?: ExitInfo;
  readonly stderr?: readonly string[];
  readonly timeoutMs?: number;
  /** A more specific explainer (AgentCore) consulted first. */
  readonly special?: (error: unknown, ctx: ErrorContext) => Explained | undefined;
}

const jsonRpcNames: Record<number, string> = {
  [-32700]: 'parse error', [-32600]: 'invalid request', [-32601]: 'method not found',
  [-32602]: 'invalid params', [-32603]: 'internal error',
};

type NetError = NodeJS.ErrnoException & { address?: string; port?: number };

function networkCause(e: unknown): NetError | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur; i++) {
    const code = (cur as NodeJS.ErrnoException).code;
    // The SDK's own errors carry string codes too (e.g. a failed era probe wraps the fetch failure).
    if (typeof code === 'string' && !(cur instanceof SdkError)) return cur as NetError;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

function target(config: ConnectionConfig): string {
  switch (config.type) {
    case 'stdio': return config.command;
    case 'http': return config.url;
    case 'agentcore': return config.endpoint ?? `AgentCore Runtime ${config.arn}`;
  }
}

function tail(lines: readonly string[] | undefined): string {
  const useful = (lines ?? []).filter(l => l.trim()).slice(-3);
  return useful.length ? ` It wrote: ${useful.join(' / ').slice(0, 400)}` : '';
}

/** −32022 Unsupported protocol version, from a JSON-RPC error body or object: what the server speaks. */
export function unsupportedVersion(error: unknown): { supported: string[]; requested?: string } | undefined {
  const e = typeof error === 'string' ? (() => { try { return (JSON.parse(error) as { error?: unknown }).error; } catch { return undefined; } })() : error;
  if (!e || typeof e !== 'object' || (e as { code?: unknown }).code !== -32022) return undefined;
  const data = (e as { data?: { supported?: unknown; requested?: unknown } }).data;
  const supported = Array.isArray(data?.supported) ? data.supported.filter((v): v is string => typeof v === 'string') : [];
  return { supported, ...(typeof data?.requested === 'string' ? { requested: data.requested } : {}) };
}

function explainUnsupportedVersion(u: { supported: string[]; requested?: string }, config: ConnectionConfig): Explained {
  const speaks = u.supported.length ? `speaks only ${u.supported.join(', ')}` : 'does not speak this protocol version';
  const pick = u.supported.includes(MODERN) ? MODERN : u.supported[0];
  return {
    message: `"${config.name}" ${speaks}: it refused ${u.requested ?? 'the version this connection asked for'} (−32022 Unsupported protocol version).`,
    nextStep: `Set the connection's protocol to auto${pick ? ` or ${pick}` : ''} ("protocol" in agentcoreMcp.connections; on the command line --protocol ${pick ?? 'auto'}).`,
  };
}

function explainHttpStatus(f: HttpFailure, config: ConnectionConfig): Explained {
  const unsupported = f.status === 400 ? unsupportedVersion(f.body) : undefined;
  if (unsupported) return explainUnsupportedVersion(unsupported, config);
  const where = `${f.method} ${f.url}`;
  const body = f.body.trim().replace(/\s+/g, ' ').slice(0, 300);
  switch (f.status) {
    case 401: {
      const www = f.headers['www-authenticate'];
      return {
        message: `The server requires authentication: ${where} answered 401${www ? ` (WWW-Authenticate: ${www})` : ''}.`,
        nextStep: config.type === 'agentcore' ? `${SET_TOKEN_STEP} Or use SigV4 if the runtime uses IAM.`
          : 'Add the Authorization header: in VS Code with "AgentCore MCP: Edit Connection" (its value is kept in secret storage); on the command line with --header "Authorization: Bearer <token>".',
      };
    }
    case 403: return { message: `The server refused the request: ${where} answered 403 Forbidden.${body ? ` ${body}` : ''}`, nextStep: 'Check the credentials or token the connection sends.' };
    case 404: return { message: `There is no MCP endpoint at ${f.url} (404 Not Found).`, nextStep: 'Check the URL path; Streamable HTTP servers usually listen on /mcp.' };
    case 406: return { message: `The server refused the request's Accept header (406 Not Acceptable).${body ? ` ${body}` : ''}`, nextStep: 'A proxy in between may rewrite Accept; MCP needs "application/json, text/event-stream".' };
    default:
      if (f.status === 200) {
        return {
          message: `${f.url} answered with ${f.contentType || 'no content type'}, not MCP (expected JSON or an event stream).${f.contentType.includes('html') ? ' It looks like a web page.' : ''}`,
          nextStep: 'Check the URL: it must be the MCP endpoint itself (often ending in /mcp), not a web page.',
        };
      }
      return { message: `${where} answered HTTP ${f.status}.${body ? ` ${body}` : ''}`, nextStep: f.status >= 500 ? "Look at the server's own log." : undefined };
  }
}

export function explain(error: unknown, ctx: ErrorContext): Explained {
  if (error instanceof ExplainedError) return { message: error.message, nextStep: error.nextStep };
  const special = ctx.special?.(error, ctx);
  if (special) return special;
  const { config } = ctx;

  // A connection fixed to 2026-07-28 whose server did not offer it (the probe found an older server).
  if (error instanceof SdkError && error.code === SdkErrorCode.EraNegotiationFailed && config.protocol === MODERN && !networkCause(error)) {
    return {
      message: `"${config.name}" does not speak ${MODERN}, which this connection's protocol setting asks for (${error.message.replace(/^Version negotiation failed: /, '')}).`,
      nextStep: `Set the connection's protocol to auto or ${LEGACY} ("protocol" in agentcoreMcp.connections; on the command line --protocol auto).`,
    };
  }

  // stdio: the process could not start, or ended early.
  if (config.type === 'stdio') {
    const spawnError = ctx.exit?.spawnError ?? (networkCause(error)?.syscall?.startsWith('spawn') ? networkCause(error) : undefined);
    if (spawnError) {
      const code = spawnError.code;
      if (code === 'ENOENT') return { message: `Could not start "${config.command}": command not found${config.cwd ? ` (working directory ${config.cwd})` : ''}.`, nextStep: 'Check the command in the connection settings, install it, or give its full path.' };
      if (code === 'EACCES') return { message: `Could not start "${config.command}": permission denied.`, nextStep: 'Make the file executable, or run it through its interpreter (e.g. node server.js).' };
      return { message: `Could not start "${config.command}": ${spawnError.message}.` };
    }
    if (ctx.exit && ctx.phase === 'connect') {
      const how = ctx.exit.signal ? `was killed by ${ctx.exit.signal}` : `exited with code ${ctx.exit.code}`;
      return { message: `The server process ${how} before it answered initialize.${tail(ctx.stderr)}`, nextStep: 'Open the connection\'s log for its full output, or run the command in a terminal.' };
    }
  }

  const net = networkCause(error);
  if (net && config.type !== 'stdio') {
    const addr = net.address ? `${net.address}${net.port ? `:${net.port}` : ''}` : target(config);
    switch (net.code) {
      case 'ECONNREFUSED': return { message: `Nothing is listening at ${addr} (connection refused).`, nextStep: 'Start the server, or fix the host and port in the URL.' };
      case 'ENOTFOUND': case 'EAI_AGAIN': return { message: `The host name in ${target(config)} could not be resolved (${net.code}).`, nextStep: 'Check the spelling of the host, and your network or VPN.' };
      case 'ECONNRESET': case 'UND_ERR_SOCKET': return { message: `The connection to ${addr} was closed by the other side.`, nextStep: 'Check that the URL points to an MCP server and that it is healthy.' };
      case 'UND_ERR_CONNECT_TIMEOUT': case 'ETIMEDOUT': return { message: `Connecting to ${addr} timed out.`, nextStep: 'Check the host, port and any firewall or proxy.' };
      default:
        if (/CERT|SELF_SIGNED|TLS|SSL/.test(net.code ?? '')) return { message: `TLS problem talking to ${target(config)}: ${net.code}.`, nextStep: 'Check the certificate, or set NODE_EXTRA_CA_CERTS to your CA bundle.' };
    }
  }

  if (ctx.httpFailure && config.type !== 'stdio') return explainHttpStatus(ctx.httpFailure, config);

  if (error instanceof SdkError && error.code === SdkErrorCode.RequestTimeout) {
    const secs = ctx.timeoutMs ? ` within ${Math.round(ctx.timeoutMs / 1000)} s` : '';
    return ctx.phase === 'connect'
      ? { message: `The server did not answer initialize${secs}.`, nextStep: config.type === 'stdio' ? 'Check that the command starts an MCP server on stdin/stdout (nothing else may be printed to stdout).' : 'Check that the URL is an MCP endpoint and the server is healthy.' }
      : { message: `The server did not answer ${ctx.method ?? 'the request'}${secs}.`, nextStep: `If the work takes longer, raise the timeout (VS Code: ${ctx.method === 'tools/call' ? 'agentcoreMcp.timeouts.toolCallSeconds' : 'agentcoreMcp.timeouts.requestSeconds'}; command line: --timeout), or look at the server's log.` };
  }
  if (error instanceof SdkError && error.code === SdkErrorCode.InputRequiredRoundsExceeded) {
    const rounds = (error.data as { rounds?: number } | undefined)?.rounds;
    return {
      message: `The server still asked for input after ${rounds ?? 'the most'} rounds of ${ctx.method ?? 'the request'}, so the call was stopped.`,
      nextStep: 'If it really needs more rounds, raise the limit (VS Code: agentcoreMcp.inputRequired.maxRounds; command line: --max-rounds); otherwise the server is looping: the traffic view shows what it asked each round.',
    };
  }
  if (error instanceof SdkError && error.code === SdkErrorCode.ConnectionClosed) {
    return { message: ctx.phase === 'connect' ? 'The server closed the connection before it answered initialize.' : `The connection closed while waiting for ${ctx.method ?? 'a reply'}.`, nextStep: 'Open the connection\'s log to see why it stopped.' };
  }
  if (error instanceof ProtocolError) {
    const unsupported = unsupportedVersion({ code: error.code, data: error.data });
    if (unsupported) return explainUnsupportedVersion(unsupported, config);
    if (error.code === -32020) {
      return {
        message: `The server found this request's Mcp-* headers out of step with its body (−32020 Header mismatch): ${error.message.replace(/^MCP error -?\d+: /, '')}`,
        nextStep: 'Refresh the tool list (the x-mcp-header declarations may have changed) and call again; if it persists, check the tool\'s x-mcp-header declarations.',
      };
    }
    if (error.code === -32021) {
      const needed = (error.data as { requiredCapabilities?: unknown } | undefined)?.requiredCapabilities;
      const names = needed && typeof needed === 'object' ? Object.keys(needed).join(', ') : undefined;
      return {
        message: `The server needs ${names ? `the client capability ${names}` : 'a client capability'} that this connection did not declare (−32021 Missing required client capability).`,
        nextStep: 'Elicitation is declared when the client can ask you (always in VS Code; on the command line with --answers); sampling when a language model is available.',
      };
    }
    const name = jsonRpcNames[error.code];
    const text = error.message.replace(/^MCP error -?\d+: /, '');
    return { message: `The server answered ${ctx.method ?? 'the request'} with an error (${error.code}${name ? ` ${name}` : ''}): ${text}` };
  }
  const msg = error instanceof Error ? error.message : String(error);
  // An answer that is JSON but not MCP: the SDK's schema check says where, as a wall of JSON.
  const issues = schemaIssues(error, msg);
  if (issues) {
    const about = /^Invalid result for ([\w/]+)/.exec(msg)?.[1] ?? ctx.method;
    return { message: `The server's answer${about ? ` to ${about}` : ''} does not fit the MCP schema: ${issues}.`, nextStep: 'The server shapes this answer wrongly; the traffic view shows what it sent.' };
  }
  if (error instanceof SyntaxError) {
    return { message: `The server sent something that is not JSON${ctx.method ? ` in answer to ${ctx.method}` : ''} (${msg.slice(0, 100)}).`, nextStep: 'Check that the URL is the MCP endpoint and not a web page or a proxy; the traffic view shows what came back.' };
  }
  return { message: msg || 'Unknown error' };
}

/** "path: what is wrong" for the first few issues of a schema check (a ZodError, or its JSON in a message). */
function schemaIssues(error: unknown, msg: string): string | undefined {
  let issues: unknown = (error as { issues?: unknown } | null)?.issues;
  if (!Array.isArray(issues)) {
    const start = msg.indexOf('[');
    if (start < 0) return undefined;
    try { issues = JSON.parse(msg.slice(start)); } catch { return undefined; }
  }
  if (!Array.isArray(issues) || !issues.length || !issues.every(i => i && typeof i === 'object' && typeof (i as { message?: unknown }).message === 'string')) return undefined;
  const shown = (issues as Array<{ path?: unknown[]; message: string }>).slice(0, 3).map(i => `${Array.isArray(i.path) && i.path.length ? i.path.join('.') : 'the message'}: ${i.message.slice(0, 120)}`);
  return shown.join('; ') + (issues.length > 3 ? ` (and ${issues.length - 3} more)` : '');
}
