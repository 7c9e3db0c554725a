// Whether a tool runs as a task, from its definition alone, and what a task is as a connection keeps it
// (status, TaskInfo). No SDK code: the tree uses it at activation. core/tasks runs them.
import type { Tool } from '@modelcontextprotocol/client';

export type TaskSupport = 'required' | 'optional' | 'forbidden';
export type TaskStatus = 'working' | 'input_required' | 'completed' | 'failed' | 'cancelled';

/** Still running: the server may yet change its status. */
export const isRunning = (t: { readonly status: TaskStatus }): boolean => t.status === 'working' || t.status === 'input_required';

/** A status as people read it: "input required", not "input_required". */
export const statusText = (status: TaskStatus): string => status.replace('_', ' ');

/** The tool's execution.taskSupport; a tool that says nothing is "forbidden" (the specification's default). */
export function taskSupport(tool: Tool | undefined): TaskSupport {
  const v = (tool as { execution?: { taskSupport?: unknown } } | undefined)?.execution?.taskSupport;
  return v === 'required' || v === 'optional' ? v : 'forbidden';
}

/** What a person sees of a task: the fields of tasks/get that matter, in one shape for both eras. */
export interface TaskInfo {
  readonly taskId: string;
  readonly status: TaskStatus;
  readonly statusMessage?: string;
  readonly createdAt?: string;
  readonly lastUpdatedAt?: string;
  /** How long the server keeps the task and its result after it was created (ms); null: no limit. */
  readonly ttlMs: number | null;
}
