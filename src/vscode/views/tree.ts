// The AgentCore MCP tree: connections with their state; when running, the session's details and what
// the server offers, listed when the connection is shown (every page followed; the counts appear on the
// groups) and reloaded when the server says a list changed. Below them, the runtimes this workspace
// deployed (connections/deployed.ts), when it deployed any.
//
// A group is refreshed (which makes VS Code ask for its children again) only when its list changed, or
// for its count while its rows were never asked for: refreshing a group right after VS Code fetched its
// rows left those rows with dead handles, so a row's inline action or context menu ran without its item
// (the command then asked "Choose a connection" from the start).
import * as vscode from 'vscode';
import { statelessNote, type SessionInfo } from '../../core/connections/state';
import { CatalogKind } from '../connections/catalog';
import { connectionOfRuntime, type DeployedRuntimes } from '../connections/deployed';
import type { ConnectionManager } from '../connections/manager';
import { Cmd } from '../ids';
import { deployedGroupItem, deployedProblemItem, runtimeItem } from './deployedItems';
import type { FoundConfigs } from '../connections/found';
import { foundFileItem, foundServerItem } from './foundItems';
import { connectionItem, nodeItem } from './items';
import { taskItem, tasksItem } from './taskItems';
import { Node } from './nodes';

export class ConnectionsTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly counts = new Map<string, number>();
  private readonly nodes = new Map<string, Node>();
  /** The groups each connection showed when it last ran. */
  private readonly groups = new Map<string, CatalogKind[]>();
  private readonly subscription: vscode.Disposable;
  private readonly hadTasks = new Set<string>();
  /** Groups whose rows VS Code has asked for (`connection/group`): never refreshed just for a count. */
  private readonly asked = new Set<string>();

  private readonly deployedNode: Node = { kind: 'deployed' };
  private readonly deployedSubscription: vscode.Disposable | undefined;

  private readonly foundSubscription: vscode.Disposable | undefined;

  constructor(private readonly manager: ConnectionManager, private readonly deployed?: DeployedRuntimes, private readonly found?: FoundConfigs) {
    this.deployedSubscription = deployed?.onDidChange(() => this.changed.fire(undefined));
    this.foundSubscription = found?.onDidChange(() => this.changed.fire(undefined));
    this.subscription = manager.onDidChange(change => {
      if (!change || change.part === 'config') { this.changed.fire(undefined); return; }
      if (change.part === 'state') {
        // A new session may offer different things: expanded groups must ask again, not keep their rows.
        this.fire(this.connectionNode(change.name));
        for (const g of ['tools', 'resources', 'templates', 'prompts'] as const) {
          this.counts.delete(`${change.name}/${g}`);
          this.asked.delete(`${change.name}/${g}`);
          this.fire(this.groupNode(change.name, g));
        }
        return;
      }
      if (change.part === 'tasks') {
        // The first task adds the Tasks node to the connection; later ones refresh it.
        const had = this.hadTasks.has(change.name);
        this.hadTasks.add(change.name);
        this.fire(had ? this.tasksNode(change.name) : this.connectionNode(change.name));
        return;
      }
      // The list changed: load it first, then refresh the group once, with its count and its rows together.
      const key = `${change.name}/${change.part}`;
      this.counts.delete(key);
      const group = this.groupNode(change.name, change.part);
      const catalog = this.manager.get(change.name)?.catalog;
      if (!catalog) { this.fire(group); return; }
      void catalog.get(change.part).then(items => { this.counts.set(key, items.length); }, () => undefined).finally(() => this.fire(group));
    });
  }

  private fire(node: Node): void { this.changed.fire(node); }

  /** Nodes are cached by key so that refreshing one finds the same object the tree holds. */
  private cached<T extends Node>(key: string, make: () => T): T {
    let n = this.nodes.get(key);
    if (!n) { n = make(); this.nodes.set(key, n); }
    return n as T;
  }
  connectionNode(connection: string): Node { return this.cached(`c/${connection}`, () => ({ kind: 'connection', connection })); }
  private groupNode(connection: string, group: CatalogKind): Node { return this.cached(`g/${connection}/${group}`, () => ({ kind: 'group', connection, group })); }
  private tasksNode(connection: string): Node { return this.cached(`t/${connection}`, () => ({ kind: 'tasks', connection })); }
  /** Only a connection object that exists has tasks (asking must not create one: that loads the engine). */
  private taskList(connection: string) { return this.manager.get(connection)?.conn?.tasks.list() ?? []; }

  refresh(): void { this.counts.clear(); this.asked.clear(); this.changed.fire(undefined); }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'deployed') return deployedGroupItem(this.deployed?.current ?? []);
    if (node.kind === 'runtime') return runtimeItem(node.folder, node.runtime, connectionOfRuntime(this.manager, node.runtime));
    if (node.kind === 'deployedProblem') return deployedProblemItem(node.folder, node.source, node.message);
    if (node.kind === 'foundFile') return foundFileItem(node.file, node.count, node.problem);
    if (node.kind === 'foundServer') {
      const e = this.manager.get(node.server.name);
      return foundServerItem(node.file, node.server, e ? node.server.name : undefined, e?.linked?.path === node.file.path);
    }
    if (node.kind === 'connection') {
      const entry = this.manager.get(node.connection);
      return entry ? connectionItem(entry.config, this.manager.state(node.connection), {
        workspace: entry.scope !== vscode.ConfigurationTarget.Global, trusted: this.manager.trust.isTrusted(entry.config), ...(entry.shadows ? { shadows: entry.shadows } : {}),
        ...(entry.conn?.signedIn() ? { signedIn: entry.conn.signedIn()! } : {}), ...(entry.linked ? { linked: entry.linked.label } : {}),
      }) : new vscode.TreeItem(node.connection);
    }
    if (node.kind === 'group') return nodeItem(node, { count: this.counts.get(`${node.connection}/${node.group}`) });
    if (node.kind === 'tasks') return tasksItem(node.connection, this.taskList(node.connection));
    if (node.kind === 'task') {
      const t = this.taskList(node.connection).find(x => x.taskId === node.taskId);
      return t ? taskItem(node.connection, t) : new vscode.TreeItem(node.taskId);
    }
    const group = node.kind === 'tool' ? 'tools' : node.kind === 'resource' ? 'resources' : node.kind === 'template' ? 'templates' : node.kind === 'prompt' ? 'prompts' : undefined;
    const many = group !== undefined && 'connection' in node && (this.counts.get(`${node.connection}/${group}`) ?? 0) > 1000;
    return nodeItem(node, { plainTooltips: many });
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      const deployed = this.deployed?.current ?? [];
      return [
        ...this.manager.problems.map((text): Node => ({ kind: 'problem', text })),
        ...this.manager.list().map(e => this.connectionNode(e.config.name)),
        ...(deployed.some(f => f.found.runtimes.length || f.found.skipped.length || f.found.problems.length) ? [this.deployedNode] : []),
        ...(this.found?.current ?? []).map((f): Node => ({ kind: 'foundFile', file: f.file, count: f.read.servers.length, ...(f.read.problem ? { problem: f.read.problem } : {}) })),
      ];
    }
    if (node.kind === 'foundFile') {
      const f = this.found?.current.find(x => x.file.path === node.file.path);
      return (f?.read.servers ?? []).map((server): Node => ({ kind: 'foundServer', file: node.file, server }));
    }
    if (node.kind === 'deployed') {
      return (this.deployed?.current ?? []).flatMap(({ folder, found }): Node[] => [
        ...found.problems.map((p): Node => ({ kind: 'deployedProblem', folder: folder.uri.fsPath, source: p.source, message: p.message })),
        ...found.runtimes.map((runtime): Node => ({ kind: 'runtime', folder: folder.uri.fsPath, runtime })),
      ]);
    }
    switch (node.kind) {
      case 'connection': return this.connectionChildren(node.connection);
      case 'session': return this.sessionDetails(node.connection);
      case 'group': return this.groupChildren(node.connection, node.group);
      case 'tasks': return this.taskList(node.connection).map(t => this.cached(`t/${node.connection}/${t.taskId}`, () => ({ kind: 'task', connection: node.connection, taskId: t.taskId })));
      default: return [];
    }
  }

  private connectionChildren(connection: string): Node[] {
    const state = this.manager.state(connection);
    if (state.kind === 'error') {
      return [
        { kind: 'message', connection, id: 'error', text: state.message, icon: 'error', tooltip: state.message },
        ...(state.nextStep ? [{ kind: 'message', connection, id: 'next', text: state.nextStep, icon: 'lightbulb' } as Node] : []),
        { kind: 'message', connection, id: 'log', text: 'Show Log', icon: 'output', command: Cmd.ShowLog },
        { kind: 'message', connection, id: 'edit', text: 'Edit Connection', icon: 'edit', command: Cmd.EditConnection },
      ];
    }
    if (state.kind === 'starting') {
      // On a restart keep the groups the server had, so expanded ones stay expanded and refill.
      return [{ kind: 'message', connection, id: 'starting', text: 'Starting…', icon: 'loading~spin' }, ...(this.groups.get(connection) ?? []).map(g => this.groupNode(connection, g))];
    }
    const tasks = this.taskList(connection).length ? [this.tasksNode(connection)] : [];
    if (state.kind !== 'running') return tasks;
    const caps = state.session.serverCapabilities ?? {};
    const groups: CatalogKind[] = [];
    if (caps.tools) groups.push('tools');
    if (caps.resources) groups.push('resources', 'templates');
    if (caps.prompts) groups.push('prompts');
    this.groups.set(connection, groups);
    for (const g of groups) this.prefetch(connection, g);
    return [
      { kind: 'session', connection },
      ...(state.session.stateless ? [{ kind: 'message', connection, id: 'stateless', icon: 'warning', text: statelessNote.short, tooltip: statelessNote.long(connection) } as Node] : []),
      ...groups.map(g => this.groupNode(connection, g)),
      ...tasks,
    ];
  }

  private sessionDetails(connection: string): Node[] {
    const state = this.manager.state(connection);
    if (state.kind !== 'running') return [];
    return sessionRows(state.session).map(([label, value]) => ({ kind: 'detail', connection, label, value }));
  }

  /** Lists a group in the background so its count shows before it is expanded. */
  private prefetch(connection: string, group: CatalogKind): void {
    const key = `${connection}/${group}`;
    if (this.counts.has(key)) return;
    void this.manager.catalog(connection).get(group).then(items => {
      if (this.counts.get(key) === items.length) return;
      this.counts.set(key, items.length);
      if (!this.asked.has(key)) this.fire(this.groupNode(connection, group));
    }, () => undefined); // the group shows the failure when expanded
  }

  private async groupChildren(connection: string, group: CatalogKind): Promise<Node[]> {
    this.asked.add(`${connection}/${group}`);
    let children: Node[];
    try {
      const catalog = this.manager.catalog(connection);
      switch (group) {
        case 'tools': children = (await catalog.get('tools')).map(tool => ({ kind: 'tool', connection, tool })); break;
        case 'resources': children = (await catalog.get('resources')).map(resource => ({ kind: 'resource', connection, resource })); break;
        case 'templates': children = (await catalog.get('templates')).map(template => ({ kind: 'template', connection, template })); break;
        case 'prompts': children = (await catalog.get('prompts')).map(prompt => ({ kind: 'prompt', connection, prompt })); break;
      }
    } catch (e) {
      return [{ kind: 'message', connection, id: `${group}-error`, icon: 'error', text: (e as Error).message, tooltip: `${(e as Error).message}${(e as { nextStep?: string }).nextStep ? `\n\n${(e as { nextStep?: string }).nextStep}` : ''}` }];
    }
    // No refresh for the count from here: it would drop the rows just returned (see the top of this file).
    this.counts.set(`${connection}/${group}`, children.length);
    return children;
  }

  getParent(node: Node): Node | undefined {
    if (node.kind === 'connection' || node.kind === 'problem' || node.kind === 'deployed' || node.kind === 'foundFile') return undefined;
    if (node.kind === 'foundServer') return { kind: 'foundFile', file: node.file, count: 0 };
    if (node.kind === 'runtime' || node.kind === 'deployedProblem') return this.deployedNode;
    if (node.kind === 'tool') return this.groupNode(node.connection, 'tools');
    if (node.kind === 'resource') return this.groupNode(node.connection, 'resources');
    if (node.kind === 'template') return this.groupNode(node.connection, 'templates');
    if (node.kind === 'prompt') return this.groupNode(node.connection, 'prompts');
    if (node.kind === 'task') return this.tasksNode(node.connection);
    return this.connectionNode(node.connection);
  }

  dispose(): void {
    this.subscription.dispose();
    this.deployedSubscription?.dispose();
    this.foundSubscription?.dispose();
    this.changed.dispose();
  }
}

