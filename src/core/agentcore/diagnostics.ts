// The plan's `explain` for AgentCore: AWS front-door rejections (403 SigV4 failures, 401 OAuth, 404, 406)
// and the JSON-RPC codes of docs/agentcore-runtime.md ("Errors come back as HTTP 200 with a JSON-RPC
// error"), each in plain words with the next step. Consulted before the generic explainer.
import { ProtocolError, SdkHttpError } from '@modelcontextprotocol/client';
import type { AgentCoreConfig } from '../connections/config';
import { SET_TOKEN_STEP, type ErrorContext, type Explained } from '../connections/errors';
import type { HttpFailure } from '../connections/fetch';
import { jwtSummary } from './bearer';
import { describeOffset, parseAmzDate } from './sigv4';

export interface ExplainInfo {
  readonly config: AgentCoreConfig;
  /** The region requests are signed for. */
  readonly region: string;
  /** The region in the ARN. */
  readonly arnRegion: string;
  /** The bearer token last sent, to say whether it has expired. */
  readonly bearerToken?: () => string | undefined;
}

type Explainer = (error: unknown, ctx: ErrorContext) => Explained | undefined;

/** `{"message": …}` (AWS) or a JSON-RPC error body, plus `x-amzn-ErrorType` without its ":namespace" tail. */
export function awsError(f: HttpFailure): { type: string; message: string; rpcCode?: number } {
  const type = (f.headers['x-amzn-errortype'] ?? '').split(':')[0];
  try {
    const b = JSON.parse(f.body) as { message?: unknown; Message?: unknown; error?: { code?: unknown; message?: unknown } };
    const message = String(b.message ?? b.Message ?? b.error?.message ?? '').split('\n')[0];
    return { type, message, ...(typeof b.error?.code === 'number' ? { rpcCode: b.error.code } : {}) };
  } catch {
    return { type, message: f.body.trim().split('\n')[0].slice(0, 300) };
  }
}

const profileOf = (c: AgentCoreConfig) => (c.profile ? `profile "${c.profile}"` : 'the default AWS credentials');
const checkKeys = (c: AgentCoreConfig) => `"aws sts get-caller-identity${c.profile ? ` --profile ${c.profile}` : ''}" shows whether they work`;

function skew(message: string): Explained {
  const m = /^Signature (expired|not yet current): (\d{8}T\d{6}Z) .*\((\d{8}T\d{6}Z) [+-] (\d+) min\.\)/.exec(message);
  const signed = m ? parseAmzDate(m[2]) : undefined;
  const server = m ? parseAmzDate(m[3]) : undefined;
  const off = signed !== undefined && server !== undefined ? ` This computer's clock is ${describeOffset(server - signed)}` : ' This computer\'s clock is off';
  return {
    message: `AWS refused the signature because of the time it was made (${message}).${off}; AWS accepts ±${m?.[4] ?? 5} minutes.`,
    nextStep: 'Fix the system clock (turn on automatic time sync), then Restart the connection.',
  };
}

