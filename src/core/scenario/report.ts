// Plain-text reports of scenario runs: "spec" for people, TAP 13 and JUnit XML for CI systems. One test
// per step, one suite per scenario file; a scenario that could not even load or start is one failing test.
import * as path from 'node:path';
import type { Failure } from './expect';
import type { ScenarioResult, StepResult } from './run';

export type ReporterName = 'spec' | 'tap' | 'junit';
export const reporterNames: readonly ReporterName[] = ['spec', 'tap', 'junit'];

export interface ReportOptions {
  /** File paths are shown relative to this folder. */
  readonly cwd?: string;
}

interface Case { readonly suite: ScenarioResult; readonly step?: StepResult; readonly name: string; readonly failures: readonly Failure[]; readonly skipped: boolean; readonly seconds: number }

/** Tests as reported: the steps, or the scenario itself when it failed before any step could run. */
function cases(r: ScenarioResult): Case[] {
  if (!r.steps.length) return [{ suite: r, name: r.name, failures: [{ expectation: 'scenario', message: r.error ?? 'no steps' }], skipped: false, seconds: r.durationMs / 1000 }];
  return r.steps.map(s => ({ suite: r, step: s, name: s.name, failures: s.failures, skipped: !!s.skipped, seconds: s.durationMs / 1000 }));
}

const shown = (v: unknown, max = 300): string => {
  const t = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
  return t.length > max ? `${t.slice(0, max)}…` : t;
};
const rel = (file: string | undefined, o: ReportOptions) => {
  if (!file || !o.cwd) return file;
  const r = path.relative(o.cwd, file);
  return r && !r.startsWith('..') && !path.isAbsolute(r) ? r : file; // outside the folder: the full path reads better
};
const duration = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);
const totals = (results: readonly ScenarioResult[]) => {
  const all = results.flatMap(cases);
  return { all, failed: all.filter(c => !c.skipped && c.failures.length).length, skipped: all.filter(c => c.skipped).length, passed: all.filter(c => !c.skipped && !c.failures.length).length };
};

export function specReport(results: readonly ScenarioResult[], o: ReportOptions = {}): string {
  const out: string[] = [];
  for (const r of results) {
    out.push(`${r.passed ? '✓' : '✗'} ${r.name}${r.file ? `  ${rel(r.file, o)}` : ''}`);
    for (const c of cases(r)) {
      const mark = c.skipped ? '-' : c.failures.length ? '✗' : '✓';
      out.push(`    ${mark} ${c.name}${c.skipped ? ' (skipped)' : ` (${duration(c.seconds * 1000)})`}`);
      // The dialogue in the order it happened.
      const asked = [...(c.step?.elicitations ?? []).map(e => ({ seq: e.seq, line: `elicitation ${shown(e.message.split('\n')[0], 70)} → ${e.result ? `${e.result.action}${e.result.content ? ` ${shown(e.result.content, 120)}` : ''}` : 'not answered'}` })),
        ...(c.step?.samplings ?? []).map(s => ({ seq: s.seq, line: `sampling ${shown(s.prompt, 70)} → ${s.reply !== undefined ? shown(s.reply, 80) : 'not answered'}` }))];
      for (const a of asked.sort((x, y) => x.seq - y.seq)) out.push(`        ${a.line}`);
      if (c.step?.progress.length) out.push(`        progress: ${c.step.progress.length} notification${c.step.progress.length === 1 ? '' : 's'}`);
      for (const f of c.failures) {
        out.push(`        ${f.expectation}: ${f.message}`);
        if (f.expected !== undefined) out.push(`          expected: ${shown(f.expected)}`);
        if (f.expected !== undefined || f.actual !== undefined) out.push(`          actual:   ${f.actual === undefined ? '(nothing)' : shown(f.actual)}`);
      }
    }
  }
  const t = totals(results);
  const ms = results.reduce((n, r) => n + r.durationMs, 0);
  out.push('', `${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ''} (${results.length} scenario${results.length === 1 ? '' : 's'}, ${duration(ms)})`);
  return `${out.join('\n')}\n`;
}

