// The recent traffic of each connection (JSON-RPC messages and HTTP exchanges, already redacted by the
// engine), kept in memory for the traffic view and exports. A ring of fixed size per connection, so a
// chatty server costs neither unbounded memory nor a shift of every stored event per new one.
import * as vscode from 'vscode';
import type { TrafficEvent } from '../core/connections/traffic';

class Ring<T> {
  private readonly items: T[] = [];
  private start = 0;
  constructor(private readonly size: number) {}
  push(item: T): void {
    if (this.items.length < this.size) this.items.push(item);
    else { this.items[this.start] = item; this.start = (this.start + 1) % this.size; }
  }
  toArray(): T[] { return this.start === 0 ? [...this.items] : [...this.items.slice(this.start), ...this.items.slice(0, this.start)]; }
}

export class TrafficStore implements vscode.Disposable {
  private readonly events = new Map<string, Ring<TrafficEvent>>();
  private readonly added = new vscode.EventEmitter<{ connection: string; event: TrafficEvent }>();
  readonly onDidAdd = this.added.event;

  constructor(private readonly limit = 5000) {}

  add(connection: string, event: TrafficEvent): void {
    let ring = this.events.get(connection);
    if (!ring) { ring = new Ring(this.limit); this.events.set(connection, ring); }
    ring.push(event);
    this.added.fire({ connection, event });
  }

  /** Oldest first. */
  of(connection: string): readonly TrafficEvent[] { return this.events.get(connection)?.toArray() ?? []; }
  clear(connection: string): void { this.events.delete(connection); }
  dispose(): void { this.added.dispose(); this.events.clear(); }
}
