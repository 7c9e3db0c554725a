// Tool calls as MCP tasks (2025-11-25) against the real server-everything: its simulate-research-query
// declares taskSupport "required", reports its stages as task status, and asks for clarification while
// the task is input_required (the question is queued for tasks/result).
import * as assert from 'node:assert';
import * as path from 'node:path';
import { McpConnection } from '../../src/core/connections/connection';
import { CancelledError, ExplainedError } from '../../src/core/connections/errors';
import { callTool, listTools } from '../../src/core/operations';
import type { ElicitParams } from '../../src/core/connections/host';
import type { TaskInfo } from '../../src/core/connections/taskSupport';
import { everythingPath, recordingHost, stdioEverything } from './helpers';
import { InMemoryTaskStore } from '@modelcontextprotocol/sdk/experimental/tasks/index.js';
import { serveHttp, type HttpFixture } from '../fixtures/servers/run';
import { createTasksServer } from '../fixtures/servers/tasks';
import { serveModernTasksHttp } from '../fixtures/servers/modernTasks';
import { ensureBuilt, runCli } from './cli.harness.test';
import { loadScenarioText } from '../../src/core/scenario/load';
import { runScenario } from '../../src/core/scenario/run';

describe('tool calls as MCP tasks (server-everything, 2025-11-25)', function () {
  this.timeout(30_000);
  const asked: ElicitParams[] = [];
  const host = recordingHost({
    elicit: async params => {
      asked.push(params);
      return { action: 'accept', content: { interpretation: 'technical' } };
    },
  });
  let conn: McpConnection;
  before(async () => {
    conn = new McpConnection(stdioEverything(), host);
    assert.strictEqual((await conn.connect()).kind, 'running');
  });
  after(() => conn.disconnect());
  const tool = async (name: string) => (await listTools(conn)).find(t => t.name === name)!;

  it('runs a "required" tool as a task: status as progress, the queued question answered, the result returned', async () => {
    const statuses: TaskInfo[] = [];
    const progress: string[] = [];
    const out = await callTool(conn, await tool('simulate-research-query'), { topic: 'tides', ambiguous: true }, {
      onTask: t => statuses.push(t), onprogress: p => progress.push(p.message ?? ''),
    });
    assert.strictEqual(out.result.isError, undefined);
    assert.match(JSON.stringify(out.result.content), /Research Report: tides \(technical\)/);
    assert.strictEqual(out.task?.status, 'completed');
    assert.strictEqual(out.task?.ttlMs, 300_000);
    const seen = statuses.map(s => s.status);
    assert.deepStrictEqual([seen[0], seen.at(-1)], ['working', 'completed'], seen.join());
    assert.ok(seen.includes('input_required'), seen.join());
    assert.ok(progress.includes('Gathering sources...'), progress.join(' | '));
    assert.strictEqual(asked.length, 1);
    assert.match(asked[0].message, /could have multiple interpretations/);
    const related = (asked[0]._meta as Record<string, { taskId?: string }> | undefined)?.['io.modelcontextprotocol/related-task'];
    assert.strictEqual(related?.taskId, out.task?.taskId);
    const methods = host.events.filter(e => e.kind === 'message').map(e => (e as { message: { method?: string } }).message.method);
    for (const m of ['tools/call', 'notifications/tasks/status', 'elicitation/create', 'tasks/result']) assert.ok(methods.includes(m), `${m} in ${methods.join()}`);
  });

  it('Cancel sends tasks/cancel and the call settles as cancelled', async () => {
    const ac = new AbortController();
    const statuses: string[] = [];
    const call = callTool(conn, await tool('simulate-research-query'), { topic: 'reefs' }, {
      signal: ac.signal, onTask: t => { statuses.push(t.status); if (statuses.length === 1) ac.abort(); },
    });
    await assert.rejects(call, CancelledError);
    const cancels = host.events.filter(e => e.kind === 'message' && (e as { message: { method?: string } }).message.method === 'tasks/cancel');
    assert.strictEqual(cancels.length, 1, 'one tasks/cancel sent');
  });

  it('says why when a tool that does not run as a task is asked to', async () => {
    await assert.rejects(callTool(conn, await tool('echo'), { message: 'x' }, { task: true }), (e: Error) =>
      e instanceof ExplainedError && /echo does not run as a task \(its taskSupport is "forbidden"\)/.test(e.message));
  });

  it('without the tool definition, a "required" tool gets the server\'s own refusal as its result', async () => {
    const out = await callTool(conn, 'simulate-research-query', { topic: 'x' });
    assert.strictEqual(out.result.isError, true);
    assert.match(JSON.stringify(out.result.content), /requires task augmentation/);
  });
});

