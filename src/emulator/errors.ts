// The error shapes AgentCore Runtime answers with (docs/agentcore-runtime.md, "Errors come back as HTTP 200
// with a JSON-RPC error"), plus AWS front-door errors ({"message"} + x-amzn-ErrorType).
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { AwsFailure } from './sigv4Verify';

export type JsonRpcId = string | number | null;

/** The table from the doc: code and message for each exception AgentCore maps to JSON-RPC. */
export const RPC_ERRORS = {
  unauthorized: { status: 401, code: -32001, message: 'Authentication error - Invalid credentials' },
  accessDenied: { status: 403, code: -32002, message: 'Authorization error - Insufficient permissions' },
  throttled: { status: 200, code: -32003, message: 'Rate limit exceeded - Too many requests' },
  notFound: { status: 200, code: -32004, message: 'Resource not found - Requested resource does not exist' },
  conflict: { status: 200, code: -32005, message: 'Session operation in progress, please retry' },
  validation: { status: 200, code: -32006, message: 'Validation error - Invalid request data' },
  coldStart: { status: 200, code: -32010, message: 'Runtime initialization time exceeded' },
  accept: {
    status: 406, code: -32011,
    message: 'Accept Header Error - MCP protocol requires Accept header: application/json, text/event-stream',
  },
  internal: { status: 200, code: -32603, message: 'Internal error - Server error' },
} as const;

export type RpcErrorName = keyof typeof RPC_ERRORS;

/** The body an expired or unknown session id gets, with HTTP 404 ("Sessions" in the doc). */
export const SESSION_NOT_FOUND_BODY = '{"jsonrpc":"2.0","id":"server-error","error":{"code":-32600,"message":"Session not found"}}';

export function rpcErrorBody(id: JsonRpcId, code: number, message: string): string {
  return JSON.stringify({ jsonrpc: '2.0', id, error: { code, message } });
}

/** Headers every emulator response carries, like the real service's request id. */
export function baseHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { 'x-amzn-RequestId': randomUUID(), ...extra };
}

export function sendJson(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) { res.destroy(); return; }
  res.writeHead(status, baseHeaders({ 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), ...headers }));
  res.end(body);
}

export function sendRpcError(res: ServerResponse, name: RpcErrorName, id: JsonRpcId, headers: Record<string, string> = {}): void {
  const e = RPC_ERRORS[name];
  sendJson(res, e.status, rpcErrorBody(id, e.code, e.message), headers);
}

export function sendAwsError(res: ServerResponse, f: AwsFailure): void {
  sendJson(res, f.status, JSON.stringify({ message: f.message }), { 'x-amzn-ErrorType': f.errorType });
}

/** The id of the first JSON-RPC request in a POST body, to echo in an error; null when there is none. */
export function requestIdOf(body: Buffer): JsonRpcId {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    const first: unknown = Array.isArray(parsed) ? parsed[0] : parsed;
    if (typeof first === 'object' && first !== null && 'id' in first) {
      const id = (first as { id: unknown }).id;
      if (typeof id === 'string' || typeof id === 'number') return id;
    }
  } catch { /* not JSON: nothing to echo */ }
  return null;
}

/** True when the body is an `initialize` request (or a batch holding one). */
export function isInitialize(body: Buffer): boolean {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    const list: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
    return list.some(m => typeof m === 'object' && m !== null && (m as { method?: unknown }).method === 'initialize');
  } catch { return false; }
}
