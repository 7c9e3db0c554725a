// Checks a sampling/createMessage request and maps it onto a VS Code language model request, described
// with plain types (MCP 2025-11-25 client/sampling § "Creating Messages", § "Data Types", § "Error
// Handling"). vscode.lm has User and Assistant roles only, text parts, and image data parts.
import type { CreateMessageRequest } from '@modelcontextprotocol/client';
import type { ModelInfo } from './choose';

export type SamplingParams = CreateMessageRequest['params'];

/** Error codes for the JSON-RPC error sent back (client/sampling § "Error Handling"). */
export const SamplingErrorCode = {
  /** The person refused the request. The spec's example message is "User rejected sampling request". */
  UserRejected: -1,
  InvalidParams: -32602,
} as const;

export type ChatPart =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'image'; readonly mime: string; readonly data: Uint8Array };

export interface ChatMessage {
  readonly role: 'user' | 'assistant';
  readonly parts: ChatPart[];
}

export interface ChatRequest {
  readonly ok: true;
  readonly messages: ChatMessage[];
  /** For `sendRequest(…, { modelOptions })`: `temperature` and `max_tokens` (see toChatRequest). */
  readonly modelOptions: Record<string, unknown>;
  /** What was changed or left out on the way, one sentence each, for the log and the consent prompt. */
  readonly notes: string[];
  /** For SamplingStream: the request's non-empty stop sequences and its maxTokens. */
  readonly stopSequences: string[];
  readonly maxTokens: number;
}

export interface Invalid {
  readonly ok: false;
  /** Suitable as the JSON-RPC error message returned to the server. */
  readonly message: string;
  readonly code: number;
}

/** Image types VS Code's `ChatImageMimeType` accepts. */
export const imageMimeTypes: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp'];

/** A message's content as a list: a single block or a list of them (spec 2025-11-25). */
const blocksOf = <T>(content: T | T[]): T[] => (Array.isArray(content) ? content : [content]);

/** Whether any message of the request holds an image (the model choice prefers models that take them). */
export const carriesImages = (p: SamplingParams): boolean => p.messages.some(m => blocksOf(m.content).some(b => b.type === 'image'));

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const invalid = (message: string): Invalid => ({ ok: false, message: `Invalid sampling request: ${message}`, code: SamplingErrorCode.InvalidParams });
const base64 = /^[A-Za-z0-9+/]*={0,2}$/;
const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : Array.isArray(v) ? 'a list' : v === null ? 'null' : typeof v);

function checkBlock(b: unknown, where: string): string | undefined {
  if (!isRecord(b)) return `${where} must be a content object`;
  switch (b.type) {
    case 'text':
      return typeof b.text === 'string' ? undefined : `${where}.text must be a string`;
    case 'image': case 'audio':
      if (typeof b.mimeType !== 'string' || !b.mimeType) return `${where}.mimeType must be a string`;
      if (typeof b.data !== 'string' || !base64.test(b.data.replace(/\s+/g, ''))) return `${where}.data must be base64 text`;
      return undefined;
    case 'tool_use': case 'tool_result':
      return `${where} is ${b.type} content, which needs the sampling.tools capability; this client does not declare it`;
    default:
      return `${where}.type must be "text", "image" or "audio" (got ${show(b.type)})`;
  }
}

/**
 * Checks what the SDK's schema does not (or what arrives unchecked from a scenario file): a non-empty
 * message list, user/assistant roles, known content, a positive integer maxTokens, and no tools
 * (client/sampling § "Tools in Sampling": without `sampling.tools` the client MUST return an error).
 */
export function checkParams(raw: unknown): { ok: true; params: SamplingParams } | Invalid {
  if (!isRecord(raw)) return invalid('params must be an object');
  const { messages, maxTokens, temperature, stopSequences, systemPrompt, includeContext } = raw;
  if (!Array.isArray(messages) || !messages.length) return invalid('"messages" must be a non-empty list');
  for (const [i, m] of messages.entries()) {
    const where = `messages[${i}]`;
    if (!isRecord(m)) return invalid(`${where} must be an object with "role" and "content"`);
    if (m.role !== 'user' && m.role !== 'assistant') return invalid(`${where}.role must be "user" or "assistant" (got ${show(m.role)})`);
    const blocks = blocksOf(m.content);
    if (!blocks.length) return invalid(`${where}.content must not be an empty list`);
    for (const [j, b] of blocks.entries()) {
      const bad = checkBlock(b, Array.isArray(m.content) ? `${where}.content[${j}]` : `${where}.content`);
      if (bad) return invalid(bad);
    }
  }
  if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1) return invalid(`"maxTokens" must be a positive integer (got ${typeof maxTokens === 'number' ? maxTokens : show(maxTokens)})`);
  if (temperature !== undefined && (typeof temperature !== 'number' || !Number.isFinite(temperature) || temperature < 0)) return invalid(`"temperature" must be a number of 0 or more (got ${show(temperature)})`);
  if (stopSequences !== undefined && (!Array.isArray(stopSequences) || stopSequences.some(s => typeof s !== 'string'))) return invalid('"stopSequences" must be a list of strings');
  if (systemPrompt !== undefined && typeof systemPrompt !== 'string') return invalid('"systemPrompt" must be a string');
  if (includeContext !== undefined && includeContext !== 'none' && includeContext !== 'thisServer' && includeContext !== 'allServers') return invalid('"includeContext" must be "none", "thisServer" or "allServers"');
  if (raw.tools !== undefined || raw.toolChoice !== undefined) return invalid('"tools" and "toolChoice" need the sampling.tools capability, which this client does not declare');
  return { ok: true, params: raw as SamplingParams };
}

