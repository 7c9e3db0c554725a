// "AgentCore MCP: Save Last Call as Scenario": writes the tool call just made, with the answers the
// person gave to its elicitations and sampling requests, into a *.mcp-scenario.json file that the
// Testing view and `agentcore-mcp test` can re-run unattended.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/manager';
import type { ElicitationRecord } from '../elicitation/handler';
import { engine } from '../engine';
import type { SamplingRecord } from '../sampling/handler';
import type { LastCall } from './invokeTool';
import { pick } from '../quickInput';

export interface History {
  lastCalls(): LastCall[];
  elicitations(): readonly ElicitationRecord[];
  samplings(): readonly SamplingRecord[];
}

/** `contains`: tests give the check (a line, or false for none) instead of picking it. */
export async function saveLastCall(manager: ConnectionManager, history: History, arg?: { connection?: string; file?: string; contains?: string | false }): Promise<vscode.Uri | undefined> {
  const calls = history.lastCalls().filter(c => !arg?.connection || c.connection === arg.connection).sort((a, b) => b.endedAt - a.endedAt);
  if (calls.length === 0) {
    void vscode.window.showInformationMessage('There is no tool call to save yet: run "AgentCore MCP: Invoke Tool" first.');
    return undefined;
  }
  const call = calls.length === 1 || arg?.connection ? calls[0]
    : (await pick({ title: 'Save Last Call as Scenario', items: calls.map(c => ({ label: c.tool, description: c.connection, c })), placeholder: 'Which call?' })).c;
  const contains = arg?.contains !== undefined ? arg.contains || undefined : await chooseCheck(call);
  const during = <T extends { connection: string; time: number }>(list: readonly T[]) => list.filter(r => r.connection === call.connection && r.time >= call.startedAt && r.time <= call.endedAt);
  const scenario = engine().scenario.scenarioFromCall({
    connection: manager.get(call.connection) ? call.connection : call.connection,
    tool: call.tool, args: call.args,
    elicitations: during(history.elicitations()),
    samplings: during(history.samplings()),
    ...(call.outcome ? { result: call.outcome.result } : {}),
    ...(contains ? { contains } : {}),
  });
  let target = arg?.file ? vscode.Uri.file(arg.file) : undefined;
  if (!target) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    target = await vscode.window.showSaveDialog({
      title: 'Save the call as a scenario', saveLabel: 'Save Scenario', filters: { 'MCP scenario': ['mcp-scenario.json'] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `${call.tool.replace(/[^\w.-]+/g, '-')}.mcp-scenario.json`) } : {}),
    });
    if (!target) return undefined;
  }
  target = target.with({ path: engine().scenario.scenarioPath(target.path) });
  await fs.mkdir(path.dirname(target.fsPath), { recursive: true });
  await fs.writeFile(target.fsPath, engine().scenario.scenarioText(scenario), 'utf8');
  await vscode.window.showTextDocument(target, { preview: false });
  return target;
}

/** What the scenario should check in the result besides isError: a line of it, or nothing. Escape cancels. */
async function chooseCheck(call: LastCall): Promise<string | undefined> {
  const lines = engine().scenario.containsCandidates(call.outcome?.result);
  if (!lines.length) return undefined;
  const none = { label: '$(circle-slash) No text check', description: `only isError: ${call.outcome?.result.isError === true}`, line: undefined as string | undefined };
  const chosen = await pick({
    title: `Save ${call.tool} as a scenario: check the result`,
    placeholder: 'The scenario passes when the result contains this line (leave out lines with ids or times that change)',
    items: [...lines.map(line => ({ label: line, description: 'contains', line })), none],
  });
  return chosen.line;
}
