// Tool calls that run as MCP tasks (2025-11-25, SEP-1686), through @modelcontextprotocol/ext-tasks: the
// call creates a task, its status drives progress, input the server needs reaches the connection's own
// elicitation and sampling handlers, Cancel sends tasks/cancel, and the result comes back like any call's.
import type { CallToolResult, Client } from '@modelcontextprotocol/client';
import type { TaskEntry } from '../connections/taskRegistry';
import { statusText, type TaskInfo } from '../connections/taskSupport';
import type { TaskEnabledSession, TaskView } from '@modelcontextprotocol/ext-tasks/client' with { 'resolution-mode': 'import' };
import type { CallOptions, McpConnection } from '../connections/connection';
import { CancelledError, ExplainedError } from '../connections/errors';
import { ObservedTransport } from '../connections/observe';


/** Whether the running session's server runs tools/call as tasks (2025-11-25 `tasks.requests.tools.call`). */
export function serverRunsToolTasks(c: McpConnection): boolean {
  if (c.state.kind !== 'running') return false;
  const caps = c.state.session.serverCapabilities as { tasks?: { requests?: { tools?: { call?: unknown } } }; extensions?: Record<string, unknown> } | undefined;
  return c.state.session.era === 'legacy' ? caps?.tasks?.requests?.tools?.call !== undefined : caps?.extensions?.[TASKS_EXTENSION] !== undefined;
}

/** 2026-07-28 with the tasks extension: the server decides per call whether it becomes a task (tools do
 *  not declare it), so every tools/call goes through ext-tasks. */
export function serverMayAnswerWithTask(c: McpConnection): boolean {
  return c.state.kind === 'running' && c.state.session.era === 'modern' && serverRunsToolTasks(c);
}

const TASKS_EXTENSION = 'io.modelcontextprotocol/tasks';

const sessions = new WeakMap<Client, Promise<TaskEnabledSession>>();

// One ext-tasks session per SDK client (the package allows one adapter per client); it ends with the
// client. ext-tasks is an ES module, loaded on the first task.
export function taskSession(c: McpConnection, client: Client): Promise<TaskEnabledSession> {
  let s = sessions.get(client);
  if (!s) {
    s = import('@modelcontextprotocol/ext-tasks/client').then(m => m.createTaskSessionFromClient(client as never, {
      endpointId: c.name,
      // 2026-07-28 (the tasks extension): tools/call and tasks/* go out as they are and come back
      // unchecked by the SDK (a task is not a CallToolResult); ext-tasks checks them. Input the task
      // asks for goes to the connection's own handlers.
      ...(client.getProtocolEra() === 'modern' ? {
        rawDispatch: (request: unknown, o?: { signal?: AbortSignal; context?: { requestTimeoutMs?: number } }) => rawDispatch(client, request, o, c.timeouts.requestMs),
        v2RequestFraming: { protocolVersion: client.getNegotiatedProtocolVersion() ?? '2026-07-28', clientInfo: c.clientInfo as never, clientCapabilities: (c.state.kind === 'running' ? c.state.session.clientCapabilities ?? {} : {}) as never },
        onInputRequest: (req: { kind: 'elicitation' | 'sampling' | 'roots'; params?: unknown }, ctx: { signal?: AbortSignal }) => c.answerInput(req.kind, req.params, ctx.signal) as never,
      } : {}),
    } as never));
    sessions.set(client, s);
    s.catch(() => sessions.delete(client));
  }
  return s;
}

// Results taken as they come (tasks/result, and the extension's tasks/*): ext-tasks checks them.
const anyResult = { '~standard': { version: 1 as const, vendor: 'agentcore-mcp', validate: (value: unknown) => ({ value }) } };

type RawResponse = { kind: 'result'; result: unknown } | { kind: 'error'; error: { code: number; message: string; data?: unknown } };

async function rawDispatch(client: Client, request: unknown, o: { signal?: AbortSignal; context?: { requestTimeoutMs?: number } } = {}, timeoutMs: number): Promise<RawResponse> {
  const transport = (client as { transport?: unknown }).transport;
  if (!(transport instanceof ObservedTransport)) throw new Error('This connection cannot send task requests (no raw request path).');
  const { method, params } = request as { method: string; params?: Record<string, unknown> };
  const m = await transport.rawRequest(method, params, { timeoutMs: o.context?.requestTimeoutMs ?? timeoutMs, ...(o.signal ? { signal: o.signal } : {}) }) as { result?: unknown; error?: { code: number; message: string; data?: unknown } };
  return m.error ? { kind: 'error', error: m.error } : { kind: 'result', result: m.result };
}

export const view = (t: TaskView): TaskInfo => ({
  taskId: t.taskId, status: t.status, ttlMs: t.retentionMs,
  ...(t.statusMessage !== undefined ? { statusMessage: t.statusMessage } : {}),
  ...(t.createdAt !== undefined ? { createdAt: t.createdAt } : {}),
  ...(t.lastUpdatedAt !== undefined ? { lastUpdatedAt: t.lastUpdatedAt } : {}),
});


export interface TaskCallOptions extends CallOptions {
  /** "require": a task or an error; "allow": whatever the server answers (2026-07-28 only). */
  readonly preference?: 'require' | 'allow';
  /** Every status the task reports, first to last. */
  readonly onTask?: (task: TaskInfo) => void;
}

export interface TaskCallResult {
  readonly result: CallToolResult;
  /** Absent when the server answered at once (2026-07-28: the server decides). */
  readonly task?: TaskInfo;
}

