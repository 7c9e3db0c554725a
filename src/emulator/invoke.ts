// One authorized invocation: header rules, session checks, fault switches, then the upstream
// (docs/agentcore-runtime.md, "Headers", "Sessions", "Errors").
import type { ServerResponse } from 'node:http';
import type { Context, HostedRuntime } from './context';
import { RpcErrorName, SESSION_NOT_FOUND_BODY, isInitialize, requestIdOf, sendJson, sendRpcError } from './errors';
import type { RequestFault } from './faults';
import type { Invocation } from './gate';
import { forward } from './proxy';
import type { Session } from './sessions';
import type { RequestLogEntry } from './types';

const FAULT_ERRORS: Record<Exclude<RequestFault, 'coldStartDelay'>, RpcErrorName> = {
  throttle: 'throttled', conflict: 'conflict', internal: 'internal', coldStart: 'coldStart',
};

/** MCP's Streamable HTTP rule, which AgentCore enforces itself: both types must be listed. */
export function acceptsBoth(accept: string | undefined): boolean {
  const types = (accept ?? '').split(',').map(t => t.split(';')[0].trim().toLowerCase());
  return types.includes('application/json') && types.includes('text/event-stream');
}

export function sessionHeaders(s: Session | undefined): Record<string, string> {
  return s ? { 'Mcp-Session-Id': s.id, 'X-Amzn-Bedrock-AgentCore-Runtime-Session-Id': s.runtimeSessionId } : {};
}

const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

export async function handleInvocation(ctx: Context, rt: HostedRuntime, inv: Invocation, res: ServerResponse, log: RequestLogEntry): Promise<void> {
  const method = inv.req.method ?? 'GET';
  if (method !== 'POST' && method !== 'GET' && method !== 'DELETE') {
    sendJson(res, 405, JSON.stringify({ message: `Method ${method} is not allowed` }), { Allow: 'POST, GET, DELETE' });
    return;
  }
  const id = method === 'POST' ? requestIdOf(inv.body) : null;
  const runtimeSessionId = header(inv, 'x-amzn-bedrock-agentcore-runtime-session-id');
  if (runtimeSessionId !== undefined && (runtimeSessionId.length < 33 || runtimeSessionId.length > 256)) {
    log.fault = 'validation';
    log.detail = 'X-Amzn-Bedrock-AgentCore-Runtime-Session-Id must be 33 to 256 characters';
    sendRpcError(res, 'validation', id);
    return;
  }
  if (method === 'POST' && !acceptsBoth(inv.req.headers.accept)) {
    log.fault = 'accept';
    sendRpcError(res, 'accept', id);
    return;
  }

  let session: Session | undefined;
  const sid = header(inv, 'mcp-session-id');
  if (sid !== undefined) {
    log.sessionId = sid;
    session = ctx.sessions.get(sid);
    const phase = session && session.runtime === rt.name ? ctx.sessions.phase(session) : 'closed';
    if (phase === 'closed') {
      log.fault = 'session-not-found';
      sendJson(res, 404, SESSION_NOT_FOUND_BODY);
      return;
    }
    if (phase === 'starting' || phase === 'closing') {
      log.fault = `session-${phase}`;
      sendRpcError(res, 'conflict', id, sessionHeaders(session));
      return;
    }
  }

  const sessionStart = session === undefined && method === 'POST' && isInitialize(inv.body);
  if (method === 'POST') {
    const fault = ctx.faults.takeForRequest(sessionStart);
    if (fault) log.fault = fault;
    if (fault === 'coldStartDelay') await sleep(ctx.faults.coldStartDelayMs);
    else if (fault) {
      sendRpcError(res, FAULT_ERRORS[fault], id, sessionHeaders(session));
      return;
    }
  }

  // A session the emulator invented for a stateless server has nothing upstream to end.
  if (method === 'DELETE' && session && session.upstreamId === undefined) {
    ctx.sessions.end(session, 'deleted');
    res.writeHead(200, sessionHeaders(session));
    res.end();
    return;
  }
  await forward(ctx, rt, inv, res, log, { session, sessionStart, runtimeSessionId, id });
}

function header(inv: Invocation, name: string): string | undefined {
  const v = inv.req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