describe('tool calls as MCP tasks: the tasks fixture (optional tasks, failures, a task that never ends)', function () {
  this.timeout(30_000);
  const host = recordingHost();
  let conn: McpConnection;
  before(async () => {
    const script = path.resolve(__dirname, '..', 'fixtures', 'servers', 'tasks.js');
    conn = new McpConnection({ name: 'tasks', type: 'stdio', command: process.execPath, args: [script, '--stdio'], env: {} }, host);
    assert.strictEqual((await conn.connect()).kind, 'running');
  });
  after(() => conn.disconnect());
  const tool = async (name: string) => (await listTools(conn)).find(t => t.name === name)!;
  const sent = (method: string) => host.events.filter(e => e.kind === 'message' && e.direction === 'out' && (e as { message: { method?: string } }).message.method === method).length;

  it('an "optional" tool runs as a plain call, or as a task when asked', async () => {
    const plain = await callTool(conn, await tool('count'), { to: 2 });
    assert.strictEqual(plain.task, undefined);
    assert.deepStrictEqual(plain.result.content, [{ type: 'text', text: 'counted to 2' }]);
    const progress: string[] = [];
    const task = await callTool(conn, await tool('count'), { to: 3 }, { task: true, onprogress: p => progress.push(p.message ?? '') });
    assert.strictEqual(task.task?.status, 'completed');
    assert.deepStrictEqual(task.result.content, [{ type: 'text', text: 'counted to 3' }]);
    assert.ok(progress.includes('3 of 3') || progress.includes('2 of 3'), progress.join(' | '));
  });

  it('a failed task says why; a task id the server does not know ends the call with the server\'s words', async () => {
    await assert.rejects(callTool(conn, await tool('fail'), {}), (e: Error) => e instanceof ExplainedError && /^Task \S+ \(fail\) failed: the disk is full$/.test(e.message));
    await assert.rejects(callTool(conn, await tool('vanish'), {}), (e: Error) => e instanceof ExplainedError && /\(vanish\) failed: .*Task not found/.test(e.message));
  });

  it('a task that never says anything new is given up on after the tool-call timeout, and cancelled on the server', async () => {
    const before = sent('tasks/cancel');
    const started = Date.now();
    await assert.rejects(callTool(conn, await tool('stall'), {}, { timeoutMs: 700 }), (e: Error) => e instanceof ExplainedError
      && /\(stall\) reported nothing new for 0\.7 s \(last: working\), so the client stopped waiting and asked the server to cancel it\./.test(e.message)
      && /raise the timeout/.test((e as ExplainedError).nextStep ?? ''));
    assert.ok(Date.now() - started < 5_000, `gave up in ${Date.now() - started} ms`);
    assert.strictEqual(sent('tasks/cancel'), before + 1);
  });
});

