// The servers the benchmarks talk to, and the per-call measurement shared by the local (calls.ts) and
// AgentCore (agentcore.ts) parts.
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { compare, Figure, Part, ratioTarget } from './report';
import type { Served } from './serve';
import { defer, killGroup, repo, serverCommand, spawnTracked } from './procs';
import { summarize, Summary } from './stats';

export const everythingScript = path.join(repo, 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');
/** server-everything over stdio, run by this Node (on the server CPUs while the client is pinned). */
export const everythingStdio = () => serverCommand(process.execPath, [everythingScript, 'stdio']);
export const fixtureScript = (name: string) => path.join(repo, 'out', 'test', 'fixtures', 'servers', `${name}.js`);

/** Starts bench/serve.js in a child process; `close` ends it (also registered with the closers). */
export async function startServer(emulator: boolean): Promise<Served & { close(): Promise<void> }> {
  const cmd = serverCommand(process.execPath, [path.join(__dirname, 'serve.js'), ...(emulator ? ['--emulator'] : [])]);
  const child = spawnTracked(cmd.command, cmd.args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const close = defer(() => new Promise<void>(resolve => {
    if (child.exitCode !== null || child.signalCode !== null) { resolve(); return; }
    const t = setTimeout(() => { killGroup(child, 'SIGKILL'); resolve(); }, 3000);
    child.once('exit', () => { clearTimeout(t); resolve(); });
    child.stdin?.end();
  }));
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', l => { rl.close(); resolve(l); });
    child.once('exit', code => reject(new Error(`the bench server exited (${code}) before it was ready`)));
    child.once('error', reject);
  }).catch(async (e: unknown) => { await close(); throw e; });
  return { ...(JSON.parse(line) as Served), close };
}

/** One side of a per-call comparison: connected, ready to call echo. */
export interface Caller {
  readonly label: string;
  call(): Promise<string>;
  close(): Promise<void>;
}

export interface PerCallPlan {
  readonly sequential: number;
  /** Calls per side before measuring (our code is warmed only by our side's calls, the SDK's by both). */
  readonly warmup: number;
  /** The sequential calls run in alternating blocks of this many calls (small blocks: drift falls on both). */
  readonly block: number;
  readonly concurrency: number;
  /** Calls per concurrent caller per round. */
  readonly perCaller: number;
  /** Alternating rounds of the concurrent run. */
  readonly rounds: number;
}

export const FULL_CALLS: PerCallPlan = { sequential: 1000, warmup: 2000, block: 10, concurrency: 32, perCaller: 20, rounds: 16 };
export const QUICK_CALLS: PerCallPlan = { sequential: 200, warmup: 300, block: 10, concurrency: 32, perCaller: 10, rounds: 4 };

interface SideResult {
  readonly sequential: Summary;
  /** Per concurrent round: calls per second. */
  readonly roundThroughput: number[];
  readonly throughput: Summary;
  /** CPU time of this (client) process per call, in µs, over all measured calls: the servers run elsewhere. */
  readonly cpuUsPerCall: number;
}

const cpuNow = () => { const u = process.cpuUsage(); return (u.user + u.system); };

async function sequentialBlock(c: Caller, n: number, into: number[], cpu: { us: number }): Promise<void> {
  const c0 = cpuNow();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await c.call();
    into.push(performance.now() - t);
  }
  cpu.us += cpuNow() - c0;
}

async function concurrentRound(c: Caller, plan: PerCallPlan, cpu: { us: number }): Promise<number> {
  const c0 = cpuNow();
  const t = performance.now();
  await Promise.all(Array.from({ length: plan.concurrency }, async () => { for (let i = 0; i < plan.perCaller; i++) await c.call(); }));
  const ms = performance.now() - t;
  cpu.us += cpuNow() - c0;
  return (plan.concurrency * plan.perCaller) / (ms / 1000);
}

export interface CallsResult {
  readonly baseline: SideResult;
  readonly candidate: SideResult;
  /** Per round: baseline throughput / candidate throughput (the two ran next to each other). */
  readonly pairedThroughputRatios: number[];
}

/** Runs `run(side)` for every side, in an order rotated by one each round (AB BA, or ABC BCA CAB). */
async function rotate<T>(sides: readonly T[], rounds: number, run: (side: T, index: number) => Promise<void>): Promise<void> {
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < sides.length; k++) {
      const i = (r + k) % sides.length;
      await run(sides[i], i);
    }
  }
}

/**
 * Warms every side up, then runs `sequential` calls on each in small blocks, and `rounds` rounds of
 * `concurrency` callers on each, rotating which side goes first, so that drift of the shared machine
 * falls on all sides. Throughput is compared round by round (sides of one round run next to each other)
 * and the median of those ratios is reported. sides[0] is the baseline; each other side is compared
 * with it (sides[2], when given, is a second baseline: the A/A noise floor measured in the same loop).
 */
