// Answers elicitation/create for a connection: form mode as quick inputs, URL mode with consent. One
// question at a time across all connections. An unsupported schema is refused with a JSON-RPC error
// that says why, and the person is told; nothing throws into the UI.
import type { ElicitResult } from '@modelcontextprotocol/client';
import * as vscode from 'vscode';
import type { ElicitParams, RequestContext } from '../../core/connections/host';
import type { ConnectionManager } from '../connections/manager';
import { engine } from '../engine';
import { Setting } from '../ids';
import { askForm, type ReviewMode } from './form';
import { Queue } from './queue';
import { askUrl, waitForCompletion } from './url';

export interface ElicitationRecord { readonly connection: string; readonly message: string; readonly mode: 'form' | 'url'; readonly result: ElicitResult; readonly time: number }

export class Elicitations {
  /** Every answer given, newest last (for "Save Last Call as Scenario"). */
  readonly history: ElicitationRecord[] = [];

  constructor(private readonly manager: ConnectionManager, private readonly queue: Queue) {}

  handler(connection: string): (params: ElicitParams, ctx: RequestContext) => Promise<ElicitResult> {
    return (params, ctx) => this.queue.run(async () => {
      const result = await this.answer(connection, params, ctx);
      this.history.push({ connection, message: String((params as { message?: unknown }).message ?? ''), mode: (params as { mode?: string }).mode === 'url' ? 'url' : 'form', result, time: Date.now() });
      if (this.history.length > 100) this.history.shift();
      return result;
    });
  }

  private async answer(connection: string, params: ElicitParams, ctx: RequestContext): Promise<ElicitResult> {
    const e = engine();
    if (ctx.signal.aborted) return { action: 'cancel' };
    const parsed = e.elicitation.parseElicitRequest(params);
    if (!parsed.ok) {
      void vscode.window.showWarningMessage(`${connection} asked a question this client cannot show, so it was refused: ${parsed.reason}`);
      throw new e.McpError(-32602, `Unsupported elicitation request: ${parsed.reason}`);
    }
    if (parsed.mode === 'form') {
      const review = vscode.workspace.getConfiguration(Setting.section).get<ReviewMode>(Setting.elicitationReview) ?? 'auto';
      return askForm(e, connection, parsed.form, ctx.signal, ['auto', 'always', 'never'].includes(review) ? review : 'auto');
    }
    const conn = this.manager.connection(connection);
    let sub: { dispose(): void } | undefined;
    const completed = new Promise<void>(resolve => {
      sub = conn.onElicitationComplete(id => { if (id === parsed.elicitationId) resolve(); });
    });
    const result = await askUrl(e, connection, { message: parsed.message, url: parsed.link.url, elicitationId: parsed.elicitationId }, ctx.signal);
    if (result.action !== 'accept') { sub?.dispose(); return result; }
    // Not awaited: the server learns of the consent now, and tells us when the step is done.
    const timeout = new Promise(r => setTimeout(r, 10 * 60_000));
    void waitForCompletion(connection, parsed.link.hostUnicode, completed, timeout).then(() => sub?.dispose());
    return result;
  }
}
