// Tool calls that run as MCP tasks (2025-11-25, SEP-1686), through @modelcontextprotocol/ext-tasks: the
// call creates a task, its status drives progress, input the server needs reaches the connection's own
// elicitation and sampling handlers, Cancel sends tasks/cancel, and the result comes back like any call's.
import type { CallToolResult, Client } from '@modelcontextprotocol/client';
import type { TaskEnabledSession, TaskView } from '@modelcontextprotocol/ext-tasks/client' with { 'resolution-mode': 'import' };
import type { CallOptions, McpConnection } from '../connections/connection';
import { CancelledError, ExplainedError } from '../connections/errors';

/** What a person sees of a task: the fields of tasks/get that matter, in one shape for both eras. */
export interface TaskInfo {
  readonly taskId: string;
  readonly status: 'working' | 'input_required' | 'completed' | 'failed' | 'cancelled';
  readonly statusMessage?: string;
  readonly createdAt?: string;
  readonly lastUpdatedAt?: string;
  /** How long the server keeps the task and its result after it was created (ms); null: no limit. */
  readonly ttlMs: number | null;
}

/** Whether the running session's server runs tools/call as tasks (2025-11-25 `tasks.requests.tools.call`). */
export function serverRunsToolTasks(c: McpConnection): boolean {
  if (c.state.kind !== 'running') return false;
  const caps = c.state.session.serverCapabilities as { tasks?: { requests?: { tools?: { call?: unknown } } } } | undefined;
  return c.state.session.era === 'legacy' && caps?.tasks?.requests?.tools?.call !== undefined;
}

const sessions = new WeakMap<Client, Promise<TaskEnabledSession>>();

// One ext-tasks session per SDK client (the package allows one adapter per client); it ends with the
// client. ext-tasks is an ES module, loaded on the first task.
function taskSession(client: Client, endpointId: string): Promise<TaskEnabledSession> {
  let s = sessions.get(client);
  if (!s) {
    s = import('@modelcontextprotocol/ext-tasks/client').then(m => m.createTaskSessionFromClient(client as never, { endpointId }));
    sessions.set(client, s);
    s.catch(() => sessions.delete(client));
  }
  return s;
}

const view = (t: TaskView): TaskInfo => ({
  taskId: t.taskId, status: t.status, ttlMs: t.retentionMs,
  ...(t.statusMessage !== undefined ? { statusMessage: t.statusMessage } : {}),
  ...(t.createdAt !== undefined ? { createdAt: t.createdAt } : {}),
  ...(t.lastUpdatedAt !== undefined ? { lastUpdatedAt: t.lastUpdatedAt } : {}),
});

// tasks/result answers with whatever the server's result is; ext-tasks checks it later.
const anyResult = { '~standard': { version: 1 as const, vendor: 'agentcore-mcp', validate: (value: unknown) => ({ value }) } };

export interface TaskCallOptions extends CallOptions {
  /** Every status the task reports, first to last. */
  readonly onTask?: (task: TaskInfo) => void;
}

export interface TaskCallResult {
  readonly result: CallToolResult;
  readonly task: TaskInfo;
}

/** Runs one tools/call as a task and waits for its outcome. Failures come back as ExplainedError or CancelledError. */
export function callToolAsTask(c: McpConnection, name: string, args: Record<string, unknown>, o: TaskCallOptions = {}): Promise<TaskCallResult> {
  const requestMs = c.timeouts.requestMs;
  return c.request('tools/call', async (client, options) => {
    const session = await taskSession(client, c.name);
    const meta = c.requestMeta()._meta;
    const execution = await session.callTool(name, args as never, {
      task: { preference: 'require' }, requestTimeoutMs: requestMs,
      ...(meta ? { metadata: meta as never } : {}),
    });
    if (execution.kind !== 'task') throw new ExplainedError(`${name} was asked to run as a task, but the server answered at once.`);
    let last: TaskInfo | undefined;
    let steps = 0;
    let fetching = false;
    const taskId = execution.handle.taskId;
    // Cancel: tasks/cancel to the server (awaited, so the server has been told when the call settles), and
    // local waiting stops at once whatever the server does next.
    let cancelling: Promise<unknown> | undefined;
    const cancel = () => { cancelling ??= execution.cancel().catch((e: unknown) => c.log('warn', `tasks/cancel for task ${taskId} failed: ${(e as Error).message}`)); };
    // A task that says nothing new for as long as a tool call may stay silent is given up on (and
    // cancelled), as a plain call would time out: a server that never finishes must not hold the call.
    const limitMs = o.timeoutMs ?? c.timeouts.toolCallMs;
    const stop = new AbortController();
    let stalled: string | undefined;
    let changed = Date.now();
    const watchdog = setInterval(() => {
      if (Date.now() - changed < limitMs) return;
      stalled = `Task ${taskId} (${name}) reported nothing new for ${limitMs % 1000 ? (limitMs / 1000).toFixed(1) : limitMs / 1000} s (last: ${last?.status.replace('_', ' ') ?? 'working'}${last?.statusMessage ? `, "${last.statusMessage}"` : ''}), so the client stopped waiting and asked the server to cancel it.`;
      cancel();
      stop.abort();
    }, Math.max(50, Math.min(1000, limitMs / 4)));
    watchdog.unref?.();
    const onAbort = () => { cancel(); stop.abort(); };
    if (options.signal?.aborted) onAbort(); else options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const { outcome } = await execution.settle({
        signal: stop.signal,
        onEvent: e => {
          if (e.type !== 'task') return;
          const next = view(e.task);
          if (next.status !== last?.status || next.statusMessage !== last.statusMessage) changed = Date.now();
          last = next;
          o.onTask?.(last);
          o.onprogress?.({ progress: ++steps, message: last.statusMessage ?? last.status });
          // 2025-11-25: a task that needs input holds the server's requests until the client asks for
          // tasks/result, which delivers them on its stream (ext-tasks 0.2.2 only polls tasks/get, so
          // the question would never arrive). Asked once per wait; its own answer is not needed here.
          if (last.status === 'input_required' && !fetching) {
            fetching = true;
            void client.request({ method: 'tasks/result', params: { taskId } } as never, anyResult, { timeout: limitMs, resetTimeoutOnProgress: true })
              .catch(() => undefined).finally(() => { fetching = false; });
          }
        },
      });
      const task = outcome.task ? view(outcome.task) : last ?? { taskId, status: outcome.status, ttlMs: null };
      if (outcome.status === 'completed') return { result: outcome.result as CallToolResult, task };
      if (stop.signal.aborted) throw stop.signal.reason;
      if (outcome.status === 'cancelled') throw new ExplainedError(`Task ${taskId} (${name}) was cancelled by the server${task.statusMessage ? `: ${task.statusMessage}` : '.'}`);
      throw new ExplainedError(`Task ${taskId} (${name}) failed: ${outcome.error.message}`);
    } catch (e) {
      if (!stop.signal.aborted) throw e;
      await Promise.race([cancelling, new Promise(r => setTimeout(r, 5_000).unref())]); // a server that never answers tasks/cancel does not hold the call
      if (stalled) throw new ExplainedError(stalled, 'If the task is slow but alive, raise the timeout (VS Code: agentcoreMcp.timeouts.toolCallSeconds; command line: --timeout), or look at the server\'s log.');
      throw new CancelledError();
    } finally {
      clearInterval(watchdog);
      options.signal?.removeEventListener('abort', onAbort);
    }
  }, { label: `tools/call ${name} (task)`, ...o });
}
