// Counting outcomes of the reliability suite: every generated input ends as handled (accepted, or refused
// with a reason a person can act on), an unclear rejection, a crash (an exception from our code), or a
// hang (not settled within its budget). Examples of each bad outcome are kept to reproduce them.

export type Outcome = 'handled' | 'unclear' | 'crash' | 'hang';

export class Tally {
  readonly counts: Record<Outcome, number> = { handled: 0, unclear: 0, crash: 0, hang: 0 };
  readonly examples: Array<{ outcome: Outcome; what: string; input: string }> = [];
  /** Of the handled: how many were accepted (the rest were refused with a reason). */
  accepted = 0;
  slowestMs = 0;

  add(outcome: Outcome, what = '', input: unknown = undefined, ms = 0, accepted = false): void {
    this.counts[outcome]++;
    if (outcome === 'handled' && accepted) this.accepted++;
    if (ms > this.slowestMs) this.slowestMs = ms;
    if (outcome !== 'handled' && this.examples.length < 20) this.examples.push({ outcome, what, input: preview(input) });
  }

  get total(): number { return Object.values(this.counts).reduce((a, b) => a + b, 0); }
  get bad(): number { return this.counts.unclear + this.counts.crash + this.counts.hang; }
}

/** Signs that a message comes from a failure in code rather than from a check that says what is wrong. */
const CRASHY = /Cannot read propert|is not a function|is not iterable|undefined is not|of undefined|of null|\[object Object\]|Maximum call stack|^undefined$|^null$/;

function isJson(s: string): boolean {
  try { const v: unknown = JSON.parse(s); return typeof v === 'object' && v !== null; } catch { return false; }
}

/** Whether a rejection tells a person what happened: a non-empty sentence without the marks of a crash. */
export function isClear(message: unknown): boolean {
  // Raw JSON (a schema check's issue list) or a bare JSON.parse error says nothing a person can act on.
  const raw = typeof message === 'string' && (isJson(message) || /^\[\s*\{\s*"/.test(message) || /^(Unexpected (token|end of JSON)|SyntaxError)/.test(message));
  return typeof message === 'string' && message.trim().length >= 8 && !CRASHY.test(message) && !raw;
}

export function preview(v: unknown, max = 300): string {
  let s: string;
  try { s = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v); } catch { s = String(v); }
  return s.length > max ? `${s.slice(0, max)}… (${s.length} characters)` : s;
}

/** Runs `fn` with a time budget; a synchronous function cannot be interrupted, so its time is measured. */
export function timed<T>(fn: () => T): { value?: T; error?: unknown; ms: number } {
  const t0 = performance.now();
  try {
    const value = fn();
    return { value, ms: performance.now() - t0 };
  } catch (error) {
    return { error, ms: performance.now() - t0 };
  }
}
