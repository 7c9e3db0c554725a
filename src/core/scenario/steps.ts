// Runs one step on a live connection: a tool call (with the -32042 "URL elicitation required" retry,
// answered from the script), a resource read or a prompt. Never throws: a failed request becomes
// `error` in the outcome, for the expectations to judge.
import type { CallToolResult, GetPromptResult, ReadResourceResult, Tool } from '@modelcontextprotocol/client';
import type { McpConnection } from '../connections/connection';
import { CancelledError, ExplainedError } from '../connections/errors';
import { callTool, getPrompt, listTools, readResource, ToolCallOptions, ToolCallOutcome } from '../operations';
import { requiredUrlElicitations } from '../elicitation';
import type { ProgressNote } from '../progress/throttle';
import type { ScriptedAnswers } from './answers';
import { Step, stepKind, StepKind } from './format';

export interface StepRun {
  readonly kind: StepKind;
  readonly result?: CallToolResult | ReadResourceResult | GetPromptResult;
  readonly error?: string;
  readonly outputCheck?: { readonly valid: boolean; readonly message?: string };
  readonly progress: ProgressNote[];
  /** The final status of the MCP task the call ran as. */
  readonly taskStatus?: string;
}

export interface StepContext {
  readonly connection: McpConnection;
  readonly answers: ScriptedAnswers;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** The server's tools, listed once per run on the first call (for outputSchema checks and "no such tool"). */
  tools?: Promise<Tool[] | undefined>;
}

export const errorText = (e: unknown): string => {
  if (e instanceof CancelledError) return 'cancelled';
  const x = e as { message?: string; nextStep?: string };
  return `${x.message ?? String(e)}${x.nextStep ? ` ${x.nextStep}` : ''}`;
};

async function toolOf(ctx: StepContext, name: string): Promise<Tool | string> {
  ctx.tools ??= listTools(ctx.connection, ctx.signal ? { signal: ctx.signal } : {}).catch(() => undefined);
  const tools = await ctx.tools;
  if (!tools) return name; // the server could not list them: call by name and let it answer
  const tool = tools.find(t => t.name === name);
  if (!tool) {
    const names = tools.map(t => t.name);
    throw new Error(`The server has no tool named "${name}"${names.length ? ` (it has ${names.slice(0, 20).join(', ')}${names.length > 20 ? ', …' : ''})` : ' (it lists no tools)'}.`);
  }
  return tool;
}

/**
 * Calls a tool; when it answers -32042 (a browser step is needed first), answers the URL elicitations
 * it lists from the script and, if every one was accepted, calls it once more. Throws as callTool does.
 */
export async function callScripted(connection: McpConnection, answers: ScriptedAnswers, tool: Tool | string, args: Record<string, unknown>, options: ToolCallOptions): Promise<ToolCallOutcome> {
  try {
    return await callTool(connection, tool, args, options);
  } catch (err) {
    const needed = requiredUrlElicitations(err);
    if (!needed?.length) throw err;
    for (const el of needed) {
      const action = answers.answerRequired(el);
      if (action !== 'accept') throw new ExplainedError(`${errorText(err)} (the required URL elicitation was ${action === undefined ? 'not answered' : `answered "${action}"`})`);
    }
    return await callTool(connection, tool, args, options);
  }
}

export async function runStep(step: Step, ctx: StepContext): Promise<StepRun> {
  const kind = stepKind(step);
  const progress: ProgressNote[] = [];
  let taskId: string | undefined;
  const options: ToolCallOptions = {
    onprogress: p => { progress.push(p); },
    onTask: t => { taskId = t.taskId; },
    ...(ctx.timeoutMs ? { timeoutMs: ctx.timeoutMs } : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  };
  try {
    if ('call' in step) {
      const r = await callScripted(ctx.connection, ctx.answers, await toolOf(ctx, step.call), { ...(step.arguments ?? {}) }, { ...options, ...(step.task ? { task: true } : {}) });
      return { kind, progress, result: r.result, ...(r.task ? { taskStatus: r.task.status } : {}), ...(r.outputCheck ? { outputCheck: r.outputCheck } : {}) };
    }
    if ('read' in step) return { kind, progress, result: await readResource(ctx.connection, step.read, options) };
    return { kind, progress, result: await getPrompt(ctx.connection, step.prompt, { ...(step.arguments ?? {}) }, options) };
  } catch (e) {
    const task = taskId ? ctx.connection.tasks.get(taskId) : undefined;
    return { kind, progress, error: errorText(e), ...(task ? { taskStatus: task.status } : {}) };
  }
}
