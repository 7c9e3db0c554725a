// The front door of /runtimes/{ARN}/invocations: SigV4 or JWT, ARN shape, hosted runtime, qualifier
// (docs/agentcore-runtime.md, "Endpoint" and "Authentication"). Order: a SigV4 signature is checked first,
// as AWS authenticates the caller before it looks at the resource; a bearer token can only be checked once
// the runtime (and so its authorizer) is known.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseRuntimeArn } from './arn';
import type { Context, HostedRuntime } from './context';
import { requestIdOf, rpcErrorBody, sendAwsError, sendJson, sendRpcError } from './errors';
import { verifySigV4 } from './sigv4Verify';
import type { RequestLogEntry } from './types';

export interface Invocation {
  readonly req: IncomingMessage;
  readonly path: string;
  readonly query: string;
  readonly body: Buffer;
  /** The runtime id as it appears in the path (still percent-encoded) and decoded. */
  readonly rawRuntime: string;
  readonly runtime: string;
  readonly qualifier: string;
}

/** Seen from AWS (agentcore-cli#814; a Japanese write-up of the same error); the HTTP status is unverified. */
export const METHOD_MISMATCH = 'Authorization method mismatch. The agent is configured for a different authorization method than what was used in your request.';

export function resourceMetadataUrl(ctx: Context, inv: Pick<Invocation, 'rawRuntime' | 'qualifier'>): string {
  return `${ctx.baseUrl}/runtimes/${inv.rawRuntime}/invocations/.well-known/oauth-protected-resource?qualifier=${encodeURIComponent(inv.qualifier)}`;
}

/** Returns the runtime when the request may proceed; otherwise has already answered. */
export function authorize(ctx: Context, inv: Invocation, res: ServerResponse, log: RequestLogEntry): HostedRuntime | undefined {
  const authorization = inv.req.headers.authorization;
  const bearer = authorization !== undefined ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  const sigv4 = authorization !== undefined && !bearer;
  const id = inv.req.method === 'POST' ? requestIdOf(inv.body) : null;

  if (sigv4) {
    const result = verifySigV4(
      { method: inv.req.method ?? 'GET', path: inv.path, query: inv.query, rawHeaders: inv.req.rawHeaders, body: inv.body },
      { region: ctx.region, credentials: ctx.credentials, windowMs: ctx.windowMs, now: ctx.now(), explainMismatch: ctx.explainMismatch },
    );
    if (!result.ok) {
      log.fault = result.failure.errorType;
      log.detail = result.failure.message.split('\n')[0];
      sendAwsError(res, result.failure);
      return undefined;
    }
  }

  const arn = parseRuntimeArn(inv.runtime);
  if (!arn) {
    log.fault = 'validation';
    log.detail = `malformed runtime ARN: ${inv.runtime}`;
    sendRpcError(res, 'validation', id);
    return undefined;
  }
  const rt = ctx.runtimesByArn.get(inv.runtime);
  if (!rt || !rt.qualifiers.includes(inv.qualifier)) {
    log.fault = 'not-found';
    log.detail = rt ? `no endpoint "${inv.qualifier}" on ${rt.name}` : `no runtime ${inv.runtime} here`;
    sendRpcError(res, 'notFound', id);
    return undefined;
  }
  log.runtime = rt.name;

  if (rt.auth === 'sigv4') {
    if (sigv4) return rt;
    if (bearer) return mismatch(res, log);
    // Unverified wording: the generic AWS answer to a request with no credentials at all.
    log.fault = 'MissingAuthenticationTokenException';
    sendAwsError(res, { status: 403, errorType: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
    return undefined;
  }

  if (sigv4) return mismatch(res, log);
  if (!bearer) {
    // The body is what AWS was seen to send (CopilotKit#2912), "id":"null" included.
    log.fault = 'missing-token';
    sendJson(res, 401, '{"jsonrpc":"2.0","error":{"code":-32001,"message":"Missing Authentication Token"},"id":"null"}', {
      'WWW-Authenticate': `Bearer resource_metadata="${resourceMetadataUrl(ctx, inv)}"`,
    });
    return undefined;
  }
  const check = ctx.issuer.check(bearer[1], { allowedAudience: rt.allowedAudience, allowedClients: rt.allowedClients });
  if (!check.ok) {
    log.fault = 'invalid-token';
    log.detail = check.reason;
    sendJson(res, 401, rpcErrorBody(id, -32001, 'Authentication error - Invalid credentials'));
    return undefined;
  }
  return rt;
}

function mismatch(res: ServerResponse, log: RequestLogEntry): undefined {
  log.fault = 'auth-method-mismatch';
  sendAwsError(res, { status: 403, errorType: 'AccessDeniedException', message: METHOD_MISMATCH });
  return undefined;
}
