// Small statistics for the benchmarks: order statistics of samples, and the alternation of a baseline
// and a candidate so that drift on a shared machine (other processes, CPU frequency, GC) falls on both.

export interface Summary {
  readonly n: number;
  readonly median: number;
  readonly p95: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
}

/** The q-quantile (0..1) of sorted values, linearly interpolated between neighbours. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  return {
    n: s.length,
    median: quantile(s, 0.5),
    p95: quantile(s, 0.95),
    mean: s.reduce((a, b) => a + b, 0) / (s.length || 1),
    min: s[0] ?? NaN,
    max: s[s.length - 1] ?? NaN,
  };
}

export const median = (samples: readonly number[]): number => summarize(samples).median;

/** Rounds for the report: 3 significant digits, at most 3 decimals. */
export function round(x: number): number {
  if (!Number.isFinite(x)) return x;
  const digits = Math.max(0, Math.min(3, 2 - Math.floor(Math.log10(Math.abs(x) || 1))));
  return Number(x.toFixed(digits));
}

/**
 * Runs `rounds` rounds of both sides, alternating which goes first (A B, B A, A B, …), so that a slow
 * patch of the machine hits both sides alike.
 */
export async function alternate(rounds: number, baseline: (round: number) => Promise<void>, candidate: (round: number) => Promise<void>): Promise<void> {
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) { await baseline(r); await candidate(r); } else { await candidate(r); await baseline(r); }
  }
}

/** Times one async call in milliseconds. */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}