describe('tool calls as MCP tasks: 2026-07-28, the io.modelcontextprotocol/tasks extension (hand-written fixture)', function () {
  this.timeout(30_000);
  const asked: ElicitParams[] = [];
  const host = recordingHost({ elicit: async p => { asked.push(p); return { action: 'accept', content: { interpretation: 'technical' } }; } });
  let conn: McpConnection;
  before(async () => {
    const script = path.resolve(__dirname, '..', 'fixtures', 'servers', 'modernTasks.js');
    conn = new McpConnection({ name: 'modern-tasks', type: 'stdio', command: process.execPath, args: [script], env: {} }, host);
    const s = await conn.connect();
    assert.ok(s.kind === 'running' && s.session.era === 'modern', JSON.stringify(s));
  });
  after(() => conn.disconnect());
  const out = (method: string) => host.events.filter(e => e.kind === 'message' && e.direction === 'out' && (e as { message: { method?: string } }).message.method === method);

  it('the server answers tools/call with a task; its input request is answered through tasks/update; the result names the answer', async () => {
    const [tool] = await listTools(conn);
    const statuses: string[] = [];
    const r = await callTool(conn, tool, { topic: 'tides' }, { onTask: t => statuses.push(t.status) });
    assert.deepStrictEqual(r.result.content, [{ type: 'text', text: 'Report on tides (technical)' }]);
    assert.strictEqual(r.task?.status, 'completed');
    assert.ok(statuses.includes('input_required'), statuses.join());
    assert.strictEqual(asked.length, 1);
    assert.strictEqual(asked[0].message, 'Which "tides" do you mean?');
    const call = out('tools/call')[0] as unknown as { message: { params: { _meta: Record<string, { extensions?: Record<string, unknown> }> } } };
    assert.ok(call.message.params._meta['io.modelcontextprotocol/clientCapabilities'].extensions?.['io.modelcontextprotocol/tasks'], 'the call declares the extension');
    const update = out('tasks/update')[0] as unknown as { message: { params: { inputResponses: unknown } } } | undefined;
    assert.deepStrictEqual(update?.message.params.inputResponses, { clarify: { action: 'accept', content: { interpretation: 'technical' } } });
    assert.strictEqual(out('tasks/result').length, 0, 'no tasks/result in 2026-07-28');
  });

  it('a server that says "working" after "completed" does not undo the outcome: the first end stands', async () => {
    const flip = (await listTools(conn)).find(t => t.name === 'flip')!;
    const started = Date.now();
    const r = await callTool(conn, flip, {});
    assert.deepStrictEqual(r.result.content, [{ type: 'text', text: 'flipped once' }]);
    assert.strictEqual(r.task?.status, 'completed');
    assert.ok(Date.now() - started < 5_000);
  });

  it('Cancel sends the extension\'s tasks/cancel', async () => {
    const [tool] = await listTools(conn);
    const ac = new AbortController();
    await assert.rejects(callTool(conn, tool, { topic: 'reefs' }, { signal: ac.signal, onTask: () => ac.abort() }), CancelledError);
    assert.strictEqual(out('tasks/cancel').length, 1);
  });
});

describe('scenario steps that run as MCP tasks', function () {
  this.timeout(30_000);
  const stdio = (script: string) => ({ type: 'stdio', command: process.execPath, args: [script] });
  const run = (s: Record<string, unknown>) => runScenario(loadScenarioText(JSON.stringify(s), undefined, process.cwd()));
  const fixture = path.resolve(__dirname, '..', 'fixtures', 'servers', 'tasks.js');

  it('calls a task tool with scripted answers and expects how the task ended', async () => {
    const r = await run({
      connection: { type: 'stdio', command: process.execPath, args: [everythingPath, 'stdio'] },
      answers: { elicitation: [{ match: 'interpretations', action: 'accept', content: { interpretation: 'programming' } }] },
      steps: [{ call: 'simulate-research-query', arguments: { topic: 'python', ambiguous: true }, expect: { taskStatus: 'completed', contains: 'Research Report: python (programming)', elicitations: ['multiple interpretations'] } }],
    });
    assert.ok(r.passed, JSON.stringify(r.steps.map(s => s.failures)));
  });

  it('"task": true runs an optional tool as a task; a failed task can be the expected outcome; a plain call is not a task', async () => {
    const r = await run({
      connection: { ...stdio(fixture), args: [fixture, '--stdio'] },
      steps: [
        { call: 'count', task: true, arguments: { to: 2 }, expect: { taskStatus: 'completed', contains: 'counted to 2' } },
        { call: 'fail', expect: { taskStatus: 'failed' } },
        { call: 'count', arguments: { to: 1 }, expect: { taskStatus: 'completed' } },
        { call: 'fail', expect: { taskStatus: 'completed' } },
      ],
    });
    assert.deepStrictEqual(r.steps.map(s => s.passed), [true, true, false, false], JSON.stringify(r.steps.map(s => s.failures)));
    assert.strictEqual(r.steps[2].failures[0].message, 'expected the call to run as an MCP task, but it did not');
    assert.match(r.steps[3].failures[0].message, /^the task ended "failed": Task \S+ \(fail\) failed: the disk is full$/);
  });

  it('a scenario file is checked: taskStatus only on calls, with a known status; task is a boolean', () => {
    assert.throws(() => loadScenarioText(JSON.stringify({ connection: { type: 'http', url: 'http://127.0.0.1:1/mcp' }, steps: [
      { call: 'x', task: 'yes', expect: { taskStatus: 'done' } }, { read: 'a://b', expect: { taskStatus: 'completed' } },
    ] }), undefined, process.cwd()), (e: Error) => /steps\[0\].task must be true or false/.test(e.message) && /must be "completed", "failed" or "cancelled", got "done"/.test(e.message) && /taskStatus.*applies to tool calls only/.test(e.message));
  });
});

