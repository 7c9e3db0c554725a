// Files the extension reads for itself (AWS's deploy records, other clients' MCP configs): watched, and
// read again once a burst of changes has settled (a deploy writes several files at once), also when the
// workspace's folders change.
import * as vscode from 'vscode';

export class FileWatch implements vscode.Disposable {
  private watchers: vscode.Disposable[] = [];
  private readonly folders: vscode.Disposable;
  private timer: NodeJS.Timeout | undefined;

  /** `patterns` is asked again when the workspace's folders change; `reread` runs `settleMs` after the last event. */
  constructor(private readonly patterns: () => vscode.RelativePattern[], private readonly reread: () => void, private readonly settleMs: number) {
    this.folders = vscode.workspace.onDidChangeWorkspaceFolders(() => { this.watch(); this.soon(); });
    this.watch();
  }

  /** Reads again once the current burst of events has settled. */
  soon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.timer = undefined; this.reread(); }, this.settleMs);
  }

  private watch(): void {
    this.watchers.forEach(w => w.dispose());
    this.watchers = this.patterns().map(pattern => {
      const w = vscode.workspace.createFileSystemWatcher(pattern);
      w.onDidCreate(() => this.soon());
      w.onDidChange(() => this.soon());
      w.onDidDelete(() => this.soon());
      return w;
    });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.watchers.forEach(w => w.dispose());
    this.folders.dispose();
  }
}
