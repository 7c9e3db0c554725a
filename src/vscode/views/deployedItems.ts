// How "Deployed in this workspace" looks: the group with what it found and left out, a row per runtime
// (region, auth, whether a connection already reaches it; + makes it one), and a row per file it could
// not read, which opens that file.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { runtimeLabel, type DeployedRuntime } from '../../core/agentcore/deployedFiles';
import type { FolderRuntimes } from '../connections/deployed';

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

export function deployedGroupItem(all: readonly FolderRuntimes[]): vscode.TreeItem {
  const runtimes = all.flatMap(f => f.found.runtimes);
  const skipped = all.flatMap(f => f.found.skipped);
  const problems = all.flatMap(f => f.found.problems);
  const item = new vscode.TreeItem('Deployed in this workspace', vscode.TreeItemCollapsibleState.Expanded);
  item.id = 'deployed';
  item.iconPath = new vscode.ThemeIcon('cloud');
  item.description = [plural(runtimes.length, 'MCP runtime'), problems.length ? plural(problems.length, 'problem') : ''].filter(Boolean).join(' · ');
  const sources = [...new Set(all.flatMap(f => [...f.found.runtimes, ...f.found.skipped].map(r => r.source)))];
  item.tooltip = [
    `AgentCore runtimes that AWS's tools wrote down in ${sources.length ? sources.join(', ') : 'this workspace'}.`,
    skipped.length ? `Left out (${skipped.length}): ${skipped.map(s => `${s.name} (${s.reason})`).join('; ')}.` : '',
  ].filter(Boolean).join('\n\n');
  item.contextValue = 'deployed';
  item.accessibilityInformation = { label: `Deployed in this workspace, ${item.description}` };
  return item;
}

export function runtimeItem(folder: string, r: DeployedRuntime, connection: string | undefined): vscode.TreeItem {
  const item = new vscode.TreeItem(runtimeLabel(r), vscode.TreeItemCollapsibleState.None);
  item.id = `deployed/${folder}/${r.source}/${r.target ?? ''}/${r.name}`;
  item.iconPath = new vscode.ThemeIcon(connection ? 'pass' : 'cloud-upload');
  const auth = r.auth.kind === 'jwt' ? 'JWT' : 'SigV4';
  item.description = connection ? `${r.region} · ${auth} · added as "${connection}"` : `${r.region} · ${auth}`;
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${runtimeLabel(r)}**\n\n`).appendCodeblock(r.arn, 'text');
  md.appendMarkdown(`\nRegion ${r.region} · account ${r.account} · from \`${r.source}\`\n\n`);
  md.appendText(r.auth.kind === 'jwt'
    ? `Auth: JWT bearer token from ${r.auth.discoveryUrl}${r.auth.allowedClients.length ? ` (allowed clients: ${r.auth.allowedClients.join(', ')})` : ''}`
    : 'Auth: SigV4 with your AWS credentials');
  md.appendMarkdown(connection ? `\n\nThe connection "${connection}" reaches it.` : '\n\n$(add) makes it a connection.');
  item.tooltip = md;
  item.contextValue = connection ? 'runtime.added' : 'runtime';
  item.accessibilityInformation = { label: `${runtimeLabel(r)}, ${item.description}` };
  return item;
}

export function deployedProblemItem(folder: string, source: string, message: string): vscode.TreeItem {
  const item = new vscode.TreeItem(`${source}: ${message}`, vscode.TreeItemCollapsibleState.None);
  item.id = `deployed/${folder}/problem/${source}/${message.slice(0, 80)}`;
  item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  item.tooltip = `${source} ${message}\n\nClick to open the file.`;
  item.command = { command: 'vscode.open', title: 'Open File', arguments: [vscode.Uri.file(path.join(folder, source))] };
  item.accessibilityInformation = { label: `${source}: ${message}` };
  return item;
}

