// Figures, their verdicts, the table and bench/results.json.
// A figure compares our code (the candidate) with a baseline measured in the same run; `ratio` is always
// a cost ratio, candidate / baseline (time per call, or baseline throughput / our throughput), so lower
// is better and 1.00 means "adds nothing". A few figures are absolute (sizes, the load time in ms): their
// target is on the value, and the ratio is still given where a baseline exists.
import { readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { round } from './stats';

export type Part = 'calls' | 'agentcore' | 'activation' | 'scale' | 'cli';
export const PARTS: readonly Part[] = ['calls', 'agentcore', 'activation', 'scale', 'cli'];

export interface Side {
  /** What was measured, e.g. "raw SDK Client" or "McpConnection + callTool". */
  readonly label: string;
  /** The headline number of this side, in the figure's unit. */
  readonly value: number;
  /** Raw numbers: summaries, counts, samples. */
  readonly raw?: unknown;
}

export interface Target {
  /** What the target is on: the ratio (candidate / baseline) or the candidate's value. */
  readonly on: 'ratio' | 'value';
  readonly max: number;
  /** `<` instead of `≤`. */
  readonly strict?: boolean;
  /** In --quick mode only figures with `gate` can fail the run (at 2× the target). */
  readonly gate: boolean;
}

export type Status = 'pass' | 'MISS' | 'GROSS' | 'info' | 'skipped' | 'error';

export interface Figure {
  readonly part: Part;
  readonly name: string;
  readonly unit: string;
  readonly baseline?: Side;
  readonly candidate: Side;
  readonly ratio?: number;
  readonly target?: Target;
  readonly note?: string;
  status?: Status;
}

/** A figure whose ratio is computed from the two sides. */
export function compare(part: Part, name: string, unit: string, baseline: Side, candidate: Side, extra: { target?: Target; note?: string; higherIsBetter?: boolean } = {}): Figure {
  const ratio = extra.higherIsBetter ? baseline.value / candidate.value : candidate.value / baseline.value;
  return { part, name, unit, baseline, candidate, ratio, ...(extra.target ? { target: extra.target } : {}), ...(extra.note ? { note: extra.note } : {}) };
}

export const ratioTarget = (max: number, gate = true): Target => ({ on: 'ratio', max, gate });
export const valueTarget = (max: number, o: { strict?: boolean; gate?: boolean } = {}): Target => ({ on: 'value', max, strict: o.strict, gate: o.gate ?? true });

function within(x: number, max: number, strict: boolean | undefined): boolean {
  return Number.isFinite(x) && (strict ? x < max : x <= max);
}

/**
 * The verdict: pass within the target, MISS beyond it. In quick mode a gated figure beyond twice the
 * target is GROSS (the only status that fails CI).
 */
export function judge(f: Figure, quick: boolean): Status {
  if (f.status === 'skipped' || f.status === 'error') return f.status;
  if (!f.target) return 'info';
  const x = f.target.on === 'ratio' ? f.ratio ?? NaN : f.candidate.value;
  if (within(x, f.target.max, f.target.strict)) return 'pass';
  if (quick && f.target.gate && !within(x, 2 * f.target.max, f.target.strict)) return 'GROSS';
  return 'MISS';
}

export interface Machine {
  readonly cpus: number;
  readonly model: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
  readonly loadAverage: readonly number[];
}

export function machine(): Machine {
  let model = os.cpus()[0]?.model ?? 'unknown';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) model = m[1].trim();
  } catch { /* not Linux */ }
  return {
    cpus: os.cpus().length, model, memoryGiB: round(os.totalmem() / 2 ** 30), node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`, loadAverage: os.loadavg().map(round),
  };
}

const fmt = (x: number | undefined, unit = ''): string => {
  if (x === undefined || !Number.isFinite(x)) return '—';
  const v = round(x);
  return `${v.toLocaleString('en-US', { maximumFractionDigits: 3 })}${unit ? ` ${unit}` : ''}`;
};

function targetText(t: Target | undefined, unit: string): string {
  if (!t) return '';
  const op = t.strict ? '<' : '≤';
  return t.on === 'ratio' ? `${op} ${t.max}×` : `${op} ${fmt(t.max, unit)}`;
}

/** The table, one row per figure, plus the notes under it. */
export function table(figures: readonly Figure[]): string {
  const head = ['part', 'figure', 'baseline', 'ours', 'ratio', 'target', 'status'];
  const rows = figures.map(f => [
    f.part, f.name,
    f.baseline ? fmt(f.baseline.value, f.unit) : '—',
    fmt(f.candidate.value, f.unit),
    f.ratio !== undefined && Number.isFinite(f.ratio) ? `${f.ratio.toFixed(2)}×` : '—',
    targetText(f.target, f.unit),
    f.status ?? '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 2 && i <= 4 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const out = [line(head), widths.map(w => '-'.repeat(w)).join('  '), ...rows.map(line)];
  // Each note once, under the first figure it belongs to.
  const seen = new Set<string>();
  const notes = figures.filter(f => f.note && !seen.has(f.note) && seen.add(f.note)).map(f => `  [${f.part}] ${f.name}: ${f.note}`);
  if (notes.length) out.push('', 'notes:', ...notes);
  return out.join('\n');
}

export interface Results {
  readonly mode: 'full' | 'quick';
  readonly startedAt: string;
  readonly durationS: number;
  readonly machine: Machine & { readonly loadAverageAtEnd: readonly number[] };
  readonly warnings: { readonly abortSignalMaxListeners: number; readonly other: readonly string[] };
  readonly conventions: string;
  readonly parts: Record<string, { readonly status: 'ran' | 'skipped' | 'error'; readonly seconds?: number; readonly reason?: string; readonly setup?: unknown }>;
  readonly figures: readonly Figure[];
  readonly summary: { readonly pass: number; readonly miss: number; readonly gross: number; readonly info: number; readonly skipped: number; readonly error: number };
}

export function writeResults(file: string, r: Results): void {
  writeFileSync(file, `${JSON.stringify(r, (_k, v: unknown) => (typeof v === 'number' ? round(v) : v), 2)}\n`);
}
