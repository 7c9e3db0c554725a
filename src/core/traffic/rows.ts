// Turns traffic events into rows a person reads: each request paired with its response (and how long it
// took), notifications and server requests tied to the client request they belong to (progress by its
// token, cancellation by request id, anything else to the one client request pending at the time), and
// HTTP exchanges with the MCP and AgentCore headers. Filtering and JSON Lines export work on these rows.
import type { TrafficEvent } from '../connections/traffic';

export interface TrafficRow {
  readonly seq: number;
  readonly time: number;
  readonly kind: 'request' | 'notification' | 'response' | 'http';
  /** out = client → server. */
  readonly direction?: 'out' | 'in';
  readonly method?: string;
  readonly id?: string | number;
  /** For requests: the response's arrival, its row and the round trip. */
  responseSeq?: number;
  durationMs?: number;
  error?: { code: number; message: string };
  /** The client request a notification or server request belongs to; for a repeat of a call that answered
   *  input_required (2026-07-28), the first request of that call. */
  relatedTo?: number;
  /** A multi-round-trip call: which round this request is (the first request is round 1). */
  round?: number;
  /** How a person reads relatedTo: the JSON-RPC request it answers or belongs to, e.g. "tools/call #5". */
  related?: string;
  readonly summary: string;
  readonly event: TrafficEvent;
}

const interesting = /^(mcp-|x-amzn-bedrock-agentcore-|last-event-id|content-type|accept$|authorization|x-amz-date|x-amz-security-token|date$)/i;
const short = (v: unknown, n = 120) => { const t = typeof v === 'string' ? v : JSON.stringify(v) ?? ''; return t.length > n ? `${t.slice(0, n)}…` : t; };

/** Server data as text: ids, tokens and error fields can be any JSON (an object with a "toString" key
 *  makes String() and template literals throw). */
const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' || v == null ? String(v) : short(v, 60));

function headerSummary(h: Readonly<Record<string, string>> | undefined): string {
  return Object.entries(h ?? {}).filter(([k]) => interesting.test(k)).map(([k, v]) => `${k}: ${short(v, 60)}`).join('; ');
}

