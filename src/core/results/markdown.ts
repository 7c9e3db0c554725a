// Renders tool results, resource contents and prompt messages as Markdown documents for a read-only
// editor. Pure: the VS Code layer decides where images are written and what links point at.
import type { CallToolResult, ContentBlock, GetPromptResult } from '@modelcontextprotocol/client';

export interface SavedBinary { readonly mimeType: string; readonly bytes: number; readonly link?: string }

export interface RenderLinks {
  /** A link that opens a resource of this connection (resource links, embedded resources). */
  resource(uri: string): string;
  /** Saves a text too long to show in the document (see SHOWN_TEXT_CHARS) and returns where it went;
   *  without it, every character is shown (the command line prints them all). */
  longText?(text: string, hint: string): SavedBinary;
  /** Saves a base64 blob (image, audio, binary resource) and returns where it went, if anywhere. */
  binary(kind: 'image' | 'audio' | 'blob', mimeType: string, base64: string, hint: string): SavedBinary;
}

const fence = (text: string, lang = '') => {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map(m => m[0].length));
  const f = '`'.repeat(longest + 1);
  return `${f}${lang}\n${text}\n${f}`;
};

const size = (n: number) => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);
const decodedSize = (b64: string) => Math.floor(b64.length * 3 / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);

export function languageOf(mimeType: string | undefined): string {
  const m = (mimeType ?? '').split(';')[0].trim().toLowerCase();
  if (m.endsWith('json')) return 'json';
  if (m === 'text/markdown') return 'markdown';
  if (m === 'text/html') return 'html';
  if (m.endsWith('xml')) return 'xml';
  if (m.endsWith('yaml') || m.endsWith('yml')) return 'yaml';
  if (m === 'text/css') return 'css';
  if (m.includes('javascript')) return 'javascript';
  if (m.includes('typescript')) return 'typescript';
  if (m.includes('python')) return 'python';
  if (m === 'text/csv') return 'csv';
  return 'plaintext';
}

/** How much of one text a result document shows: a 100 MB answer would hold up the editor. */
export const SHOWN_TEXT_CHARS = 200_000;

/** `text`, or its first SHOWN_TEXT_CHARS with a link to all of it (when the host can save it). */
function shown(text: string, links: RenderLinks, hint: string, wrap: (t: string) => string = t => t): string {
  if (text.length <= SHOWN_TEXT_CHARS || !links.longText) return wrap(text);
  const saved = links.longText(text, hint);
  return `${wrap(text.slice(0, SHOWN_TEXT_CHARS))}\n\n… ${text.length - SHOWN_TEXT_CHARS} more characters are not shown here (${size(saved.bytes)} in all).${saved.link ? ` [Open the whole text](${saved.link})` : ''}`;
}

function block(c: ContentBlock, links: RenderLinks, i: number): string {
  switch (c.type) {
    case 'text': return shown(c.text, links, `text-${i}`);
    case 'image': {
      const saved = links.binary('image', c.mimeType, c.data, `image-${i}`);
      return `**Image** (${c.mimeType}, ${size(saved.bytes)})${saved.link ? `\n\n![image ${i}](${saved.link})\n\n[Open the image](${saved.link})` : ''}`;
    }
    case 'audio': {
      const saved = links.binary('audio', c.mimeType, c.data, `audio-${i}`);
      return `**Audio** (${c.mimeType}, ${size(saved.bytes)}): not played here.${saved.link ? ` [Saved file](${saved.link})` : ''}`;
    }
    case 'resource_link':
      return `**Resource link**: [${c.title ?? c.name}](${links.resource(c.uri)}) \`${c.uri}\`${c.mimeType ? ` (${c.mimeType})` : ''}${c.description ? ` — ${c.description}` : ''}`;
    case 'resource': {
      const r = c.resource;
      const head = `**Embedded resource** [\`${r.uri}\`](${links.resource(r.uri)})${r.mimeType ? ` (${r.mimeType})` : ''}`;
      if ('text' in r && typeof r.text === 'string') return `${head}\n\n${shown(r.text, links, `resource-${i}`, t => fence(t, languageOf(r.mimeType)))}`;
      if ('blob' in r && typeof r.blob === 'string') {
        const kind = (r.mimeType ?? '').startsWith('image/') ? 'image' : 'blob';
        const saved = links.binary(kind, r.mimeType ?? 'application/octet-stream', r.blob, `resource-${i}`);
        return `${head}: ${size(saved.bytes)} of binary data${saved.link ? ` — [open](${saved.link})` : ''}`;
      }
      return head;
    }
    default:
      return `*Content of type "${(c as { type: string }).type}":*\n\n${fence(JSON.stringify(c, null, 2), 'json')}`;
  }
}

