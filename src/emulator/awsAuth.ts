// The AWS APIs the emulator serves besides invocations (the AgentCore control plane, the Bedrock stand-in)
// refuse what AWS refuses: no Authorization header or a bearer token (403 MissingAuthenticationToken), and
// a SigV4 signature that does not verify (the verifier's own error, e.g. SignatureDoesNotMatch).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from './context';
import { sendAwsError } from './errors';
import { verifySigV4 } from './sigv4Verify';
import type { RequestLogEntry } from './types';

export interface SignedRequest {
  readonly req: IncomingMessage;
  readonly path: string;
  readonly query: string;
  readonly body: Buffer;
}

/** Answers and returns true when the request is not signed as AWS requires; false lets it through. */
export function refusedSignature(ctx: Context, r: SignedRequest, res: ServerResponse, log: RequestLogEntry, service?: string): boolean {
  const authorization = r.req.headers.authorization;
  if (!authorization || /^Bearer\s/i.test(authorization)) {
    log.fault = 'MissingAuthenticationTokenException';
    sendAwsError(res, { status: 403, errorType: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
    return true;
  }
  const signed = verifySigV4(
    { method: r.req.method ?? 'GET', path: r.path, query: r.query, rawHeaders: r.req.rawHeaders, body: r.body },
    { region: ctx.region, credentials: ctx.credentials, windowMs: ctx.windowMs, now: ctx.now(), explainMismatch: ctx.explainMismatch, ...(service ? { service } : {}) },
  );
  if (signed.ok) return false;
  log.fault = signed.failure.errorType;
  sendAwsError(res, signed.failure);
  return true;
}
