// What a connection needs from whoever hosts it: the VS Code extension, the command line or a scenario
// run. Optional members that are missing switch the matching client capability off.
import type { CreateMessageRequest, CreateMessageResult, ElicitRequest, ElicitResult, LoggingLevel, Root } from '@modelcontextprotocol/client';
import type { LoopbackRedirects } from '../auth/loopback';
import type { CognitoCredentials } from '../auth/cognito';
import type { SignInRequest } from '../auth/provider';
import type { OAuthStore } from '../auth/record';
import type { ConnectionConfig } from './config';
import type { PlanResolver } from './plan';
import type { TrafficFrame } from './traffic';

export type ElicitParams = ElicitRequest['params'];
export type SamplingParams = CreateMessageRequest['params'];
export type HostLogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export interface RequestContext {
  /** Aborted when the server cancels the request or the connection closes. */
  readonly signal: AbortSignal;
  /** The id of the client request this server request belongs to, when the transport says so. */
  readonly relatedRequestId?: string | number;
}

export interface ConnectionHost {
  /** A line for the connection's log (stderr, server log messages, diagnostics). */
  log(level: HostLogLevel, message: string): void;
  /** Something the person should know now (a session was renewed, the server runs stateless). The
   *  engine logs the same text as well; a host that shows both in one place shows it once. */
  notify?(level: 'info' | 'warning' | 'error', message: string): void;
  /** Looks up a secret value (a header value, a bearer token) kept outside settings, for the connection
   *  `config` (a host may bind secrets to what the connection reaches, and refuse another target). */
  secret?(key: string, config: ConnectionConfig): Promise<string | undefined>;
  /** Called before a connection opens (and reopens); throws, with the reason, to keep it closed (a
   *  definition from a workspace that the person has not trusted). */
  admit?(config: ConnectionConfig): Promise<void>;
  /** Expands ${workspaceFolder} and similar in stdio command, args, env and cwd. */
  expand?(value: string): string;
  /** The roots to expose; omit to not declare the roots capability. */
  roots?(): Promise<Root[]>;
  /** Answers elicitation/create; omit to not declare the elicitation capability. */
  elicit?(params: ElicitParams, ctx: RequestContext): Promise<ElicitResult>;
  /** Which elicitation modes `elicit` handles (default: form only). */
  readonly elicitationModes?: { readonly form: boolean; readonly url: boolean };
  /** Answers sampling/createMessage; omit to not declare the sampling capability. */
  sample?(params: SamplingParams, ctx: RequestContext): Promise<CreateMessageResult>;
  /** Signing in to servers that use MCP authorization (OAuth); omit and a 401 is reported as it is. */
  readonly oauth?: OAuthHost;
  /** Asks for an MFA code when an AWS profile needs one. */
  mfaCode?(serial: string): Promise<string>;
  /** Every JSON-RPC message and HTTP exchange, as a frame that is redacted when read. */
  traffic?(frame: TrafficFrame): void;
  /** The level asked of servers that log (logging/setLevel). Default "info". */
  readonly serverLogLevel?: LoggingLevel;
  readonly timeouts?: Partial<Timeouts>;
  /** How many input_required rounds one 2026-07-28 call may take before it is stopped (default 10). */
  readonly maxInputRounds?: number;
  /** What the host calls itself in the clientInfo servers see ("VS Code", "command line"). */
  readonly clientName?: string;
  /** How AgentCore connections are reached (core/agentcore's resolver, given by the host so this folder
   *  does not import that one); without it an AgentCore connection cannot open. */
  readonly agentcorePlan?: PlanResolver;
}

export interface OAuthHost {
  /** Where tokens and client registrations are kept (bound to the server URL they were obtained for). */
  readonly store: OAuthStore;
  /** Shows the person who asks and where they are about to sign in, and opens the page; false when
   *  declined. Omit when nobody can sign in here (tokens already stored, and client credentials, still work). */
  signIn?(request: SignInRequest): Promise<boolean>;
  /** Where the browser comes back to (default: one shared listener on 127.0.0.1, tried on a fixed port first). */
  readonly loopback?: LoopbackRedirects;
  /** Called after a sign-in or a refresh: who is signed in, or until when, changed. */
  changed?(): void;
  /** The username and password for a Cognito password sign-in ("grant": "password"): kept ones, or asked. */
  credentials?(request: { connection: string; issuer: string; username?: string }): Promise<CognitoCredentials | undefined>;
  /** Forgets kept credentials that Cognito refused. */
  forgetCredentials?(connection: string): Promise<void>;
}

export interface Timeouts {
  /** initialize, including an AgentCore cold start (17–20 s have been measured). */
  readonly connectMs: number;
  /** list, read, get prompt, complete. */
  readonly requestMs: number;
  /** tools/call; reset by progress. Elicitation answers can take a person minutes. */
  readonly toolCallMs: number;
}

export const defaultTimeouts: Timeouts = { connectMs: 60_000, requestMs: 60_000, toolCallMs: 600_000 };
