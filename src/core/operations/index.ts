// The requests a person starts, on top of McpConnection.request: lists that follow every page, tool
// calls whose structured content is checked against the tool's outputSchema (shown, not thrown),
// resources, prompts, completions and subscriptions.
import type { CallToolResult, CompleteResult, GetPromptResult, Prompt, ReadResourceResult, Resource, ResourceTemplateType as ResourceTemplate, Tool } from '@modelcontextprotocol/client';
import { createSchemaValidator } from '../util/schemaValidator';
import type { CallOptions, McpConnection } from '../connections/connection';
import { eraHint, otherEra, type ProtocolChoice } from '../connections/era';
import { EraMismatchError, ExplainedError } from '../connections/errors';
import { callToolAsTask, serverMayAnswerWithTask, serverRunsToolTasks, type TaskCallOptions } from '../tasks/run';
import { taskSupport, type TaskInfo } from '../connections/taskSupport';

type ListMethod = 'tools/list' | 'resources/list' | 'resources/templates/list' | 'prompts/list';

/** Follows nextCursor to the end. `onPage` sees each page as it arrives (for progressive display). */
async function listAll<T>(c: McpConnection, method: ListMethod, key: string, o: CallOptions & { onPage?: (items: T[]) => void; maxPages?: number } = {}): Promise<T[]> {
  const all: T[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; ; page++) {
    if (page >= (o.maxPages ?? 100_000)) throw new ExplainedError(`${method}: the server kept returning pages (${page} so far).`);
    const result = await c.request(method, (client, options) => client.request({ method, params: { ...(cursor ? { cursor } : {}), ...c.requestMeta() } }, options), o) as unknown as Record<string, unknown>;
    const items = (result[key] ?? []) as T[];
    all.push(...items);
    o.onPage?.(items);
    const next = result.nextCursor as string | undefined;
    if (!next) return all;
    if (seen.has(next)) throw new ExplainedError(`${method}: the server returned the cursor "${next}" twice; stopped to avoid looping.`, 'This is a paging bug in the server.');
    seen.add(next);
    cursor = next;
  }
}

export const listTools = (c: McpConnection, o?: CallOptions & { onPage?: (items: Tool[]) => void }) => listAll<Tool>(c, 'tools/list', 'tools', o);
export const listResources = (c: McpConnection, o?: CallOptions & { onPage?: (items: Resource[]) => void }) => listAll<Resource>(c, 'resources/list', 'resources', o);
export const listResourceTemplates = (c: McpConnection, o?: CallOptions & { onPage?: (items: ResourceTemplate[]) => void }) => listAll<ResourceTemplate>(c, 'resources/templates/list', 'resourceTemplates', o);
export const listPrompts = (c: McpConnection, o?: CallOptions & { onPage?: (items: Prompt[]) => void }) => listAll<Prompt>(c, 'prompts/list', 'prompts', o);

export interface ToolCallOutcome {
  readonly result: CallToolResult;
  /** Present when the tool declares an outputSchema: whether structuredContent matches it. */
  readonly outputCheck?: { readonly valid: boolean; readonly message?: string };
  /** A failed call that shows the server asked the other protocol era's way: what that means and what to set. */
  readonly eraHint?: string;
  /** With eraHint: the era to reconnect in to test that path. */
  readonly eraSwitch?: ProtocolChoice;
  readonly durationMs: number;
  /** Present when the call ran as a task: the task as last seen. */
  readonly task?: TaskInfo;
}

export interface ToolCallOptions extends TaskCallOptions {
  /** Run as a task (tools whose taskSupport is "optional"); "required" tools always do. */
  readonly task?: boolean;
}

/** Whether this call runs as a task; throws, saying why, when it must or was asked to and cannot. */
function asTask(c: McpConnection, tool: Tool | undefined, name: string, wanted: boolean | undefined): boolean {
  if (serverMayAnswerWithTask(c)) return true;
  const support = taskSupport(tool);
  if (support === 'required' || (wanted && support === 'optional')) {
    if (serverRunsToolTasks(c)) return true;
    const modern = c.state.kind === 'running' && c.state.session.era === 'modern';
    const why = modern ? 'on MCP 2026-07-28 the server does not offer the io.modelcontextprotocol/tasks extension' : 'the server does not offer tasks for tools/call (capability tasks.requests.tools.call)';
    throw new ExplainedError(
      support === 'required' ? `${name} runs only as a task (taskSupport "required"), and this connection cannot run tasks: ${why}.` : `${name} can run as a task, but ${why}.`,
      modern ? 'If the server offers tasks in MCP 2025-11-25, set the connection\'s protocol to 2025-11-25.' : undefined);
  }
  if (wanted) throw new ExplainedError(`${name} does not run as a task (its taskSupport is "${support}"${tool && !(tool as { execution?: unknown }).execution ? ', the default when a tool says nothing' : ''}).`, 'Invoke it as a plain call.');
  return false;
}

const validator = createSchemaValidator();

