// Runs scenario files from the Testing view (and CodeLens): each step is a test, run through the core's
// scenario engine with this window's connections, secrets and logs; a failure is shown at the failing
// step with expected vs actual. "sampling": "live" answers through vscode.lm.
import * as vscode from 'vscode';
import type { ConnectionConfig } from '../../core/connections/config';
import type { ProtocolChoice } from '../../core/connections/era';
import type { Failure } from '../../core/scenario/expect';
import type { LoadedScenario } from '../../core/scenario/format';
import type { ScenarioResult, StepResult } from '../../core/scenario/run';
import type { ConnectionManager } from '../connections/manager';
import { makeHost, Handlers } from '../connections/host';
import { engine } from '../engine';
import type { Logs } from '../logs';
import { at, ScenarioFiles } from './discover';

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v, null, 2) ?? String(v));

function messages(step: StepResult, uri: vscode.Uri | undefined): vscode.TestMessage[] {
  const list = step.failures.length ? step.failures : [{ expectation: 'request', message: step.error ?? 'failed' } as Failure];
  return list.map(f => {
    const m = f.expected !== undefined || f.actual !== undefined
      ? vscode.TestMessage.diff(`${f.expectation}: ${f.message}`, show(f.expected), show(f.actual))
      : new vscode.TestMessage(`${f.expectation}: ${f.message}`);
    if (uri && step.location) m.location = new vscode.Location(uri, at(step.location.line));
    return m;
  });
}

export class ScenarioRunner {
  constructor(private readonly controller: vscode.TestController, private readonly files: ScenarioFiles, private readonly manager: ConnectionManager,
    private readonly logs: Logs, private readonly handlers: Handlers, private readonly onResult: (r: ScenarioResult) => void = () => undefined) {}

  /** `protocol`: the era to run in whatever the connection says (the "Run in 2025-11-25 / 2026-07-28" profiles). */
  async run(request: vscode.TestRunRequest, token: vscode.CancellationToken, protocol?: ProtocolChoice): Promise<void> {
    const run = this.controller.createTestRun(request, protocol ? `protocol ${protocol}` : undefined);
    const suites = new Map<vscode.TestItem, Set<number> | undefined>();
    const queue = request.include ?? [...this.collect()];
    for (const item of queue) {
      const suite = item.parent ?? item;
      if (item.parent) {
        const only = suites.get(suite) ?? new Set<number>();
        only.add(Number(item.id.split('#').pop()));
        if (!suites.has(suite) || suites.get(suite) !== undefined) suites.set(suite, only);
      } else {
        suites.set(suite, undefined); // the whole file
      }
    }
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      for (const [suite, only] of suites) {
        if (token.isCancellationRequested) break;
        await this.runSuite(run, suite, only, abort.signal, protocol);
      }
    } finally {
      sub.dispose();
      run.end();
    }
  }

  private *collect(): Iterable<vscode.TestItem> { for (const [, item] of this.controller.items) yield item; }

  private async runSuite(run: vscode.TestRun, suite: vscode.TestItem, only: Set<number> | undefined, signal: AbortSignal, protocol?: ProtocolChoice): Promise<ScenarioResult | undefined> {
    const loaded = this.files.loaded.get(suite.id) ?? (suite.uri ? (await this.files.update(suite.uri), this.files.loaded.get(suite.id)) : undefined);
    if (!loaded) { run.errored(suite, new vscode.TestMessage(suite.error ? String((suite.error as vscode.MarkdownString).value ?? suite.error) : 'The scenario file cannot be read.')); return undefined; }
    const s = engine().scenario;
    const children = (i: number) => suite.children.get(`${suite.id}#${i}`);
    run.started(suite);
    const name = typeof loaded.scenario.connection === 'string' ? loaded.scenario.connection : (loaded.scenario.connection as { name?: string }).name ?? `scenario ${s.scenarioName(loaded)}`;
    // An inline connection is defined by the scenario file: trusted (and given secrets) as the workspace's.
    const file = `the scenario file ${suite.uri ? vscode.workspace.asRelativePath(suite.uri) : suite.label}`;
    const access = { secrets: this.manager.secrets, trust: this.manager.trust, origin: (c: ConnectionConfig) => typeof loaded.scenario.connection === 'string' ? this.manager.origin(c) : { label: file, workspace: true } };
    const host = makeHost(name, this.logs, access, this.handlers);
    const result = await s.runScenario(loaded, {
      host: { log: host.log, ...(host.clientName ? { clientName: host.clientName } : {}), ...(host.agentcorePlan ? { agentcorePlan: host.agentcorePlan } : {}), ...(host.admit ? { admit: host.admit } : {}), ...(host.secret ? { secret: host.secret } : {}), ...(host.expand ? { expand: host.expand } : {}), ...(host.roots ? { roots: host.roots } : {}), ...(host.timeouts ? { timeouts: host.timeouts } : {}), ...(host.oauth ? { oauth: host.oauth } : {}) },
      ...(host.sample ? { liveSampler: host.sample } : {}),
      resolveConnection: (ref, l) => this.resolve(ref, l),
      signal,
      ...(only ? { only } : {}), ...(protocol ? { protocol } : {}),
      onStepStart: i => { const c = children(i); if (c) run.started(c); },
      onStep: step => {
        const c = children(step.index);
        if (!c) return;
        if (step.skipped) run.skipped(c);
        else if (step.passed) run.passed(c, step.durationMs);
        else run.failed(c, messages(step, suite.uri), step.durationMs);
      },
    });
    this.onResult(result);
    run.appendOutput(engine().scenario.report('spec', [result]).replace(/\n/g, '\r\n'), undefined, suite);
    if (result.error) run.errored(suite, new vscode.TestMessage(result.error));
    else if (result.passed) run.passed(suite, result.durationMs);
    else run.failed(suite, new vscode.TestMessage(`${result.steps.filter(x => !x.passed && !x.skipped).length} step(s) failed`), result.durationMs);
    return result;
  }

  /** A named connection comes from this window's settings (user and workspace); inline ones as written. */
  private resolve(ref: string | Readonly<Record<string, unknown>>, loaded: LoadedScenario): ConnectionConfig {
    if (typeof ref === 'string') {
      const entry = this.manager.get(ref);
      if (!entry) throw new Error(`There is no connection named "${ref}" in this window's settings (agentcoreMcp.connections).`);
      if (entry.refusal) throw new Error(entry.refusal.message);
      return entry.config;
    }
    return engine().scenario.resolveConnectionRef(ref, loaded.workspaceFolder, engine().scenario.scenarioName(loaded));
  }
}
