// Whether a tool runs as a task, from its definition alone (no SDK code: the tree uses it at activation).
import type { Tool } from '@modelcontextprotocol/client';

export type TaskSupport = 'required' | 'optional' | 'forbidden';

/** The tool's execution.taskSupport; a tool that says nothing is "forbidden" (the specification's default). */
export function taskSupport(tool: Tool | undefined): TaskSupport {
  const v = (tool as { execution?: { taskSupport?: unknown } } | undefined)?.execution?.taskSupport;
  return v === 'required' || v === 'optional' ? v : 'forbidden';
}
