// Resource documents: agentcore-mcp-resource:/<connection>/<name>?<uri> opens the resource's text in a
// read-only editor whose language follows its MIME type. While a document is open and the server
// supports subscriptions, we subscribe and refresh it on notifications/resources/updated.
import * as vscode from 'vscode';
import type { ReadResourceResult } from '@modelcontextprotocol/client';
import type { ConnectionManager } from '../connections/manager';
import { runWithProgress } from '../commands/progress';
import { engine } from '../engine';
import { DisposableStore } from '../disposables';

export const resourceScheme = 'agentcore-mcp-resource';

/** The document of a resource; its tab shows the URI's last segment, or `title` (a filled template:
 *  "Dynamic Text Resource (5)" says more than "5"). */
export function resourceUri(connection: string, uri: string, title?: string): vscode.Uri {
  const last = uri.replace(/[?#].*$/, '').split('/').filter(Boolean).pop() ?? 'resource';
  const name = title ? `${title} (${last})` : last;
  return vscode.Uri.from({ scheme: resourceScheme, path: `/${connection}/${name.replace(/[/\\]/g, '∕')}`, query: uri });
}

export function parseResourceUri(u: vscode.Uri): { connection: string; uri: string } {
  return { connection: decodeURIComponent(u.path.split('/')[1] ?? ''), uri: u.query };
}

export class ResourceDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscribed = new Map<string, vscode.Disposable>();
  /** What the last read returned, for the command that opened the document. */
  readonly lastRead = new Map<string, ReadResourceResult>();
  private readonly disposables = new DisposableStore();

  constructor(private readonly manager: ConnectionManager) {
    this.disposables.addAll(
      vscode.workspace.registerTextDocumentContentProvider(resourceScheme, this),
      vscode.workspace.onDidCloseTextDocument(d => { if (d.uri.scheme === resourceScheme) void this.unsubscribe(d.uri); }),
      // Dev mode restarted a server: read its open resources again (subscriptions belonged to the old session).
      manager.onShouldRefreshDocuments(connection => {
        for (const d of vscode.workspace.textDocuments) {
          if (d.uri.scheme !== resourceScheme || parseResourceUri(d.uri).connection !== connection) continue;
          this.subscribed.get(d.uri.toString())?.dispose();
          this.subscribed.delete(d.uri.toString());
          this.changed.fire(d.uri);
        }
      }),
    );
  }

  async provideTextDocumentContent(u: vscode.Uri): Promise<string> {
    const { connection, uri } = parseResourceUri(u);
    let result: ReadResourceResult;
    try {
      const conn = await this.manager.connected(connection);
      result = await runWithProgress(`Reading ${uri}…`, (signal, onprogress) => engine().ops.readResource(conn, uri, { signal, onprogress }), true);
      this.lastRead.set(u.toString(), result);
      void this.subscribe(u, connection, uri);
    } catch (e) {
      return `Could not read ${uri} from "${connection}": ${(e as Error).message}${(e as { nextStep?: string }).nextStep ? `\n\n${(e as { nextStep?: string }).nextStep}` : ''}`;
    }
    const texts = result.contents.filter((c): c is typeof c & { text: string } => 'text' in c && typeof c.text === 'string');
    if (texts.length === 0) return `${uri} holds binary content only (${result.contents.map(c => c.mimeType ?? 'unknown type').join(', ')}).`;
    return texts.length === 1 ? texts[0].text : texts.map(t => `--- ${t.uri} (${t.mimeType ?? 'text'}) ---\n${t.text}`).join('\n\n');
  }

  private async subscribe(u: vscode.Uri, connection: string, uri: string): Promise<void> {
    const key = u.toString();
    if (this.subscribed.has(key)) return;
    const conn = this.manager.connection(connection);
    if (conn.state.kind !== 'running' || !conn.state.session.serverCapabilities?.resources?.subscribe) return;
    const listener = conn.onResourceUpdated(updated => { if (updated === uri) this.changed.fire(u); });
    this.subscribed.set(key, listener);
    await engine().ops.subscribe(conn, uri).catch((e: unknown) => this.manager.log(connection, 'warn', `Could not watch ${uri} for updates (${(e as Error).message}); its document will not refresh by itself.`));
  }

  private async unsubscribe(u: vscode.Uri): Promise<void> {
    const key = u.toString();
    const listener = this.subscribed.get(key);
    if (!listener) return;
    listener.dispose();
    this.subscribed.delete(key);
    const { connection, uri } = parseResourceUri(u);
    const conn = this.manager.get(connection)?.conn;
    if (conn?.state.kind === 'running') await engine().ops.unsubscribe(conn, uri).catch((e: unknown) => this.manager.log(connection, 'warn', `Could not stop watching ${uri} (${(e as Error).message}).`));
  }

  dispose(): void {
    this.disposables.dispose();
    this.subscribed.forEach(d => d.dispose());
    this.changed.dispose();
  }
}
