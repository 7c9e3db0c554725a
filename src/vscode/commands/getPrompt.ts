// "AgentCore MCP: Get Prompt": a prompt, its arguments (with the server's completions), the resulting
// messages in a readable document, and an offer to copy them.
import type { Prompt } from '@modelcontextprotocol/client';
import * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/manager';
import type { ResultDocuments } from '../documents/results';
import { engine } from '../engine';
import { runSteps, suggestInput } from '../quickInput';
import { asNode } from '../views/nodes';
import { about, connectWithProgress, pickConnection, pickPrompt } from './pick';
import { runWithProgress } from './progress';

export async function getPrompt(manager: ConnectionManager, results: ResultDocuments, node: unknown): Promise<string | undefined> {
  const n = asNode(node);
  const req = n ? undefined : node as { connection?: string; prompt?: string; args?: Record<string, string> } | undefined;
  const name = req?.connection ?? await pickConnection(manager, node, 'Get Prompt');
  const conn = await connectWithProgress(manager, name);
  let prompt: Prompt | undefined = n?.kind === 'prompt' ? n.prompt : undefined;
  if (!prompt && req?.prompt) prompt = (await about(name, manager.catalog(name).get('prompts'))).find(p => p.name === req.prompt);
  prompt ??= await pickPrompt(manager, name);
  const p = prompt;
  const args: Record<string, string> = { ...(req?.args ?? {}) };
  if (!req?.args) {
    const list = p.arguments ?? [];
    const done = await runSteps(list.map((a, i) => async () => {
      const v = await suggestInput({
        title: `${p.name}: ${a.name}${a.required ? '' : ' (optional)'}`, step: i + 1, totalSteps: list.length, back: i > 0,
        value: args[a.name], required: !!a.required, prompt: a.description ?? a.name,
        suggest: value => engine().ops.complete(conn, { type: 'ref/prompt', name: p.name }, a.name, value, { ...args }),
      });
      if (v) args[a.name] = v; else delete args[a.name];
    }));
    if (!done) return undefined;
  }
  const result = await about(name, runWithProgress(`Getting prompt ${p.name}…`, (signal, onprogress) => engine().ops.getPrompt(conn, p.name, args, { signal, onprogress }), true));
  const writes: Array<Promise<void>> = [];
  const md = engine().render.renderPrompt(p.name, name, args, result, results.links(name, writes));
  await Promise.all(writes);
  await results.show(`prompt ${p.name}`, md);
  const text = engine().render.promptAsText(result);
  void vscode.window.showInformationMessage(`Prompt "${p.name}": ${result.messages.length === 1 ? 'one message' : `${result.messages.length} messages`}.`, 'Copy Messages').then(async c => {
    if (c) await vscode.env.clipboard.writeText(text);
  });
  return text;
}