function capabilityList(caps: object | undefined): string {
  if (!caps) return 'none';
  const parts = Object.entries(caps).map(([k, v]) => {
    const sub = v && typeof v === 'object' ? Object.keys(v).filter(x => (v as Record<string, unknown>)[x] !== false) : [];
    return sub.length ? `${k} (${sub.join(', ')})` : k;
  });
  return parts.length ? parts.join(', ') : 'none';
}

export function sessionRows(s: SessionInfo): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  if (s.sessionId) rows.push(['Session id', s.sessionId]);
  if (s.runtimeSessionId) rows.push(['Runtime session id', s.runtimeSessionId]);
  rows.push(['Protocol version', `${s.protocolVersion ?? 'unknown'}${s.era === 'modern' ? ' (no session: questions come back as input_required)' : ''}`]);
  rows.push(['Protocol chosen', s.eraReason]);
  rows.push(['Server', `${s.server?.title ?? s.server?.name ?? '?'} ${s.server?.version ?? ''}`.trim()]);
  rows.push(['Transport', s.transport === 'streamable-http' ? `Streamable HTTP${s.stateless ? ' (stateless)' : ''}` : s.transport === 'sse' ? 'HTTP+SSE (legacy)' : 'stdio']);
  rows.push(['Server capabilities', capabilityList(s.serverCapabilities)]);
  rows.push(['Client capabilities', capabilityList(s.clientCapabilities)]);
  if (s.instructions) rows.push(['Instructions', s.instructions.replace(/\s+/g, ' ').slice(0, 200)]);
  return rows;
}