const kb = (base64Data: string) => {
  const bytes = Buffer.byteLength(base64Data, 'base64');
  return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KB`;
};

/**
 * The system prompt, as vscode.lm has no system role (its guide says system messages are not
 * supported): it becomes the first text part of the first message when that is a user message, or a
 * user message of its own in front, so roles keep alternating as the server sent them (some providers
 * reject two user turns in a row). The block is delimited and says what it is; the trailing blank line
 * keeps it apart from the next part when a provider joins parts without a separator.
 */
export function systemPromptText(systemPrompt: string): string {
  return `The instructions below are the system prompt of this conversation; follow them.\n<system_prompt>\n${systemPrompt}\n</system_prompt>\n\n`;
}

/**
 * Checks the request and maps it for `model`:
 * - text stays text; images become image parts (bytes) in user messages when the model takes images and
 *   the type is one VS Code knows, otherwise a text placeholder and a note; audio always becomes a
 *   placeholder (vscode.lm has no audio input);
 * - `modelOptions` holds `temperature` and `max_tokens`, the keys GitHub Copilot's provider reads (it
 *   passes on only stop, temperature, max_tokens, frequency_penalty and presence_penalty and drops
 *   the rest). No camelCase `maxTokens`: Copilot ignores it and a provider that forwards options to an
 *   OpenAI-style API would be refused for an unknown parameter. No `stop`: Copilot drops a list, and a
 *   provider that honours it ends the stream without the stop text, so we could not report
 *   "stopSequence"; SamplingStream enforces stop sequences instead and the caller cancels at once;
 * - includeContext other than "none", and metadata, are noted as not passed on.
 */
export function toChatRequest(raw: SamplingParams | unknown, model: ModelInfo): ChatRequest | Invalid {
  const checked = checkParams(raw);
  if (!checked.ok) return checked;
  const p = checked.params;
  const notes: string[] = [];
  let imagesOmitted = 0, imagesInAssistant = 0, imagesBadType = 0, audioOmitted = 0;

  const messages: ChatMessage[] = p.messages.map(m => {
    const blocks = blocksOf(m.content);
    const parts = blocks.map((b): ChatPart => {
      if (b.type === 'text') return { type: 'text', text: b.text };
      if (b.type === 'audio') {
        audioOmitted++;
        return { type: 'text', text: `[audio (${b.mimeType}, ${kb(b.data)}) left out: VS Code language models take no audio]` };
      }
      if (b.type !== 'image') throw new Error(`unreachable: ${b.type}`);
      const mime = b.mimeType.toLowerCase();
      if (m.role === 'assistant') imagesInAssistant++;
      else if (!imageMimeTypes.includes(mime)) imagesBadType++;
      else if (!model.capabilities?.imageInput) imagesOmitted++;
      else return { type: 'image', mime, data: new Uint8Array(Buffer.from(b.data, 'base64')) };
      return { type: 'text', text: `[image (${b.mimeType}, ${kb(b.data)}) left out]` };
    });
    return { role: m.role, parts };
  });

  if (p.systemPrompt) {
    const part: ChatPart = { type: 'text', text: systemPromptText(p.systemPrompt) };
    if (messages[0].role === 'user') messages[0] = { role: 'user', parts: [part, ...messages[0].parts] };
    else messages.unshift({ role: 'user', parts: [part] });
  }

  const n = (count: number, what: string) => (count === 1 ? `1 ${what}` : `${count} ${what}s`);
  if (imagesOmitted) notes.push(`${n(imagesOmitted, 'image')} replaced by a placeholder: ${model.name || model.id} does not take images.`);
  if (imagesBadType) notes.push(`${n(imagesBadType, 'image')} replaced by a placeholder: VS Code takes only ${imageMimeTypes.join(', ')}.`);
  if (imagesInAssistant) notes.push(`${n(imagesInAssistant, 'image')} in assistant messages replaced by a placeholder: models take images from the user only.`);
  if (audioOmitted) notes.push(`${n(audioOmitted, 'audio clip')} replaced by a placeholder: VS Code language models take no audio.`);
  if (p.includeContext && p.includeContext !== 'none') notes.push(`The server asked to include context from "${p.includeContext}"; this client adds no MCP context to sampling requests.`);
  if (isRecord(p.metadata) && Object.keys(p.metadata).length) notes.push('The request\'s provider metadata was not passed on: VS Code\'s language model API has no place for it.');

  const stopSequences = (p.stopSequences ?? []).filter(s => s !== '');
  if (stopSequences.length !== (p.stopSequences ?? []).length) notes.push('Empty stop sequences were ignored.');
  const modelOptions: Record<string, unknown> = { max_tokens: p.maxTokens };
  if (p.temperature !== undefined) modelOptions.temperature = p.temperature;
  return { ok: true, messages, modelOptions, notes, stopSequences, maxTokens: p.maxTokens };
}
