// The AgentCore runtimes this workspace deployed, from AWS's tools' files (core/agentcore/deployed.ts),
// kept up to date as those files change: `agentcore deploy` rewrites them, and the tree follows.
// The parser lives in the engine, which loads only when a workspace folder holds one of the files.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEPLOYED_FILES, type DeployedRuntime, type Discovered } from '../../core/agentcore/deployedFiles';
import { engine } from '../engine';
import { FileWatch } from './fileWatch';
import type { ConnectionManager } from './manager';

export interface FolderRuntimes { readonly folder: vscode.WorkspaceFolder; readonly found: Discovered }

/** How long a burst of file events (a deploy writes several files) is left to settle. */
const SETTLE_MS = 300;

export class DeployedRuntimes implements vscode.Disposable {
  private found: FolderRuntimes[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly files: FileWatch;
  /** The first reading, after activation. */
  private readonly ready: Promise<void>;

  constructor() {
    // One pattern per file: a brace pattern of paths with slashes ({agentcore/a.json,…}) saw no events. The
    // agentcore folder is watched too: files written at once into a folder just created can come before the
    // file watcher follows that folder (seen in CI), and its creation alone is enough to read them.
    this.files = new FileWatch(() => (vscode.workspace.workspaceFolders ?? []).flatMap(folder =>
      [...DEPLOYED_FILES, 'agentcore'].map(file => new vscode.RelativePattern(folder, file))), () => this.scan(), SETTLE_MS);
    // After activation: loading the engine (when a folder has the files) must not hold it up.
    this.ready = new Promise<void>(r => setImmediate(r)).then(() => this.scan());
  }

  /** Reads the files again now (before offering their runtimes: a file event may still be on its way). */
  async fresh(): Promise<FolderRuntimes[]> {
    await this.ready;
    this.scan();
    return this.found;
  }

  /** The runtimes found (without waiting for a scan under way). */
  get current(): FolderRuntimes[] { return this.found; }

  private scan(): void {
    const next: FolderRuntimes[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      // No file, no engine: most workspaces have none of these.
      if (!DEPLOYED_FILES.some(f => fs.existsSync(path.join(folder.uri.fsPath, f)))) continue;
      next.push({ folder, found: engine().agentcore.discoverIn(folder.uri.fsPath) });
    }
    const before = JSON.stringify(this.found.map(f => [f.folder.uri.toString(), f.found]));
    this.found = next;
    if (JSON.stringify(next.map(f => [f.folder.uri.toString(), f.found])) !== before) this.changed.fire();
  }

  dispose(): void {
    this.files.dispose();
    this.changed.dispose();
  }
}

/** The connection that already reaches `runtime` (same ARN), if any. */
export function connectionOfRuntime(manager: ConnectionManager, runtime: DeployedRuntime): string | undefined {
  return manager.list().find(e => e.config.type === 'agentcore' && e.config.arn === runtime.arn)?.config.name;
}
