// A stand-in for Amazon Bedrock on the emulator's port, so the client's Bedrock sampler and language
// model provider are tested over real HTTP with real SigV4 (signing name `bedrock`):
//   runtime        POST /model/{modelId}/converse-stream   (application/vnd.amazon.eventstream)
//                  POST /model/{modelId}/converse          (JSON)
//   control plane  GET  /foundation-models                 (ListFoundationModels)
//                  GET  /inference-profiles                (ListInferenceProfiles, paged)
// Errors come in Bedrock's REST-JSON shape: the x-amzn-ErrorType header and a {"message"} body, which the
// SDK turns into ThrottlingException, AccessDeniedException, ValidationException, ResourceNotFoundException.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EventStreamCodec } from '@smithy/core/event-streams';
import type { Context } from './context';
import { baseHeaders, sendAwsError, sendJson } from './errors';
import { checkConverse, isRefusal, resolveModel, standInReply } from './bedrockModels';
import { refusedSignature } from './awsAuth';
import type { BedrockCall, RequestLogEntry } from './types';

export const BEDROCK_SERVICE = 'bedrock';

export type BedrockRoute =
  | { readonly op: 'Converse' | 'ConverseStream'; readonly modelId: string }
  | { readonly op: 'ListFoundationModels' | 'ListInferenceProfiles' };

/** The Bedrock operation a request names, if it names one. */
export function matchBedrock(method: string | undefined, path: string): BedrockRoute | undefined {
  const m = /^\/model\/([^/]+)\/(converse|converse-stream)$/.exec(path);
  if (m && method === 'POST') {
    let modelId: string;
    try { modelId = decodeURIComponent(m[1]); } catch { modelId = m[1]; }
    return { op: m[2] === 'converse' ? 'Converse' : 'ConverseStream', modelId };
  }
  if (method === 'GET' && path === '/foundation-models') return { op: 'ListFoundationModels' };
  if (method === 'GET' && path === '/inference-profiles') return { op: 'ListInferenceProfiles' };
  return undefined;
}

const codec = new EventStreamCodec(b => Buffer.from(b).toString('utf8'), s => Buffer.from(s, 'utf8'));

/** One event of the stream: the headers ConverseStream's events carry and a JSON payload. */
function event(type: string, payload: unknown): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': { type: 'string', value: type },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body: Buffer.from(JSON.stringify(payload), 'utf8'),
  });
}

const started = new Date();

function modelArn(ctx: Context, id: string): string { return `arn:aws:bedrock:${ctx.region}::foundation-model/${id}`; }

function listFoundationModels(ctx: Context, params: URLSearchParams) {
  const output = params.get('byOutputModality');
  const inference = params.get('byInferenceType');
  const provider = params.get('byProvider')?.toLowerCase();
  return ctx.bedrockModels
    .filter(m => (!output || m.output === output) && (!provider || m.provider.toLowerCase() === provider))
    .filter(m => !inference || (inference === 'ON_DEMAND' ? !m.profileOnly : false))
    .map(m => ({
      modelArn: modelArn(ctx, m.id), modelId: m.id, modelName: m.name, providerName: m.provider,
      inputModalities: m.images ? ['TEXT', 'IMAGE'] : ['TEXT'], outputModalities: [m.output],
      responseStreamingSupported: m.output === 'TEXT', customizationsSupported: [],
      inferenceTypesSupported: [m.profileOnly ? 'INFERENCE_PROFILE' : 'ON_DEMAND'], modelLifecycle: { status: 'ACTIVE' },
    }));
}

function listInferenceProfiles(ctx: Context, params: URLSearchParams, res: ServerResponse): void {
  const type = params.get('type');
  const all = type === 'APPLICATION' ? [] : ctx.bedrockModels.filter(m => m.profileId).map(m => ({
    inferenceProfileName: `${m.profileId!.split('.')[0].toUpperCase()} ${m.provider} ${m.name}`, inferenceProfileId: m.profileId!,
    inferenceProfileArn: `arn:aws:bedrock:${ctx.region}:${ctx.accountId}:inference-profile/${m.profileId}`,
    description: `Routes requests to ${m.name} in the emulator.`, createdAt: started.toISOString(), updatedAt: started.toISOString(),
    models: [{ modelArn: modelArn(ctx, m.id) }], status: 'ACTIVE', type: 'SYSTEM_DEFINED',
  }));
  const max = Number(params.get('maxResults') ?? 1000);
  if (!Number.isInteger(max) || max < 1 || max > 1000) return sendAwsError(res, { status: 400, errorType: 'ValidationException', message: '1 validation error detected: Value at \'maxResults\' failed to satisfy constraint: Member must have value less than or equal to 1000' });
  const start = params.get('nextToken') ? Number(Buffer.from(params.get('nextToken')!, 'base64url').toString()) : 0;
  if (!Number.isInteger(start) || start < 0 || start > all.length) return sendAwsError(res, { status: 400, errorType: 'ValidationException', message: 'Invalid nextToken' });
  const next = start + max < all.length ? Buffer.from(String(start + max)).toString('base64url') : undefined;
  return sendJson(res, 200, JSON.stringify({ inferenceProfileSummaries: all.slice(start, start + max), ...(next ? { nextToken: next } : {}) }));
}

