// Finds scenario files (*.mcp-scenario.json) in the workspace and mirrors each as a test suite with one
// test per step, at the step's line. Kept in step with the files on disk; a file that does not parse
// shows its error on the suite.
import * as vscode from 'vscode';
import type { LoadedScenario } from '../../core/scenario/format';
import { engine } from '../engine';
import { DisposableStore } from '../disposables';

export const SCENARIO_GLOB = '**/*.mcp-scenario.json';

export interface ScenarioItem { readonly loaded?: LoadedScenario }

export class ScenarioFiles implements vscode.Disposable {
  /** What each suite item was built from, by item id (the file's URI). */
  readonly loaded = new Map<string, LoadedScenario>();
  private readonly disposables = new DisposableStore();

  constructor(private readonly controller: vscode.TestController) {
    const watcher = vscode.workspace.createFileSystemWatcher(SCENARIO_GLOB);
    this.disposables.addAll(
      watcher,
      watcher.onDidCreate(u => void this.update(u)),
      watcher.onDidChange(u => void this.update(u)),
      watcher.onDidDelete(u => { this.controller.items.delete(u.toString()); this.loaded.delete(u.toString()); }),
    );
  }

  async discoverAll(): Promise<void> {
    const files = await vscode.workspace.findFiles(SCENARIO_GLOB, '**/node_modules/**');
    await Promise.all(files.map(u => this.update(u)));
  }

  async update(uri: vscode.Uri): Promise<vscode.TestItem> {
    const id = uri.toString();
    const name = uri.path.split('/').pop()!.replace(/\.mcp-scenario\.json$/, '');
    const item = this.controller.items.get(id) ?? this.controller.createTestItem(id, name, uri);
    this.controller.items.add(item);
    const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
    try {
      const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
      const loaded = engine().scenario.loadScenarioText(text, uri.fsPath, folder);
      this.loaded.set(id, loaded);
      item.error = undefined;
      item.label = engine().scenario.scenarioName(loaded);
      item.range = loaded.location ? at(loaded.location.line) : undefined;
      item.children.replace(loaded.scenario.steps.map((s, i) => {
        const child = this.controller.createTestItem(`${id}#${i}`, engine().scenario.stepName(s, i), uri);
        const loc = loaded.stepLocations[i];
        if (loc) child.range = at(loc.line);
        return child;
      }));
    } catch (e) {
      this.loaded.delete(id);
      item.children.replace([]);
      item.error = new vscode.MarkdownString(`This scenario file cannot be read: ${(e as Error).message}`);
    }
    return item;
  }

  dispose(): void { this.disposables.dispose(); }
}

/** A one-line range at a 1-based line number. */
export const at = (line: number) => new vscode.Range(line - 1, 0, line - 1, 0);
