// Dev mode for stdio servers: a connection's `watch` globs (relative to the workspace folder) restart it
// when a matching file changes, debounced so a build that writes many files restarts it once. After the
// restart the tree and open resource documents follow, and the log says what the server now offers
// differently from the previous run.
import * as vscode from 'vscode';
import type { Catalog } from '../../core/connections/diff';
import type { StdioConfig } from '../../core/connections/config';
import { engine } from '../engine';
import { DisposableStore } from '../disposables';

export interface WatchTarget {
  /** Restarts the connection; resolves when it runs again (or failed to). */
  restart(reason: string): Promise<void>;
  /** Lists everything the running server offers. */
  catalog(): Promise<Catalog>;
  log(level: 'info' | 'warn', message: string): void;
  /** Re-reads open documents of this connection. */
  refreshDocuments(): void;
}

export function watchConnection(config: StdioConfig, target: WatchTarget, debounceMs = 400): vscode.Disposable {
  const disposables = new DisposableStore();
  let timer: NodeJS.Timeout | undefined;
  let changed = new Set<string>();
  let previous: Catalog | undefined;
  const since = Date.now();
  const fire = async (uri: vscode.Uri, deleted = false) => {
    // File watchers can deliver events late: a file last written before we started watching is not news.
    if (!deleted) {
      const stat = await vscode.workspace.fs.stat(uri).then(s => s, () => undefined);
      if (stat && stat.mtime < since) return;
    }
    changed.add(vscode.workspace.asRelativePath(uri));
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void restart(), debounceMs);
  };
  const restart = async () => {
    const files = [...changed];
    changed = new Set();
    const listing = (when: string) => target.catalog().catch((e: unknown) => { target.log('warn', `Listing what the server offers ${when} failed, so no comparison: ${(e as Error).message}`); return undefined; });
    previous ??= await listing('before the restart');
    await target.restart(`${files.slice(0, 3).join(', ')}${files.length > 3 ? ` and ${files.length - 3} more` : ''} changed`);
    const now = await listing('after the restart');
    if (previous && now) {
      const lines = engine().diffCatalogs(previous, now);
      target.log('info', lines.length ? `Since the previous run: ${lines.join('; ')}` : 'Since the previous run: no change in tools, resources or prompts.');
    }
    previous = now ?? previous;
    target.refreshDocuments();
  };
  const folder = vscode.workspace.workspaceFolders?.[0];
  for (const glob of config.watch ?? []) {
    const pattern = folder && !glob.startsWith('/') ? new vscode.RelativePattern(folder, glob) : glob;
    const w = vscode.workspace.createFileSystemWatcher(pattern);
    disposables.addAll(w, w.onDidChange(u => void fire(u)), w.onDidCreate(u => void fire(u)), w.onDidDelete(u => void fire(u, true)));
  }
  // Remember what the server offered before the first change, so the first restart has a diff too
  // (nothing is listed, and nothing started, for a connection that is not running).
  void (async () => { try { previous = await target.catalog(); } catch { /* not running yet */ } })();
  return { dispose: () => { if (timer) clearTimeout(timer); disposables.dispose(); } };
}
