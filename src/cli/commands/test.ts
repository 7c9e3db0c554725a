// agentcore-mcp test <files or globs>: runs scenario files one after another through the same runner
// VS Code's Test Explorer uses, and reports them (spec, TAP or JUnit). A file that does not load is
// reported as a failing test with its located problems; the other files still run.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { LoadedScenario } from '../../core/scenario/format';
import { loadScenarioFile, SCENARIO_SUFFIX, ScenarioFileError } from '../../core/scenario/load';
import { report, ReporterName, reporterNames } from '../../core/scenario/report';
import { runScenario, ScenarioResult } from '../../core/scenario/run';
import { LEGACY, MODERN, protocolChoices, type ProtocolChoice } from '../../core/connections/era';
import { flag, parse, str, UsageError } from '../args';
import { expandFiles } from '../glob';
import { FileOAuthStore } from '../oauthStore';
import { cliHost, printer, secretLookup } from '../host';
import { samplerFromOptions } from '../sampling';

export async function testCommand(argv: string[]): Promise<number> {
  const p = parse('test', argv, {
    reporter: { type: 'string' }, output: { type: 'string' }, workspace: { type: 'string' }, protocol: { type: 'string' },
    verbose: { type: 'boolean', short: 'v' }, traffic: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    sampling: { type: 'string' }, profile: { type: 'string' }, region: { type: 'string' },
  });
  if ((str(p, 'profile') ?? str(p, 'region')) !== undefined && str(p, 'sampling') === undefined) throw new UsageError('--profile and --region go with --sampling bedrock:<model id> (a scenario\'s connection says how it signs).', 'test');
  const reporter = (str(p, 'reporter') ?? 'spec') as ReporterName;
  if (!reporterNames.includes(reporter)) throw new UsageError(`--reporter must be ${reporterNames.join(', ')}; got "${reporter}".`, 'test');
  if (!p.positionals.length) throw new UsageError(`give scenario files, folders or globs, e.g. agentcore-mcp test "test/scenarios/*${SCENARIO_SUFFIX}".`, 'test');
  const { files, unmatched } = expandFiles(p.positionals, SCENARIO_SUFFIX);
  if (unmatched.length) throw new UsageError(`nothing matches ${unmatched.map(u => `"${u}"`).join(', ')}.`, 'test');

  // --protocol both: every file once per era, named "<scenario> [<version>]", and a matrix on stderr.
  const asked = str(p, 'protocol');
  if (asked !== undefined && asked !== 'both' && !(protocolChoices as readonly string[]).includes(asked)) {
    throw new UsageError(`--protocol takes both, ${protocolChoices.join(', ')}; got "${asked}".`, 'test');
  }
  const eras: Array<ProtocolChoice | undefined> = asked === 'both' ? [LEGACY, MODERN] : [asked as ProtocolChoice | undefined];
  const verbose = flag(p, 'verbose');
  const print = printer();
  // Scenarios whose answers say "live" are answered by the Bedrock model given.
  const live = await samplerFromOptions(p, 'test', undefined, print, verbose);
  const results: ScenarioResult[] = [];
  for (const file of files) {
    let loaded: LoadedScenario;
    try {
      loaded = loadScenarioFile(file, str(p, 'workspace'));
    } catch (e) {
      if (!(e instanceof ScenarioFileError)) throw e;
      results.push({ name: path.relative(process.cwd(), file) || file, file, passed: false, durationMs: 0, error: `the file cannot be used:\n${e.message}`, steps: [] });
      continue;
    }
    const secret = secretLookup({ flags: false }, print.redactor);
    // Servers that ask for a sign-in use the tokens "agentcore-mcp login" kept; a test run opens no browser.
    const host = { ...cliHost({ print, verbosity: { verbose, quiet: !verbose, traffic: flag(p, 'traffic') }, secret, ...(loaded.workspaceFolder ? { workspaceFolder: loaded.workspaceFolder } : {}) }), oauth: { store: new FileOAuthStore() } };
    for (const protocol of eras) {
      if (verbose) print.err(`running ${file}${protocol ? ` (protocol ${protocol})` : ''}`);
      const r = await runScenario(loaded, { host, ...(protocol ? { protocol } : {}), ...(live ? { liveSampler: live.sample } : {}) });
      results.push(asked === 'both' ? { ...r, name: `${r.name} [${protocol}]` } : r);
    }
  }
  if (asked === 'both') print.err(eraMatrix(results));
  const text = print.redactor.text(report(reporter, results, { cwd: process.cwd() }));
  const output = str(p, 'output');
  if (output) writeFileSync(output, text); else process.stdout.write(text);
  return results.every(r => r.passed) ? 0 : 1;
}

/** One row per scenario, one column per era: where a server works in one era and not the other. */
function eraMatrix(results: readonly ScenarioResult[]): string {
  const rows = new Map<string, Record<string, string>>();
  for (const r of results) {
    const m = /^(.*) \[([^\]]+)\]$/.exec(r.name);
    if (!m) continue;
    rows.set(m[1], { ...rows.get(m[1]), [m[2]]: r.passed ? 'pass' : 'FAIL' });
  }
  const width = Math.max(8, ...[...rows.keys()].map(k => k.length));
  const line = (a: string, b: string, c: string) => `${a.padEnd(width)}  ${b.padEnd(10)}  ${c}`;
  return [line('scenario', LEGACY, MODERN), ...[...rows].map(([k, v]) => line(k, v[LEGACY] ?? '-', v[MODERN] ?? '-'))].join('\n');
}
