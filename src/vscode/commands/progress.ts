// Runs a request the person started under a cancellable progress notification. The server's progress
// notifications move the bar through the core's ProgressThrottle (a few updates a second, exact at the
// end); Cancel aborts the request, which sends notifications/cancelled and settles the call.
import * as vscode from 'vscode';
import type { ProgressNote } from '../../core/progress/throttle';
import { engine } from '../engine';

export type Progress = ProgressNote;

/** `quiet` shows progress in the status bar instead of a notification (reads and prompts, usually instant). */
export function runWithProgress<T>(title: string, run: (signal: AbortSignal, onprogress: (p: Progress) => void) => Promise<T>, quiet = false): Thenable<T> {
  const location = quiet ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification;
  return vscode.window.withProgress({ location, title, cancellable: !quiet }, (progress, token) => {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort(new Error('Cancelled by the user')));
    const throttle = new (engine().ProgressThrottle)(u => progress.report(u));
    return run(abort.signal, p => throttle.push(p)).finally(() => {
      throttle.flush();
      throttle.dispose();
      sub.dispose();
      // The notification disappears on Cancel; say what happened (the engine told the server to stop:
      // notifications/cancelled, or on 2026-07-28 by closing the request's stream).
      if (abort.signal.aborted) vscode.window.setStatusBarMessage(`$(circle-slash) ${title}: cancelled, and the server was told to stop.`, 10_000);
    });
  });
}