/** Waits for the connection to run again (it may be restarting) and follows the task there. */
async function resume(c: McpConnection, taskId: string, name: string, reference: unknown, requestMs: number) {
  c.log('info', `The connection closed while task ${taskId} (${name}) ran; following it on a new connection (a 2026-07-28 task outlives the connection).`);
  const deadline = Date.now() + c.timeouts.connectMs;
  for (;;) {
    const s = await c.connect();
    const client = c.client;
    if (s.kind === 'running' && client) return (await taskSession(c, client)).resumeTask(reference as never, { requestTimeoutMs: requestMs });
    if (s.kind === 'error' || Date.now() > deadline) throw new ExplainedError(`The connection closed while task ${taskId} (${name}) ran, and no new connection could follow it${s.kind === 'error' ? `: ${s.message}` : '.'}`, s.kind === 'error' ? s.nextStep : undefined);
    await new Promise(r => setTimeout(r, 100));
  }
}

/** Runs one tools/call as a task and waits for its outcome. Failures come back as ExplainedError or CancelledError. */
export function callToolAsTask(c: McpConnection, name: string, args: Record<string, unknown>, o: TaskCallOptions = {}): Promise<TaskCallResult> {
  const requestMs = c.timeouts.requestMs;
  return c.request('tools/call', async (client, options) => {
    const session = await taskSession(c, client);
    const meta = c.requestMeta()._meta;
    const first = await session.callTool(name, args as never, {
      task: { preference: o.preference ?? 'require' }, requestTimeoutMs: requestMs,
      ...(meta ? { metadata: meta as never } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (first.kind !== 'task') {
      const { outcome } = await first.settle();
      if (outcome.status === 'completed') return { result: outcome.result as CallToolResult };
      if (options.signal?.aborted) throw new CancelledError();
      throw outcome.status === 'failed' ? (outcome.error.cause ?? outcome.error) : new CancelledError();
    }
    let execution = first;
    let last: TaskInfo | undefined;
    let steps = 0;
    let fetching = false;
    const taskId = execution.handle.taskId;
    const reference = execution.serializeReference();
    const modern = client.getProtocolEra() === 'modern';
    const record = (change: Partial<TaskEntry>) => c.tasks.update(taskId, { tool: name, args, ...change });
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
      stalled = `Task ${taskId} (${name}) reported nothing new for ${limitMs % 1000 ? (limitMs / 1000).toFixed(1) : limitMs / 1000} s (last: ${statusText(last?.status ?? 'working')}${last?.statusMessage ? `, "${last.statusMessage}"` : ''}), so the client stopped waiting and asked the server to cancel it.`;
      cancel();
      stop.abort();
    }, Math.max(50, Math.min(1000, limitMs / 4)));
    watchdog.unref?.();
    const onAbort = () => { cancel(); stop.abort(); };
    record({ cancel: onAbort }); // Cancel from elsewhere (the Tasks node) while this call waits
    if (options.signal?.aborted) onAbort(); else options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for (let resumed = 0; ; resumed++) {
      const { outcome } = await execution.settle({
        signal: stop.signal,
        onEvent: e => {
          if (e.type !== 'task') return;
          const next = view(e.task);
          if (next.status !== last?.status || next.statusMessage !== last.statusMessage) changed = Date.now();
          last = next;
          record(last);
          o.onTask?.(last);
          o.onprogress?.({ progress: ++steps, message: last.statusMessage ?? last.status });
          // 2025-11-25: a task that needs input holds the server's requests until the client asks for
          // tasks/result, which delivers them on its stream (ext-tasks 0.2.2 only polls tasks/get, so
          // the question would never arrive). Asked once per wait; its own answer is not needed here.
          if (last.status === 'input_required' && !fetching && !modern) {
            fetching = true;
            void Promise.resolve().then(() => client.request({ method: 'tasks/result', params: { taskId } } as never, anyResult, { timeout: limitMs, resetTimeoutOnProgress: true }))
              .catch(() => undefined).finally(() => { fetching = false; });
          }
        },
      });
      // The connection closed under the task (a restart, a dropped network): a 2026-07-28 task lives on
      // the server, not in a session, so it is followed again on a new connection. (2025-11-25 tasks
      // belong to the session that made them.)
      if (outcome.status === 'failed' && /connection closed/i.test(outcome.error.message) && !stop.signal.aborted) {
        if (!modern || resumed >= 3) throw new ExplainedError(`The connection closed while task ${taskId} (${name}) ran${modern ? ', again' : ''}; ${modern ? 'stopped following it' : 'a 2025-11-25 task belongs to the session that started it, so it cannot be followed on a new one'}.`, 'Look it up with "tasks get <id>" on the command line, or run the tool again.');
        execution = await resume(c, taskId, name, reference, requestMs) as typeof execution;
        changed = Date.now();
        continue;
      }
      const task = outcome.task ? view(outcome.task) : last ?? { taskId, status: outcome.status, ttlMs: null };
      if (outcome.status === 'completed') {
        record({ ...task, result: outcome.result as CallToolResult, cancel: undefined });
        return { result: outcome.result as CallToolResult, task };
      }
      record({ ...task, cancel: undefined, ...(outcome.status === 'failed' ? { problem: outcome.error.message } : {}) });
      if (stop.signal.aborted) throw stop.signal.reason;
      if (outcome.status === 'cancelled') throw new ExplainedError(`Task ${taskId} (${name}) was cancelled by the server${task.statusMessage ? `: ${task.statusMessage}` : '.'}`);
      throw new ExplainedError(`Task ${taskId} (${name}) failed: ${outcome.error.message}`);
      }
    } catch (e) {
      if (c.tasks.get(taskId)?.cancel) record({ cancel: undefined, problem: e instanceof Error ? e.message : String(e), status: stop.signal.aborted ? 'cancelled' : 'failed' });
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