function explain403(f: HttpFailure, info: ExplainInfo): Explained | undefined {
  const { config } = info;
  const { type, message, rpcCode } = awsError(f);
  if (/Authorization method mismatch/i.test(message)) {
    return config.auth === 'sigv4'
      ? { message: 'This runtime uses OAuth (a JWT authorizer), but the connection signs with SigV4 (AWS answered "Authorization method mismatch").', nextStep: `Edit the connection: set auth to "bearer", then set the token. ${SET_TOKEN_STEP}` }
      : { message: 'This runtime uses IAM (SigV4), but the connection sends a bearer token (AWS answered "Authorization method mismatch").', nextStep: 'Edit the connection: set auth to "sigv4" and, if needed, the AWS profile.' };
  }
  if (/signature we calculated does not match/i.test(message)) {
    return {
      message: `AWS computed a different signature for this request (403 ${type || 'InvalidSignatureException'}): the secret access key of ${profileOf(config)} does not belong to its access key id, or something between here and AWS (a proxy) rewrote the signed headers (Host, Content-Type, Accept) or the body.`,
      nextStep: `Check the keys (${checkKeys(config)}); if they work, look for a proxy that rewrites requests, or set "endpoint" to reach AWS directly.`,
    };
  }
  if (/^Signature (expired|not yet current)/.test(message)) return skew(message);
  const scoped = /Credential should be scoped to a valid region, not '([^']*)'/.exec(message);
  if (scoped) {
    const host = new URL(f.url).host;
    const where = config.region && config.region !== info.arnRegion ? ` (the runtime ARN says ${info.arnRegion}; the connection's "region" setting says ${config.region})` : '';
    return {
      message: `The request was signed for region ${scoped[1]}, but the endpoint ${host} is in another region${where}.`,
      nextStep: config.region ? 'Remove the connection\'s "region" setting (the ARN\'s region is used) or make it match the endpoint.' : 'Check the region in the ARN and the "endpoint" setting.',
    };
  }
  if (/Credential should be scoped to correct service/i.test(message)) {
    return { message: `AWS expected requests signed for another service: ${message}`, nextStep: 'Check that "endpoint" points to bedrock-agentcore, not another AWS service.' };
  }
  if (type === 'ExpiredTokenException' || /security token included in the request is expired/i.test(message)) {
    return {
      message: `The AWS session token of ${profileOf(config)} has expired, and reloading the credentials did not give a valid one.`,
      nextStep: `Get new credentials (e.g. "aws sso login${config.profile ? ` --profile ${config.profile}` : ''}", or refresh the temporary keys in your credentials file or environment), then Restart.`,
    };
  }
  if (type === 'UnrecognizedClientException' || /security token included in the request is invalid/i.test(message)) {
    return {
      message: `AWS does not recognise the credentials of ${profileOf(config)}: the access key was deleted or deactivated, belongs to another partition, or a temporary key is sent without its session token.`,
      nextStep: `Check the keys (${checkKeys(config)}); for temporary keys set aws_session_token / AWS_SESSION_TOKEN too.`,
    };
  }
  if (type === 'MissingAuthenticationTokenException' || /Missing Authentication Token/i.test(message)) {
    return { message: 'The request reached AWS without a signature (403 Missing Authentication Token).', nextStep: 'A proxy between here and AWS may strip the Authorization header; set "endpoint" to reach AWS directly.' };
  }
  if (type === 'AccessDeniedException' || rpcCode === -32002) return insufficientPermissions(info);
  return undefined;
}

function insufficientPermissions(info: ExplainInfo): Explained {
  return {
    message: `AWS refused access: the identity of ${profileOf(info.config)} may not invoke this runtime (Authorization error - Insufficient permissions).`,
    nextStep: `Allow bedrock-agentcore:InvokeAgentRuntime on ${info.config.arn} (and its runtime-endpoint/${info.config.qualifier}) for that identity.`,
  };
}

function explain401(f: HttpFailure, info: ExplainInfo): Explained {
  const www = f.headers['www-authenticate'] ?? '';
  const metadata = /resource_metadata="([^"]+)"/.exec(www)?.[1];
  const meta = metadata ? ` The runtime's OAuth metadata (which authorization server to ask) is at ${metadata}.` : '';
  if (info.config.auth === 'sigv4') {
    return { message: `The runtime answered 401 and asks for a bearer token${www ? ` (WWW-Authenticate: ${www})` : ''}.${meta}`, nextStep: `Set auth to "bearer" on the connection. ${SET_TOKEN_STEP}` };
  }
  const token = info.bearerToken?.();
  const claims = token ? jwtSummary(token) : undefined;
  const expired = claims?.exp !== undefined && claims.exp * 1000 < Date.now() ? ` The token expired at ${new Date(claims.exp * 1000).toISOString()}.` : '';
  const why = www ? 'no token reached the runtime' : `the runtime refused the token: it is expired, from another issuer, or not for this runtime's allowed audience or clients${claims?.aud || claims?.clientId ? ` (aud ${JSON.stringify(claims?.aud ?? null)}, client_id ${claims?.clientId ?? 'none'})` : ''}`;
  return { message: `AgentCore answered 401 Unauthorized: ${why}.${expired}${meta}`, nextStep: `Get a fresh token from your identity provider and set it. ${SET_TOKEN_STEP}` };
}

const ACCEPT: Explained = {
  message: 'AgentCore refused the request\'s Accept header (406, −32011): MCP requires "Accept: application/json, text/event-stream".',
  nextStep: 'This client always sends both; a proxy between here and AWS rewrote the header. Reach AWS directly or fix the proxy.',
};

