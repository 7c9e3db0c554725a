// Context keys that keep the command palette to what can be done now: Disconnect and Restart only while a
// connection runs, Export Traffic once there is traffic, Save Last Call as Scenario once a call was made.
// Commands that connect on their own (Invoke Tool, Read Resource…) stay visible: they work from any state,
// and they are how a person who has not opened the view yet finds the extension.
import * as vscode from 'vscode';
import type { ConnectionManager } from './connections/manager';
import type { TrafficStore } from './traffic';

export const enum Key {
  AnyRunning = 'agentcoreMcp.anyRunning',
  HasTraffic = 'agentcoreMcp.hasTraffic',
  HasLastCall = 'agentcoreMcp.hasLastCall',
}

export class ContextKeys implements vscode.Disposable {
  private readonly values = new Map<Key, boolean>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(manager: ConnectionManager, traffic: TrafficStore) {
    const running = () => this.set(Key.AnyRunning, manager.list().some(e => e.conn?.state.kind === 'running'));
    this.subscriptions = [
      manager.onDidChange(c => { if (!c || c.part === 'state' || c.part === 'config') running(); }),
      traffic.onDidAdd(() => this.set(Key.HasTraffic, true)),
    ];
    running();
  }

  set(key: Key, value: boolean): void {
    if (this.values.get(key) === value) return;
    this.values.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  }

  dispose(): void { for (const s of this.subscriptions) s.dispose(); }
}
