// Human output: aligned tables for lists, and results as plain text (text content as is, everything
// else summarised in brackets so a terminal never gets a screenful of base64).
import type { CallToolResult, ContentBlock, GetPromptResult, ReadResourceResult } from '@modelcontextprotocol/client';
import { decodedSize } from '../core/results/markdown';

const oneLine = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** Columns padded to their widest cell; the last column is cut to the terminal width. */
export function table(headers: string[], rows: string[][], width = process.stdout.columns || 120): string {
  if (!rows.length) return '';
  const cells = [headers, ...rows].map(r => r.map(oneLine));
  const widths = headers.map((_, i) => Math.max(...cells.map(r => (r[i] ?? '').length)));
  const lines = cells.map(r => {
    const head = r.slice(0, -1).map((c, i) => c.padEnd(widths[i])).join('  ');
    const room = Math.max(20, width - head.length - 2);
    const last = r[r.length - 1] ?? '';
    return `${head}${r.length > 1 ? '  ' : ''}${last.length > room ? `${last.slice(0, room - 1)}…` : last}`.trimEnd();
  });
  return `${lines.join('\n')}\n`;
}

const size = (n: number) => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

export function blockText(c: ContentBlock): string {
  switch (c.type) {
    case 'text': return c.text;
    case 'image': return `[image ${c.mimeType}, ${size(decodedSize(c.data))}]`;
    case 'audio': return `[audio ${c.mimeType}, ${size(decodedSize(c.data))}]`;
    case 'resource_link': return `[resource link ${c.name} ${c.uri}${c.mimeType ? ` (${c.mimeType})` : ''}]`;
    case 'resource': {
      const r = c.resource;
      if ('text' in r && typeof r.text === 'string') return `[resource ${r.uri}${r.mimeType ? ` (${r.mimeType})` : ''}]\n${r.text}`;
      return `[resource ${r.uri}${r.mimeType ? ` (${r.mimeType})` : ''}, ${'blob' in r && typeof r.blob === 'string' ? size(decodedSize(r.blob)) : 'no data'}]`;
    }
    default: return `[${(c as { type: string }).type} content] ${JSON.stringify(c)}`;
  }
}

const withNewline = (s: string) => (s.endsWith('\n') || s === '' ? s : `${s}\n`);

export function toolResultText(r: CallToolResult): string {
  const parts = (r.content ?? []).map(blockText);
  if (r.structuredContent !== undefined) {
    const json = JSON.stringify(r.structuredContent, null, 2);
    // Servers often send the same JSON as text too; print it once.
    if (!parts.some(p => p.trim() === json || p.trim() === JSON.stringify(r.structuredContent))) parts.push(`structuredContent:\n${json}`);
  }
  return withNewline(parts.join('\n'));
}

export function resourceText(r: ReadResourceResult): string {
  const many = r.contents.length > 1;
  return withNewline(r.contents.map(c => {
    const head = many ? `[${c.uri}${c.mimeType ? ` (${c.mimeType})` : ''}]\n` : '';
    if ('text' in c && typeof c.text === 'string') return `${head}${c.text}`;
    return `[binary ${c.uri}${c.mimeType ? ` (${c.mimeType})` : ''}, ${'blob' in c && typeof c.blob === 'string' ? size(decodedSize(c.blob)) : 'no data'}; --json shows it]`;
  }).join('\n'));
}

export function promptText(r: GetPromptResult): string {
  const head = r.description ? `${r.description}\n\n` : '';
  return withNewline(head + r.messages.map(m => `${m.role}:\n${blockText(m.content as ContentBlock)}`).join('\n\n'));
}

export const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;