function explain404(f: HttpFailure, info: ExplainInfo): Explained | undefined {
  if (/Session not found/i.test(f.body)) return undefined; // the engine renews the session
  return {
    message: `AgentCore has no such path: ${f.method} ${f.url} answered 404. The invocation path is /runtimes/{URL-encoded ARN}/invocations?qualifier=…; paths like /runtimes/{id}/mcp do not exist.`,
    nextStep: info.config.endpoint ? 'Set "endpoint" to the base URL only (e.g. https://bedrock-agentcore.us-east-1.amazonaws.com, or your VPC endpoint).' : 'Check the runtime ARN.',
  };
}

/** The −3200x codes AgentCore itself answers with (HTTP 200, the request's id echoed). */
export function explainRpc(code: number, message: string, info: ExplainInfo, method?: string): Explained | undefined {
  const text = message.replace(/^MCP error -?\d+: /, '');
  const what = method ?? 'the request';
  switch (code) {
    case -32001:
      if (!/Authenticat|credential|token/i.test(text)) return undefined; // the SDK's own -32001 is a timeout
      return info.config.auth === 'bearer'
        ? { message: `AgentCore did not accept the bearer token (−32001 ${text}).`, nextStep: `Get a fresh token and set it. ${SET_TOKEN_STEP}` }
        : { message: `AgentCore did not accept the AWS credentials of ${profileOf(info.config)} (−32001 ${text}).`, nextStep: `Check them: ${checkKeys(info.config)}.` };
    case -32002: return insufficientPermissions(info);
    case -32003: return { message: `AgentCore kept throttling ${what} (−32003 ${text}), also after retrying with backoff.`, nextStep: 'Wait a moment and try again; an endpoint takes about 25 invocations per second.' };
    case -32004: return { message: `AgentCore has no runtime or endpoint for this ARN and qualifier (−32004 ${text}).`, nextStep: `Check the ARN (${info.config.arn}), the region (${info.region}) and the qualifier "${info.config.qualifier}" (an endpoint name; the default is DEFAULT).` };
    case -32005: return { message: `The session was still being started or stopped (−32005 ${text}), also after retrying.`, nextStep: 'Try again in a few seconds; Restart the connection if it persists.' };
    case -32006: return { message: `AgentCore rejected ${what} as invalid (−32006 ${text}).`, nextStep: 'Check the ARN and the qualifier; an X-Amzn-Bedrock-AgentCore-Runtime-Session-Id must have 33 to 256 characters.' };
    case -32010:
      return /initialization time exceeded/i.test(text)
        ? { message: `The runtime did not start in time (−32010 ${text}), also on the retry: a cold start can take 20 s.`, nextStep: 'Try again; if it keeps failing, look at the runtime\'s logs in CloudWatch: the container must start quickly and serve MCP on 0.0.0.0:8000/mcp.' }
        : { message: `The runtime's container failed while handling ${what} (−32010 ${text}).`, nextStep: 'Look at the runtime\'s logs in CloudWatch.' };
    case -32011: return ACCEPT;
    case -32603:
      if (!/^Internal error - Server error/i.test(text)) return undefined; // the MCP server's own internal errors read differently
      return { message: `AgentCore had an internal error with ${what} (−32603 ${text}).`, nextStep: 'Try again; if it persists, look at the runtime\'s logs in CloudWatch.' };
    default: return undefined;
  }
}

function explainHttp(f: HttpFailure, info: ExplainInfo): Explained | undefined {
  switch (f.status) {
    case 401: return explain401(f, info);
    case 403: return explain403(f, info);
    case 404: return explain404(f, info);
    case 406: return ACCEPT;
    default: {
      const { rpcCode, message } = awsError(f);
      return rpcCode !== undefined ? explainRpc(rpcCode, message, info) : undefined;
    }
  }
}

function errorCode(e: unknown): string | undefined {
  for (let cur = e, i = 0; cur && i < 5; cur = (cur as { cause?: unknown }).cause, i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

export function createExplainer(info: ExplainInfo): Explainer {
  return (error, ctx) => {
    // A JSON-RPC error is what it says, whatever an earlier exchange in the same attempt recorded.
    if (error instanceof ProtocolError) return explainRpc(error.code, error.message, info, ctx.method);
    const f = ctx.httpFailure;
    if (f && (!(error instanceof SdkHttpError) || error.status === f.status)) return explainHttp(f, info);
    if (!info.config.endpoint && errorCode(error) === 'ENOTFOUND') {
      return { message: `bedrock-agentcore.${info.region}.amazonaws.com could not be resolved: this computer is offline, or AgentCore Runtime is not offered in ${info.region}.`, nextStep: 'Check the network (and any VPN or proxy), and the region in the ARN.' };
    }
    return undefined;
  };
}
