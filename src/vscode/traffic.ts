// The recent traffic of each connection (JSON-RPC messages and HTTP exchanges, already redacted by the
// engine), kept in memory for the traffic view and exports. Bounded so a chatty server cannot grow it.
import * as vscode from 'vscode';
import type { TrafficEvent } from '../core/connections/traffic';

export class TrafficStore implements vscode.Disposable {
  private readonly events = new Map<string, TrafficEvent[]>();
  private readonly added = new vscode.EventEmitter<{ connection: string; event: TrafficEvent }>();
  readonly onDidAdd = this.added.event;

  constructor(private readonly limit = 5000) {}

  add(connection: string, event: TrafficEvent): void {
    let list = this.events.get(connection);
    if (!list) { list = []; this.events.set(connection, list); }
    list.push(event);
    if (list.length > this.limit) list.splice(0, list.length - this.limit);
    this.added.fire({ connection, event });
  }

  of(connection: string): readonly TrafficEvent[] { return this.events.get(connection) ?? []; }
  clear(connection: string): void { this.events.delete(connection); }
  dispose(): void { this.added.dispose(); this.events.clear(); }
}
