// Response rewriting for two fault switches: numeric JSON-RPC ids returned as strings (some Python servers do
// this; docs/agentcore-runtime.md, "Request ids") and SSE streams cut after N events. Events are passed on one
// by one as they complete, so streaming is not delayed.

/** Turns a numeric `id` of a JSON-RPC response (result or error) into a string; requests keep theirs. */
export function stringifyIds(message: unknown): unknown {
  if (Array.isArray(message)) return message.map(stringifyIds);
  if (typeof message !== 'object' || message === null) return message;
  const m = message as Record<string, unknown>;
  if (typeof m.id === 'number' && ('result' in m || 'error' in m)) return { ...m, id: String(m.id) };
  return message;
}

/** Rewrites a whole JSON body; a body that is not JSON is returned unchanged. */
export function stringifyIdsInJson(body: string): string {
  try { return JSON.stringify(stringifyIds(JSON.parse(body))); } catch { return body; }
}

function rewriteEvent(event: string): string {
  const lines = event.split(/\r?\n/);
  const data = lines.filter(l => l.startsWith('data:')).map(l => l.slice(l.startsWith('data: ') ? 6 : 5));
  if (data.length === 0) return event;
  const rewritten = stringifyIdsInJson(data.join('\n'));
  const out: string[] = [];
  let placed = false;
  for (const l of lines) {
    if (!l.startsWith('data:')) out.push(l);
    else if (!placed) { out.push(`data: ${rewritten}`); placed = true; }
  }
  return out.join('\n');
}

/**
 * Splits an SSE byte stream into complete events (each returned with its blank-line terminator).
 * Text after the last terminator waits for the next chunk.
 */
export class SseSplitter {
  private pending = '';

  constructor(private readonly stringIds: boolean) {}

  push(chunk: string): string[] {
    this.pending += chunk;
    const events: string[] = [];
    const boundary = /\r?\n\r?\n/g;
    let start = 0;
    for (let m = boundary.exec(this.pending); m; m = boundary.exec(this.pending)) {
      const event = this.pending.slice(start, m.index);
      events.push((this.stringIds ? rewriteEvent(event) : event) + '\n\n');
      start = m.index + m[0].length;
    }
    this.pending = this.pending.slice(start);
    return events;
  }

  /** What is left when the upstream ends (normally nothing). */
  rest(): string { return this.pending; }
}
