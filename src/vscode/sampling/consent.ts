// Per-connection consent for sampling: the first request shows who asks and what, and offers Allow once,
// Always for this connection, Deny, or Never for this connection. Lasting answers are remembered in
// global state until "AgentCore MCP: Reset Sampling Permissions", bound to the connection's identity (its
// name, who defined it and what it reaches): a workspace that reuses the name gets asked afresh.
import * as vscode from 'vscode';
import { Cancelled, pick } from '../quickInput';

const key = 'agentcoreMcp.sampling.consent';
type Lasting = 'always' | 'never';

export class SamplingConsent {
  /** `show` opens a text (the whole request, as JSON) in a read-only editor. */
  constructor(private readonly state: vscode.Memento, private readonly show: (title: string, json: string) => Promise<unknown>) {}

  private all(): Record<string, Lasting> { return this.state.get<Record<string, Lasting>>(key) ?? {}; }

  remembered(identity: string): Lasting | undefined { return this.all()[identity]; }

  async remember(identity: string, answer: Lasting): Promise<void> {
    await this.state.update(key, { ...this.all(), [identity]: answer });
  }

  async reset(): Promise<number> {
    const n = Object.keys(this.all()).length;
    await this.state.update(key, undefined);
    return n;
  }

  /** Resolves true when the request may go to the model. `summary.whole` is what the server sent, shown on
   *  "Show the whole request" (the summary in the first row is cut to a line). */
  async ask(connection: string, identity: string, summary: { title: string; detail: string; whole: () => string }, modelName: string, signal: AbortSignal): Promise<boolean> {
    const lasting = this.remembered(identity);
    if (lasting) return lasting === 'always';
    type Item = vscode.QuickPickItem & { answer: 'once' | 'always' | 'deny' | 'never' | 'show' };
    const items: Item[] = [
      { label: '$(check) Allow once', answer: 'once', detail: summary.detail },
      { label: `$(check-all) Always allow for ${connection}`, answer: 'always' },
      { label: '$(circle-slash) Deny', answer: 'deny' },
      { label: `$(error) Never for ${connection}`, answer: 'never' },
      { label: '$(json) Show the whole request', answer: 'show', description: 'opens it beside, then asks again' },
    ];
    let chosen: Item;
    for (;;) {
      try {
        // The title says who asks for which model once (summary.title said it again, and pushed the rest out).
        chosen = await pick({ title: `${connection} asks to use ${modelName}`.slice(0, 200), items, placeholder: `Let ${connection} send this request to ${modelName}?`, signal });
      } catch (e) {
        if (e instanceof Cancelled) return false;
        throw e;
      }
      if (chosen.answer !== 'show') break;
      await this.show(`sampling request from ${connection}`, summary.whole());
    }
    if (chosen.answer === 'always' || chosen.answer === 'never') await this.remember(identity, chosen.answer);
    return chosen.answer === 'once' || chosen.answer === 'always';
  }
}
