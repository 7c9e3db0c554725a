// The scenario file format (`*.mcp-scenario.json`, schema in schemas/mcp-scenario.schema.json): a
// connection, steps with expectations, and scripted answers to the server's elicitation and sampling
// requests. These types describe a file after load.ts has checked it.

/** Answers one `elicitation/create` request (form or URL mode). */
export interface ElicitationAnswer {
  /** A regular expression (JavaScript syntax) tested against the request's message; absent: any request. */
  readonly match?: string;
  readonly action: 'accept' | 'decline' | 'cancel';
  /** Form mode, accept: the values by field key; fields left out get their schema defaults. */
  readonly content?: Readonly<Record<string, unknown>>;
  /** Answer every matching request, not only the first one. */
  readonly repeat?: boolean;
}

/** Answers one `sampling/createMessage` request with a fixed text. */
export interface SamplingAnswer {
  /** A regular expression tested against the text of the last user message; absent: any request. */
  readonly match?: string;
  readonly reply: string;
  /** The model name reported in the result (default "scripted"). */
  readonly model?: string;
  /** Default "endTurn". */
  readonly stopReason?: string;
  readonly repeat?: boolean;
}

export interface ScriptedAnswerSet {
  readonly elicitation?: readonly ElicitationAnswer[];
  /** Scripted replies, or "live": a real language model answers (only where the host offers one: VS Code). */
  readonly sampling?: readonly SamplingAnswer[] | 'live';
}

export interface Expectations {
  /** Tool calls: whether the result has isError. Default false: a call that reports an error fails the step. */
  readonly isError?: boolean;
  /** The result's text (text content joined by newlines) contains each of these. */
  readonly contains?: string | readonly string[];
  /** The result's text matches each of these regular expressions. */
  readonly matches?: string | readonly string[];
  /** Tool calls: JSON pointer into structuredContent → the value it must equal. */
  readonly structured?: Readonly<Record<string, unknown>>;
  /** Progress notifications seen: exactly this many, or at least / at most. */
  readonly progress?: number | { readonly atLeast?: number; readonly atMost?: number };
  /** The elicitation requests asked during the step, in order: each a regular expression for its message. */
  readonly elicitations?: readonly string[];
  /** The sampling requests asked during the step, in order: each a regular expression for its last user message. */
  readonly sampling?: readonly string[];
  /** The request fails (a JSON-RPC error, not an isError result) with a message matching this regular expression. */
  readonly error?: string;
  /** Tool calls: the call ran as an MCP task and ended in this status ("failed" and "cancelled" are then not a failed request). */
  readonly taskStatus?: 'completed' | 'failed' | 'cancelled';
}

interface StepBase {
  /** Shown in reports and the Test Explorer; default from the step, e.g. "call plan_trip". */
  readonly name?: string;
  readonly expect?: Expectations;
  /** Answers tried before the scenario's own for requests made during this step. */
  readonly answers?: ScriptedAnswerSet;
  /** Seconds; for tool calls each progress notification restarts the clock. */
  readonly timeout?: number;
}

export interface CallStep extends StepBase {
  readonly call: string;
  readonly arguments?: Readonly<Record<string, unknown>>;
  /** Run as an MCP task (tools whose taskSupport is "optional"; "required" ones always are). */
  readonly task?: boolean;
}
export interface ReadStep extends StepBase { readonly read: string }
export interface PromptStep extends StepBase { readonly prompt: string; readonly arguments?: Readonly<Record<string, string>> }
export type Step = CallStep | ReadStep | PromptStep;
export type StepKind = 'call' | 'read' | 'prompt';

export const stepKind = (s: Step): StepKind => ('call' in s ? 'call' : 'read' in s ? 'read' : 'prompt');
export const stepTarget = (s: Step): string => ('call' in s ? s.call : 'read' in s ? s.read : s.prompt);
export const stepName = (s: Step, index: number): string => s.name ?? `${index + 1}. ${stepKind(s)} ${stepTarget(s)}`;

export interface Scenario {
  readonly $schema?: string;
  readonly name?: string;
  readonly description?: string;
  /** A connection name from `agentcoreMcp.connections`, or a connection in the same shape (name optional). */
  readonly connection: string | Readonly<Record<string, unknown>>;
  readonly answers?: ScriptedAnswerSet;
  /** Default seconds per step. */
  readonly timeout?: number;
  readonly steps: readonly Step[];
}

export interface Location { readonly file?: string; readonly line: number; readonly column: number }

/** A checked scenario with where it came from (for reports and the Test Explorer). */
export interface LoadedScenario {
  readonly scenario: Scenario;
  readonly file?: string;
  /** The workspace folder ${workspaceFolder} stands for, and where settings.json is looked up. */
  readonly workspaceFolder?: string;
  readonly location?: Location;
  /** Where each step starts, by index. */
  readonly stepLocations: readonly (Location | undefined)[];
}
