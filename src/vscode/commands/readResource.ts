// "AgentCore MCP: Read Resource": a resource, or a template filled in variable by variable with the
// server's completions, opened in a read-only editor whose language follows the MIME type. Images open
// in an image editor; other binary content can be saved.
import type { ResourceTemplateType } from '@modelcontextprotocol/client';
import * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/manager';
import { resourceUri, ResourceDocuments } from '../documents/resources';
import type { ResultDocuments } from '../documents/results';
import { engine } from '../engine';
import { runSteps, suggestInput } from '../quickInput';
import { asNode } from '../views/nodes';
import { about, connectWithProgress, pickConnection, pickResource } from './pick';

async function fillTemplate(manager: ConnectionManager, name: string, t: ResourceTemplateType): Promise<string | undefined> {
  const template = new (engine().UriTemplate)(t.uriTemplate); // RFC 6570, the SDK's implementation
  const vars = template.variableNames;
  const values: Record<string, string> = {};
  const conn = manager.connection(name);
  const done = await runSteps(vars.map((v, i) => async () => {
    values[v] = await suggestInput({
      title: `${t.title ?? t.name}: ${v}`, step: i + 1, totalSteps: vars.length, back: i > 0, value: values[v], required: true,
      prompt: `${v} in ${t.uriTemplate}`,
      suggest: value => engine().ops.complete(conn, { type: 'ref/resource', uri: t.uriTemplate }, v, value, { ...values }),
    });
  }));
  return done ? template.expand(values) : undefined;
}

export async function readResource(manager: ConnectionManager, docs: ResourceDocuments, results: ResultDocuments, node: unknown, uriArg?: string): Promise<vscode.Uri | undefined> {
  const n = asNode(node);
  const req = n ? undefined : node as { connection?: string; uri?: string } | undefined;
  const name = req?.connection ?? await pickConnection(manager, node, 'Read Resource');
  await connectWithProgress(manager, name);
  let uri = uriArg ?? req?.uri ?? (n?.kind === 'resource' ? n.resource.uri : undefined);
  let title: string | undefined;
  if (!uri) {
    const choice = n?.kind === 'template' ? { kind: 'template' as const, template: n.template } : await pickResource(manager, name);
    uri = choice.kind === 'resource' ? choice.resource.uri : await fillTemplate(manager, name, choice.template);
    if (choice.kind === 'template') title = choice.template.title ?? choice.template.name;
  }
  if (!uri) return undefined;
  const target = resourceUri(name, uri, title);
  const doc = await about(name, Promise.resolve(vscode.workspace.openTextDocument(target)));
  const read = docs.lastRead.get(target.toString());
  const blobs = (read?.contents ?? []).filter((c): c is typeof c & { blob: string } => 'blob' in c && typeof c.blob === 'string');
  const texts = (read?.contents ?? []).filter(c => 'text' in c);
  if (texts.length > 0 || blobs.length === 0) {
    const mime = texts[0]?.mimeType ?? read?.contents[0]?.mimeType;
    const lang = engine().render.languageOf(mime);
    if (doc.languageId !== lang) await vscode.languages.setTextDocumentLanguage(doc, lang);
    await vscode.window.showTextDocument(doc, { preview: false });
  }
  for (const b of blobs) {
    const writes: Array<Promise<void>> = [];
    const mime = b.mimeType ?? 'application/octet-stream';
    const saved = results.links(name, writes).binary(mime.startsWith('image/') ? 'image' : 'blob', mime, b.blob, 'resource');
    await Promise.all(writes);
    const file = vscode.Uri.parse(saved.link!);
    await vscode.commands.executeCommand('vscode.open', file, { preview: false });
    if (!mime.startsWith('image/')) {
      // Not awaited: the person may save it now, later, or never.
      void vscode.window.showInformationMessage(`${b.uri}: ${saved.bytes} bytes of ${mime}.`, 'Save As…').then(async choice => {
        if (!choice) return;
        const dest = await vscode.window.showSaveDialog({ saveLabel: 'Save Resource', defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? file, b.uri.split('/').pop() || 'resource.bin') });
        if (dest) await vscode.workspace.fs.copy(file, dest, { overwrite: true });
      });
    }
  }
  return target;
}
