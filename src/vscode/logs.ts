// One log channel per connection ("AgentCore MCP: <name>"): stderr, server log messages, diagnostics.
// Created on first use so that idle connections cost nothing.
import * as vscode from 'vscode';
import type { HostLogLevel } from '../core/connections/host';

export class Logs implements vscode.Disposable {
  private readonly channels = new Map<string, vscode.LogOutputChannel>();
  /** The last lines per connection, for the extension's API (output channels cannot be read back). */
  private readonly recent = new Map<string, string[]>();

  channel(connection: string): vscode.LogOutputChannel {
    let c = this.channels.get(connection);
    if (!c) {
      c = vscode.window.createOutputChannel(`AgentCore MCP: ${connection}`, { log: true });
      this.channels.set(connection, c);
    }
    return c;
  }

  write(connection: string, level: HostLogLevel, message: string): void {
    const c = this.channel(connection);
    let lines = this.recent.get(connection);
    if (!lines) { lines = []; this.recent.set(connection, lines); }
    lines.push(`[${level}] ${message}`);
    if (lines.length > 500) lines.shift();
    switch (level) {
      case 'trace': c.trace(message); break;
      case 'debug': c.debug(message); break;
      case 'info': c.info(message); break;
      case 'warn': c.warn(message); break;
      case 'error': c.error(message); break;
    }
  }

  show(connection: string): void { this.channel(connection).show(true); }

  lines(connection: string): readonly string[] { return this.recent.get(connection) ?? []; }

  /** A connection was removed or renamed: its channel goes with it. */
  drop(connection: string): void {
    this.channels.get(connection)?.dispose();
    this.channels.delete(connection);
    this.recent.delete(connection);
  }

  dispose(): void {
    for (const c of this.channels.values()) c.dispose();
    this.channels.clear();
  }
}
