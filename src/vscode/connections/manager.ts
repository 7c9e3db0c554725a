// Keeps one McpConnection per configured connection, in step with the settings: new entries appear,
// removed ones disconnect, changed ones restart from scratch. It knows who defined each connection (user
// or workspace settings, and which user entry a workspace entry hides), which trust and secrets go by.
import * as vscode from 'vscode';
import { connectionPart, type ConnectionConfig, type StdioConfig } from '../../core/connections/config';
import type { ConnectionState } from '../../core/connections/state';
import type { ConnectionHost } from '../../core/connections/host';
import type { McpConnection } from '../../core/connections/connection';
import { engine } from '../engine';
import type { Logs } from '../logs';
import { onConnectionsChanged, readConnections } from '../settings';
import { Catalog, CatalogKind } from './catalog';
import { targetId } from '../../core/connections/identity';
import { Access, Handlers, makeHost } from './host';
import type { Secrets } from './secrets';
import { DefinitionTrust, Origin, restrictedRefusal } from './trust';
import { watchConnection } from './watch';
import type { ConfigFile } from '../../core/connections/mcpConfigs';
import type { LinkedConnection } from './linked';
import { DisposableStore } from '../disposables';

export interface Entry {
  /** Replaced in place when only `exposeToChat` changed. */
  config: ConnectionConfig;
  readonly scope: vscode.ConfigurationTarget;
  conn?: McpConnection;
  catalog?: Catalog;
  /** Why this connection may not start (an untrusted workspace), shown instead of connecting. */
  refusal?: { message: string; nextStep: string };
  /** The user connection of the same name that this workspace entry hides. */
  readonly shadows?: ConnectionConfig;
  /** Used straight from another MCP client's file (not in settings): that file. */
  readonly linked?: ConfigFile;
  readonly disposables: DisposableStore;
}

export type Change = { readonly name: string; readonly part: 'state' | 'config' | 'tasks' | CatalogKind };

export class ConnectionManager implements vscode.Disposable, Access {
  private entries = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<Change | undefined>();
  readonly onDidChange = this.changed.event;
  problems: string[] = [];
  private readonly disposables = new DisposableStore();

  constructor(private readonly logs: Logs, readonly secrets: Secrets, readonly trust: DefinitionTrust, private readonly handlers: Handlers) {
    this.reload();
    this.disposables.addAll(
      onConnectionsChanged(() => this.reload()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.reload()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => { for (const e of this.entries.values()) void e.conn?.rootsChanged(); }),
    );
  }

  list(): Entry[] { return [...this.entries.values()]; }
  get(name: string): Entry | undefined { return this.entries.get(name); }

  state(name: string): ConnectionState {
    const e = this.entries.get(name);
    if (e?.refusal) return { kind: 'error', ...e.refusal };
    return e?.conn?.state ?? { kind: 'stopped' };
  }

  /** Who defined a connection: settings of which scope, or (not configured under that name and target)
   *  a file in the workspace, such as a scenario's inline connection. */
  origin(config: ConnectionConfig): Origin {
    const e = this.entries.get(config.name);
    if (!e || e.config.type !== config.type || targetId(e.config) !== targetId(config)) return { label: 'a file in this workspace', workspace: true };
    if (e.linked) return { label: e.linked.path, workspace: e.linked.workspace };
    if (e.scope === vscode.ConfigurationTarget.Global) return { label: 'your user settings', workspace: false };
    return { label: 'the workspace settings', workspace: true, ...(e.shadows ? { shadows: e.shadows } : {}) };
  }

  /** Where servers used straight from other clients' files come from (set once by the extension). */
  useLinked(source: () => LinkedConnection[]): void {
    this.linkedSource = source;
    this.reload();
  }
  private linkedSource?: () => LinkedConnection[];

  reload(): void {
    const { connections, problems, scopeOf, shadowed } = readConnections();
    this.problems = problems;
    const next = new Map<string, Entry>();
    const keep = (config: ConnectionConfig, scope: vscode.ConfigurationTarget, shadows?: ConnectionConfig, linked?: ConfigFile) => {
      const old = this.entries.get(config.name);
      // Offering a connection to chat, or no longer, changes nothing here: its session goes on.
      if (old && JSON.stringify(connectionPart(old.config)) === JSON.stringify(connectionPart(config)) && old.scope === scope && JSON.stringify(old.shadows) === JSON.stringify(shadows) && old.linked?.path === linked?.path) {
        old.refusal = refusalFor(config, scope);
        old.config = config;
        next.set(config.name, old);
      } else {
        const wasRunning = old?.conn?.state.kind === 'running';
        if (old) this.drop(old);
        next.set(config.name, { config, scope, disposables: new DisposableStore(), ...withRefusal(config, scope), ...(shadows ? { shadows } : {}), ...(linked ? { linked } : {}) });
        // A running server used straight from a file that was edited starts again with the new definition.
        if (linked && wasRunning) restart.push(config.name);
      }
    };
    const restart: string[] = [];
    for (const config of connections) keep(config, scopeOf.get(config.name) ?? vscode.ConfigurationTarget.Global, shadowed.get(config.name));
    for (const l of this.linkedSource?.() ?? []) {
      if (!l.config) { this.problems.push(`${l.file.label}: ${l.problem ?? `"${l.server}" cannot be used`}`); continue; }
      if (next.has(l.config.name)) { this.problems.push(`${l.file.label}: "${l.server}" is not used from the file: a connection in settings has that name`); continue; }
      keep(l.config, l.file.workspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global, undefined, l.file);
    }
    for (const [name, old] of this.entries) if (!next.has(name)) { this.drop(old); this.logs.drop(name); }
    this.entries = next;
    this.changed.fire(undefined);
    for (const name of restart) {
      this.logs.write(name, 'info', 'Its file changed: starting it again with the new definition.');
      void this.connected(name).catch((e: Error) => this.logs.write(name, 'warn', `Not started again: ${e.message}`));
    }
  }