/** TAP 13: a plan line, one test point per step, YAML diagnostics for failures. */
export function tapReport(results: readonly ScenarioResult[], o: ReportOptions = {}): string {
  const t = totals(results);
  const out = ['TAP version 13', `1..${t.all.length}`];
  t.all.forEach((c, i) => {
    const title = `${c.suite.name} › ${c.name}`.replace(/#/g, '\\#').replace(/\n/g, ' ');
    if (c.skipped) { out.push(`ok ${i + 1} - ${title} # SKIP ${c.suite.error ?? 'not run'}`); return; }
    out.push(`${c.failures.length ? 'not ok' : 'ok'} ${i + 1} - ${title}`);
    if (!c.failures.length) return;
    const loc = c.step?.location ?? c.suite.location;
    out.push('  ---');
    if (c.suite.file) out.push(`  file: ${JSON.stringify(rel(c.suite.file, o))}`);
    if (loc) out.push(`  line: ${loc.line}`);
    out.push(`  duration_ms: ${Math.round(c.seconds * 1000)}`, '  failures:');
    for (const f of c.failures) {
      out.push(`    - expectation: ${JSON.stringify(f.expectation)}`, `      message: ${JSON.stringify(f.message)}`);
      if (f.expected !== undefined) out.push(`      expected: ${JSON.stringify(f.expected)}`);
      if (f.actual !== undefined) out.push(`      actual: ${JSON.stringify(f.actual)}`);
    }
    out.push('  ...');
  });
  out.push(`# tests ${t.all.length}`, `# pass ${t.passed}`, `# fail ${t.failed}`, ...(t.skipped ? [`# skip ${t.skipped}`] : []));
  return `${out.join('\n')}\n`;
}

// XML 1.0 allows tab, newline and carriage return among the control characters; the rest are dropped.
const xml = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
  .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
/** In attributes a newline would be read as a space: keep it. */
const attr = (s: string) => xml(s).replace(/\n/g, '&#10;');
const secs = (n: number) => n.toFixed(3);

/** JUnit XML as Jenkins, GitLab and GitHub test reporters read it: a testsuite per scenario. */
export function junitReport(results: readonly ScenarioResult[], o: ReportOptions = {}): string {
  const t = totals(results);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="agentcore-mcp" tests="${t.all.length}" failures="${t.failed}" errors="0" skipped="${t.skipped}" time="${secs(results.reduce((n, r) => n + r.durationMs, 0) / 1000)}">`];
  for (const r of results) {
    const cs = cases(r);
    const file = rel(r.file, o);
    out.push(`  <testsuite name="${xml(r.name)}" tests="${cs.length}" failures="${cs.filter(c => !c.skipped && c.failures.length).length}" errors="0" skipped="${cs.filter(c => c.skipped).length}" time="${secs(r.durationMs / 1000)}"${file ? ` file="${xml(file)}"` : ''}>`);
    for (const c of cs) {
      const line = c.step?.location?.line ?? r.location?.line;
      const attrs = `classname="${xml(r.name)}" name="${xml(c.name)}" time="${secs(c.seconds)}"${file ? ` file="${xml(file)}"` : ''}${line ? ` line="${line}"` : ''}`;
      if (c.skipped) { out.push(`    <testcase ${attrs}><skipped message="${attr(r.error ?? 'not run')}"/></testcase>`); continue; }
      if (!c.failures.length) { out.push(`    <testcase ${attrs}/>`); continue; }
      const body = c.failures.map(f => [`${f.expectation}: ${f.message}`,
        ...(f.expected !== undefined ? [`expected: ${shown(f.expected, 2000)}`] : []), ...(f.actual !== undefined ? [`actual: ${shown(f.actual, 2000)}`] : [])].join('\n')).join('\n\n');
      out.push(`    <testcase ${attrs}>`, `      <failure message="${attr(c.failures[0].message)}" type="${attr(c.failures[0].expectation)}">${xml(body)}</failure>`, '    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

export function report(name: ReporterName, results: readonly ScenarioResult[], o: ReportOptions = {}): string {
  return name === 'tap' ? tapReport(results, o) : name === 'junit' ? junitReport(results, o) : specReport(results, o);
}