describe('the server asks as a task (2025-11-25 task-augmented elicitation and sampling)', function () {
  this.timeout(30_000);
  const asked: string[] = [];
  const host = recordingHost({
    elicit: async p => { asked.push(`elicit ${p.message}`); return { action: 'accept', content: { name: 'Ada', favoriteColor: 'blue' } }; },
    sample: async () => { asked.push('sample'); return { model: 'scripted', role: 'assistant', content: { type: 'text', text: 'a reply' } }; },
  });
  let conn: McpConnection;
  before(async () => {
    conn = new McpConnection(stdioEverything(), host);
    assert.strictEqual((await conn.connect()).kind, 'running');
  });
  after(() => conn.disconnect());
  const incoming = (method: string) => host.events.filter(e => e.kind === 'message' && e.direction === 'in' && (e as { message: { method?: string } }).message.method === method).length;

  it('declares the receiver capability, answers with a task, asks the person, and serves tasks/get and tasks/result', async () => {
    const s = conn.state;
    assert.ok(s.kind === 'running');
    assert.deepStrictEqual((s.session.clientCapabilities as { tasks?: unknown }).tasks, { list: {}, cancel: {}, requests: { sampling: { createMessage: {} }, elicitation: { create: {} } } });
    const tools = await listTools(conn);
    const e = await callTool(conn, tools.find(t => t.name === 'trigger-elicitation-request-async')!, {});
    assert.match(JSON.stringify(e.result.content), /\[COMPLETED\] User provided the requested information!.*Name: Ada/);
    const sm = await callTool(conn, tools.find(t => t.name === 'trigger-sampling-request-async')!, { prompt: 'hi' });
    assert.match(JSON.stringify(sm.result.content), /\[COMPLETED\] Async sampling completed!.*a reply/);
    assert.deepStrictEqual(asked, ['elicit Please provide inputs for the following fields (async task demo):', 'sample']);
    assert.ok(incoming('tasks/get') >= 2 && incoming('tasks/result') === 2, `tasks/get ${incoming('tasks/get')}, tasks/result ${incoming('tasks/result')}`);
  });
});

