// "AgentCore MCP: Show Traffic": a panel per connection listing every JSON-RPC message and HTTP exchange
// (already redacted by the engine), requests paired with their responses, notifications tied to their
// request, with a filter and an export to JSON Lines. Updates live, at most a few times a second.
import * as vscode from 'vscode';
import { groupRepeats, localTime, toRows } from '../../core/traffic/rows';
import type { TrafficStore } from '../traffic';
import { trafficHtml } from './trafficHtml';

export class TrafficPanels implements vscode.Disposable {
  private readonly panels = new Map<string, vscode.WebviewPanel>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly subscription: vscode.Disposable;

  /** `protocol`: a line on the connection's protocol era and how it was chosen, shown above the rows. */
  constructor(private readonly store: TrafficStore, private readonly exportCommand: string, private readonly protocol: (connection: string) => string | undefined = () => undefined) {
    this.subscription = store.onDidAdd(({ connection }) => this.schedule(connection));
  }

  show(connection: string): vscode.WebviewPanel {
    const existing = this.panels.get(connection);
    if (existing) { existing.reveal(); return existing; }
    const panel = vscode.window.createWebviewPanel('agentcoreMcp.traffic', `Traffic: ${connection}`, vscode.ViewColumn.Active, { enableScripts: true, retainContextWhenHidden: true });
    panel.webview.html = trafficHtml(panel.webview.cspSource, connection);
    panel.webview.onDidReceiveMessage((m: { type: string }) => {
      if (m.type === 'ready') this.post(connection);
      if (m.type === 'export') void vscode.commands.executeCommand(this.exportCommand, { connection });
      if (m.type === 'clear') { this.store.clear(connection); this.post(connection); }
    });
    panel.onDidDispose(() => this.panels.delete(connection));
    this.panels.set(connection, panel);
    return panel;
  }

  private schedule(connection: string): void {
    if (!this.panels.has(connection) || this.timers.has(connection)) return;
    this.timers.set(connection, setTimeout(() => { this.timers.delete(connection); this.post(connection); }, 250));
  }

  private post(connection: string): void {
    const rows = groupRepeats(toRows(this.store.of(connection))).map(r => ({ ...r, event: undefined, clock: localTime(r.time), detail: JSON.stringify(r.event, null, 2) }));
    void this.panels.get(connection)?.webview.postMessage({ type: 'rows', rows, protocol: this.protocol(connection) ?? '' });
  }

  dispose(): void {
    this.subscription.dispose();
    this.timers.forEach(t => clearTimeout(t));
    this.panels.forEach(p => p.dispose());
  }
}
