// Connection state as one discriminated union (the shape of VS Code's own McpConnectionState):
// the UI renders it; connect() never throws, failures become the error state with a next step.
import type { ClientCapabilities, Implementation, ServerCapabilities } from '@modelcontextprotocol/client';
import type { Era } from './era';

export type TransportKind = 'stdio' | 'streamable-http' | 'sse';

export interface SessionInfo {
  readonly transport: TransportKind;
  /** Mcp-Session-Id, when the server runs stateful over HTTP. */
  readonly sessionId?: string;
  /** X-Amzn-Bedrock-AgentCore-Runtime-Session-Id, on AgentCore. */
  readonly runtimeSessionId?: string;
  readonly protocolVersion?: string;
  /** 2026-07-28 and later ("modern": no session) or up to 2025-11-25 ("legacy"). */
  readonly era: Era;
  /** How the era was chosen: the connection's protocol setting, or what the probe found. */
  readonly eraReason: string;
  readonly server?: Implementation;
  readonly serverCapabilities?: ServerCapabilities;
  readonly clientCapabilities: ClientCapabilities;
  readonly instructions?: string;
  /** An HTTP server that answered initialize without a session id: its requests to us (elicitation, sampling) cannot reach us. */
  readonly stateless: boolean;
  readonly startedAt: number;
}

export type ConnectionState =
  | { readonly kind: 'stopped' }
  | { readonly kind: 'starting' }
  | { readonly kind: 'running'; readonly session: SessionInfo }
  | { readonly kind: 'error'; readonly message: string; readonly nextStep?: string; readonly signIn?: boolean };

/** What a stateless server means for the person, said once for every host: the short form for a row,
 *  the long one for the log, notices and tooltips. Progress and log messages travel on the response
 *  stream of the call, so they still arrive; a request from the server needs the session to get its answer back. */
export const statelessNote = {
  short: 'Stateless: elicitation and sampling cannot arrive (progress does)',
  long: (name: string) => `"${name}" answered initialize without an Mcp-Session-Id: it runs stateless, so requests from the server to this client (elicitation, sampling, roots) cannot reach it; progress and log messages during a call still arrive. `
    + 'To keep a session: in FastMCP run the server with stateless_http=False; with the TypeScript SDK give StreamableHTTPServerTransport a sessionIdGenerator (for example () => randomUUID()).',
} as const;

export const stopped: ConnectionState = { kind: 'stopped' };
export const starting: ConnectionState = { kind: 'starting' };