export async function measureSides(sides: readonly Caller[], plan: PerCallPlan, expect: string): Promise<CallsResult[]> {
  for (const c of sides) {
    const text = await c.call();
    if (!text.includes(expect)) throw new Error(`${c.label} answered ${JSON.stringify(text)}, expected ${JSON.stringify(expect)}`);
  }
  const ignore = { us: 0 };
  await rotate(sides, 2, c => sequentialBlock(c, plan.warmup / 2, [], ignore));
  const seq = sides.map(() => [] as number[]);
  const cpu = sides.map(() => ({ us: 0 }));
  await rotate(sides, Math.ceil(plan.sequential / plan.block), (c, i) => sequentialBlock(c, plan.block, seq[i], cpu[i]));
  // Two full concurrent rounds each before measuring: the JIT is still ramping up through the first ones.
  await rotate(sides, 2, async c => { await concurrentRound(c, plan, ignore); });
  const conc = sides.map(() => [] as number[]);
  await rotate(sides, plan.rounds, async (c, i) => { conc[i].push(await concurrentRound(c, plan, cpu[i])); });
  const calls = seq[0].length + plan.concurrency * plan.perCaller * plan.rounds;
  const side = (i: number): SideResult => ({
    sequential: summarize(seq[i]), roundThroughput: conc[i], throughput: summarize(conc[i]), cpuUsPerCall: cpu[i].us / calls,
  });
  return sides.slice(1).map((_c, j) => ({
    baseline: side(0), candidate: side(j + 1), pairedThroughputRatios: conc[0].map((b, r) => b / conc[j + 1][r]),
  }));
}

/** One baseline, one candidate. */
export async function measureCalls(baseline: Caller, candidate: Caller, plan: PerCallPlan, expect: string): Promise<CallsResult> {
  return (await measureSides([baseline, candidate], plan, expect))[0];
}

/** The A/A figure: a second raw SDK client against the baseline, measured in the same loop as ours. */
export function noiseFloorFigure(part: Part, what: string, aa: CallsResult): Figure {
  const paired = summarize(aa.pairedThroughputRatios);
  const r = (x: number) => x.toFixed(2);
  return compare(part, `noise floor (A/A): raw SDK vs raw SDK, ${what}, median`, 'ms',
    { label: 'raw SDK', value: aa.baseline.sequential.median, raw: aa.baseline.sequential }, { label: 'a second raw SDK client', value: aa.candidate.sequential.median, raw: aa.candidate },
    { note: `Identical sides measured in the same rotation as ours (${what}): how far from 1.00 this machine puts a ratio. A/A p95 ${r(aa.candidate.sequential.p95 / aa.baseline.sequential.p95)}×, throughput ${r(paired.median)}× (rounds ${r(paired.min)}–${r(paired.max)}×), client CPU per call ${r(aa.candidate.cpuUsPerCall / aa.baseline.cpuUsPerCall)}×.` });
}

/** The figures of a per-call comparison: median, p95 (ms per call), concurrent throughput, client CPU per call. */
export function callFigures(part: Part, what: string, r: CallsResult, labels: { baseline: string; candidate: string }, target: number, plan: PerCallPlan): Figure[] {
  const { baseline: b, candidate: c } = r;
  const n = b.sequential.n;
  const paired = summarize(r.pairedThroughputRatios);
  return [
    compare(part, `${what}: ${n} sequential calls, median`, 'ms', { label: labels.baseline, value: b.sequential.median, raw: b.sequential }, { label: labels.candidate, value: c.sequential.median, raw: c.sequential }, { target: ratioTarget(target) }),
    compare(part, `${what}: ${n} sequential calls, p95`, 'ms', { label: labels.baseline, value: b.sequential.p95 }, { label: labels.candidate, value: c.sequential.p95 },
      { target: ratioTarget(target, false), note: 'checked against the target in full runs; --quick never fails on p95 (tail latency on a shared 2-core machine is noise).' }),
    {
      part, name: `${what}: ${plan.concurrency} concurrent callers, throughput (median of ${plan.rounds} paired rounds)`, unit: 'calls/s',
      baseline: { label: labels.baseline, value: b.throughput.median, raw: { rounds: b.roundThroughput } },
      candidate: { label: labels.candidate, value: c.throughput.median, raw: { rounds: c.roundThroughput } },
      ratio: paired.median, target: ratioTarget(target),
      note: `ratio = median over rounds of (baseline calls/s ÷ ours in the same round); rounds ranged ${paired.min.toFixed(2)}–${paired.max.toFixed(2)}×.`,
    },
    compare(part, `${what}: client CPU per call (all measured calls)`, 'µs', { label: labels.baseline, value: b.cpuUsPerCall }, { label: labels.candidate, value: c.cpuUsPerCall },
      { note: 'CPU time of the benchmark process (the client; servers run in other processes) per call: what our code adds, less exposed to scheduling than latency. No target of its own.' }),
  ];
}

/** The text of an echo result, whatever shape it came in. */
export function resultText(r: unknown): string {
  const content = (r as { content?: { type: string; text?: string }[] }).content ?? [];
  return content.map(x => x.text ?? '').join('');
}
