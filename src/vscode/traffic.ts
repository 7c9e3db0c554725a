// The recent traffic of each connection (JSON-RPC messages and HTTP exchanges), kept in memory for the
// traffic view and exports. A ring of fixed size per connection, so a chatty server costs neither
// unbounded memory nor a shift of every stored event per new one. It keeps the engine's frames as they
// came: each is redacted when the view or an export reads it, so a call nobody looks at costs no copy.
import * as vscode from 'vscode';
import type { TrafficEvent, TrafficFrame } from '../core/connections/traffic';
import { Ring } from '../core/traffic/ring';

export class TrafficStore implements vscode.Disposable {
  private readonly events = new Map<string, Ring<TrafficFrame>>();
  private readonly added = new vscode.EventEmitter<{ connection: string }>();
  readonly onDidAdd = this.added.event;

  constructor(private readonly limit = 5000) {}

  add(connection: string, frame: TrafficFrame): void {
    let ring = this.events.get(connection);
    if (!ring) { ring = new Ring(this.limit); this.events.set(connection, ring); }
    ring.push(frame);
    this.added.fire({ connection });
  }

  /** Oldest first, redacted. */
  of(connection: string): readonly TrafficEvent[] { return this.events.get(connection)?.toArray().map(f => f.read()) ?? []; }
  clear(connection: string): void { this.events.delete(connection); }
  dispose(): void { this.added.dispose(); this.events.clear(); }
}
