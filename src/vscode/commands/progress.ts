// Runs a request the person started under a cancellable progress notification. Progress notifications
// from the server move the bar (increments computed from progress/total; no total means indeterminate);
// Cancel aborts the request, which sends notifications/cancelled. Storms of progress notifications are
// throttled to a few UI updates a second; the last one always shows.
import * as vscode from 'vscode';

export type Progress = { progress: number; total?: number; message?: string };

export function runWithProgress<T>(title: string, run: (signal: AbortSignal, onprogress: (p: Progress) => void) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort(new Error('Cancelled by the user')));
    let shown = 0; // percent already reported
    let latest: Progress | undefined;
    let timer: NodeJS.Timeout | undefined;
    const flush = () => {
      timer = undefined;
      if (!latest) return;
      const p = latest;
      latest = undefined;
      const text = p.message ?? (p.total ? `${p.progress} of ${p.total}` : `${p.progress}`);
      if (p.total && p.total > 0) {
        const pct = Math.min(100, (p.progress / p.total) * 100);
        progress.report({ message: text, increment: Math.max(0, pct - shown) });
        shown = Math.max(shown, pct);
      } else {
        progress.report({ message: text });
      }
    };
    const onprogress = (p: Progress) => {
      latest = p;
      timer ??= setTimeout(flush, 100);
    };
    return run(abort.signal, onprogress).finally(() => {
      if (timer) clearTimeout(timer);
      flush();
      sub.dispose();
    });
  });
}
