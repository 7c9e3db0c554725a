// A tool's context menu beyond Invoke: copy its name, and show its definition (input and output
// schemas, annotations, task support) as JSON.
import * as vscode from 'vscode';
import type { ResultDocuments } from '../documents/results';
import { engine } from '../engine';
import { asNode } from '../views/nodes';

function toolOf(node: unknown) {
  const n = asNode(node);
  if (n?.kind !== 'tool') throw new (engine().ExplainedError)('Run this from a tool in the AgentCore MCP view.');
  return n;
}

export async function copyToolName(node: unknown): Promise<string> {
  const { tool } = toolOf(node);
  await vscode.env.clipboard.writeText(tool.name);
  vscode.window.setStatusBarMessage(`$(copy) Copied "${tool.name}"`, 3000);
  return tool.name;
}

export async function showToolSchema(results: ResultDocuments, node: unknown): Promise<string> {
  const { tool, connection } = toolOf(node);
  const text = JSON.stringify(tool, null, 2);
  await results.openText(`${tool.name} (${connection}) definition`, text, 'json');
  return text;
}
