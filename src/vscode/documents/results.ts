// Tool results and prompt messages: shown rendered in the result tab (ResultView), their Markdown kept as
// read-only documents under the agentcore-mcp-result scheme (Open Result as Markdown, tool definitions),
// and the files that binary content (images, audio, blobs) is written to so the view and editors can load it.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RenderLinks, SavedBinary } from '../../core/results/markdown';
import { engine } from '../engine';
import { resourceUri } from './resources';
import { ResultView } from './resultView';

export const resultScheme = 'agentcore-mcp-result';

const extOf: Record<string, string> = {
  'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'image/svg+xml': 'svg', 'image/bmp': 'bmp',
  'audio/wav': 'wav', 'audio/x-wav': 'wav', 'audio/mpeg': 'mp3', 'audio/ogg': 'ogg', 'application/pdf': 'pdf', 'application/zip': 'zip',
  'application/gzip': 'gz', 'application/json': 'json', 'text/plain': 'txt',
};

export class ResultDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private counter = 0;
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private cleaned = false;
  private readonly registration: vscode.Disposable;
  readonly view: ResultView;

  constructor(private readonly storage: vscode.Uri, extensionUri: vscode.Uri) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(resultScheme, this);
    this.view = new ResultView(vscode.Uri.joinPath(storage, 'results'), vscode.Uri.joinPath(extensionUri, 'media', 'activity.svg'));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This result is no longer available (results live until VS Code restarts).';
  }

  /** Shows a result's `markdown` rendered, in the result tab (see ResultView). */
  async show(title: string, markdown: string): Promise<vscode.WebviewPanel> {
    return this.view.show({ title, markdown, source: this.remember(title, markdown, 'md') });
  }

  /** Opens the Markdown of the active result tab as a read-only document (to copy from, or search). */
  async showSource(): Promise<vscode.TextEditor> {
    const shown = this.view.active();
    if (!shown) throw new (engine().ExplainedError)('No result tab is active: open a tool result first.');
    return this.open(shown.source, 'markdown', vscode.ViewColumn.Beside);
  }

  /** Opens `text` (JSON, say) as a new read-only document titled `title`. */
  async openText(title: string, text: string, language: 'markdown' | 'json', column = vscode.ViewColumn.Active): Promise<vscode.TextEditor> {
    return this.open(this.remember(title, text, language === 'json' ? 'json' : 'md'), language, column);
  }

  private remember(title: string, text: string, ext: 'md' | 'json'): vscode.Uri {
    const safe = title.replace(/[\\/:*?"<>|#%]+/g, '-').slice(0, 80);
    const uri = vscode.Uri.from({ scheme: resultScheme, path: `/${++this.counter}/${safe}.${ext}` });
    this.texts.set(uri.toString(), text);
    return uri;
  }

  private async open(uri: vscode.Uri, language: 'markdown' | 'json', column: vscode.ViewColumn): Promise<vscode.TextEditor> {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, language);
    return vscode.window.showTextDocument(doc, { preview: false, viewColumn: column });
  }

  /** Link and file writer for the Markdown renderer, for results of one connection. */
  links(connection: string, writes: Array<Promise<void>>): RenderLinks {
    const dir = vscode.Uri.joinPath(this.storage, 'results');
    return {
      resource: uri => resourceUri(connection, uri).toString(),
      binary: (_kind, mimeType, base64, hint): SavedBinary => {
        const bytes = Buffer.from(base64, 'base64');
        const file = vscode.Uri.joinPath(dir, `${Date.now()}-${++this.counter}-${hint}.${extOf[mimeType.split(';')[0]] ?? 'bin'}`);
        writes.push(this.write(dir, file, bytes));
        return { mimeType, bytes: bytes.length, link: file.toString() };
      },
      longText: (text, hint): SavedBinary => {
        const bytes = Buffer.from(text, 'utf8');
        const file = vscode.Uri.joinPath(dir, `${Date.now()}-${++this.counter}-${hint}.txt`);
        writes.push(this.write(dir, file, bytes));
        return { mimeType: 'text/plain', bytes: bytes.length, link: file.toString() };
      },
    };
  }

  private async write(dir: vscode.Uri, file: vscode.Uri, bytes: Buffer): Promise<void> {
    await fs.mkdir(dir.fsPath, { recursive: true });
    if (!this.cleaned) { this.cleaned = true; await removeOlderThan(dir.fsPath, 24 * 3600_000); }
    await fs.writeFile(file.fsPath, bytes);
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
    this.view.dispose();
  }
}

async function removeOlderThan(dir: string, ms: number): Promise<void> {
  const now = Date.now();
  for (const f of await fs.readdir(dir).catch(() => [] as string[])) {
    const p = path.join(dir, f);
    const st = await fs.stat(p).catch(() => undefined);
    if (st && now - st.mtimeMs > ms) await fs.rm(p, { force: true });
  }
}
