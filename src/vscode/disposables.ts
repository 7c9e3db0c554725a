// A small store of disposables, so owners stop keeping hand-made arrays: add() returns what it was given,
// dispose() disposes everything added once (in the order added) and disposes at once whatever is added later.
import type * as vscode from 'vscode';

export class DisposableStore implements vscode.Disposable {
  private items: vscode.Disposable[] = [];
  private disposed = false;

  add<T extends vscode.Disposable>(d: T): T {
    if (this.disposed) d.dispose();
    else this.items.push(d);
    return d;
  }

  addAll(...ds: vscode.Disposable[]): void { for (const d of ds) this.add(d); }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const items = this.items;
    this.items = [];
    for (const d of items) {
      try { d.dispose(); } catch { /* one failing dispose must not keep the rest alive */ }
    }
  }
}