export interface ToolResultMeta {
  readonly tool: string;
  readonly connection: string;
  readonly args: Record<string, unknown>;
  readonly durationMs: number;
  readonly at: Date;
  readonly outputCheck?: { readonly valid: boolean; readonly message?: string };
  /** The protocol-era hint of a failed call (see connections/era.ts). */
  readonly eraHint?: string;
  /** The call ran as a task: its id and how long the server keeps it. */
  readonly task?: { readonly taskId: string; readonly ttlMs: number | null };
}

export function renderToolResult(result: CallToolResult, meta: ToolResultMeta, links: RenderLinks): string {
  const out: string[] = [`# ${meta.tool} — ${meta.connection}`, ''];
  out.push(result.isError
    ? `**Error:** the tool reported an error (isError) · ${Math.round(meta.durationMs)} ms · ${meta.at.toISOString()}`
    : `**Succeeded** · ${Math.round(meta.durationMs)} ms · ${meta.at.toISOString()}`, '');
  if (meta.task) out.push(`Ran as task \`${meta.task.taskId}\`${meta.task.ttlMs ? ` (the server keeps it ${Math.round(meta.task.ttlMs / 1000)} s)` : ''}.`, '');
  const content = result.content ?? [];
  out.push('## Content', '');
  if (content.length === 0) out.push('*(no content)*', '');
  content.forEach((c, i) => out.push(block(c, links, i + 1), ''));
  if (result.structuredContent !== undefined) {
    out.push('## Structured content', '', shown(JSON.stringify(result.structuredContent, null, 2), links, 'structured', t => fence(t, 'json')), '');
  }
  if (meta.eraHint) out.push(`**Protocol era:** ${meta.eraHint}`, '');
  if (meta.outputCheck) {
    out.push(meta.outputCheck.valid ? '**Output schema:** structuredContent matches the tool\'s outputSchema.' : `**Output schema: mismatch.** ${meta.outputCheck.message ?? ''}`, '');
  }
  out.push('## Arguments', '', fence(JSON.stringify(meta.args, null, 2), 'json'), '');
  return out.join('\n');
}

export function renderPrompt(name: string, connection: string, args: Record<string, string>, result: GetPromptResult, links: RenderLinks): string {
  const out: string[] = [`# Prompt ${name} — ${connection}`, ''];
  if (result.description) out.push(result.description, '');
  if (Object.keys(args).length) out.push('Arguments: ' + Object.entries(args).map(([k, v]) => `\`${k}\` = ${JSON.stringify(v)}`).join(', '), '');
  result.messages.forEach((m, i) => out.push(`## ${i + 1}. ${m.role}`, '', block(m.content as ContentBlock, links, i + 1), ''));
  return out.join('\n');
}

/** The messages as plain text, for the clipboard. */
export function promptAsText(result: GetPromptResult): string {
  return result.messages.map(m => {
    const c = m.content as ContentBlock;
    const body = c.type === 'text' ? c.text : c.type === 'resource' && 'text' in c.resource ? String(c.resource.text) : `[${c.type}]`;
    return `${m.role}:\n${body}`;
  }).join('\n\n');
}

export { decodedSize };
