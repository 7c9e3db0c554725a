// The Testing view's "MCP Scenarios": scenario files as suites, steps as tests, a Run profile, and a
// CodeLens above each scenario and step in the file that runs it the same way.
import * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/manager';
import type { Handlers } from '../connections/host';
import type { Logs } from '../logs';
import { SCENARIO_GLOB, ScenarioFiles } from './discover';
import type { ScenarioResult } from '../../core/scenario/run';
import { ScenarioRunner } from './run';
import { DisposableStore } from '../disposables';

export const RUN_SCENARIO_COMMAND = 'agentcoreMcp.runScenario';

export class ScenarioTests implements vscode.Disposable {
  readonly controller = vscode.tests.createTestController('agentcoreMcp.scenarios', 'MCP Scenarios');
  readonly files = new ScenarioFiles(this.controller);
  /** The last result per scenario file path (for the extension's API). */
  readonly results = new Map<string, ScenarioResult>();
  private readonly runner: ScenarioRunner;
  private readonly profile: vscode.TestRunProfile;
  private readonly disposables = new DisposableStore();

  constructor(manager: ConnectionManager, logs: Logs, handlers: Handlers) {
    this.runner = new ScenarioRunner(this.controller, this.files, manager, logs, handlers, r => { if (r.file) this.results.set(r.file, r); });
    this.controller.resolveHandler = async item => { if (!item) await this.files.discoverAll(); };
    this.controller.refreshHandler = () => this.files.discoverAll();
    this.profile = this.controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, (req, token) => this.runner.run(req, token), true);
    // Does the server work for clients of both eras? The same scenarios, with the era fixed.
    for (const protocol of ['2025-11-25', '2026-07-28'] as const) {
      this.disposables.addAll(this.controller.createRunProfile(`Run in MCP ${protocol}`, vscode.TestRunProfileKind.Run, (req, token) => this.runner.run(req, token, protocol), false));
    }
    this.disposables.addAll(vscode.languages.registerCodeLensProvider({ pattern: SCENARIO_GLOB }, new ScenarioLenses(this.files)));
  }

  /** Runs a scenario file, or one of its steps, as the Testing view would (the CodeLens command). */
  async run(uri: vscode.Uri, step?: number): Promise<void> {
    const suite = await this.files.update(uri);
    const item = step === undefined ? suite : suite.children.get(`${suite.id}#${step}`);
    if (!item) throw new Error(`The scenario has no step ${step}.`);
    const cts = new vscode.CancellationTokenSource();
    try {
      await this.profile.runHandler(new vscode.TestRunRequest([item], undefined, this.profile), cts.token);
    } finally {
      cts.dispose();
    }
  }

  dispose(): void {
    this.disposables.dispose();
    this.files.dispose();
    this.profile.dispose();
    this.controller.dispose();
  }
}

class ScenarioLenses implements vscode.CodeLensProvider {
  constructor(private readonly files: ScenarioFiles) {}

  async provideCodeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    await this.files.update(doc.uri).catch(() => undefined);
    const loaded = this.files.loaded.get(doc.uri.toString());
    if (!loaded) return [];
    const line = (n: number | undefined) => new vscode.Range((n ?? 1) - 1, 0, (n ?? 1) - 1, 0);
    return [
      new vscode.CodeLens(line(loaded.location?.line), { title: '$(run-all) Run scenario', command: RUN_SCENARIO_COMMAND, arguments: [doc.uri] }),
      ...loaded.stepLocations.map((loc, i) => new vscode.CodeLens(line(loc?.line), { title: '$(run) Run step', command: RUN_SCENARIO_COMMAND, arguments: [doc.uri, i] })),
    ];
  }
}
