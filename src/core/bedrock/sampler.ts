// sampling/createMessage answered by an Amazon Bedrock model (MCP 2025-11-25 client/sampling): the
// request checked as for any model, mapped onto ConverseStream (systemPrompt, maxTokens, stopSequences
// and temperature go to Bedrock, which enforces them and says why it stopped), and the result names
// the model. The command line's `--sampling bedrock:<model-id>` answers with this.
import type { CreateMessageResult } from '@modelcontextprotocol/client';
import { ProtocolError } from '@modelcontextprotocol/client';
import type { RequestContext, SamplingParams } from '../connections/host';
import { checkParams } from '../sampling/request';
import type { ChatMessage, ChatPart } from '../sampling/request';
import { toResult } from '../sampling/stream';
import type { BedrockOptions } from './client';
import { converse, type BedrockRequest } from './converse';

const blocksOf = <T>(content: T | T[]): T[] => (Array.isArray(content) ? content : [content]);

/** The MCP request as plain messages: text and images as they are, audio as a placeholder (Converse takes none). */
export function samplingToBedrock(params: SamplingParams): { request: BedrockRequest; notes: string[] } {
  const notes: string[] = [];
  let audio = 0;
  const messages: ChatMessage[] = params.messages.map(m => ({
    role: m.role,
    parts: blocksOf(m.content).map((b): ChatPart => {
      if (b.type === 'text') return { type: 'text', text: b.text };
      if (b.type === 'image') return { type: 'image', mime: b.mimeType, data: new Uint8Array(Buffer.from(b.data, 'base64')) };
      if (b.type === 'audio') { audio++; return { type: 'text', text: `[audio (${b.mimeType}) left out: Bedrock's Converse API takes no audio]` }; }
      throw new ProtocolError(-32602, `Invalid sampling request: ${b.type} content is not supported`);
    }),
  }));
  if (audio) notes.push(`${audio} audio clip(s) replaced by a placeholder: Converse takes no audio.`);
  if (params.includeContext && params.includeContext !== 'none') notes.push(`The server asked to include context from "${params.includeContext}"; this client adds no MCP context to sampling requests.`);
  return {
    request: {
      messages, maxTokens: params.maxTokens,
      ...(params.systemPrompt ? { system: params.systemPrompt } : {}),
      ...(params.temperature !== undefined ? { temperature: params.temperature } : {}),
      ...(params.stopSequences?.length ? { stopSequences: params.stopSequences } : {}),
    },
    notes,
  };
}

export interface BedrockSamplerOptions extends BedrockOptions {
  readonly modelId: string;
  /** Lines for a log: what was asked, what was changed on the way, how it ended. */
  readonly log?: (line: string) => void;
}

/**
 * A sampler for a ConnectionHost (or ScriptedAnswers' live sampler). An invalid request is refused with
 * −32602; a Bedrock failure throws its explained error, which the caller turns into a JSON-RPC error.
 */
export function bedrockSampler(o: BedrockSamplerOptions): (params: SamplingParams, ctx: RequestContext) => Promise<CreateMessageResult> {
  return async (raw, ctx) => {
    const checked = checkParams(raw);
    if (!checked.ok) throw new ProtocolError(checked.code, checked.message);
    const { request, notes } = samplingToBedrock(checked.params);
    o.log?.(`sampling: asking Amazon Bedrock ${o.modelId} in ${o.region} (maxTokens ${request.maxTokens}${request.stopSequences?.length ? `, stop ${JSON.stringify(request.stopSequences)}` : ''})`);
    for (const n of notes) o.log?.(`sampling: ${n}`);
    const answer = await converse(o, o.modelId, request, { signal: ctx.signal, onNotes: ns => { for (const n of ns) o.log?.(`sampling: ${n}`); } });
    o.log?.(`sampling: Bedrock answered with ${answer.text.length} characters (${answer.stopReason ?? 'no stop reason'}${answer.usage ? `, ${answer.usage.inputTokens ?? '?'} tokens in, ${answer.usage.outputTokens ?? '?'} out` : ''})`);
    return toResult(answer.text, o.modelId, answer.stopReason);
  };
}
