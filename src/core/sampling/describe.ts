// A short human summary of a sampling/createMessage request for the consent prompt. MCP 2025-11-25
// client/sampling § "User Interaction Model": there SHOULD be a human in the loop able to deny the
// request, with UI that makes it easy to review. Everything quoted from the server is cut short and
// stripped of control and bidirectional-override characters, so a request cannot flood or spoof the prompt.
import type { SamplingParams } from './request';

export interface RequestSummary {
  /** One line, e.g. `MCP server "travel" asks to use a language model`. */
  readonly title: string;
  /** A few lines: system prompt and last user message excerpts, size, limits, model hints. */
  readonly detail: string;
}

const unsafe = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** At most `max` characters of `s` on one line; a longer text ends in "…" and says how long it was. */
export function excerpt(s: string, max: number): string {
  const head = s.slice(0, max * 2).replace(unsafe, '').replace(/\s+/g, ' ').trim();
  if (head.length <= max && s.length <= max * 2) return head;
  let end = max - 1;
  const c = head.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${head.slice(0, end).trimEnd()}… (${s.length.toLocaleString('en-US')} characters)`;
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** A short JSON string literal, whitespace kept (it matters in a stop sequence) and escaped. */
const literal = (s: string, max: number) => JSON.stringify(s.slice(0, max).replace(unsafe, '') + (s.length > max ? '…' : ''));

function listed(items: string[], max: number, each: number): string {
  const shown = items.slice(0, max).map(s => literal(s, each));
  return items.length > max ? `${shown.join(', ')} and ${items.length - max} more` : shown.join(', ');
}

export function describeRequest(params: SamplingParams | unknown, connectionName: string): RequestSummary {
  const p = isRecord(params) ? params : {};
  const title = `MCP server "${excerpt(connectionName, 60)}" asks to use a language model`;
  const lines: string[] = [];

  if (typeof p.systemPrompt === 'string' && p.systemPrompt) lines.push(`System prompt: "${excerpt(p.systemPrompt, 200)}"`);

  const messages = Array.isArray(p.messages) ? p.messages.filter(isRecord) : [];
  let images = 0, audio = 0, fromUser = 0;
  let lastUser: string | undefined;
  for (const m of messages) {
    const blocks = (Array.isArray(m.content) ? m.content : [m.content]).filter(isRecord);
    images += blocks.filter(b => b.type === 'image').length;
    audio += blocks.filter(b => b.type === 'audio').length;
    if (m.role !== 'user') continue;
    fromUser++;
    const texts = blocks.filter(b => b.type === 'text' && typeof b.text === 'string').map(b => (b.text as string).slice(0, 1000));
    const other = blocks.length - texts.length;
    lastUser = [texts.join(' '), other ? `[+${plural(other, 'attachment')}]` : ''].filter(Boolean).join(' ');
  }
  if (lastUser !== undefined) lines.push(`Last user message: "${excerpt(lastUser, 300)}"`);
  if (messages.length > 1 || images || audio) {
    const extras = [images ? plural(images, 'image') : '', audio ? plural(audio, 'audio clip') : ''].filter(Boolean);
    lines.push(`Conversation: ${plural(messages.length, 'message')} (${fromUser} from the user)${extras.length ? `, ${extras.join(', ')}` : ''}`);
  }

  const limits: string[] = [];
  if (typeof p.maxTokens === 'number') limits.push(`up to ${p.maxTokens} tokens`);
  if (typeof p.temperature === 'number') limits.push(`temperature ${p.temperature}`);
  const stops = Array.isArray(p.stopSequences) ? p.stopSequences.filter((s): s is string => typeof s === 'string' && s !== '') : [];
  if (stops.length) limits.push(`stops at ${listed(stops, 3, 20)}`);
  if (limits.length) lines.push(`Answer: ${limits.join(', ')}`);

  const prefs = isRecord(p.modelPreferences) ? p.modelPreferences : {};
  const hints = (Array.isArray(prefs.hints) ? prefs.hints : [])
    .map(h => (isRecord(h) && typeof h.name === 'string' ? h.name.trim() : '')).filter(Boolean);
  const prio = (['intelligence', 'speed', 'cost'] as const)
    .filter(k => typeof prefs[`${k}Priority`] === 'number').map(k => `${k} ${prefs[`${k}Priority`] as number}`);
  const model = [hints.length ? `hints ${listed(hints, 5, 40)}` : '', prio.length ? `priorities ${prio.join(', ')}` : ''].filter(Boolean);
  if (model.length) lines.push(`Model: ${model.join('; ')}`);

  if (p.includeContext === 'thisServer' || p.includeContext === 'allServers') {
    lines.push(`Context: asks for "${p.includeContext}"; none is added`);
  }
  return { title, detail: lines.join('\n') };
}

/** Strings longer than this are cut in `wholeRequest` (base64 images, mostly). */
const WHOLE_STRING_CHARS = 20_000;

/** The whole request as indented JSON, for a person to read before allowing it: every field as the server
 *  sent it, except that a string over WHOLE_STRING_CHARS (an image's base64, say) ends where it says so. */
export function wholeRequest(params: unknown): string {
  return JSON.stringify(params, (_key, value: unknown) => (typeof value === 'string' && value.length > WHOLE_STRING_CHARS
    ? `${value.slice(0, 200)}… (${value.length.toLocaleString('en-US')} characters; the rest is not shown)`
    : value), 2) ?? 'null';
}
