// One answer from a Bedrock model through ConverseStream: plain messages (the ChatMessage of
// core/sampling) mapped onto the Converse API, the text streamed as it arrives, and the stop reason
// mapped back to MCP's (client/sampling § "Creating Messages": endTurn, stopSequence, maxTokens).
// https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html
import type { ContentBlock, ConverseStreamCommandInput, Message, SystemContentBlock } from '@aws-sdk/client-bedrock-runtime';
import { CancelledError } from '../connections/errors';
import type { ChatMessage } from '../sampling/request';
import { type BedrockOptions, clientFor, loadBedrock } from './client';
import { bedrockError } from './errors';

export interface BedrockRequest {
  readonly messages: readonly ChatMessage[];
  readonly system?: string;
  readonly maxTokens?: number;
  readonly temperature?: number;
  readonly topP?: number;
  readonly stopSequences?: readonly string[];
}

export interface BedrockAnswer {
  readonly text: string;
  /** MCP's name when there is one (endTurn, maxTokens, stopSequence, toolUse), else Bedrock's as it came. */
  readonly stopReason?: string;
  readonly usage?: { readonly inputTokens?: number; readonly outputTokens?: number };
}

/** Bedrock's stop reasons in MCP's words; the rest (guardrail_intervened, content_filtered, …) pass as they are. */
const stopReasons: Record<string, string> = { end_turn: 'endTurn', max_tokens: 'maxTokens', stop_sequence: 'stopSequence', tool_use: 'toolUse' };
export const toMcpStopReason = (r: string | undefined): string | undefined => (r === undefined ? undefined : stopReasons[r] ?? r);

/** The image formats Converse takes, by MIME type. */
const imageFormats: Record<string, 'png' | 'jpeg' | 'gif' | 'webp'> = { 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/jpg': 'jpeg', 'image/gif': 'gif', 'image/webp': 'webp' };

export interface ConverseInput {
  readonly input: ConverseStreamCommandInput;
  /** What was changed on the way, one sentence each. */
  readonly notes: string[];
}

/**
 * Maps the request for Converse: the system prompt to `system`; text to text blocks (blank ones
 * dropped: Converse refuses them); images in user messages to image blocks when Converse takes the
 * type, otherwise a text placeholder; consecutive messages of one role joined, as Converse wants the
 * roles to alternate (an MCP server may send a text and an image as two user messages).
 */
export function toConverseInput(modelId: string, req: BedrockRequest): ConverseInput {
  const notes: string[] = [];
  let placeholders = 0;
  const messages: Message[] = [];
  for (const m of req.messages) {
    const content: ContentBlock[] = [];
    for (const p of m.parts) {
      if (p.type === 'text') { if (p.text.trim()) content.push({ text: p.text }); continue; }
      const format = imageFormats[p.mime.toLowerCase()];
      if (format && m.role === 'user') { content.push({ image: { format, source: { bytes: p.data } } }); continue; }
      placeholders++;
      content.push({ text: `[image (${p.mime}, ${p.data.byteLength} bytes) left out]` });
    }
    const last = messages[messages.length - 1];
    if (last && last.role === m.role) last.content!.push(...content);
    else messages.push({ role: m.role, content });
  }
  for (const m of messages) if (!m.content!.length) m.content!.push({ text: '(empty message)' });
  if (placeholders) notes.push(`${placeholders} image(s) replaced by a placeholder: Converse takes png, jpeg, gif and webp images in user messages only.`);
  if (messages.length !== req.messages.length) notes.push('Consecutive messages of one role were joined: Converse wants user and assistant turns to alternate.');
  const stops = (req.stopSequences ?? []).filter(s => s !== '');
  const system: SystemContentBlock[] | undefined = req.system?.trim() ? [{ text: req.system }] : undefined;
  return {
    input: {
      modelId, messages, ...(system ? { system } : {}),
      inferenceConfig: {
        ...(req.maxTokens !== undefined ? { maxTokens: req.maxTokens } : {}), ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
        ...(req.topP !== undefined ? { topP: req.topP } : {}), ...(stops.length ? { stopSequences: stops } : {}),
      },
    },
    notes,
  };
}

export interface ConverseOptions {
  /** Each piece of text as it arrives. */
  readonly onText?: (delta: string) => void;
  readonly signal?: AbortSignal;
  /** What the mapping changed (placeholders, joined messages), before the call. */
  readonly onNotes?: (notes: readonly string[]) => void;
}

const expired = (e: unknown) => /ExpiredToken|security token included in the request is expired/i.test(`${(e as Error)?.name} ${(e as Error)?.message}`);

/**
 * Asks `modelId` and streams its answer. Credentials AWS calls expired are reloaded once and the call
 * made again, unless text already arrived. Failures are ExplainedErrors; cancellation a CancelledError.
 */
export async function converse(o: BedrockOptions, modelId: string, req: BedrockRequest, co: ConverseOptions = {}): Promise<BedrockAnswer> {
  const { input, notes } = toConverseInput(modelId, req);
  if (notes.length) co.onNotes?.(notes);
  const client = clientFor(o);
  const context = { op: 'ConverseStream' as const, region: o.region, modelId, ...(o.profile ? { profile: o.profile } : {}), ...(o.endpoint ? { endpoint: o.endpoint } : {}) };
  for (let attempt = 1; ; attempt++) {
    let text = '';
    try {
      let stopReason: string | undefined;
      let usage: BedrockAnswer['usage'];
      for await (const ev of loadBedrock().converseStream(client.options, input, co.signal)) {
        const delta = ev.contentBlockDelta?.delta?.text;
        if (delta) { text += delta; co.onText?.(delta); }
        if (ev.messageStop) stopReason = ev.messageStop.stopReason;
        if (ev.metadata?.usage) usage = { inputTokens: ev.metadata.usage.inputTokens, outputTokens: ev.metadata.usage.outputTokens };
      }
      if (co.signal?.aborted) throw new CancelledError('The request to Amazon Bedrock was cancelled.');
      const mapped = toMcpStopReason(stopReason);
      return { text, ...(mapped ? { stopReason: mapped } : {}), ...(usage ? { usage } : {}) };
    } catch (e) {
      if (co.signal?.aborted) throw new CancelledError('The request to Amazon Bedrock was cancelled.');
      if (attempt === 1 && !text && expired(e)) {
        let renewed: boolean;
        try { renewed = await client.renew(); } catch (r) { throw bedrockError(r, context); }
        if (renewed) continue;
      }
      throw bedrockError(e, context);
    }
  }
}
