// The Tasks node's actions: cancel a task this client is waiting for, and open a completed task's
// result again.
import * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/manager';
import type { ResultDocuments } from '../documents/results';
import { statusText } from '../../core/connections/taskSupport';
import { engine } from '../engine';
import { showToolResult } from './invokeTool';

function entryOf(manager: ConnectionManager, node: unknown) {
  const n = node as { kind?: string; connection?: string; taskId?: string } | undefined;
  if (n?.kind !== 'task' || !n.connection || !n.taskId) throw new (engine().ExplainedError)('Run this from a task in the Tasks node of the AgentCore MCP view.');
  const task = manager.get(n.connection)?.conn?.tasks.get(n.taskId);
  if (!task) throw new (engine().ExplainedError)(`Task ${n.taskId} is no longer listed for "${n.connection}".`);
  return { connection: n.connection, task };
}

export function cancelTask(manager: ConnectionManager, node: unknown): void {
  const { connection, task } = entryOf(manager, node);
  if (!task.cancel) {
    void vscode.window.showInformationMessage(`Task ${task.taskId} (${task.tool} on ${connection}) is ${statusText(task.status)}: there is nothing to cancel.`);
    return;
  }
  task.cancel();
}

export async function openTaskResult(manager: ConnectionManager, results: ResultDocuments, node: unknown): Promise<void> {
  const { connection, task } = entryOf(manager, node);
  if (!task.result) throw new (engine().ExplainedError)(`Task ${task.taskId} (${task.tool}) has no result${task.problem ? `: ${task.problem}` : ` (it is ${statusText(task.status)})`}.`);
  const ms = (task.lastUpdatedAt ? Date.parse(task.lastUpdatedAt) : NaN) - (task.createdAt ? Date.parse(task.createdAt) : NaN);
  await showToolResult(results, connection, task.tool, task.args, { result: task.result, durationMs: Number.isFinite(ms) ? ms : 0, task });
}
