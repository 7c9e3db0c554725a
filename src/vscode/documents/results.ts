// Read-only result documents (tool results, prompt messages) under the agentcore-mcp-result scheme,
// and the files that binary content (images, audio, blobs) is written to so editors can open it.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RenderLinks, SavedBinary } from '../../core/results/markdown';
import { resourceUri } from './resources';

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

  constructor(private readonly storage: vscode.Uri) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(resultScheme, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This result is no longer available (results live until VS Code restarts).';
  }

  /** Opens `markdown` (or text in another `language`, e.g. json) as a new read-only document titled `title`. */
  async open(title: string, markdown: string, column = vscode.ViewColumn.Active, language: 'markdown' | 'json' = 'markdown'): Promise<vscode.TextEditor> {
    const safe = title.replace(/[\\/:*?"<>|#%]+/g, '-').slice(0, 80);
    const uri = vscode.Uri.from({ scheme: resultScheme, path: `/${++this.counter}/${safe}.${language === 'json' ? 'json' : 'md'}` });
    this.texts.set(uri.toString(), markdown);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, language);
    return vscode.window.showTextDocument(doc, { preview: false, viewColumn: column });
  }

  /** Link and file writer for the Markdown renderer, for results of one connection. */
  links(connection: string, writes: Array<Promise<void>>): RenderLinks & { files: vscode.Uri[] } {
    const files: vscode.Uri[] = [];
    const dir = vscode.Uri.joinPath(this.storage, 'results');
    return {
      files,
      resource: uri => resourceUri(connection, uri).toString(),
      binary: (_kind, mimeType, base64, hint): SavedBinary => {
        const bytes = Buffer.from(base64, 'base64');
        const file = vscode.Uri.joinPath(dir, `${Date.now()}-${++this.counter}-${hint}.${extOf[mimeType.split(';')[0]] ?? 'bin'}`);
        files.push(file);
        writes.push(this.write(dir, file, bytes));
        return { mimeType, bytes: bytes.length, link: file.toString() };
      },
      longText: (text, hint): SavedBinary => {
        const bytes = Buffer.from(text, 'utf8');
        const file = vscode.Uri.joinPath(dir, `${Date.now()}-${++this.counter}-${hint}.txt`);
        files.push(file);
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
