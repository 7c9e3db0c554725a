// The result view: tool results and prompts rendered (images inline, links that open the resource) in
// one tab that the next result reuses, unless the person pinned it ("Keep Result Open" or the tab's own
// Pin). Its Markdown stays one click away ("Open Result as Markdown").
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { engine } from '../engine';
import { resourceScheme } from './resources';

export const resultViewType = 'agentcoreMcp.result';

export interface ShownResult { readonly title: string; readonly markdown: string; readonly source: vscode.Uri }

export class ResultView implements vscode.Disposable {
  /** The tab the next result goes to, while the person has not pinned it. */
  private reusable: vscode.WebviewPanel | undefined;
  private readonly shown = new Map<vscode.WebviewPanel, ShownResult>();
  /** Newest first, for the tests and for whoever asks what was shown last. */
  readonly history: ShownResult[] = [];

  constructor(private readonly resultsDir: vscode.Uri, private readonly icon: vscode.Uri) {}

  async show(result: ShownResult): Promise<vscode.WebviewPanel> {
    this.history.unshift(result);
    this.history.length = Math.min(this.history.length, 20);
    let panel = this.reusable && !isPinned(this.reusable) ? this.reusable : undefined;
    if (!panel) panel = this.reusable = this.create();
    this.shown.set(panel, result);
    panel.title = result.title;
    panel.webview.html = this.page(panel.webview, result.markdown);
    panel.reveal(panel.viewColumn ?? vscode.ViewColumn.Active, false);
    return panel;
  }

  /** The result of the active result tab, if a result tab is active. */
  active(): ShownResult | undefined {
    for (const [panel, result] of this.shown) if (panel.active) return result;
    return undefined;
  }

  /** Pins the active result tab so the next result opens a tab of its own. */
  async keep(): Promise<void> {
    if (!this.active()) throw new (engine().ExplainedError)('No result tab is active: open a tool result first.');
    await vscode.commands.executeCommand('workbench.action.pinEditor');
  }

  private create(): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel(resultViewType, 'Result', { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, {
      enableScripts: true, enableFindWidget: true, localResourceRoots: [this.resultsDir],
    });
    panel.iconPath = this.icon;
    panel.onDidDispose(() => {
      this.shown.delete(panel);
      if (this.reusable === panel) this.reusable = undefined;
    });
    panel.webview.onDidReceiveMessage((m: { type?: string; href?: string }) => {
      if (m?.type === 'open' && typeof m.href === 'string') void this.open(m.href);
    });
    return panel;
  }

  /** A link clicked in a result: a resource of the connection, a file we saved, or a web page. */
  private async open(href: string): Promise<void> {
    let uri: vscode.Uri;
    try { uri = vscode.Uri.parse(href, true); } catch { return void vscode.window.showWarningMessage(`This link could not be read: ${href.slice(0, 200)}`); }
    if (uri.scheme === resourceScheme) return void vscode.commands.executeCommand('vscode.open', uri, { preview: false });
    if (uri.scheme === 'file' && uri.fsPath.startsWith(this.resultsDir.fsPath)) return void vscode.commands.executeCommand('vscode.open', uri, { viewColumn: vscode.ViewColumn.Beside });
    if (uri.scheme === 'http' || uri.scheme === 'https' || uri.scheme === 'mailto') return void vscode.env.openExternal(uri);
    void vscode.window.showWarningMessage(`Links to ${uri.scheme}: are not opened from results (${href.slice(0, 200)}).`);
  }

  private page(webview: vscode.Webview, markdown: string): string {
    const nonce = randomBytes(16).toString('base64');
    const body = engine().resultHtml(markdown, {
      image: src => {
        let uri: vscode.Uri;
        try { uri = vscode.Uri.parse(src, true); } catch { return undefined; }
        return uri.scheme === 'file' && uri.fsPath.startsWith(this.resultsDir.fsPath) ? webview.asWebviewUri(uri).toString() : undefined;
      },
    });
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${webview.cspSource}; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); line-height: 1.5; padding: 0 20px 20px; max-width: 980px; }
a { color: var(--vscode-textLink-foreground); } a:hover { color: var(--vscode-textLink-activeForeground); }
code { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); }
pre { background: var(--vscode-textCodeBlock-background); padding: 8px 12px; overflow: auto; border-radius: 4px; }
pre code { white-space: pre; }
:not(pre) > code { background: var(--vscode-textCodeBlock-background); padding: 1px 4px; border-radius: 3px; }
img { max-width: 100%; height: auto; border: 1px solid var(--vscode-panel-border); }
h1 { font-size: 1.5em; border-bottom: 1px solid var(--vscode-panel-border); padding-bottom: 4px; }
h2 { font-size: 1.2em; margin-top: 1.4em; }
.no-image { color: var(--vscode-descriptionForeground); font-style: italic; }
table { border-collapse: collapse; } th, td { border: 1px solid var(--vscode-panel-border); padding: 2px 8px; }
</style></head>
<body><main>${body}</main>
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
document.addEventListener('click', e => {
  const a = e.target instanceof Element ? e.target.closest('a[href]') : null;
  if (!a) return;
  e.preventDefault();
  vscode.postMessage({ type: 'open', href: a.getAttribute('href') });
});
</script></body></html>`;
  }

  dispose(): void {
    for (const panel of [...this.shown.keys()]) panel.dispose();
  }
}

/** Whether the person pinned the tab of `panel` (its title is how the tab is found). */
function isPinned(panel: vscode.WebviewPanel): boolean {
  return vscode.window.tabGroups.all.flatMap(g => g.tabs).some(t =>
    t.isPinned && t.label === panel.title && t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(resultViewType));
}