  private drop(e: Entry): void {
    e.disposables.dispose();
    void e.conn?.disconnect();
  }

  /** A line in a connection's log (its output channel). */
  log(name: string, level: 'info' | 'warn' | 'error', message: string): void { this.logs.write(name, level, message); }

  /** A host for `name` as its connection has (secrets, sign-in, log, traffic), for the chat gateway. */
  hostFor(name: string): ConnectionHost {
    return makeHost(name, this.logs, this, this.handlers, () => this.changed.fire({ name, part: 'state' }));
  }

  /** The connection object (created on first use: this loads the engine). */
  connection(name: string): McpConnection {
    const e = this.entries.get(name);
    if (!e) throw new (engine().ExplainedError)(`There is no connection named "${name}".`, 'Add it with "AgentCore MCP: Add Connection".');
    if (!e.conn) {
      const { McpConnection } = engine();
      const conn = new McpConnection(e.config, this.hostFor(name));
      const catalog = new Catalog(conn);
      e.conn = conn;
      e.catalog = catalog;
      if (e.config.type === 'stdio' && e.config.watch?.length) e.disposables.addAll(this.watch(e.config, conn, catalog));
      e.disposables.addAll(
        conn.onDidChangeState(s => {
          if (s.kind !== 'running') catalog.invalidate();
          this.changed.fire({ name, part: 'state' });
        }),
        conn.tasks.onDidChange(() => this.changed.fire({ name, part: 'tasks' })),
        conn.onListChanged(kind => {
          const part: CatalogKind = kind;
          catalog.invalidate(part);
          if (kind === 'resources') catalog.invalidate('templates');
          this.changed.fire({ name, part });
        }),
      );
    }
    return e.conn;
  }

  private watch(config: StdioConfig, conn: McpConnection, catalog: Catalog): vscode.Disposable {
    const name = config.name;
    return watchConnection(config, {
      restart: async reason => {
        if (conn.state.kind === 'stopped') { this.logs.write(name, 'info', `${reason}; not running, so not restarted.`); return; }
        this.logs.write(name, 'info', `${reason}: restarting.`);
        await conn.restart();
      },
      catalog: async () => {
        if (conn.state.kind !== 'running') throw new Error('not running');
        const caps = conn.state.session.serverCapabilities ?? {};
        // Only what the server says it offers: asking for the rest is an error on its side.
        // A list that fails is left out of the comparison, and the log says which.
        const get = <K extends CatalogKind>(kind: K) => catalog.get(kind).catch((e: unknown) => {
          this.logs.write(name, 'warn', `Listing ${kind} after the restart failed, so they are left out of the comparison: ${(e as Error).message}`);
          return [];
        });
        const [tools, resources, templates, prompts] = await Promise.all([
          caps.tools ? get('tools') : [], caps.resources ? get('resources') : [], caps.resources ? get('templates') : [], caps.prompts ? get('prompts') : [],
        ]);
        return { tools, resources, templates, prompts };
      },
      log: (level, message) => this.logs.write(name, level, message),
      refreshDocuments: () => this.refreshedDocuments.fire(name),
    });
  }

  private readonly refreshedDocuments = new vscode.EventEmitter<string>();
  /** A connection restarted by dev mode: open documents of it should be read again. */
  readonly onShouldRefreshDocuments = this.refreshedDocuments.event;

  catalog(name: string): Catalog {
    this.connection(name);
    return this.entries.get(name)!.catalog!;
  }

  /** Connects (if needed) and returns the running connection, or throws the explained reason. */
  async connected(name: string): Promise<McpConnection> {
    const e = this.entries.get(name);
    if (e?.refusal) throw new (engine().ExplainedError)(e.refusal.message, e.refusal.nextStep);
    const conn = this.connection(name);
    const s = await conn.connect();
    if (s.kind === 'error') throw new (engine().ExplainedError)(s.message, s.nextStep);
    return conn;
  }

  async disposeAsync(): Promise<void> {
    await Promise.all([...this.entries.values()].map(e => e.conn?.disconnect()));
  }

  dispose(): void {
    for (const e of this.entries.values()) this.drop(e);
    this.entries.clear();
    this.disposables.dispose();
    this.changed.dispose();
    this.refreshedDocuments.dispose();
  }
}

function refusalFor(config: ConnectionConfig, scope: vscode.ConfigurationTarget): Entry['refusal'] {
  return restrictedRefusal(config.name, { label: 'the workspace settings', workspace: scope !== vscode.ConfigurationTarget.Global });
}

function withRefusal(config: ConnectionConfig, scope: vscode.ConfigurationTarget): Pick<Entry, 'refusal'> {
  const refusal = refusalFor(config, scope);
  return refusal ? { refusal } : {};
}

