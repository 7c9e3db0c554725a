// MCP 2026-07-28 in the real VS Code: a server written with @modelcontextprotocol/server 2.x asks through
// input_required; the three rounds (two questions, then the model) are answered in the same quick inputs
// and through the same vscode.lm consent as 2025 server-to-client requests, and the tree shows the era.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { serveModern, type ModernFixture } from '../fixtures/servers/modern';
import { api, closeEditors, shownResult, run, setConnections, waitFor } from './helpers';
import { drive, must, quickInput, requireDriver, screenshot, treeRow, useCommands } from './ui';

useCommands(id => vscode.commands.executeCommand(id));

const TIPS = '1. Go early to beat the crowds. 2. Eat where the locals eat. 3. Learn a few words of the language.';


describe('MCP 2026-07-28: multi-round-trip requests in the UI', function () {
  this.timeout(120_000);
  let fixture: ModernFixture;
  before(async function () {
    requireDriver(this);
    fixture = await serveModern({ legacy: 'reject' });
    await setConnections([{ name: 'modern', type: 'http', url: fixture.url }]);
    await vscode.workspace.getConfiguration('agentcoreMcp').update('sampling.model', 'fake-lm/fake-1', vscode.ConfigurationTarget.Workspace);
    await run('agentcoreMcp.resetSamplingPermissions');
    await run('agentcoreMcp.connect', { kind: 'connection', connection: 'modern' });
  });
  after(async () => {
    await setConnections(undefined);
    await vscode.workspace.getConfiguration('agentcoreMcp').update('sampling.model', undefined, vscode.ConfigurationTarget.Workspace);
    await fixture?.close();
  });
  beforeEach(() => run('workbench.action.closeQuickOpen'));

  it('shows the era and how it was chosen', async () => {
    const s = (await api()).state('modern');
    assert.ok(s.kind === 'running', JSON.stringify(s));
    assert.deepStrictEqual([s.session.era, s.session.protocolVersion, s.session.sessionId], ['modern', '2026-07-28', undefined]);
    await closeEditors();
    await run('agentcoreMcp.connections.focus');
    await must([{ op: 'waitFor', selector: treeRow('modern') }, { op: 'waitFor', selector: `${treeRow('modern')}:has-text("2026-07-28")` }]);
    await must([{ op: 'click', selector: treeRow('Session') }, { op: 'waitFor', selector: `${treeRow('Protocol chosen')}:has-text("auto: the server answered server/discover")` }]);
    await screenshot('modern-era-tree');
  });

  it('book: three rounds answered in the quick inputs and by the test model', async () => {
    const done = run('agentcoreMcp.invokeTool', { connection: 'modern', tool: 'book', args: {} });
    await quickInput.waitForTitle('modern asks: Where would you like to stay?');
    await quickInput.enter('Lisbon');
    await quickInput.waitForTitle('modern asks: How many nights in Lisbon?');
    await quickInput.enter('3');
    await quickInput.waitForTitle('modern asks to use Fake Model 1');
    await quickInput.pick('Allow once');
    await done;
    const text = await shownResult(t => t.includes('Booked 3 nights in Lisbon'));
    assert.ok(text.includes(`Tips: ${TIPS}`), text);
    const calls = (await api()).traffic('modern').filter(e => e.kind === 'message' && e.direction === 'out' && 'method' in e.message && e.message.method === 'tools/call');
    assert.strictEqual(calls.length, 4, 'the call and one repeat per round');
  });

  it('offers to reconnect in the other era when the server asked that era\'s way, and the button does it', async () => {
    const both = await serveModern({ legacy: 'stateless' });
    try {
      await setConnections([{ name: 'modern', type: 'http', url: fixture.url }, { name: 'older', type: 'http', url: both.url, protocol: '2025-11-25' }]);
      await run('agentcoreMcp.connect', { kind: 'connection', connection: 'older' });
      await run('agentcoreMcp.invokeTool', { connection: 'older', tool: 'book', args: {} });
      const text = await shownResult(t => t.includes('Cannot request input') && t.includes('Protocol era'));
      assert.match(text, /\*\*Protocol era:\*\* The server asks through input_required \(the 2026-07-28 way\)/);
      const item = '.notification-list-item:has-text("asked the other protocol era")';
      const [toast] = await drive([{ op: 'waitFor', selector: `.notifications-toasts ${item}`, timeout: 5000, optional: true }]);
      if (toast !== true) await run('notifications.showList');
      await screenshot('era-mismatch-offer');
      await must([{ op: 'click', selector: `${item} .monaco-button:has-text("Reconnect in 2026-07-28")` }]);
      await waitFor('the modern era', async () => { const s = (await api()).state('older'); return s.kind === 'running' && s.session.era === 'modern' ? true : undefined; });
    } finally {
      // The notification center, if it was opened, would take the next test's Escape.
      await run('notifications.hideList');
      await run('notifications.clearAll');
      await setConnections([{ name: 'modern', type: 'http', url: fixture.url }]);
      await both.close();
    }
  });

  it('book: Escape at the second round ends the call, and the server says so', async () => {
    const done = run('agentcoreMcp.invokeTool', { connection: 'modern', tool: 'book', args: {} });
    await quickInput.waitForTitle('modern asks: Where would you like to stay?');
    await quickInput.enter('Porto');
    await quickInput.waitForTitle('modern asks: How many nights in Porto?');
    await quickInput.escape();
    await done;
    await shownResult(t => t.includes('Booking cancelled at the nights.'));
  });
});
