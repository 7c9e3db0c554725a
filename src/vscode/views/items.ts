// How each node looks: labels, descriptions, icons by state, tooltips with descriptions and tool
// annotations, and the contextValue that the menus in package.json key on.
import { toolEffect } from '../../core/tools/effect';
import { escapeMarkdown as esc, inlineCode as code } from '../../core/util/markdown';
import type { Tool } from '@modelcontextprotocol/client';
import * as vscode from 'vscode';
import type { ConnectionConfig } from '../../core/connections/config';
import type { SignedIn } from '../../core/auth/middleware';
import { statelessNote, type ConnectionState } from '../../core/connections/state';
import { taskSupport } from '../../core/connections/taskSupport';
import { Cmd } from '../ids';
import { groupLabel, Node } from './nodes';

const stateIcon: Record<ConnectionState['kind'], vscode.ThemeIcon> = {
  running: new vscode.ThemeIcon('circle-filled', new vscode.ThemeColor('charts.green')),
  starting: new vscode.ThemeIcon('loading~spin'),
  stopped: new vscode.ThemeIcon('circle-outline'),
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')),
};

const typeLabel: Record<ConnectionConfig['type'], string> = { stdio: 'stdio', http: 'HTTP', agentcore: 'AgentCore' };

function target(c: ConnectionConfig): string {
  switch (c.type) {
    case 'stdio': return [c.command, ...c.args].join(' ');
    case 'http': return c.url;
    case 'agentcore': return `${c.arn} (${c.qualifier}, ${c.auth === 'bearer' ? (c.oauth?.clientId ? `JWT: sign-in with app client ${c.oauth.clientId}` : 'bearer token') : `SigV4${c.profile ? `, profile ${c.profile}` : ''}`})`;
  }
}

/** The first sentence of a message, at most 80 characters: enough to see what broke in a row. */
export function brief(message: string): string {
  const first = message.split(/(?<=[.!?])\s|\n/)[0] ?? message;
  return first.length > 80 ? `${first.slice(0, 79)}…` : first;
}

/** Who defined a connection, as the row shows it, and who is signed in to its server. */
export interface Defined {
  readonly workspace: boolean; readonly shadows?: ConnectionConfig; readonly trusted: boolean; readonly signedIn?: SignedIn;
  /** Used straight from another client's file (not in settings): that file's label. */
  readonly linked?: string;
}

const clock = (ms: number) => new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

function signedInText(s: SignedIn): string {
  return s.account ? `signed in as ${s.account}` : 'signed in';
}

/** The hover's lines: who (in code, so an e-mail address is not a link), where, and until when. */
function signedInMarkdown(s: SignedIn): string {
  const who = `Signed in${s.account ? ` as ${code(s.account)}` : ''}${s.issuer ? ` at ${esc(s.issuer)}` : ''}.`;
  const until = s.expiresAt ? `  \nThe access token expires at ${esc(new Date(s.expiresAt).toLocaleString())}${s.refreshable ? ' and is refreshed before then.' : '; then you sign in again.'}` : '';
  return `$(account) ${who}${until}`;
}

