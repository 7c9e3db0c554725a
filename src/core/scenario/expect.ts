// Checks one step's outcome against its expectations. Each failure says which expectation, what was
// expected and what was seen, so a report (or the Test Explorer's diff) can show expected vs actual.
import { isDeepStrictEqual } from 'node:util';
import type { CallToolResult, GetPromptResult, ReadResourceResult } from '@modelcontextprotocol/client';
import type { ElicitationSeen, SamplingSeen } from './answers';
import type { Expectations, StepKind } from './format';

export interface Failure {
  /** The expectation's key ("contains", "structured /status", …), or "request" / "answers". */
  readonly expectation: string;
  readonly message: string;
  readonly expected?: unknown;
  readonly actual?: unknown;
}

export interface StepOutcome {
  readonly kind: StepKind;
  readonly result?: CallToolResult | ReadResourceResult | GetPromptResult;
  /** The request failed (JSON-RPC error, timeout, connection lost). */
  readonly error?: string;
  readonly outputCheck?: { readonly valid: boolean; readonly message?: string };
  readonly progress: number;
  /** The final status of the MCP task the call ran as; absent when it was not a task. */
  readonly taskStatus?: string;
  readonly elicitations: readonly ElicitationSeen[];
  readonly samplings: readonly SamplingSeen[];
}

const list = (v: string | readonly string[] | undefined): readonly string[] => (v === undefined ? [] : typeof v === 'string' ? [v] : v);

/** The text a step produced: text content of a tool result, text contents of a resource, prompt messages. */
export function resultText(kind: StepKind, result: StepOutcome['result']): string {
  if (!result) return '';
  const blocks = (kind === 'call' ? (result as CallToolResult).content ?? []
    : kind === 'prompt' ? (result as GetPromptResult).messages.map(m => m.content) : []) as Array<Record<string, unknown>>;
  if (kind === 'read') return (result as ReadResourceResult).contents.map(c => ('text' in c && typeof c.text === 'string' ? c.text : '')).filter(Boolean).join('\n');
  return blocks.map(b => {
    if (b.type === 'text') return String(b.text);
    const r = b.type === 'resource' ? b.resource as Record<string, unknown> : undefined;
    return r && typeof r.text === 'string' ? r.text : '';
  }).filter(Boolean).join('\n');
}

/** RFC 6901 pointer lookup; `found: false` when a segment does not exist. */
export function lookup(doc: unknown, pointer: string): { found: boolean; value?: unknown } {
  if (pointer === '') return { found: true, value: doc };
  let cur = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur) && /^(0|[1-9]\d*)$/.test(key) && Number(key) < cur.length) cur = cur[Number(key)];
    else if (typeof cur === 'object' && cur !== null && !Array.isArray(cur) && Object.prototype.hasOwnProperty.call(cur, key)) cur = (cur as Record<string, unknown>)[key];
    else return { found: false };
  }
  return { found: true, value: cur };
}

const excerpt = (s: string, max = 500) => (s.length > max ? `${s.slice(0, max)}… (${s.length} characters)` : s);

function inOrder(what: string, patterns: readonly string[], seen: readonly string[], out: Failure[]): void {
  const bad = patterns.length !== seen.length || patterns.some((p, i) => !new RegExp(p).test(seen[i]));
  if (bad) out.push({ expectation: what, message: `expected ${patterns.length} ${what} matching, in order, but ${seen.length} ${seen.length === 1 ? 'was' : 'were'} asked`, expected: [...patterns], actual: [...seen] });
}

