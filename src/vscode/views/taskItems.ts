// How the Tasks node and its rows look: a task's tool, status, age and how long the server keeps it,
// with Cancel on running tasks and the result a click away on completed ones.
import * as vscode from 'vscode';
import type { TaskEntry } from '../../core/connections/taskRegistry';
import { isRunning as running, statusText } from '../../core/connections/taskSupport';
import { Cmd } from '../ids';

const icons: Record<TaskEntry['status'], vscode.ThemeIcon> = {
  working: new vscode.ThemeIcon('loading~spin'),
  input_required: new vscode.ThemeIcon('question', new vscode.ThemeColor('list.warningForeground')),
  completed: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')),
  cancelled: new vscode.ThemeIcon('circle-slash'),
};

/** "12 s", "4 min", "2 h": how long ago, coarse. */
export function age(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s} s` : s < 3600 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`;
}

const started = (t: TaskEntry) => (t.createdAt ? Date.parse(t.createdAt) : NaN) || t.seenAt;

export function tasksItem(connection: string, tasks: readonly TaskEntry[]): vscode.TreeItem {
  const item = new vscode.TreeItem('Tasks', vscode.TreeItemCollapsibleState.Expanded);
  item.id = `conn/${connection}/tasks`;
  const n = tasks.filter(running).length;
  item.description = `${tasks.length}${n ? ` · ${n} running` : ''}`;
  item.iconPath = new vscode.ThemeIcon('tasklist');
  item.contextValue = 'tasks';
  return item;
}

export function taskItem(connection: string, t: TaskEntry, now = Date.now()): vscode.TreeItem {
  const item = new vscode.TreeItem(t.tool, vscode.TreeItemCollapsibleState.None);
  item.id = `conn/${connection}/task/${t.taskId}`;
  const status = statusText(t.status);
  item.description = `${status}${t.statusMessage && running(t) ? `: ${t.statusMessage}` : ''} · ${age(now - started(t))} ago`;
  item.iconPath = icons[t.status];
  const expires = t.ttlMs === null ? 'the server sets no limit' : `the server keeps it ${age(t.ttlMs)} from its creation (until ${new Date(started(t) + t.ttlMs).toLocaleTimeString()})`;
  // Plain text: status messages and problems are the server's words.
  item.tooltip = [`${t.tool} — task ${t.taskId}`, `Status: ${status}${t.statusMessage ? ` (${t.statusMessage})` : ''}`, `Started ${new Date(started(t)).toLocaleTimeString()}; ${expires}.`,
    ...(t.problem ? [t.problem] : []), `Arguments: ${JSON.stringify(t.args)}`].join('\n');
  item.contextValue = `task.${running(t) && t.cancel ? 'running' : t.status}`;
  if (t.result) item.command = { command: Cmd.OpenTaskResult, title: 'Open Result', arguments: [{ kind: 'task', connection, taskId: t.taskId }] };
  return item;
}
