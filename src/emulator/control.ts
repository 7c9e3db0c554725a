// The control plane for the runtimes the emulator fronts, as bedrock-agentcore-control.{region}.amazonaws.com
// answers @aws-sdk/client-bedrock-agentcore-control (REST-JSON): ListAgentRuntimes (POST /runtimes/, paged by
// maxResults and nextToken), GetAgentRuntime (GET /runtimes/{id}/), ListAgentRuntimeEndpoints
// (POST /runtimes/{id}/runtime-endpoints/). Signed with SigV4 like the data plane; the controlAccessDenied
// switch answers as AWS does for a role without the permission.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context, HostedRuntime } from './context';
import { sendAwsError, sendJson } from './errors';
import { refusedSignature } from './awsAuth';
import type { RequestLogEntry } from './types';

export type ControlRoute = { op: 'ListAgentRuntimes' } | { op: 'GetAgentRuntime' | 'ListAgentRuntimeEndpoints'; id: string };

/** The control-plane operation a request names, if it names one. */
export function matchControl(method: string | undefined, path: string): ControlRoute | undefined {
  if (method === 'POST' && /^\/runtimes\/?$/.test(path)) return { op: 'ListAgentRuntimes' };
  const m = /^\/runtimes\/([^/]+)\/(runtime-endpoints\/?)?$/.exec(path);
  if (!m || m[1] === 'invocations') return undefined;
  if (method === 'GET' && !m[2]) return { op: 'GetAgentRuntime', id: decodeURIComponent(m[1]) };
  if (method === 'POST' && m[2]) return { op: 'ListAgentRuntimeEndpoints', id: decodeURIComponent(m[1]) };
  return undefined;
}

/** When the emulator started: every runtime was "last updated" then. */
const started = new Date();

const idOf = (rt: HostedRuntime) => rt.arn.split('/').pop()!;
const summary = (rt: HostedRuntime) => ({
  agentRuntimeArn: rt.arn, agentRuntimeId: idOf(rt), agentRuntimeName: rt.name, agentRuntimeVersion: '1',
  description: `${rt.name} (AgentCore emulator)`, lastUpdatedAt: started.toISOString(), status: rt.status,
});

export function handleControl(ctx: Context, route: ControlRoute, req: IncomingMessage, path: string, query: string, body: Buffer, res: ServerResponse, log: RequestLogEntry): void {
  log.detail = route.op;
  if (refusedSignature(ctx, { req, path, query, body }, res, log)) return;
  if (ctx.faults.controlAccessDenied) {
    log.fault = 'AccessDeniedException';
    const account = ctx.runtimesByName.values().next().value?.arn.split(':')[4] ?? '123456789012';
    return sendAwsError(res, {
      status: 403, errorType: 'AccessDeniedException',
      message: `User: arn:aws:sts::${account}:assumed-role/Developer/session is not authorized to perform: bedrock-agentcore:${route.op} on resource: arn:aws:bedrock-agentcore:${ctx.region}:${account}:runtime/* because no identity-based policy allows the bedrock-agentcore:${route.op} action`,
    });
  }
  const params = new URLSearchParams(query);
  if (route.op === 'ListAgentRuntimes') {
    const max = Number(params.get('maxResults') ?? 100);
    if (!Number.isInteger(max) || max < 1 || max > 100) return sendAwsError(res, { status: 400, errorType: 'ValidationException', message: '1 validation error detected: Value at \'maxResults\' failed to satisfy constraint: Member must have value between 1 and 100' });
    const all = [...ctx.runtimesByName.values()];
    const start = params.get('nextToken') ? Number(Buffer.from(params.get('nextToken')!, 'base64url').toString()) : 0;
    if (!Number.isInteger(start) || start < 0 || start > all.length) return sendAwsError(res, { status: 400, errorType: 'ValidationException', message: 'Invalid nextToken' });
    const page = all.slice(start, start + max);
    const next = start + max < all.length ? Buffer.from(String(start + max)).toString('base64url') : undefined;
    return sendJson(res, 200, JSON.stringify({ agentRuntimes: page.map(summary), ...(next ? { nextToken: next } : {}) }));
  }
  const rt = [...ctx.runtimesByName.values()].find(r => idOf(r) === route.id);
  if (!rt) {
    log.fault = 'ResourceNotFoundException';
    return sendAwsError(res, { status: 404, errorType: 'ResourceNotFoundException', message: `AgentRuntime not found: ${route.id}` });
  }
  if (route.op === 'GetAgentRuntime') {
    return sendJson(res, 200, JSON.stringify({
      ...summary(rt), createdAt: started.toISOString(),
      roleArn: `arn:aws:iam::${rt.arn.split(':')[4]}:role/AgentCoreEmulator`,
      networkConfiguration: { networkMode: 'PUBLIC' },
      protocolConfiguration: { serverProtocol: rt.protocol },
      ...(rt.status.endsWith('FAILED') ? { failureReason: `The emulator was told this runtime is ${rt.status}.` } : {}),
      ...(rt.auth === 'jwt' ? { authorizerConfiguration: { customJWTAuthorizer: {
        discoveryUrl: `${ctx.issuer.issuer}/.well-known/openid-configuration`,
        ...(rt.allowedAudience ? { allowedAudience: rt.allowedAudience } : {}), ...(rt.allowedClients ? { allowedClients: rt.allowedClients } : {}),
      } } } : {}),
    }));
  }
  return sendJson(res, 200, JSON.stringify({
    runtimeEndpoints: rt.qualifiers.map(q => ({
      name: q, id: `${q}-endpoint`, agentRuntimeArn: rt.arn, agentRuntimeEndpointArn: `${rt.arn}/runtime-endpoint/${q}`,
      status: 'READY', liveVersion: '1', createdAt: started.toISOString(), lastUpdatedAt: started.toISOString(),
    })),
  }));
}
