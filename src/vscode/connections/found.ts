// Servers configured for other MCP clients (core/connections/mcpConfigs.ts), found in this workspace's and
// this user's files and kept up to date as those files change, for the tree's "Found in …" groups.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FileWatch } from './fileWatch';
import { configFiles, MAX_CONFIG_BYTES, readConfig, type ConfigFile, type ReadConfig } from '../../core/connections/mcpConfigs';

export interface FoundFile { readonly file: ConfigFile; readonly read: ReadConfig }

export class FoundConfigs implements vscode.Disposable {
  private found: FoundFile[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly watch: FileWatch;

  constructor() {
    this.watch = new FileWatch(() => this.files().map(f => new vscode.RelativePattern(vscode.Uri.file(path.dirname(f.path)), path.basename(f.path))), () => void this.scan(), 200);
    this.watch.soon();
  }

  get current(): FoundFile[] { return this.found; }

  /** Reads the files again (after a burst of events has settled). */
  soon(): void { this.watch.soon(); }

  private files(): ConfigFile[] {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return configFiles(folder?.scheme === 'file' ? folder.fsPath : undefined);
  }

  private async scan(): Promise<void> {
    const next: FoundFile[] = [];
    for (const file of this.files()) {
      const st = await fs.stat(file.path).catch(() => undefined);
      if (!st?.isFile()) continue;
      if (st.size > MAX_CONFIG_BYTES) { next.push({ file, read: { servers: [], problem: `is ${st.size.toLocaleString('en-US')} bytes: not read` } }); continue; }
      const text = await fs.readFile(file.path, 'utf8').catch((e: Error) => e);
      next.push({ file, read: typeof text === 'string' ? readConfig(text, file.kind) : { servers: [], problem: `could not be read: ${text.message}` } });
    }
    const before = JSON.stringify(this.found);
    this.found = next.filter(f => f.read.servers.length || f.read.problem);
    if (JSON.stringify(this.found) !== before) this.changed.fire();
  }

  dispose(): void {
    this.watch.dispose();
    this.changed.dispose();
  }
}
