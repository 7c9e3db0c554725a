// The tree in the real VS Code: refresh on list_changed, failures as clear error states, large servers
// listed page by page, and workspace trust for stdio commands.
import * as assert from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { serveNotMcp } from '../fixtures/servers/broken';
import { api, run, setConnections, waitFor } from './helpers';
import { requireDriver, must, quickInput, screenshot, treeRow } from './ui';

const fixture = (name: string) => path.join(__dirname, '..', 'fixtures', 'servers', `${name}.js`);
const stdio = (name: string, script: string, ...args: string[]) => ({ name, type: 'stdio', command: process.execPath, args: [fixture(script), ...args] });

describe('the AgentCore MCP tree', function () {
  this.timeout(120_000);
  before(async function () {
    requireDriver(this);
    await run('workbench.view.extension.agentcoreMcp');
  });
  afterEach(() => setConnections(undefined));

  it('refreshes Tools, Resources and Prompts when the server says its lists changed', async () => {
    await setConnections([stdio('features', 'features', '--stdio')]);
    await run('agentcoreMcp.connect', { kind: 'connection', connection: 'features' });
    await must([{ op: 'waitFor', selector: treeRow('Tools') }, { op: 'click', selector: treeRow('Tools') }, { op: 'waitFor', selector: treeRow('add_tool') }]);
    // Tooltips are made on hover (resolveTreeItem): the description, annotations and arguments.
    // The mouse must arrive on the row from elsewhere for the hover to start.
    await must([{ op: 'mouseAway' }, { op: 'sleep', ms: 500 }, { op: 'hover', selector: `${treeRow('annotated_destructive')} .label-name` }, { op: 'sleep', ms: 300 },
      { op: 'hover', selector: `${treeRow('annotated_destructive')} .label-description` }]);
    await must([{ op: 'waitFor', selector: '.monaco-hover:has-text("destructive"), .workbench-hover:has-text("destructive")', timeout: 10_000 }, { op: 'mouseAway' }]);
    await run('agentcoreMcp.invokeTool', { connection: 'features', tool: 'add_tool', args: { name: 'brand_new_tool' } });
    await must([{ op: 'waitFor', selector: treeRow('brand_new_tool'), timeout: 10_000 }]);
    await run('agentcoreMcp.invokeTool', { connection: 'features', tool: 'remove_tool', args: { name: 'brand_new_tool' } });
    await must([{ op: 'waitFor', selector: treeRow('brand_new_tool'), state: 'detached', timeout: 10_000 }]);
    await must([{ op: 'click', selector: treeRow('Prompts') }, { op: 'waitFor', selector: treeRow('greeting') }]);
    await run('agentcoreMcp.invokeTool', { connection: 'features', tool: 'add_prompt', args: { name: 'fresh_prompt' } });
    await must([{ op: 'waitFor', selector: treeRow('fresh_prompt'), timeout: 10_000 }]);
  });

  it('acts on the clicked item: a tool\'s inline Invoke Tool and its context menu, a prompt\'s Get Prompt, a resource\'s Read Resource, with two connections', async () => {
    // Names of their own: the tree remembers which groups were open by id, and an earlier test opened
    // features' groups (a click would then close them).
    await setConnections([stdio('left', 'features', '--stdio'), stdio('right', 'features', '--stdio')]);
    for (const c of ['left', 'right']) await run('agentcoreMcp.connect', { kind: 'connection', connection: c });
    const features = treeRow('left');
    // Expand features' Tools (the first Tools row) and wait for its rows and the count on the group.
    await must([{ op: 'waitFor', selector: features }, { op: 'waitFor', selector: treeRow('Tools') }, { op: 'click', selector: treeRow('Tools') }, { op: 'waitFor', selector: treeRow('add_tool') }, { op: 'sleep', ms: 300 }]);
    // Hover the row, as a person does, and click its ▷ (inline Invoke Tool).
    await must([{ op: 'mouseAway' }, { op: 'hover', selector: treeRow('add_tool') }, { op: 'click', selector: `${treeRow('add_tool')} .action-label[aria-label="Invoke Tool"]` }]);
    await quickInput.waitForTitle('add_tool: ');
    assert.doesNotMatch(await quickInput.texts(), /Choose a connection|Choose a tool/);
    await quickInput.escape();
    // The context menu's Invoke Tool.
    const menuItem = '.context-view .action-label:has-text("Invoke Tool")';
    await must([{ op: 'rightClick', selector: treeRow('add_tool') }, { op: 'waitFor', selector: menuItem }, { op: 'sleep', ms: 300 }, { op: 'click', selector: menuItem }]);
    await quickInput.waitForTitle('add_tool: ');
    await quickInput.escape();
    // The context menu also copies the name and shows the definition.
    const item = (label: string) => `.context-view .action-label:has-text("${label}")`;
    await must([{ op: 'rightClick', selector: treeRow('add_tool') }, { op: 'waitFor', selector: item('Copy Tool Name') }, { op: 'sleep', ms: 300 }, { op: 'click', selector: item('Copy Tool Name') }]);
    await waitFor('the name on the clipboard', async () => ((await vscode.env.clipboard.readText()) === 'add_tool' ? true : undefined));
    await must([{ op: 'rightClick', selector: treeRow('add_tool') }, { op: 'waitFor', selector: item('Show Tool Definition') }, { op: 'sleep', ms: 300 }, { op: 'click', selector: item('Show Tool Definition') }]);
    await waitFor('the definition as JSON', () => {
      const doc = vscode.window.activeTextEditor?.document;
      return doc?.languageId === 'json' && (JSON.parse(doc.getText()) as { name?: string; inputSchema?: unknown }).name === 'add_tool' ? true : undefined;
    });
    // A prompt's inline Get Prompt.
    await must([{ op: 'click', selector: treeRow('Prompts') }, { op: 'waitFor', selector: treeRow('greeting') }, { op: 'sleep', ms: 300 }, { op: 'mouseAway' }, { op: 'hover', selector: treeRow('greeting') },
      { op: 'click', selector: `${treeRow('greeting')} .action-label[aria-label="Get Prompt"]` }]);
    await quickInput.waitForTitle('greeting');
    await quickInput.escape();
    // A resource's inline Read Resource opens that resource, with no pick.
    await must([{ op: 'click', selector: treeRow('Resources') }, { op: 'waitFor', selector: treeRow('Counter') }, { op: 'sleep', ms: 300 }, { op: 'mouseAway' }, { op: 'hover', selector: treeRow('Counter') },
      { op: 'click', selector: `${treeRow('Counter')} .action-label[aria-label="Read Resource"]` }]);
    await waitFor('the counter resource open', () => (vscode.window.activeTextEditor?.document.uri.scheme === 'agentcore-mcp-resource' ? true : undefined));
    assert.strictEqual(await quickInput.isVisible(), false, 'no pick was shown');
  });

  it('offers Disconnect in the command palette only while a connection runs', async () => {
    const offered = async (title: string) => {
      await run('workbench.action.showCommands');
      await must([{ op: 'waitFor', selector: '.quick-input-widget .quick-input-box input' }, { op: 'type', text: `AgentCore MCP: ${title}` }, { op: 'sleep', ms: 400 }]);
      const [labels] = await must([{ op: 'text', selector: '.quick-input-widget .monaco-list-row .label-name' }]);
      await run('workbench.action.closeQuickOpen');
      return (labels as string[]).some(l => l.replace(/\s+/g, ' ').includes(`AgentCore MCP: ${title}`));
    };
    await setConnections([stdio('features', 'features', '--stdio')]);
    await run('agentcoreMcp.disconnect', { kind: 'connection', connection: 'features' });
    assert.strictEqual(await offered('Disconnect'), false, 'Disconnect with nothing running');
    assert.strictEqual(await offered('Invoke Tool'), true, 'Invoke Tool connects by itself, so it is always offered');
    await run('agentcoreMcp.connect', { kind: 'connection', connection: 'features' });
    assert.strictEqual(await offered('Disconnect'), true, 'Disconnect while a connection runs');
  });

  it('lists 10,000 tools and 10,000 resources page by page into the tree', async () => {
    await setConnections([stdio('paging', 'paging', '--stdio')]);
    await run('agentcoreMcp.connect', { kind: 'connection', connection: 'paging' });
    // Listed when the connection shows: the counts appear on the groups before they are opened.
    const started = Date.now();
    await must([{ op: 'waitFor', selector: `${treeRow('Tools')}:has-text("10000")`, timeout: 60_000 }]);
    const toolsMs = Date.now() - started;
    await must([{ op: 'waitFor', selector: `${treeRow('Resources')}:has-text("10000")`, timeout: 60_000 }]);
    const resourcesMs = Date.now() - started;
    const t2 = Date.now();
    await must([{ op: 'click', selector: treeRow('Tools') }, { op: 'waitFor', selector: treeRow('tool-00001'), timeout: 60_000 }]);
    console.log(`      10,000 tools listed (count on the group) ${toolsMs} ms after connecting, 10,000 resources ${resourcesMs} ms (100 pages each, in the background); rows shown ${Date.now() - t2} ms after opening Tools`);
    const pages = (await api()).traffic('paging').filter(e => e.kind === 'message' && e.direction === 'out' && 'method' in e.message && e.message.method === 'tools/list');
    assert.strictEqual(pages.length, 100, 'every page was requested');
  });

  describe('failures end in the error state with a message a person can act on', () => {
    const cases: Array<{ title: string; entry: () => Promise<Record<string, unknown>>; message: RegExp; cleanup?: () => Promise<void> }> = [];
    let notMcp: Awaited<ReturnType<typeof serveNotMcp>> | undefined;
    cases.push({ title: 'a wrong command', entry: async () => ({ name: 'bad-command', type: 'stdio', command: 'agentcore-no-such-server', args: [] }), message: /Could not start "agentcore-no-such-server": command not found/ });
    cases.push({ title: 'a server that exits before initialize', entry: async () => stdio('exits-early', 'broken', '--exit-before-init'), message: /exited with code 3 before it answered initialize\. It wrote: fatal: broken fixture exits before initialize/ });
    cases.push({
      title: 'a refused port', message: /Nothing is listening at 127\.0\.0\.1:\d+ \(connection refused\)/, entry: async () => {
        const srv = http.createServer();
        await new Promise<void>(r => srv.listen(0, '127.0.0.1', r));
        const { port } = srv.address() as AddressInfo;
        await new Promise(r => srv.close(r));
        return { name: 'refused', type: 'http', url: `http://127.0.0.1:${port}/mcp` };
      },
    });
    cases.push({
      title: 'a web page instead of an MCP endpoint', message: /answered with text\/html; charset=utf-8, not MCP/, cleanup: async () => notMcp?.close(),
      entry: async () => { notMcp = await serveNotMcp(); return { name: 'web-page', type: 'http', url: notMcp.url }; },
    });
    for (const c of cases) {
      it(c.title, async () => {
        const entry = await c.entry();
        const name = entry.name as string;
        try {
          await setConnections([entry]);
          await run('agentcoreMcp.connect', { kind: 'connection', connection: name }); // shows an error message, does not throw
          const s = (await api()).state(name);
          assert.strictEqual(s.kind, 'error', JSON.stringify(s));
          if (s.kind === 'error') {
            assert.match(s.message, c.message);
            assert.ok(s.nextStep && s.nextStep.length > 10, `a next step: ${s.nextStep}`);
          }
          await must([{ op: 'waitFor', selector: treeRow(name) }, { op: 'waitFor', selector: '.part.sidebar .monaco-list-row .codicon-lightbulb' }]);
          // The reason is in the row itself (not only under it), and Edit Connection sits beside Show Log.
          await must([{ op: 'waitFor', selector: `${treeRow(name)}:has-text("error: ")` }, { op: 'waitFor', selector: treeRow('Edit Connection') }]);
          if (name === 'exits-early') await screenshot('tree-error');
          await run('notifications.clearAll');
        } finally {
          await c.cleanup?.();
        }
      });
    }
  });

  it('marks a broken connection in the connection pick, with why', async () => {
    await setConnections([{ name: 'bad-command', type: 'stdio', command: 'agentcore-no-such-server', args: [] }, stdio('features', 'features', '--stdio')]);
    await run('agentcoreMcp.connect', { kind: 'connection', connection: 'bad-command' });
    const done = run('agentcoreMcp.invokeTool');
    await quickInput.waitForTitle('Invoke Tool');
    const broken = '.quick-input-widget .monaco-list-row:has-text("bad-command")';
    await must([{ op: 'waitFor', selector: `${broken} .codicon-error` }, { op: 'waitFor', selector: `${broken}:has-text("command not found")` }]);
    await quickInput.escape();
    await done;
    await run('notifications.clearAll');
  });

  it('adds an HTTP connection whose Authorization header goes to secret storage, not settings', async () => {
    const done = run<string>('agentcoreMcp.addConnection');
    await quickInput.waitForTitle('Add MCP Connection');
    await quickInput.enter('secured');
    await quickInput.pick('HTTP');
    await quickInput.enter('http://127.0.0.1:9/mcp');
    await quickInput.enter('Authorization: Bearer sk-test-SECRET-123; X-Team: blue');
    await quickInput.pick('Workspace settings');
    assert.strictEqual(await done, 'secured');
    const saved = vscode.workspace.getConfiguration('agentcoreMcp').inspect<unknown[]>('connections')?.workspaceValue;
    assert.deepStrictEqual(saved, [{ name: 'secured', type: 'http', url: 'http://127.0.0.1:9/mcp', headers: { 'X-Team': 'blue' }, secretHeaders: ['Authorization'] }]);
    assert.doesNotMatch(JSON.stringify(saved), /sk-test-SECRET-123/);
    await waitFor('the settings file written', async () => {
      const file = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, '.vscode', 'settings.json');
      const text = Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8');
      return text.includes('"secured"') ? text : undefined;
    }).then(text => assert.doesNotMatch(text, /SECRET/));
  });
});
