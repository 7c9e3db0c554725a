// One wrapper for every command: a failure is logged once and shown with what to do next; the person
// cancelling a flow is not an error.
import * as vscode from 'vscode';
import { Back, Cancelled } from '../quickInput';

export interface Reporter {
  showLog(connection?: string): void;
  /** Reconnects a connection in another protocol era (offered when a failure says the server used it). */
  reconnectIn?(connection: string, protocol: string): Promise<unknown>;
}

function isCancellation(e: unknown): boolean {
  return e instanceof Cancelled || e instanceof Back || (e instanceof Error && e.name === 'CancelledError');
}

export function registerCommand(id: string, fn: (...args: never[]) => unknown, reporter: Reporter): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: never[]) => {
    try {
      return await fn(...args);
    } catch (e) {
      if (isCancellation(e)) return undefined;
      const err = e as Error & { nextStep?: string; connection?: string; suggest?: string };
      const text = `${err.message}${err.nextStep ? ` ${err.nextStep}` : ''}`;
      console.error(`[agentcore-mcp] ${id} failed:`, e);
      // An EraMismatchError: the server asked the other era's way; offer to try that era now.
      const reconnect = err.suggest && err.connection && reporter.reconnectIn ? `Reconnect in ${err.suggest}` : undefined;
      void vscode.window.showErrorMessage(text, ...(reconnect ? [reconnect] : []), 'Show Log').then(choice => {
        if (choice === reconnect && reconnect) void reporter.reconnectIn!(err.connection!, err.suggest!);
        else if (choice) reporter.showLog(err.connection);
      });
      return undefined;
    }
  });
}
