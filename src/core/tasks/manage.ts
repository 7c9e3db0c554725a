// Tasks by id, outside the call that started them: list what the server keeps (2025-11-25 tasks/list),
// look one up (and its result once it completed), cancel one. For `agentcore-mcp tasks`.
import type { CallToolResult } from '@modelcontextprotocol/client';
import type { McpConnection } from '../connections/connection';
import { ExplainedError } from '../connections/errors';
import { taskSession, view } from './run';
import type { TaskInfo } from '../connections/taskSupport';

const modern = (c: McpConnection) => c.state.kind === 'running' && c.state.session.era === 'modern';

function needTasks(c: McpConnection, what: string): void {
  if (c.state.kind !== 'running') return;
  const caps = c.state.session.serverCapabilities as { tasks?: { list?: unknown; cancel?: unknown }; extensions?: Record<string, unknown> } | undefined;
  const has = modern(c) ? caps?.extensions?.['io.modelcontextprotocol/tasks'] !== undefined : caps?.tasks !== undefined;
  if (!has) throw new ExplainedError(`The server does not offer tasks, so there is nothing to ${what}.`);
  if (what === 'list' && modern(c)) throw new ExplainedError('MCP 2026-07-28 has no tasks/list: a task is looked up by its id.', 'Use "tasks get <id>" with the id the call printed.');
  if (what === 'list' && caps?.tasks?.list === undefined) throw new ExplainedError('The server does not list its tasks (no tasks.list capability).', 'Use "tasks get <id>" with the id the call printed.');
  if (what === 'cancel' && !modern(c) && caps?.tasks?.cancel === undefined) throw new ExplainedError('The server does not let clients cancel tasks (no tasks.cancel capability).');
}

/** Every task the server lists for this session, following every page. */
export async function listTasks(c: McpConnection): Promise<TaskInfo[]> {
  needTasks(c, 'list');
  return c.request('tasks/list', async client => {
    const session = await taskSession(c, client);
    const out: TaskInfo[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10_000; page++) {
      const r = await session.listTasks(cursor);
      out.push(...r.tasks.map(view));
      if (!r.nextCursor) return out;
      cursor = r.nextCursor;
    }
    throw new ExplainedError('tasks/list: the server kept returning pages.');
  });
}

/** One task as the server sees it now, with its result once it completed. */
export async function getTask(c: McpConnection, taskId: string): Promise<{ task: TaskInfo; result?: CallToolResult; problem?: string }> {
  needTasks(c, 'look up');
  return c.request('tasks/get', async client => {
    const controller = (await taskSession(c, client)).task(taskId as never);
    const task = view(await controller.snapshot());
    if (task.status === 'completed') {
      const outcome = await controller.result();
      if (outcome.status === 'completed') return { task, result: outcome.result as CallToolResult };
    }
    return { task, ...(task.status === 'failed' && task.statusMessage ? { problem: task.statusMessage } : {}) };
  });
}

export async function cancelTask(c: McpConnection, taskId: string): Promise<void> {
  needTasks(c, 'cancel');
  await c.request('tasks/cancel', async client => {
    await (await taskSession(c, client)).cancelTask(taskId as never);
  });
}
