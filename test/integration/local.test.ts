// Local connections end to end in the real VS Code: server-everything over stdio and Streamable HTTP,
// the commands and quick inputs driven as a person does.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { everythingStdio, serveEverythingHttp } from '../fixtures/everything';
import type { HttpFixture } from '../fixtures/servers/run';
import { api, closeEditors, shownResult, run, setConnections, waitFor } from './helpers';
import { cancelProgressNotification, requireDriver, must, quickInput, screenshot, treeRow, useCommands } from './ui';

useCommands(id => vscode.commands.executeCommand(id));

describe('local connections: server-everything', function () {
  this.timeout(120_000);
  before(function () { requireDriver(this); });
  // Before, not after, each test: a failing test's screenshot must show the state it failed in.
  beforeEach(async () => {
    await run('workbench.action.closeQuickOpen');
    await run('notifications.clearAll');
  });
  after(async () => { await setConnections(undefined); await closeEditors(); });

  for (const transport of ['stdio', 'http'] as const) {
    describe(`over ${transport}`, () => {
      let http: HttpFixture | undefined;
      const name = `everything-${transport}`;
      before(async () => {
        if (transport === 'http') http = await serveEverythingHttp();
        await setConnections([transport === 'stdio'
          ? { name, type: 'stdio', ...everythingStdio() }
          : { name, type: 'http', url: http!.url }]);
        const state = await (await api()).state(name);
        assert.ok(state, 'the connection is known');
      });
      after(async () => { await setConnections(undefined); await http?.close(); });

      it('connects and shows the session in the tree', async () => {
        await run('agentcoreMcp.connect', { kind: 'connection', connection: name });
        const s = (await api()).state(name);
        assert.strictEqual(s.kind, 'running', JSON.stringify(s));
        if (s.kind !== 'running') return;
        assert.strictEqual(s.session.server?.name, 'mcp-servers/everything');
        assert.strictEqual(s.session.transport, transport === 'stdio' ? 'stdio' : 'streamable-http');
        if (transport === 'http') assert.match(s.session.sessionId ?? '', /^[0-9a-f-]{36}$/);
        await run('workbench.view.extension.agentcoreMcp');
        await must([{ op: 'waitFor', selector: treeRow(name) }, { op: 'waitFor', selector: treeRow('Tools') }]);
        if (transport === 'stdio') await screenshot('tree-running');
      });

      it('invokes echo: tool picked and argument typed in the quick input', async () => {
        const done = run('agentcoreMcp.invokeTool');
        await quickInput.waitForTitle('Invoke Tool');
        await quickInput.filterAndAccept('echo');
        await quickInput.waitForTitle('echo: message');
        await quickInput.enter(`hello over ${transport}`);
        await done;
        const text = await shownResult(t => t.includes(`Echo: hello over ${transport}`));
        assert.match(text, /^# echo — everything-/);
        assert.match(text, /\*\*Succeeded\*\*/);
      });

      it('invokes get-sum: numbers validated as typed', async () => {
        const done = run('agentcoreMcp.invokeTool');
        await quickInput.waitForTitle('Invoke Tool');
        await quickInput.filterAndAccept('get-sum');
        await quickInput.waitForTitle('get-sum: a');
        await quickInput.type('two');
        assert.strictEqual(await quickInput.validationMessage(), 'Enter a number, like 3.14.');
        await quickInput.enter('2');
        await quickInput.waitForTitle('get-sum: b');
        await quickInput.enter('40.5');
        await done;
        const text = await shownResult(t => t.includes('get-sum'));
        assert.match(text, /42\.5/);
      });

      if (transport === 'stdio') {
        it('goes Back from the first argument to the tool pick, and starts over with another tool', async () => {
          const done = run('agentcoreMcp.invokeTool');
          await quickInput.waitForTitle('Invoke Tool');
          await quickInput.filterAndAccept('get-sum');
          await quickInput.waitForTitle('get-sum: a');
          await quickInput.enter('1');
          await quickInput.waitForTitle('get-sum: b');
          await quickInput.back();
          await quickInput.waitForTitle('get-sum: a');
          await quickInput.back();
          await quickInput.waitForTitle('Invoke Tool');
          await quickInput.filterAndAccept('echo');
          await quickInput.waitForTitle('echo: message');
          await quickInput.enter('after going back');
          await done;
          const text = await shownResult(t => t.includes('Echo: after going back'));
          assert.doesNotMatch(text, /"a": 1/, 'the other tool\'s answers are not sent');
        });
      }

      it('cancels trigger-long-running-operation from the progress notification, and the server is told', async () => {
        const done = run('agentcoreMcp.invokeTool', { connection: name, tool: 'trigger-long-running-operation', args: { duration: 60, steps: 60 } });
        await cancelProgressNotification('trigger-long-running-operation');
        await done;
        const events = (await api()).traffic(name);
        const call = events.find(e => e.kind === 'message' && e.direction === 'out' && 'method' in e.message && e.message.method === 'tools/call'
          && (e.message.params as { name?: string })?.name === 'trigger-long-running-operation');
        assert.ok(call && call.kind === 'message' && 'id' in call.message, 'the call was sent');
        const id = (call.message as { id: number }).id;
        await waitFor('notifications/cancelled for the call', async () => (await api()).traffic(name).find(e =>
          e.kind === 'message' && e.direction === 'out' && 'method' in e.message && e.message.method === 'notifications/cancelled'
          && (e.message.params as { requestId?: unknown }).requestId === id));
        const progress = (await api()).traffic(name).filter(e => e.kind === 'message' && e.direction === 'in' && 'method' in e.message && e.message.method === 'notifications/progress');
        assert.ok(progress.length >= 1, 'progress arrived before the cancel');
        // The progress notification is gone; the status bar says what happened.
        await must([{ op: 'waitFor', selector: '.statusbar-item:has-text("cancelled, and the server was told to stop")' }]);
      });

      it('reads a text resource, a blob resource and a template filled in the quick input', async () => {
        await run('agentcoreMcp.readResource', { connection: name, uri: 'demo://resource/static/document/architecture.md' });
        await waitFor('the markdown resource document', () => vscode.window.activeTextEditor?.document.uri.scheme === 'agentcore-mcp-resource'
          && vscode.window.activeTextEditor.document.getText().length > 100 ? true : undefined);
        assert.strictEqual(vscode.window.activeTextEditor?.document.languageId, 'markdown');

        const done = run('agentcoreMcp.readResource');
        await quickInput.waitForTitle('Read Resource');
        await quickInput.filterAndAccept('Dynamic Text Resource');
        await quickInput.waitForTitle('resourceId');
        await quickInput.type('7');
        await quickInput.accept();
        await done;
        await waitFor('the template resource', () => vscode.window.activeTextEditor?.document.getText().startsWith('Resource 7: This is a plaintext resource') ? true : undefined);
        // Its tab says what it is, not just "7".
        assert.strictEqual(vscode.window.tabGroups.activeTabGroup.activeTab?.label, 'Dynamic Text Resource (7)');

        await run('agentcoreMcp.readResource', { connection: name, uri: 'demo://resource/dynamic/blob/3' });
        await waitFor('the blob opened from its saved file', () => vscode.window.activeTextEditor?.document.getText().startsWith('Resource 3: This is a base64 blob') ? true : undefined);
      });

      it('gets a prompt with arguments typed in the quick inputs', async () => {
        const done = run('agentcoreMcp.getPrompt');
        await quickInput.waitForTitle('Get Prompt');
        await quickInput.filterAndAccept('args-prompt');
        await quickInput.waitForTitle('args-prompt: city');
        await quickInput.type('Kyoto');
        await quickInput.accept();
        await quickInput.waitForTitle('args-prompt: state');
        await quickInput.accept(); // optional: left empty
        const text = await done as string;
        assert.match(text, /Kyoto/);
        const doc = await shownResult(t => t.includes('# Prompt args-prompt'));
        assert.match(doc, /## 1\. user/);
      });

      it('disconnects', async () => {
        await run('agentcoreMcp.disconnect', { kind: 'connection', connection: name });
        assert.strictEqual((await api()).state(name).kind, 'stopped');
      });
    });
  }
});