function record(ctx: Context, call: BedrockCall): void {
  ctx.bedrockCalls.push(call);
  if (ctx.bedrockCalls.length > 100) ctx.bedrockCalls.shift();
}

export async function handleBedrock(ctx: Context, route: BedrockRoute, req: IncomingMessage, path: string, query: string, body: Buffer, res: ServerResponse, log: RequestLogEntry): Promise<void> {
  log.detail = route.op;
  if (refusedSignature(ctx, { req, path, query, body }, res, log, BEDROCK_SERVICE)) return;
  const fail: Refuse = f => { log.fault = f.errorType; sendAwsError(res, f); };
  if (route.op === 'Converse' || route.op === 'ConverseStream') return converse(ctx, route, body, res, log, fail);
  if (ctx.faults.controlAccessDenied) {
    return fail({ status: 403, errorType: 'AccessDeniedException', message: `User: arn:aws:sts::${ctx.accountId}:assumed-role/Developer/session is not authorized to perform: bedrock:${route.op} because no identity-based policy allows the bedrock:${route.op} action` });
  }
  const params = new URLSearchParams(query);
  if (route.op === 'ListFoundationModels') return sendJson(res, 200, JSON.stringify({ modelSummaries: listFoundationModels(ctx, params) }));
  return listInferenceProfiles(ctx, params, res);
}

type Refuse = (f: { status: number; errorType: string; message: string }) => void;

function converse(ctx: Context, route: { op: 'Converse' | 'ConverseStream'; modelId: string }, body: Buffer, res: ServerResponse, log: RequestLogEntry, fail: Refuse): Promise<void> | void {
  log.detail = `${route.op} ${route.modelId}`;
  const model = resolveModel(route.modelId, ctx.bedrockModels);
  if (isRefusal(model)) return fail(model);
  let parsed: unknown;
  try { parsed = JSON.parse(body.toString('utf8')); } catch { return fail({ status: 400, errorType: 'SerializationException', message: 'The request body is not JSON.' }); }
  const asked = checkConverse(parsed, model);
  if (isRefusal(asked)) return fail(asked);
  const reply = standInReply(asked);
  record(ctx, { time: Date.now(), op: route.op, modelId: route.modelId, body: parsed, text: reply.text, stopReason: reply.stopReason });
  const usage = { inputTokens: reply.inputTokens, outputTokens: reply.tokens.length, totalTokens: reply.inputTokens + reply.tokens.length };
  if (route.op === 'Converse') {
    return sendJson(res, 200, JSON.stringify({
      output: { message: { role: 'assistant', content: [{ text: reply.text }] } }, stopReason: reply.stopReason, usage, metrics: { latencyMs: 1 },
    }));
  }
  return streamReply(res, reply.tokens, reply.stopReason, usage);
}

/** messageStart, the text two tokens per contentBlockDelta, contentBlockStop, messageStop, metadata. */
async function streamReply(res: ServerResponse, tokens: readonly string[], stopReason: string, usage: object): Promise<void> {
  res.writeHead(200, baseHeaders({ 'Content-Type': 'application/vnd.amazon.eventstream' }));
  const events = [event('messageStart', { role: 'assistant' })];
  for (let i = 0; i < tokens.length; i += 2) events.push(event('contentBlockDelta', { contentBlockIndex: 0, delta: { text: tokens.slice(i, i + 2).join('') } }));
  events.push(event('contentBlockStop', { contentBlockIndex: 0 }), event('messageStop', { stopReason }), event('metadata', { usage, metrics: { latencyMs: 1 } }));
  for (const e of events) {
    if (res.destroyed) return;
    res.write(e);
    // A pause between events, so clients read them as a stream and not as one body.
    await new Promise(resolve => setTimeout(resolve, 2));
  }
  res.end();
}
