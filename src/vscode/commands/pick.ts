// Choosing what a command acts on: from the tree node it was run on, or by asking (a connection is not
// asked for when there is only one).
import { toolEffect } from '../../core/tools/effect';
import type { Prompt, Resource, ResourceTemplateType, Tool } from '@modelcontextprotocol/client';
import * as vscode from 'vscode';
import type { McpConnection } from '../../core/connections/connection';
import type { ConnectionManager } from '../connections/manager';
import { engine } from '../engine';
import { Cancelled, pick } from '../quickInput';
import { connectionOf } from '../views/nodes';

/** Marks an error with the connection it concerns, so "Show Log" opens the right log. */
export function about<T>(connection: string, p: PromiseLike<T>): Promise<T> {
  return Promise.resolve(p).catch((e: unknown) => {
    if (e && typeof e === 'object') (e as { connection?: string }).connection ??= connection;
    throw e;
  });
}

export async function pickConnection(manager: ConnectionManager, node: unknown, title: string, filter?: (name: string) => boolean): Promise<string> {
  const fromNode = connectionOf(node);
  if (fromNode) return fromNode;
  const entries = manager.list().filter(e => !filter || filter(e.config.name));
  if (entries.length === 0) {
    const add = 'Add Connection';
    void vscode.window.showInformationMessage(filter ? 'No connection fits this command.' : 'There are no MCP connections yet.', add).then(c => {
      if (c) void vscode.commands.executeCommand('agentcoreMcp.addConnection');
    });
    throw new Cancelled();
  }
  if (entries.length === 1) return entries[0].config.name;
  const items = entries.map(e => {
    const s = manager.state(e.config.name);
    // A broken connection is marked, with why, so it is not picked blindly.
    return s.kind === 'error'
      ? { label: `$(error) ${e.config.name}`, description: `${e.config.type} · error`, detail: `${s.message}${s.nextStep ? ` ${s.nextStep}` : ''}`, name: e.config.name }
      : { label: e.config.name, description: `${e.config.type} · ${s.kind}`, name: e.config.name };
  });
  return (await pick({ title, items, placeholder: 'Choose a connection' })).name;
}

/** Connects (showing progress while it takes long, e.g. an AgentCore cold start) and returns the connection. */
export async function connectWithProgress(manager: ConnectionManager, name: string): Promise<McpConnection> {
  const conn = manager.connection(name);
  if (conn.state.kind === 'running') return conn;
  return about(name, Promise.resolve(vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `Connecting to ${name}…` },
    () => manager.connected(name),
  )));
}

type Step = { step: number; totalSteps: number };

/** `tasksOnly`: only the tools that can run as tasks (taskSupport "optional" or "required"). */
export async function pickTool(manager: ConnectionManager, name: string, s?: Step, tasksOnly = false): Promise<Tool> {
  const all = await about(name, manager.catalog(name).get('tools'));
  // 2026-07-28 with the tasks extension, the server decides per call: every tool is offered.
  const tools = tasksOnly && !engine().tasks.serverMayAnswerWithTask(manager.connection(name)) ? all.filter(t => engine().tasks.taskSupport(t) !== 'forbidden') : all;
  if (all.length === 0) throw new (engine().ExplainedError)(`"${name}" offers no tools.`);
  if (tools.length === 0) throw new (engine().ExplainedError)(`None of the ${all.length} tools of "${name}" can run as a task (none declares execution.taskSupport "optional" or "required").`);
  const items = tools.map(tool => ({
    label: tool.name,
    description: tool.title ?? tool.annotations?.title ?? '',
    detail: [tool.description?.split('\n')[0], { destructive: '$(warning) destructive', 'read-only': '$(eye) read-only', unknown: undefined }[toolEffect(tool)]].filter(Boolean).join(' — '),
    tool,
  }));
  return (await pick({ title: `${tasksOnly ? 'Invoke Tool as Task' : 'Invoke Tool'} — ${name}`, ...s, back: !!s && s.step > 1, items, placeholder: 'Choose a tool', matchOnDescription: true })).tool;
}

export type ResourceChoice = { kind: 'resource'; resource: Resource } | { kind: 'template'; template: ResourceTemplateType };

export async function pickResource(manager: ConnectionManager, name: string): Promise<ResourceChoice> {
  const catalog = manager.catalog(name);
  const [resources, templates] = await about(name, Promise.all([catalog.get('resources'), catalog.get('templates').catch(() => [] as ResourceTemplateType[])]));
  const items: Array<vscode.QuickPickItem & { choice?: ResourceChoice }> = [];
  if (templates.length) {
    items.push({ label: 'Templates', kind: vscode.QuickPickItemKind.Separator });
    for (const template of templates) items.push({ label: `$(symbol-snippet) ${template.title ?? template.name}`, description: template.uriTemplate, detail: template.description, choice: { kind: 'template', template } });
  }
  if (resources.length) {
    items.push({ label: 'Resources', kind: vscode.QuickPickItemKind.Separator });
    for (const resource of resources) items.push({ label: resource.title ?? resource.name, description: resource.uri, detail: resource.description, choice: { kind: 'resource', resource } });
  }
  if (!items.length) throw new (engine().ExplainedError)(`"${name}" offers no resources.`);
  const chosen = await pick({ title: `Read Resource — ${name}`, items, placeholder: 'Choose a resource or a template' });
  if (!chosen.choice) throw new Cancelled();
  return chosen.choice;
}

export async function pickPrompt(manager: ConnectionManager, name: string): Promise<Prompt> {
  const prompts = await about(name, manager.catalog(name).get('prompts'));
  if (prompts.length === 0) throw new (engine().ExplainedError)(`"${name}" offers no prompts.`);
  const items = prompts.map(prompt => ({ label: prompt.name, description: prompt.title ?? '', detail: prompt.description, prompt }));
  return (await pick({ title: `Get Prompt — ${name}`, items, placeholder: 'Choose a prompt' })).prompt;
}