export function connectionItem(config: ConnectionConfig, state: ConnectionState, defined: Defined = { workspace: false, trusted: true }): vscode.TreeItem {
  const collapsible = state.kind === 'stopped' ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Expanded;
  const item = new vscode.TreeItem(config.name, collapsible);
  item.id = `conn/${config.name}`;
  const stateText = state.kind === 'running'
    ? `${state.session.stateless ? 'running, stateless' : 'running'}${state.session.protocolVersion ? ` · ${state.session.protocolVersion}` : ''}`
    : state.kind === 'starting' ? 'starting…' : state.kind === 'error' ? `error: ${brief(state.message)}` : state.kind;
  const signedIn = state.kind === 'running' ? defined.signedIn : undefined;
  const until = signedIn?.expiresAt && !signedIn.refreshable ? ` until ${clock(signedIn.expiresAt)}` : '';
  item.description = `${typeLabel[config.type]} · ${stateText}${signedIn ? ` · ${signedInText(signedIn)}${until}` : ''}${defined.shadows ? ' · hides your user connection' : ''}${defined.linked ? ` · from ${defined.linked}` : ''}${config.exposeToChat ? ' · in chat' : ''}`;
  item.iconPath = state.kind === 'running' && state.session.stateless ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : stateIcon[state.kind];
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${esc(config.name)}** — ${typeLabel[config.type]}\n\n`).appendCodeblock(target(config), 'text');
  if (defined.linked) md.appendMarkdown('\n\n$(plug) ').appendText(`Used straight from ${defined.linked}: edits to that file reach this connection; it is not in your settings.`);
  if (defined.workspace) {
    md.appendMarkdown('\n\n$(shield) ').appendText(`Defined in ${defined.linked ? 'a workspace file' : 'the workspace settings'}${defined.trusted ? '; you trusted this definition.' : ': not trusted yet, so Connect asks first.'}`);
  }
  if (defined.shadows) {
    md.appendMarkdown('\n\n$(warning) ').appendText(`It hides your user connection of the same name, which reaches ${target(defined.shadows)}. Your secrets for that one are not sent here without your yes.`);
  }
  // Error messages can quote the server (stderr lines, a JSON-RPC error's text): escaped too.
  if (state.kind === 'error') md.appendMarkdown(`\n\n$(error) ${esc(state.message)}${state.nextStep ? `\n\n$(lightbulb) ${esc(state.nextStep)}` : ''}`);
  if (state.kind === 'running') md.appendMarkdown('\n\n').appendText(`Protocol ${state.session.protocolVersion ?? '?'}: ${state.session.eraReason}.`);
  if (state.kind === 'running' && state.session.stateless) md.appendMarkdown('\n\n$(warning) ').appendText(statelessNote.long(config.name));
  if (signedIn) md.appendMarkdown(`\n\n${signedInMarkdown(signedIn)}`);
  if (config.exposeToChat) md.appendMarkdown('\n\n$(comment-discussion) ').appendText('Offered to VS Code\'s own MCP client too: chat agent mode can use its tools ("Stop Using in Chat" ends that).');
  item.tooltip = md;
  const bearer = config.type === 'agentcore' && config.auth === 'bearer';
  const flags = [
    bearer && 'bearer', (config.type === 'http' || bearer) && 'oauth', signedIn && 'signedin', state.kind === 'error' && state.signIn && 'signin',
    config.exposeToChat && 'chat',
  ].filter(Boolean);
  item.contextValue = ['connection', state.kind, ...flags].join('.');
  if (state.kind === 'stopped') item.command = { command: Cmd.Connect, title: 'Connect', arguments: [{ kind: 'connection', connection: config.name }] };
  return item;
}

function annotationsText(t: Tool): string[] {
  const a = t.annotations ?? {};
  const out: string[] = [];
  const effect = toolEffect(t);
  if (effect !== 'unknown') out.push(effect);
  if (a.idempotentHint) out.push('idempotent');
  if (a.openWorldHint) out.push('open world');
  const task = taskSupport(t);
  if (task !== 'forbidden') out.push(task === 'required' ? 'runs as a task' : 'can run as a task');
  return out;
}

function toolTooltip(t: Tool): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  // Everything from the server is escaped: no links, images, HTML or theme icons of its own.
  md.appendMarkdown(`**${esc(t.title ?? t.annotations?.title ?? t.name)}** ${code(t.name)}\n\n`);
  if (t.description) md.appendText(`${t.description}\n\n`);
  const notes = annotationsText(t);
  if (notes.length) md.appendMarkdown(`*${notes.join(' · ')}*\n\n`);
  const props = (t.inputSchema?.properties ?? {}) as Record<string, { type?: unknown; description?: string }>;
  const required = new Set((t.inputSchema?.required ?? []) as string[]);
  const names = Object.keys(props);
  if (names.length) {
    md.appendMarkdown('Arguments:\n');
    for (const n of names) md.appendMarkdown(`- ${code(n)}${required.has(n) ? '' : ' (optional)'}${props[n].type ? `: ${esc(String(props[n].type))}` : ''}${props[n].description ? ` — ${esc(props[n].description!)}` : ''}\n`);
  }
  if (t.outputSchema) md.appendMarkdown('\nReturns structured content checked against its output schema.');
  return md;
}

const firstLine = (s: string | undefined) => (s ?? '').split('\n')[0].slice(0, 120);

export function nodeItem(node: Exclude<Node, { kind: 'connection' | 'tasks' | 'task' | 'deployed' | 'runtime' | 'deployedProblem' | 'foundFile' | 'foundServer' }>, extra: { count?: number; plainTooltips?: boolean } = {}): vscode.TreeItem {
  switch (node.kind) {
    case 'problem': {
      const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
      item.tooltip = `${node.text}\n\nFix it in the setting agentcoreMcp.connections.`;
      item.command = { command: 'workbench.action.openSettingsJson', title: 'Open Settings' };
      return item;
    }
    case 'message': {
      const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      item.id = `conn/${node.connection}/msg/${node.id}`;
      item.iconPath = new vscode.ThemeIcon(node.icon);
      item.tooltip = node.tooltip ?? node.text;
      if (node.command) item.command = { command: node.command, title: node.text, arguments: [{ kind: 'connection', connection: node.connection }] };
      return item;
    }
    case 'session': {
      const item = new vscode.TreeItem('Session', vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `conn/${node.connection}/session`;
      item.iconPath = new vscode.ThemeIcon('plug');
      return item;
    }
    case 'detail': {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
      item.id = `conn/${node.connection}/session/${node.label}`;
      item.description = node.value;
      item.tooltip = `${node.label}: ${node.value}`;
      item.contextValue = 'detail';
      return item;
    }
    case 'group': {
      const item = new vscode.TreeItem(groupLabel[node.group], vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `conn/${node.connection}/${node.group}`;
      if (extra.count !== undefined) item.description = String(extra.count);
      item.iconPath = new vscode.ThemeIcon({ tools: 'tools', resources: 'files', templates: 'symbol-snippet', prompts: 'comment-discussion' }[node.group]);
      item.contextValue = `group.${node.group}`;
      return item;
    }
    case 'tool': {
      const t = node.tool;
      const item = new vscode.TreeItem(t.name, vscode.TreeItemCollapsibleState.None);
      item.id = `conn/${node.connection}/tool/${t.name}`;
      item.description = t.title ?? t.annotations?.title ?? firstLine(t.description);
      const effect = toolEffect(t);
      item.iconPath = effect === 'destructive' ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
        : new vscode.ThemeIcon(effect === 'read-only' ? 'eye' : 'symbol-method');
      // tool.task: "optional" taskSupport, which gets "Invoke Tool as Task" (a "required" one always runs as a task).
      item.contextValue = { forbidden: 'tool', optional: 'tool.task', required: 'tool.taskRequired' }[taskSupport(t)];
      item.tooltip = tooltipOf(node, extra.plainTooltips);
      return item;
    }
    case 'resource': {
      const r = node.resource;
      const item = new vscode.TreeItem(r.title ?? r.name, vscode.TreeItemCollapsibleState.None);
      item.id = `conn/${node.connection}/resource/${encodeURIComponent(r.uri)}`;
      item.description = r.uri;
      item.iconPath = new vscode.ThemeIcon(r.mimeType?.startsWith('image/') ? 'file-media' : r.mimeType?.includes('json') ? 'json' : 'file');
      item.contextValue = 'resource';
      item.tooltip = tooltipOf(node, extra.plainTooltips);
      item.command = { command: Cmd.ReadResource, title: 'Read Resource', arguments: [node] };
      return item;
    }
    case 'template': {
      const t = node.template;
      const item = new vscode.TreeItem(t.title ?? t.name, vscode.TreeItemCollapsibleState.None);
      item.id = `conn/${node.connection}/template/${t.uriTemplate}`;
      item.description = t.uriTemplate;
      item.iconPath = new vscode.ThemeIcon('symbol-snippet');
      item.contextValue = 'template';
      item.tooltip = tooltipOf(node, extra.plainTooltips);
      item.command = { command: Cmd.ReadResource, title: 'Read Resource', arguments: [node] };
      return item;
    }
    case 'prompt': {
      const p = node.prompt;
      const item = new vscode.TreeItem(p.name, vscode.TreeItemCollapsibleState.None);
      item.id = `conn/${node.connection}/prompt/${p.name}`;
      item.description = p.title ?? firstLine(p.description);
      item.iconPath = new vscode.ThemeIcon('comment-discussion');
      item.contextValue = 'prompt';
      item.tooltip = tooltipOf(node, extra.plainTooltips);
      return item;
    }
  }
}

/**
 * Tooltips of catalog rows: Markdown (title in bold, arguments listed), or, for groups with thousands of
 * rows, the same text plain: Markdown tooltips made a 10,000-tool group take 2.5 s to open instead of 1 s.
 */
export function tooltipOf(node: Node, plain = false): vscode.MarkdownString | string | undefined {
  const md = markdownTooltip(node);
  return plain && md ? md.value.replace(/\*\*|`|\$\([\w-]+\)\s?/g, '') : md;
}

function markdownTooltip(node: Node): vscode.MarkdownString | undefined {
  switch (node.kind) {
    case 'tool': return toolTooltip(node.tool);
    case 'resource': {
      const r = node.resource;
      return new vscode.MarkdownString(`**${esc(r.title ?? r.name)}**\n\n${code(r.uri)}${r.mimeType ? ` · ${esc(r.mimeType)}` : ''}${r.description ? `\n\n${esc(r.description)}` : ''}`);
    }
    case 'template': {
      const t = node.template;
      return new vscode.MarkdownString(`**${esc(t.title ?? t.name)}**\n\n${code(t.uriTemplate)}${t.description ? `\n\n${esc(t.description)}` : ''}`);
    }
    case 'prompt': {
      const p = node.prompt;
      const args = (p.arguments ?? []).map(a => `- ${code(a.name)}${a.required ? '' : ' (optional)'}${a.description ? ` — ${esc(a.description)}` : ''}`).join('\n');
      return new vscode.MarkdownString(`**${esc(p.title ?? p.name)}**${p.description ? `\n\n${esc(p.description)}` : ''}${args ? `\n\nArguments:\n${args}` : ''}`);
    }
    default: return undefined;
  }
}