export function checkOutput(tool: Tool | undefined, result: CallToolResult): ToolCallOutcome['outputCheck'] {
  if (!tool?.outputSchema || result.isError) return undefined;
  if (result.structuredContent === undefined) return { valid: false, message: 'The tool declares an outputSchema but returned no structuredContent.' };
  try {
    const r = validator.getValidator(tool.outputSchema as never)(result.structuredContent);
    return r.valid ? { valid: true } : { valid: false, message: `structuredContent does not match the outputSchema: ${r.errorMessage}` };
  } catch (e) {
    return { valid: false, message: `The outputSchema could not be used: ${(e as Error).message}` };
  }
}

export async function callTool(c: McpConnection, tool: Tool | string, args: Record<string, unknown>, o: ToolCallOptions = {}): Promise<ToolCallOutcome> {
  const name = typeof tool === 'string' ? tool : tool.name;
  const def = typeof tool === 'string' ? undefined : tool;
  const started = performance.now();
  if (c.state.kind !== 'running') {
    const s = await c.connect(); // whether tasks can run is known only from a running session
    if (s.kind === 'error') throw new ExplainedError(s.message, s.nextStep);
  }
  if (asTask(c, def, name, o.task)) {
    const { result, task } = await callToolAsTask(c, name, args, { ...o, preference: o.task || taskSupport(def) === 'required' || !serverMayAnswerWithTask(c) ? 'require' : 'allow' });
    const outputCheck = checkOutput(def, result);
    return { result, durationMs: performance.now() - started, ...(task ? { task } : {}), ...(outputCheck ? { outputCheck } : {}) };
  }
  // client.request, not client.callTool: the SDK's callTool throws on an outputSchema mismatch, and we
  // want to show the result with the mismatch next to it.
  const era = c.state.kind === 'running' ? c.state.session.era : undefined;
  let result: CallToolResult;
  try {
    result = await c.request('tools/call', (client, options) => {
      const params = { name, arguments: args, ...c.requestMeta() };
      // On 2026-07-28, client.callTool mirrors arguments marked x-mcp-header into Mcp-Param-* headers. It
      // also checks structuredContent and throws on a mismatch, which we show instead: the definition it
      // gets has no outputSchema (checkOutput below does that).
      if (era === 'modern' && def) return client.callTool(params, { ...options, toolDefinition: { ...def, outputSchema: undefined } });
      return client.request({ method: 'tools/call', params }, options);
    }, { label: `tools/call ${name}`, ...o }) as CallToolResult;
  } catch (e) {
    const hint = e instanceof ExplainedError && era ? eraHint(era, e.message) : undefined;
    throw hint && era ? new EraMismatchError(e instanceof Error ? e.message : String(e), hint, otherEra(era), (e as ExplainedError).code, { cause: e }) : e;
  }
  const outputCheck = checkOutput(def, result);
  const said = era ? eraHint(era, result.content.map(b => (b.type === 'text' ? b.text : '')).join('\n')) : undefined;
  return { result, durationMs: performance.now() - started, ...(outputCheck ? { outputCheck } : {}), ...(said && era ? { eraHint: said, eraSwitch: otherEra(era) } : {}) };
}

export const readResource = (c: McpConnection, uri: string, o: CallOptions = {}): Promise<ReadResourceResult> =>
  c.request('resources/read', (client, options) => client.request({ method: 'resources/read', params: { uri, ...c.requestMeta() } }, options), o);

export const getPrompt = (c: McpConnection, name: string, args: Record<string, string>, o: CallOptions = {}): Promise<GetPromptResult> =>
  c.request('prompts/get', (client, options) => client.request({ method: 'prompts/get', params: { name, arguments: args, ...c.requestMeta() } }, options), o);

export type CompletionRef = { type: 'ref/prompt'; name: string } | { type: 'ref/resource'; uri: string };

/** Suggestions for one argument; [] when the server offers no completions or fails (suggestions are a nicety). */
export async function complete(c: McpConnection, ref: CompletionRef, name: string, value: string, context?: Record<string, string>): Promise<string[]> {
  if (!c.state.kind || c.state.kind !== 'running' || !c.state.session.serverCapabilities?.completions) return [];
  try {
    const r: CompleteResult = await c.request('completion/complete', (client, options) => client.request({
      method: 'completion/complete', params: { ref, argument: { name, value }, ...(context ? { context: { arguments: context } } : {}) },
    }, options), { timeoutMs: 10_000 });
    return r.completion.values;
  } catch {
    return [];
  }
}

const modern = (c: McpConnection) => c.state.kind === 'running' && c.state.session.era === 'modern';
/** Watch a resource for notifications/resources/updated: resources/subscribe, or on 2026-07-28 the listen stream. */
export const subscribe = (c: McpConnection, uri: string): Promise<unknown> => modern(c) ? c.watchResource(uri, true) : c.request('resources/subscribe', (client, options) => client.request({ method: 'resources/subscribe', params: { uri } }, options));
export const unsubscribe = (c: McpConnection, uri: string): Promise<unknown> => modern(c) ? c.watchResource(uri, false) : c.request('resources/unsubscribe', (client, options) => client.request({ method: 'resources/unsubscribe', params: { uri } }, options));
