// URL-mode elicitation: show the whole URL with its domain as the headline (punycode decoded and
// flagged), open it only with the person's consent, and show that we wait for the server's
// notifications/elicitation/complete. Also used for the -32042 "URL elicitation required" error.
import type { ElicitResult } from '@modelcontextprotocol/client';
import * as vscode from 'vscode';
import type { UrlDescription } from '../../core/elicitation/url';
import type { EngineModule } from '../engine';
import { Cancelled, pick } from '../quickInput';

export interface UrlRequest { readonly message: string; readonly url: string; readonly elicitationId: string }

type Choice = vscode.QuickPickItem & { action: 'open' | 'copy' | 'decline' };

function domainLine(d: UrlDescription): string {
  return d.isPunycode ? `${d.hostUnicode} (written ${d.host})` : d.host;
}

/** Asks consent and opens the URL. Resolves to the answer for the server. */
export async function askUrl(e: EngineModule, connection: string, req: UrlRequest, signal?: AbortSignal): Promise<ElicitResult> {
  const d = e.elicitation.describeUrl(req.url);
  if (!d.ok) {
    void vscode.window.showWarningMessage(`${connection} asked you to open a URL that was refused: ${d.reason}`);
    return { action: 'decline' };
  }
  const warnings = d.warnings.length ? ` $(warning) ${d.warnings.join(' ')}` : '';
  const items: Choice[] = [
    { label: `$(link-external) Open ${domainLine(d)}`, action: 'open', description: d.isHttps ? '' : 'not https', detail: `${d.display.before}${d.display.domain}${d.display.after}` },
    { label: '$(copy) Copy the URL and open it yourself', action: 'copy' },
    { label: '$(circle-slash) Decline', action: 'decline', detail: `Tell ${connection} you will not open it` },
  ];
  let chosen: Choice;
  try {
    chosen = await pick({
      title: `${connection} asks you to open a page on ${domainLine(d)}`, items,
      placeholder: `${req.message}${warnings}`.slice(0, 400), ...(signal ? { signal } : {}),
    });
  } catch (err) {
    if (err instanceof Cancelled) return { action: 'cancel' };
    throw err;
  }
  if (chosen.action === 'decline') return { action: 'decline' };
  if (chosen.action === 'copy') await vscode.env.clipboard.writeText(d.url);
  else await vscode.env.openExternal(vscode.Uri.parse(d.url, true));
  return { action: 'accept' };
}

/**
 * Shows that we wait for the server to say the out-of-band step finished. Resolves when
 * notifications/elicitation/complete arrives for the id, the person dismisses the wait, or `until` settles.
 */
export function waitForCompletion(connection: string, host: string, completed: Promise<void>, until?: Promise<unknown>): Thenable<'completed' | 'dismissed' | 'ended'> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Waiting for ${host} to finish (${connection})…`, cancellable: true }, (_p, token) =>
    new Promise(resolve => {
      void completed.then(() => resolve('completed'));
      void until?.then(() => resolve('ended'), () => resolve('ended'));
      token.onCancellationRequested(() => resolve('dismissed'));
    }));
}

/**
 * For a -32042 error: waits (with a quick pick the person can answer) until the server reports the step
 * complete, or the person says they finished. Resolves true to retry the call, false to give up.
 */
export async function waitToRetry(connection: string, host: string, completed: Promise<void>): Promise<boolean> {
  const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { retry: boolean }>();
  qp.title = `Waiting for ${host} to finish (${connection})…`;
  qp.placeholder = 'The call is retried as soon as the server reports the step complete.';
  qp.items = [{ label: '$(sync) I have finished: retry now', retry: true }, { label: '$(close) Give up', retry: false }];
  qp.busy = true;
  qp.ignoreFocusOut = true;
  try {
    return await new Promise<boolean>(resolve => {
      void completed.then(() => resolve(true));
      qp.onDidAccept(() => resolve(qp.selectedItems[0]?.retry ?? false));
      qp.onDidHide(() => resolve(false));
      qp.show();
    });
  } finally {
    qp.dispose();
  }
}