export function toRows(events: readonly TrafficEvent[]): TrafficRow[] {
  const rows: TrafficRow[] = [];
  const pending = new Map<string, TrafficRow>(); // `${direction}:${id}` of requests waiting for a response
  const byToken = new Map<string, number>();
  // Calls that answered input_required, by what they call: the next request for it that carries the
  // answers or the requestState is that call's next round.
  const rounds = new Map<string, { first: number; round: number }>();
  const target = (method: string, p: Record<string, unknown>) => `${method} ${text(p.name ?? p.uri ?? '')}`;
  for (const [seq, e] of events.entries()) {
    if (e.kind === 'http') {
      rows.push({
        seq, time: e.time, kind: 'http', method: e.method, durationMs: e.durationMs, event: e,
        summary: `${e.method} ${e.url} → ${e.status ?? e.error ?? '?'} (${Math.round(e.durationMs)} ms)${headerSummary(e.requestHeaders) ? ` | sent ${headerSummary(e.requestHeaders)}` : ''}${headerSummary(e.responseHeaders) ? ` | got ${headerSummary(e.responseHeaders)}` : ''}`,
      });
      continue;
    }
    const m = (e.message && typeof e.message === 'object' ? e.message : {}) as Record<string, unknown>;
    const id = m.id === undefined || typeof m.id === 'string' || typeof m.id === 'number' ? m.id : text(m.id);
    const method = typeof m.method === 'string' ? m.method : undefined;
    if (method && id !== undefined) {
      const params = (m.params ?? {}) as { _meta?: { progressToken?: unknown } };
      const p = (m.params ?? {}) as Record<string, unknown>;
      const chain = e.direction === 'out' && (p.inputResponses !== undefined || p.requestState !== undefined) ? rounds.get(target(method, p)) : undefined;
      const row: TrafficRow = {
        seq, time: e.time, kind: 'request', direction: e.direction, method, id, event: e,
        ...(chain ? { relatedTo: chain.first, round: chain.round + 1 } : {}),
        summary: `${method} #${id}${chain ? ` (round ${chain.round + 1}, answers to #${text((rows.find(r => r.seq === chain.first))?.id ?? '?')})` : ''} ${short(m.params)}`,
      };
      if (e.direction === 'in') row.relatedTo = onlyPending(pending, 'out');
      const token = params._meta?.progressToken;
      if (token !== undefined) byToken.set(text(token), seq);
      pending.set(`${e.direction}:${id}`, row);
      rows.push(row);
    } else if (method) {
      const params = (m.params ?? {}) as { progressToken?: unknown; requestId?: unknown };
      const relatedTo = method === 'notifications/progress' ? byToken.get(text(params.progressToken))
        : method === 'notifications/cancelled' ? pending.get(`${e.direction}:${text(params.requestId)}`)?.seq ?? findRequest(rows, params.requestId)
          : onlyPending(pending, e.direction === 'in' ? 'out' : 'in');
      rows.push({ seq, time: e.time, kind: 'notification', direction: e.direction, method, event: e, ...(relatedTo !== undefined ? { relatedTo } : {}), summary: `${method} ${short(m.params)}` });
    } else if (id !== undefined || 'error' in m) {
      // A response travels the other way from its request.
      const key = `${e.direction === 'in' ? 'out' : 'in'}:${text(id)}`;
      const req = pending.get(key) ?? pending.get(`${e.direction === 'in' ? 'out' : 'in'}:${Number(id)}`);
      const err = m.error === undefined ? undefined : errorOf(m.error);
      if (req && req.direction === 'out' && req.method && (m.result as { resultType?: unknown } | undefined)?.resultType === 'input_required') {
        const p = ((req.event.kind === 'message' ? (req.event.message as { params?: unknown }).params : undefined) ?? {}) as Record<string, unknown>;
        rounds.set(target(req.method, p), { first: req.round ? req.relatedTo ?? req.seq : req.seq, round: req.round ?? 1 });
      }
      if (req) {
        pending.delete(`${req.direction}:${req.id}`);
        req.responseSeq = seq;
        req.durationMs = e.time - req.time;
        if (err) req.error = err;
      }
      rows.push({
        seq, time: e.time, kind: 'response', direction: e.direction, ...(id !== undefined ? { id: id as string | number } : {}), event: e,
        ...(req ? { method: req.method, relatedTo: req.seq } : {}), ...(err ? { error: err } : {}),
        summary: `${req?.method ?? 'response'} #${text(id)} ${err ? `error ${text(err.code)}: ${text(err.message)}` : short(m.result)}`,
      });
    }
  }
  const bySeq = new Map(rows.map(r => [r.seq, r]));
  for (const r of rows) {
    const to = r.relatedTo === undefined ? undefined : bySeq.get(r.relatedTo);
    if (to?.id !== undefined) r.related = `${r.kind === 'response' ? 'answers' : r.round ? `round ${r.round} of` : 'for'} ${to.method ?? 'request'} #${text(to.id)}`;
  }
  return rows;
}

/** A row shown for a run of identical notifications (same method, direction and call), with how many. */
export type ShownRow = TrafficRow & { readonly repeats?: number };

/** For display: consecutive notifications of the same method for the same call become one row (the last
 *  one's, with the count), so 500 progress notifications do not bury the rest. Exports keep every row. */
export function groupRepeats(rows: readonly TrafficRow[]): ShownRow[] {
  const out: ShownRow[] = [];
  for (const r of rows) {
    const prev = out[out.length - 1];
    if (prev && r.kind === 'notification' && prev.kind === 'notification' && prev.method === r.method && prev.direction === r.direction && prev.relatedTo === r.relatedTo) {
      out[out.length - 1] = { ...r, repeats: (prev.repeats ?? 1) + 1 };
    } else out.push(r);
  }
  return out;
}

/** Local wall-clock time with milliseconds (HH:MM:SS.mmm), as the traffic view shows it. */
export function localTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

function onlyPending(pending: Map<string, TrafficRow>, direction: 'out' | 'in'): number | undefined {
  const open = [...pending.values()].filter(r => r.direction === direction);
  return open.length === 1 ? open[0].seq : undefined;
}

/** A JSON-RPC error as the rows keep it, whatever shape the server gave it. */
function errorOf(e: unknown): { code: number; message: string } {
  const o = (e && typeof e === 'object' ? e : {}) as { code?: unknown; message?: unknown };
  const numeric = typeof o.code === 'number';
  return { code: numeric ? o.code as number : 0, message: `${text(o.message ?? (e && typeof e === 'object' ? '' : e))}${numeric || o.code === undefined ? '' : ` (code ${text(o.code)})`}` };
}

function findRequest(rows: TrafficRow[], id: unknown): number | undefined {
  return rows.find(r => r.kind === 'request' && r.direction === 'out' && r.id === id)?.seq;
}

export interface TrafficFilter { readonly text?: string; readonly kinds?: readonly TrafficRow['kind'][] }

/**
 * Rows whose method or summary contains `text` (case-insensitive), of the given kinds. The traffic panel's
 * page runs this very function (its source is inlined there), so it may use nothing but its arguments.
 */
export function filterRows(rows: readonly TrafficRow[], f: TrafficFilter): TrafficRow[] {
  const needle = f.text?.trim().toLowerCase();
  return rows.filter(r => (!f.kinds || f.kinds.includes(r.kind)) && (!needle || r.summary.toLowerCase().includes(needle) || (r.method ?? '').toLowerCase().includes(needle)));
}

/** JSON Lines: one redacted event per line, with the pairing. The events are already redacted by the engine. */
export function toJsonLines(connection: string, rows: readonly TrafficRow[]): string {
  return rows.map(r => JSON.stringify({
    connection, seq: r.seq, time: new Date(r.time).toISOString(), kind: r.kind, direction: r.direction, method: r.method, id: r.id,
    relatedTo: r.relatedTo, related: r.related, round: r.round, responseSeq: r.responseSeq, durationMs: r.durationMs !== undefined ? Math.round(r.durationMs * 10) / 10 : undefined,
    error: r.error, event: r.event,
  })).join('\n') + (rows.length ? '\n' : '');
}
