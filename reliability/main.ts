// npm run reliability: what a hostile or broken server, a flaky network and load do to our client, as
// counts. Every part prints its figures; the targets are 0 crashes, hangs, unclear rejections, lost or
// misdelivered answers and leaked secrets. Exit 1 when a target is missed.
//   node out/reliability/main.js [--quick] [--seed N] [--only schemas,…]
// --quick (CI) runs fewer generated cases; a full run generates at least 10,000 of each kind.
import { runFaults } from './faults';
import { runLoad } from './load';
import { fuzzMessages } from './messages';
import { fuzzSchemas } from './schemas';
import type { Tally } from './tally';

const PARTS = ['schemas', 'messages', 'load', 'faults'] as const;
type Part = typeof PARTS[number];

function parseArgs(argv: string[]): { quick: boolean; seed: number; only: Part[] } {
  const o = { quick: false, seed: Date.now() % 2 ** 31, only: [...PARTS] as Part[] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') o.quick = true;
    else if (a === '--seed' && argv[i + 1]) o.seed = Number(argv[++i]);
    else if (a === '--only' && argv[i + 1]) o.only = argv[++i].split(',') as Part[];
    else throw new Error(`unknown argument ${a}; usage: node out/reliability/main.js [--quick] [--seed N] [--only ${PARTS.join(',')}]`);
  }
  return o;
}

function line(name: string, t: Tally): string {
  const c = t.counts;
  return `${name.padEnd(34)} ${String(t.total).padStart(7)} ${`${c.handled} (${t.accepted} ok)`.padStart(16)} ${String(c.unclear).padStart(8)} ${String(c.crash).padStart(6)} ${String(c.hang).padStart(5)} ${t.slowestMs.toFixed(1).padStart(10)}`;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  process.stdout.write(`reliability suite (seed ${o.seed}${o.quick ? ', quick' : ''}): reproduce with --seed ${o.seed}\n\n`);
  let bad = 0;
  const rows: Array<[string, Tally]> = [];
  if (o.only.includes('schemas')) {
    const r = fuzzSchemas(o.quick ? 1_000 : 10_000, o.seed);
    rows.push(['fuzz: elicitation requestedSchema', r.elicitation], ['fuzz: tool inputSchema', r.tools], ['extremes: size, depth, patterns', r.extremes]);
  }
  const notes: string[] = [];
  if (o.only.includes('messages')) {
    const r = await fuzzMessages(o.quick ? 1_000 : 10_000, o.seed);
    rows.push(['fuzz: server messages (requests)', r.tally]);
    notes.push(`server messages: ${r.messages} generated messages answered ${r.tally.total} requests; ${r.reconnects} reconnects; ${r.logLines} log lines; peak RSS ${r.peakRssMb.toFixed(0)} MB`);
    if (process.env.RELIABILITY_VERBOSE) for (const [m, n] of r.reasons.slice(0, 25)) notes.push(`  ${String(n).padStart(5)} × ${m}`);
  }
  if (o.only.includes('load')) {
    const r = await runLoad(10, 20, o.quick ? 1 : 5);
    const miss = r.lost + r.misdelivered + r.progressMissing + r.secretLeaks + (r.secretsChecked < 10 ? 1 : 0);
    bad += miss;
    notes.push(`load: 10 connections x 20 concurrent calls x ${o.quick ? 1 : 5} rounds, each with progress and a question: ${r.calls} calls, `
      + `${r.lost} lost, ${r.misdelivered} answered with another call's answer, ${r.progressMissing} without their progress; ${r.callsPerSecond.toFixed(0)} calls/s`);
    notes.push(`secrets: ${r.secretsChecked} of 10 secret header values reached the server; occurrences in logs, traffic rows, traffic exports and saved scenarios: ${r.secretLeaks}${r.leakWhere.length ? ` (${r.leakWhere.join('; ')})` : ''}`);
  }
  if (o.only.includes('faults')) {
    const runs = o.quick ? 3 : 10;
    notes.push(`faults (${runs} runs each): survived = the call succeeded; right state = failed clearly and worked again`);
    for (const f of await runFaults(runs)) {
      const miss = f.runs - f.survived - f.rightState;
      bad += miss;
      notes.push(`  ${f.fault.padEnd(42)} survived ${f.survived}, right state ${f.rightState}, wrong ${miss}${f.wrong.length ? ` (${f.wrong.join('; ')})` : ''}`);
    }
  }
  process.stdout.write(`${'part'.padEnd(34)} ${'cases'.padStart(7)} ${'handled (accepted)'.padStart(16)} ${'unclear'.padStart(8)} ${'crash'.padStart(6)} ${'hang'.padStart(5)} ${'slowest ms'.padStart(10)}\n`);
  for (const [name, t] of rows) {
    process.stdout.write(`${line(name, t)}\n`);
    bad += t.bad;
  }
  for (const n of notes) process.stdout.write(`${n}\n`);
  for (const [name, t] of rows) {
    for (const x of t.examples) process.stdout.write(`\n${name} · ${x.outcome}: ${x.what}\n  input: ${x.input}\n`);
  }
  process.stdout.write(`\n${bad ? `${bad} case(s) missed the target of 0` : 'every target met'}\n`);
  process.exitCode = bad ? 1 : 0;
}

main().catch(e => { process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`); process.exit(2); });