describe('agentcore-mcp tasks list | get | cancel', function () {
  this.timeout(60_000);
  let fixture: HttpFixture;
  before(async () => {
    ensureBuilt();
    const store = new InMemoryTaskStore(); // stateless HTTP: one server per request, one store for all
    fixture = await serveHttp(() => createTasksServer(store), { stateless: true });
  });
  after(() => fixture.close());

  it('lists the tasks another client started, prints a finished one\'s result, and cancels a running one', async () => {
    const conn = new McpConnection({ name: 'tasks-http', type: 'http', url: fixture.url, headers: {}, secretHeaders: [] }, recordingHost());
    try {
      assert.strictEqual((await conn.connect()).kind, 'running');
      const tools = await listTools(conn);
      const done = await callTool(conn, tools.find(t => t.name === 'count')!, { to: 1 }, { task: true });
      const countId = done.task!.taskId;
      let stallId: string | undefined;
      const stalled = callTool(conn, tools.find(t => t.name === 'stall')!, {}, { onTask: t => { stallId = t.taskId; } }).catch((e: unknown) => e);
      for (let i = 0; i < 100 && !stallId; i++) await new Promise(r => setTimeout(r, 50));
      assert.ok(stallId);

      const list = await runCli(['tasks', 'list', '--url', fixture.url, '--json']);
      assert.strictEqual(list.code, 0, list.stderr);
      const statuses = Object.fromEntries((JSON.parse(list.stdout) as { tasks: TaskInfo[] }).tasks.map(t => [t.taskId, t.status]));
      assert.strictEqual(statuses[countId], 'completed');
      assert.strictEqual(statuses[stallId], 'working');

      const get = await runCli(['tasks', 'get', countId, '--url', fixture.url]);
      assert.strictEqual(get.code, 0, get.stderr);
      assert.strictEqual(get.stdout.trim(), 'counted to 1');
      assert.match(get.stderr, new RegExp(`task ${countId}: completed \\(1 of 1\\); created .*, kept 60 s`));

      const cancel = await runCli(['tasks', 'cancel', stallId, '--url', fixture.url]);
      assert.strictEqual(cancel.code, 0, cancel.stderr);
      assert.match(cancel.stderr, new RegExp(`task ${stallId}: cancel sent; it is now cancelled`));
      const e = await stalled;
      assert.ok(e instanceof ExplainedError && /\(stall\) was cancelled by the server/.test(e.message), String(e));

      const missing = await runCli(['tasks', 'get', 'no-such-task', '--url', fixture.url]);
      assert.strictEqual(missing.code, 1);
      assert.match(missing.stderr, /Task not found/);
    } finally {
      await conn.disconnect();
    }
  });

  it('says why a list cannot be had: no tasks at all, or 2026-07-28 (no tasks/list)', async () => {
    const strict = await runCli(['tasks', 'list', '--stdio', `"${process.execPath}" "${path.resolve(__dirname, '..', 'fixtures', 'servers', 'strict.js')}"`]);
    assert.strictEqual(strict.code, 1);
    assert.match(strict.stderr, /The server does not offer tasks, so there is nothing to list\./);
    const modern = await runCli(['tasks', 'list', '--stdio', `"${process.execPath}" "${path.resolve(__dirname, '..', 'fixtures', 'servers', 'modernTasks.js')}"`]);
    assert.strictEqual(modern.code, 1);
    assert.match(modern.stderr, /MCP 2026-07-28 has no tasks\/list: a task is looked up by its id\. Use "tasks get <id>"/);
    const usage = await runCli(['tasks', 'show']);
    assert.strictEqual(usage.code, 2);
    assert.match(usage.stderr, /"tasks list", "tasks get <id>" or "tasks cancel <id>" \(got "show"\)/);
  });
});

describe('a task outlives its connection (2026-07-28): followed again after a reconnect', function () {
  this.timeout(30_000);
  it('a restart in the middle of a task: the call follows the same task on the new connection and gets its result', async () => {
    const fixture = await serveModernTasksHttp();
    const host = recordingHost({ elicit: async () => ({ action: 'accept', content: { interpretation: 'ocean' } }) });
    const conn = new McpConnection({ name: 'modern-http', type: 'http', url: fixture.url, headers: {}, secretHeaders: [] }, host);
    try {
      const s = await conn.connect();
      assert.ok(s.kind === 'running' && s.session.era === 'modern');
      const [tool] = await listTools(conn);
      let restarted = false;
      const r = await callTool(conn, tool, { topic: 'tides' }, { onTask: () => { if (!restarted) { restarted = true; void conn.restart(); } } });
      assert.ok(restarted);
      assert.deepStrictEqual(r.result.content, [{ type: 'text', text: 'Report on tides (ocean)' }]);
      const calls = host.events.filter(e => e.kind === 'message' && e.direction === 'out' && (e as { message: { method?: string } }).message.method === 'tools/call');
      assert.strictEqual(calls.length, 1, 'the tool was not called again');
      assert.ok(host.logs.some(l => /The connection closed while task \S+ \(research\) ran; following it on a new connection/.test(l.message)), host.logs.map(l => l.message).join('\n'));
    } finally {
      await conn.disconnect();
      await fixture.close();
    }
  });

  it('a 2025-11-25 task is not followed on a new session, and the call says why', async () => {
    const conn = new McpConnection(stdioEverything(), recordingHost());
    try {
      await conn.connect();
      const tool = (await listTools(conn)).find(t => t.name === 'simulate-research-query')!;
      let restarted = false;
      await assert.rejects(callTool(conn, tool, { topic: 'reefs' }, { onTask: () => { if (!restarted) { restarted = true; void conn.restart(); } } }),
        (e: Error) => e instanceof ExplainedError && /a 2025-11-25 task belongs to the session that started it, so it cannot be followed on a new one/.test(e.message));
    } finally {
      await conn.disconnect();
    }
  });
});
