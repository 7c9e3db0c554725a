// The tasks a connection started, newest first: what the Tasks node of the tree and `agentcore-mcp`
// show. Kept for the life of the connection object (across reconnects), at most MAX entries.
import type { CallToolResult } from '@modelcontextprotocol/client';
import { Emitter } from '../util/events';
import type { TaskInfo } from './taskSupport';
import { isRunning } from './taskSupport';

export interface TaskEntry extends TaskInfo {
  readonly tool: string;
  readonly args: Record<string, unknown>;
  /** When this client first saw the task (ms since the epoch). */
  readonly seenAt: number;
  /** The tool's result, once the task completed. */
  readonly result?: CallToolResult;
  /** Why the task failed, or why the client stopped waiting for it. */
  readonly problem?: string;
  /** Cancels the task while this client is still waiting for it (tasks/cancel). */
  readonly cancel?: () => void;
}

const MAX = 200;

export class TaskRegistry {
  private readonly entries = new Map<string, TaskEntry>();
  private readonly changed = new Emitter<TaskEntry>();
  readonly onDidChange = this.changed.event;

  list(): TaskEntry[] { return [...this.entries.values()].sort((a, b) => b.seenAt - a.seenAt); }
  get(taskId: string): TaskEntry | undefined { return this.entries.get(taskId); }

  /** Records what is known of a task now; fields not given keep their value. */
  update(taskId: string, change: Partial<Omit<TaskEntry, 'taskId'>> & Pick<TaskEntry, 'tool' | 'args'>): TaskEntry {
    const before = this.entries.get(taskId);
    const next: TaskEntry = { status: 'working', ttlMs: null, seenAt: Date.now(), ...before, ...change, taskId };
    this.entries.set(taskId, next);
    if (this.entries.size > MAX) {
      const oldest = this.list().reverse().find(t => !isRunning(t));
      if (oldest) this.entries.delete(oldest.taskId);
    }
    this.changed.fire(next);
    return next;
  }

  dispose(): void { this.changed.dispose(); }
}
