// agentcore-mcp tasks list | get <id> | cancel <id>: the MCP tasks a server keeps, outside the call that
// started them (a task started by `call` in another process, or one that outlived its call).
import { cancelTask, getTask, listTasks } from '../../core/tasks/manage';
import type { TaskInfo } from '../../core/connections/taskSupport';
import { statusText } from '../../core/connections/taskSupport';
import { connectionOptions, flag, outputOptions, parse, positionals, timeoutMs, UsageError } from '../args';
import { json, table, toolResultText } from '../output';
import { withSession } from '../session';

const when = (iso?: string) => (iso ? new Date(iso).toLocaleString() : '');
const ttl = (t: TaskInfo) => (t.ttlMs === null ? 'no limit' : `${Math.round(t.ttlMs / 1000)} s`);

export async function tasksCommand(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  if (!['list', 'get', 'cancel'].includes(action ?? '')) throw new UsageError(`say what to do: "tasks list", "tasks get <id>" or "tasks cancel <id>"${action ? ` (got "${action}")` : ''}.`, 'tasks');
  const p = parse('tasks', rest, { ...connectionOptions, ...outputOptions });
  const [id] = positionals(p, action === 'list' ? [] : ['id'], 'tasks');
  const asJson = flag(p, 'json');
  const ms = timeoutMs(p, 'tasks');
  return withSession(p, 'tasks', ms ? { timeoutMs: ms } : {}, async ({ connection, print }) => {
    if (action === 'list') {
      const tasks = await listTasks(connection);
      print.out(asJson ? json({ tasks }) : table(['ID', 'STATUS', 'MESSAGE', 'CREATED', 'KEPT'], tasks.map(t => [t.taskId, t.status, t.statusMessage ?? '', when(t.createdAt), ttl(t)])) || 'No tasks.\n');
      return 0;
    }
    if (action === 'cancel') {
      await cancelTask(connection, id);
      const { task } = await getTask(connection, id).catch(() => ({ task: undefined }));
      print.err(`task ${id}: cancel sent${task ? `; it is now ${statusText(task.status)}` : ''}`);
      return 0;
    }
    const { task, result, problem } = await getTask(connection, id);
    if (asJson) print.out(json({ task, ...(result ? { result } : {}) }));
    else {
      print.err(`task ${task.taskId}: ${statusText(task.status)}${task.statusMessage ? ` (${task.statusMessage})` : ''}; created ${when(task.createdAt)}, kept ${ttl(task)}`);
      if (result) print.out(toolResultText(result));
    }
    if (problem) print.err(`error: the task failed: ${problem}`);
    return task.status === 'failed' || result?.isError ? 1 : 0;
  });
}
