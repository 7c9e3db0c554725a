// Results as a person reads them, in the real VS Code: rendered in one result tab that the next result
// reuses unless pinned, images inline, resource links that open the resource, the Markdown one click away,
// and nothing a server writes runs as HTML.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { everythingStdio } from '../fixtures/everything';
import { api, closeEditors, resultTabActive, run, setConnections, shownResult, waitFor } from './helpers';
import { must, requireDriver, screenshot, useCommands } from './ui';

useCommands(id => vscode.commands.executeCommand(id));

/** The result page: the visible webview's inner frame. */
const page = ['iframe.webview.ready:visible', '#active-frame'];
const inPage = (op: string, selector: string, extra: Record<string, unknown> = {}) => ({ op, selector, frames: page, ...extra });

const resultTabs = () => vscode.window.tabGroups.all.flatMap(g => g.tabs)
  .filter(t => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('agentcoreMcp.result'));

describe('results, rendered', function () {
  this.timeout(120_000);
  const name = 'everything-results';
  before(async function () {
    requireDriver(this);
    await closeEditors();
    await setConnections([{ name, type: 'stdio', ...everythingStdio() }]);
    await run('agentcoreMcp.connect', { kind: 'connection', connection: name });
  });
  // closeAllEditors leaves pinned tabs open: close the result tabs themselves, pinned or not.
  const closeResultTabs = async () => { await vscode.window.tabGroups.close(resultTabs()); };
  after(async () => { await closeResultTabs(); await closeEditors(); await setConnections(undefined); });

  it('shows an image inline and reuses the one result tab for the next result', async () => {
    await run('agentcoreMcp.invokeTool', { connection: name, tool: 'get-tiny-image', args: {} });
    await shownResult(t => t.startsWith('# get-tiny-image'));
    await waitFor('the result tab', () => resultTabActive() || undefined);
    await must([inPage('waitFor', 'main h1:has-text("get-tiny-image")')]);
    const [loaded] = await must([inPage('loadedImages', 'main img')]);
    assert.strictEqual(loaded, 1, 'the image is shown inline, loaded from the saved file');
    await screenshot('result-view');
    assert.strictEqual(vscode.window.visibleTextEditors.length, 0, 'no image editor opened beside');

    await run('agentcoreMcp.invokeTool', { connection: name, tool: 'echo', args: { message: 'second result' } });
    await must([inPage('waitFor', 'main p:has-text("Echo: second result")')]);
    assert.deepStrictEqual(resultTabs().map(t => t.label), ['echo'], 'the same tab shows the new result');
  });

  it('a pinned result keeps its tab: the next result opens a new one', async () => {
    await must([{ op: 'click', selector: '.editor-actions .action-label[aria-label^="Keep Result Open"]' }]);
    await waitFor('the result tab pinned', () => resultTabs().find(t => t.isPinned));
    await run('agentcoreMcp.invokeTool', { connection: name, tool: 'echo', args: { message: 'third result' } });
    await must([inPage('waitFor', 'main p:has-text("Echo: third result")')]);
    const tabs = resultTabs();
    assert.strictEqual(tabs.length, 2, tabs.map(t => `${t.label}${t.isPinned ? ' (pinned)' : ''}`).join(', '));
    assert.strictEqual(tabs.filter(t => t.isPinned).length, 1);
    await closeResultTabs();
  });

  it('a resource link opens the resource; Open Result as Markdown shows the source', async () => {
    await run('agentcoreMcp.invokeTool', { connection: name, tool: 'get-resource-links', args: { count: 2 } });
    await must([inPage('waitFor', 'main a:has-text("Text Resource 2")'), inPage('click', 'main a:has-text("Text Resource 2")')]);
    await waitFor('the resource open in an editor', () => {
      const doc = vscode.window.activeTextEditor?.document;
      return doc?.uri.scheme === 'agentcore-mcp-resource' && doc.getText().startsWith('Resource 2: This is a plaintext resource') ? true : undefined;
    });
    await run('workbench.action.closeActiveEditor');
    await waitFor('the result tab active again', () => resultTabActive() || undefined);
    await must([{ op: 'click', selector: '.editor-actions .action-label[aria-label^="Open Result as Markdown"]' }]);
    await waitFor('the Markdown source', () => {
      const doc = vscode.window.activeTextEditor?.document;
      return doc?.uri.scheme === 'agentcore-mcp-result' && doc.languageId === 'markdown' && doc.getText().includes('**Resource link**: [Text Resource 2]') ? true : undefined;
    });
  });

  it('shows what a server wrote as HTML as text: no element of its own, no script', async () => {
    const hostile = '<img src=x onerror="document.title=1"> <script>document.title=2</script> [run](command:workbench.action.terminal.new)';
    await run('agentcoreMcp.invokeTool', { connection: name, tool: 'echo', args: { message: hostile } });
    await must([inPage('waitFor', 'main p:has-text("<script>")')]);
    const [imgs, scripts, links, text] = await must([inPage('count', 'main img'), inPage('count', 'main script'), inPage('count', 'main a'), inPage('text', 'main p')]);
    assert.deepStrictEqual([imgs, scripts, links], [0, 0, 0], 'no image, script or command link from the server');
    assert.ok((text as string[]).some(t => t.includes('<img src=x onerror=')), JSON.stringify(text));
    assert.ok((await api()).results()[0].includes('command:workbench.action.terminal.new'), 'the Markdown keeps what the server wrote');
  });
});
