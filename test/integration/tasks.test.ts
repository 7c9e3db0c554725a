// Tool calls as MCP tasks in the real VS Code, against server-everything's simulate-research-query
// (taskSupport "required"; it asks for clarification while the task is input_required).
import * as assert from 'node:assert';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { everythingStdio } from '../fixtures/everything';
import { api, closeEditors, resultTabActive, run, setConnections, shownResult, waitFor } from './helpers';
import { cancelProgressNotification, must, QUICK_INPUT, quickInput, requireDriver, screenshot, treeRow, useCommands } from './ui';

useCommands(id => vscode.commands.executeCommand(id));
const name = 'everything-tasks';
const sentMethods = async (direction: 'in' | 'out') => (await api()).traffic(name)
  .filter(e => e.kind === 'message' && e.direction === direction && 'method' in e.message)
  .map(e => (e.kind === 'message' && 'method' in e.message ? e.message.method : ''));

describe('tasks: server-everything\'s simulate-research-query', function () {
  this.timeout(120_000);
  before(async function () {
    requireDriver(this);
    await setConnections([{ name, type: 'stdio', ...everythingStdio() }]);
    await run('agentcoreMcp.connect', { kind: 'connection', connection: name });
  });
  beforeEach(async () => {
    await run('workbench.action.closeQuickOpen');
    await run('notifications.clearAll');
  });
  after(async () => { await setConnections(undefined); await closeEditors(); });

  it('Invoke Tool as Task offers the tools that run as tasks; the status shows as progress, the question is asked in the quick input, the result opens', async () => {
    const done = run('agentcoreMcp.invokeToolAsTask');
    await quickInput.waitForTitle('Invoke Tool as Task');
    const [, count, labels] = await must([{ op: 'sleep', ms: 300 }, { op: 'count', selector: `${QUICK_INPUT} .monaco-list-row` }, { op: 'text', selector: `${QUICK_INPUT} .monaco-list-row .label-name` }]);
    assert.strictEqual(count, 1, `only the tool that runs as a task is offered: ${JSON.stringify(labels)}`);
    assert.strictEqual((labels as string[])[0], 'simulate-research-query');
    await quickInput.filterAndAccept('simulate-research-query');
    await quickInput.waitForTitle('simulate-research-query: topic');
    await quickInput.enter('python');
    await quickInput.waitForTitle('simulate-research-query: ambiguous');
    await quickInput.pick('Yes');
    await quickInput.answerElicitation('could have multiple interpretations', async () => {
      await screenshot('task-input-required');
      await quickInput.pick('Python programming language');
    });
    await done;
    const text = await shownResult(t => t.includes('Research Report: python (programming)'));
    assert.match(text, /Ran as task `[0-9a-f]+` \(the server keeps it 300 s\)\./);
    const out = await sentMethods('out');
    assert.ok(out.includes('tasks/result'), 'the queued question was fetched with tasks/result');
    assert.ok((await sentMethods('in')).includes('notifications/tasks/status'));
  });

  it('lists the tasks under Tasks: a running one cancelled from its row, a finished one reopened by a click', async () => {
    await run('workbench.view.extension.agentcoreMcp');
    const task = (status: string) => `${treeRow('simulate-research-query')}:has-text("ago"):has-text("${status}")`;
    const cancelsSent = async () => (await sentMethods('out')).filter(m => m === 'tasks/cancel').length;
    // server-everything's task runs 4 s in all; the row shows "working" once a poll has said so (every
    // 1 s). When the row is reached only after the task ended, the click finds nothing to cancel: try again.
    let cancelled = false;
    for (let attempt = 0; attempt < 3 && !cancelled; attempt++) {
      const before = await cancelsSent();
      const done = run('agentcoreMcp.invokeTool', { connection: name, tool: 'simulate-research-query', args: { topic: 'reefs' } });
      await must([{ op: 'waitFor', selector: treeRow('Tasks') }, { op: 'waitFor', selector: task('working') }]);
      await must([{ op: 'mouseAway' }, { op: 'hover', selector: task('working') }, { op: 'click', selector: `${task('working')} .action-label[aria-label="Cancel Task"]` }]);
      await done;
      cancelled = await cancelsSent() === before + 1;
      await run('notifications.clearAll');
    }
    assert.ok(cancelled, 'tasks/cancel sent from the row of a running task (3 attempts)');
    await must([{ op: 'waitFor', selector: task('cancelled') }]);
    await screenshot('tasks-node');
    await closeEditors();
    // The hover card of the row just cancelled can cover the others.
    await must([{ op: 'mouseAway' }, { op: 'sleep', ms: 300 }, { op: 'click', selector: task('completed') }]);
    await waitFor('the finished task\'s result in the result tab', async () => (resultTabActive() && (await api()).results()[0]?.includes('Research Report: ')) || undefined);
  });

  it('Cancel on the progress notification cancels the task on the server', async () => {
    const done = run('agentcoreMcp.invokeTool', { connection: name, tool: 'simulate-research-query', args: { topic: 'tides' } });
    await cancelProgressNotification('simulate-research-query on everything-tasks (task)');
    await done;
    assert.ok((await sentMethods('out')).includes('tasks/cancel'), 'tasks/cancel sent');
    await must([{ op: 'waitFor', selector: '.statusbar-item:has-text("cancelled, and the server was told to stop")' }]);
  });
});

describe('tasks in MCP 2026-07-28: the io.modelcontextprotocol/tasks extension (hand-written fixture)', function () {
  this.timeout(60_000);
  const modern = 'modern-tasks';
  before(async function () {
    requireDriver(this);
    const script = path.resolve(__dirname, '..', 'fixtures', 'servers', 'modernTasks.js');
    await setConnections([{ name: modern, type: 'stdio', command: process.execPath, args: [script] }]);
    await run('agentcoreMcp.connect', { kind: 'connection', connection: modern });
  });
  after(async () => { await setConnections(undefined); await closeEditors(); });

  it('a call the server turns into a task asks its question in the quick input and opens the report', async () => {
    const done = run('agentcoreMcp.invokeTool', { connection: modern, tool: 'research', args: { topic: 'tides' } });
    await quickInput.answerElicitation('modern-tasks asks: Which', () => quickInput.pick('technical'));
    await done;
    const text = await shownResult(t => t.includes('Report on tides (technical)'));
    assert.match(text, /Ran as task `[0-9a-f-]+` \(the server keeps it 60 s\)\./);
    const out = (await api()).traffic(modern).filter(e => e.kind === 'message' && e.direction === 'out' && 'method' in e.message).map(e => (e.kind === 'message' && 'method' in e.message ? e.message.method : ''));
    assert.ok(out.includes('tasks/update'), out.join());
  });
});
