// "AgentCore MCP: Invoke Tool": connection → tool → one step per argument (from its inputSchema) →
// confirmation for destructive tools → the call under a cancellable progress notification → the
// result in a read-only editor.
import { toolEffect } from '../../core/tools/effect';
import type { ProtocolChoice } from '../../core/connections/era';
import * as vscode from 'vscode';
import type { ToolCallOutcome } from '../../core/operations';
import type { ConnectionManager } from '../connections/manager';
import type { ResultDocuments } from '../documents/results';
import { engine } from '../engine';
import { askUrl, waitToRetry } from '../elicitation/url';
import { askField } from '../forms/fieldStep';
import { Back, Cancelled, confirm } from '../quickInput';
import { asNode } from '../views/nodes';
import { about, connectWithProgress, pickConnection, pickTool } from './pick';
import { runWithProgress } from './progress';

export interface InvokeRequest { readonly connection?: string; readonly tool?: string; readonly args?: Record<string, unknown> }

/** Remembers the last call per connection (for "Save Last Call as Scenario" and "Run Again"). */
export interface LastCall { readonly connection: string; readonly tool: string; readonly args: Record<string, unknown>; readonly outcome?: ToolCallOutcome; readonly startedAt: number; readonly endedAt: number }

/** `asTask`: "Invoke Tool as Task" (only tools that can run as tasks are offered). */
export async function invokeTool(manager: ConnectionManager, results: ResultDocuments, node: unknown, onCall?: (c: LastCall) => void, asTask = false): Promise<ToolCallOutcome | undefined> {
  const n = asNode(node);
  const req = n ? undefined : node as InvokeRequest | undefined;
  const fromTree = n?.kind === 'tool' ? n.tool : undefined;
  const name = req?.connection ?? await pickConnection(manager, node, asTask ? 'Invoke Tool as Task' : 'Invoke Tool');
  await connectWithProgress(manager, name);
  let tool = fromTree;
  if (!tool && req?.tool) tool = (await about(name, manager.catalog(name).get('tools'))).find(t => t.name === req.tool);
  if (!tool && req?.tool) throw new (engine().ExplainedError)(`"${name}" has no tool named "${req.tool}".`);
  const e = engine();
  const args: Record<string, unknown> = { ...(req?.args ?? {}) };
  let chosen = tool;
  if (!req?.args) {
    // Step 0 picks the tool (when not given), steps 1..n ask its arguments; Back walks through all of them.
    const pickStep = !tool;
    let fields = tool ? e.args.argumentFields(tool.inputSchema) : [];
    let i = pickStep ? 0 : 1;
    try {
      while (i <= fields.length) {
        // The counter counts the tool's arguments: before a tool is chosen their number is unknown, so
        // the pick has none (it said "1/2" for a tool without arguments and for one with two).
        try {
          if (i === 0) {
            const before = chosen?.name;
            chosen = await pickTool(manager, name, undefined, asTask);
            if (chosen.name !== before) for (const k of Object.keys(args)) delete args[k]; // another tool: start over
            fields = e.args.argumentFields(chosen.inputSchema);
          } else {
            const f = fields[i - 1];
            const v = await askField(e, f, args[f.key], { title: `${chosen!.name}: ${f.title}${f.required ? '' : ' (optional)'}`, ...(fields.length > 1 ? { step: i, totalSteps: fields.length } : {}), back: i > 1 || pickStep });
            if (v === undefined) delete args[f.key]; else args[f.key] = v;
          }
          i++;
        } catch (err) {
          if (!(err instanceof Back)) throw err;
          i = Math.max(pickStep ? 0 : 1, i - 1);
        }
      }
    } catch (err) {
      if (err instanceof Cancelled) return undefined;
      throw err;
    }
  }
  const t = chosen!;
  if (toolEffect(t) === 'destructive') {
    const ok = await confirm({
      title: `${t.name} on ${name}`, question: `"${t.name}" is marked destructive: it may change or delete data. Run it?`,
      yes: `$(warning) Run ${t.name}`, detail: JSON.stringify(args),
    });
    if (!ok) return undefined;
  }
  const startedAt = Date.now();
  const task = asTask || e.tasks.taskSupport(t) === 'required';
  const call = () => about(name, runWithProgress(`${t.name} on ${name}${task ? ' (task)' : ''}`, (signal, onprogress) =>
    e.ops.callTool(manager.connection(name), t, args, { signal, onprogress, ...(asTask ? { task: true } : {}) })));
  let outcome: ToolCallOutcome;
  try {
    outcome = await call();
  } catch (err) {
    // -32042: the tool needs the person to finish a step in the browser first; offer it, then retry once.
    const needed = e.elicitation.requiredUrlElicitations(err);
    if (!needed?.length || !(await completeUrlElicitations(manager, name, needed))) throw err;
    outcome = await call();
  }
  onCall?.({ connection: name, tool: t.name, args, outcome, startedAt, endedAt: Date.now() });
  await showToolResult(results, name, t.name, args, outcome, (c, p) => manager.connection(c).reconnectIn(p as ProtocolChoice));
  return outcome;
}

/** Offers each URL the server requires and waits for it to report completion; false if the person declined. */
async function completeUrlElicitations(manager: ConnectionManager, name: string, needed: Array<{ message: string; url: string; elicitationId: string }>): Promise<boolean> {
  const conn = manager.connection(name);
  for (const el of needed) {
    let sub: { dispose(): void } | undefined;
    const completed = new Promise<void>(resolve => { sub = conn.onElicitationComplete(id => { if (id === el.elicitationId) resolve(); }); });
    try {
      const answer = await askUrl(engine(), name, el);
      if (answer.action !== 'accept') return false;
      const host = engine().elicitation.describeUrl(el.url);
      if (!(await waitToRetry(name, host.ok ? host.hostUnicode : el.url, completed))) return false;
    } finally {
      sub?.dispose();
    }
  }
  return true;
}

export async function showToolResult(results: ResultDocuments, connection: string, tool: string, args: Record<string, unknown>, outcome: ToolCallOutcome,
  reconnect?: (connection: string, protocol: string) => Promise<unknown>): Promise<void> {
  const writes: Array<Promise<void>> = [];
  const links = results.links(connection, writes);
  const md = engine().render.renderToolResult(outcome.result, { tool, connection, args, durationMs: outcome.durationMs, at: new Date(), ...(outcome.outputCheck ? { outputCheck: outcome.outputCheck } : {}), ...(outcome.eraHint ? { eraHint: outcome.eraHint } : {}), ...(outcome.task ? { task: outcome.task } : {}) }, links);
  await Promise.all(writes);
  await results.show(`${tool}${outcome.result.isError ? ' (error)' : ''}`, md);
  if (outcome.eraSwitch) {
    const other = outcome.eraSwitch;
    // Not awaited: the command (and whoever awaits it) is done once the result is open.
    void vscode.window.showWarningMessage(`${tool} on ${connection}: the server asked the other protocol era's way. ${outcome.eraHint ?? ''}`, `Reconnect in ${other}`)
      .then(choice => (choice && reconnect ? reconnect(connection, other) : undefined));
  } else if (outcome.result.isError) void vscode.window.showWarningMessage(`${tool} on ${connection} returned an error result (isError).`);
}