export function evaluate(expect: Expectations | undefined, o: StepOutcome): Failure[] {
  const e = expect ?? {};
  const out: Failure[] = [];
  if (e.taskStatus !== undefined && o.taskStatus !== e.taskStatus) {
    out.push({ expectation: 'taskStatus', message: o.taskStatus === undefined ? 'expected the call to run as an MCP task, but it did not' : `the task ended "${o.taskStatus}"${o.error ? `: ${o.error}` : ''}`, expected: e.taskStatus, actual: o.taskStatus });
  }
  const expectedEnd = e.taskStatus !== undefined && e.taskStatus !== 'completed' && o.taskStatus === e.taskStatus;
  if (o.error !== undefined && expectedEnd && e.error === undefined) {
    // A task expected to fail or be cancelled: its error is the outcome, not a failed request.
  } else if (o.error !== undefined) {
    if (e.error === undefined) out.push({ expectation: 'request', message: `the request failed: ${o.error}`, actual: o.error });
    else if (!new RegExp(e.error).test(o.error)) out.push({ expectation: 'error', message: 'the request failed with another error', expected: e.error, actual: o.error });
  } else if (e.error !== undefined) {
    out.push({ expectation: 'error', message: 'expected the request to fail, but it succeeded', expected: e.error, actual: o.kind === 'call' && (o.result as CallToolResult | undefined)?.isError ? 'an isError result (not a JSON-RPC error)' : 'success' });
  }
  // Answers that did not fit, or requests nothing answered, fail the step whatever else was expected.
  for (const s of [...o.elicitations, ...o.samplings]) if (s.problem) out.push({ expectation: 'answers', message: s.problem });
  if (o.result) {
    const text = resultText(o.kind, o.result);
    if (o.kind === 'call') {
      const isError = (o.result as CallToolResult).isError === true;
      const want = e.isError ?? false;
      if (isError !== want) out.push({ expectation: 'isError', message: want ? 'expected the tool to report an error (isError), but it succeeded' : `the tool reported an error (isError): ${excerpt(text, 300)}`, expected: want, actual: isError });
      if (o.outputCheck && !o.outputCheck.valid) out.push({ expectation: 'outputSchema', message: o.outputCheck.message ?? 'structuredContent does not match the tool\'s outputSchema' });
      for (const [pointer, expected] of Object.entries(e.structured ?? {})) {
        const sc = (o.result as CallToolResult).structuredContent;
        const got = sc === undefined ? { found: false } : lookup(sc, pointer);
        if (!got.found) out.push({ expectation: `structured ${pointer}`, message: sc === undefined ? 'the result has no structuredContent' : `structuredContent has nothing at ${pointer || '(the root)'}`, expected, actual: sc === undefined ? undefined : '(absent)' });
        else if (!isDeepStrictEqual(got.value, expected)) out.push({ expectation: `structured ${pointer}`, message: `structuredContent${pointer} differs`, expected, actual: got.value });
      }
    }
    for (const c of list(e.contains)) if (!text.includes(c)) out.push({ expectation: 'contains', message: `the text does not contain ${JSON.stringify(c)}`, expected: c, actual: excerpt(text) });
    for (const m of list(e.matches)) if (!new RegExp(m).test(text)) out.push({ expectation: 'matches', message: `the text does not match /${m}/`, expected: m, actual: excerpt(text) });
  }
  if (e.progress !== undefined) {
    const p = typeof e.progress === 'number' ? { atLeast: e.progress, atMost: e.progress } : e.progress;
    const n = o.progress;
    if ((p.atLeast !== undefined && n < p.atLeast) || (p.atMost !== undefined && n > p.atMost)) {
      const want = typeof e.progress === 'number' ? `${e.progress}` : [p.atLeast !== undefined ? `at least ${p.atLeast}` : '', p.atMost !== undefined ? `at most ${p.atMost}` : ''].filter(Boolean).join(' and ');
      out.push({ expectation: 'progress', message: `expected ${want} progress notifications, saw ${n}`, expected: e.progress, actual: n });
    }
  }
  if (e.elicitations) inOrder('elicitations', e.elicitations, o.elicitations.map(s => s.message), out);
  if (e.sampling) inOrder('sampling requests', e.sampling, o.samplings.map(s => s.prompt), out);
  return out;
}
