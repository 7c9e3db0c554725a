// npm run bench: the benchmarks of issue 7. Each figure is a ratio against a baseline measured in the
// same run (warmed up, alternating baseline and candidate), on loopback only. Prints a table and writes
// bench/results.json.
//   node out/bench/main.js [--quick] [--only <part>[,<part>…]] [--skip-vscode] [--out <file>]
// Parts: calls, agentcore, activation, scale, cli. --quick (CI): fewer iterations, and exit 1 only when
// a gated figure is beyond twice its target; a full run marks misses (MISS) and exits 0.
import * as path from 'node:path';
import { runActivation } from './activation';
import { runAgentCore } from './agentcore';
import { runCalls } from './calls';
import { runCli } from './cli';
import { closeAll, installExitHandlers, interrupted, repo } from './procs';
import { Figure, judge, machine, Part, PARTS, Results, table, writeResults } from './report';
import { runScale } from './scale';

interface Options { quick: boolean; only: Part[]; skipVscode: boolean; out: string }

function parseArgs(argv: string[]): Options {
  const o: Options = { quick: false, only: [...PARTS], skipVscode: false, out: path.join(repo, 'bench', 'results.json') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') o.quick = true;
    else if (a === '--skip-vscode') o.skipVscode = true;
    else if (a === '--only' && argv[i + 1]) {
      const parts = argv[++i].split(',').map(s => s.trim()).filter(Boolean);
      const bad = parts.filter(p => !PARTS.includes(p as Part));
      if (bad.length) throw new Error(`unknown part ${bad.join(', ')}; parts: ${PARTS.join(', ')}`);
      o.only = parts as Part[];
    } else if (a === '--out' && argv[i + 1]) o.out = path.resolve(argv[++i]);
    else if (a === '--help' || a === '-h') {
      process.stdout.write('node out/bench/main.js [--quick] [--only calls,agentcore,activation,scale,cli] [--skip-vscode] [--out <file>]\n');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

const CONVENTIONS = 'ratio = ours / baseline as a cost (time per call, or baseline throughput / our throughput): lower is better, 1.00 adds nothing. '
  + 'Targets apply to the ratio or, for absolute figures (ms, bytes), to our value. Full run: beyond target = MISS (exit 0). '
  + '--quick: a gated figure beyond 2x its target = GROSS (exit 1); p95 figures are not gated.';

/**
 * undici's fetch adds an abort listener per request to the signal it is given, and removes it only when
 * the request is garbage collected; the SDK's HTTP transport passes one signal for all its requests, so
 * after 1,500 requests between two major GCs Node prints a MaxListenersExceededWarning per request, for
 * the raw SDK and for us alike. Printing thousands of them would distort the timing of whichever side
 * crossed the line first: they are counted instead (results.json, "warnings"). Other warnings print.
 */
const warnings = { abortSignalMaxListeners: 0, other: [] as string[] };
function quietAbortSignalWarnings(): void {
  process.removeAllListeners('warning');
  process.on('warning', w => {
    if (w.name === 'MaxListenersExceededWarning' && /AbortSignal/.test(w.message)) { warnings.abortSignalMaxListeners++; return; }
    warnings.other.push(`${w.name}: ${w.message}`);
    process.stderr.write(`(bench) ${w.name}: ${w.message}\n`);
  });
}

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2));
  installExitHandlers();
  quietAbortSignalWarnings();
  const started = Date.now();
  const m = machine();
  console.log(`bench (${o.quick ? 'quick' : 'full'}): ${m.cpus} × ${m.model}, ${m.memoryGiB} GiB, Node ${m.node}, load ${m.loadAverage.join(' ')}`);
  const figures: Figure[] = [];
  const parts: Results['parts'] = {};
  const runners: Record<Part, () => Promise<Figure[] | { figures: Figure[]; setup?: unknown }>> = {
    calls: () => runCalls(o.quick),
    agentcore: () => runAgentCore(o.quick),
    activation: () => runActivation(o.quick, { skipVscode: o.skipVscode }),
    scale: () => runScale(o.quick),
    cli: () => runCli(o.quick),
  };
  for (const part of PARTS) {
    if (interrupted()) break;
    if (!o.only.includes(part)) { parts[part] = { status: 'skipped', reason: '--only' }; continue; }
    const t = Date.now();
    process.stdout.write(`- ${part}… `);
    try {
      const r = await runners[part]();
      const got = Array.isArray(r) ? r : r.figures;
      for (const f of got) f.status = judge(f, o.quick);
      figures.push(...got);
      parts[part] = { status: 'ran', seconds: (Date.now() - t) / 1000, ...(!Array.isArray(r) && r.setup ? { setup: r.setup } : {}) };
      console.log(`${((Date.now() - t) / 1000).toFixed(1)} s`);
    } catch (e) {
      if (interrupted()) break;
      const reason = (e as Error).stack ?? String(e);
      parts[part] = { status: 'error', seconds: (Date.now() - t) / 1000, reason };
      figures.push({ part, name: `${part} failed`, unit: '', candidate: { label: 'error', value: NaN }, status: 'error', note: (e as Error).message.split('\n')[0] });
      console.log(`failed: ${reason}`);
    } finally {
      await closeAll(); // whatever the part left running
    }
  }
  if (interrupted()) return new Promise<number>(() => undefined); // the exit handler ends the process
  const count = (s: string) => figures.filter(f => f.status === s).length;
  const summary = { pass: count('pass'), miss: count('MISS'), gross: count('GROSS'), info: count('info'), skipped: count('skipped'), error: count('error') };
  console.log(`\n${table(figures)}\n`);
  writeResults(o.out, {
    mode: o.quick ? 'quick' : 'full', startedAt: new Date(started).toISOString(), durationS: (Date.now() - started) / 1000,
    machine: { ...m, loadAverageAtEnd: machine().loadAverage }, conventions: CONVENTIONS, parts, warnings, figures, summary,
  });
  console.log(`${summary.pass} pass, ${summary.miss} miss, ${summary.gross} gross, ${summary.error} error, ${summary.skipped} skipped, ${summary.info} info · ${((Date.now() - started) / 1000).toFixed(0)} s · ${path.relative(process.cwd(), o.out) || o.out}`);
  // A part that could not run at all is a failure in either mode: it would hide a regression.
  if (summary.error) return 1;
  return o.quick && summary.gross ? 1 : 0;
}

// Exit once stdout has drained: keep-alive sockets of fetch would otherwise hold the process a while.
const exit = (code: number) => { process.stdout.write('', () => process.exit(code)); };
main().then(exit, async (e: unknown) => {
  console.error(`bench: ${(e as Error).message}`);
  await closeAll();
  exit(2);
});
