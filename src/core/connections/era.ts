// The protocol era of a connection: MCP 2026-07-28 ("modern": no initialize, no session, multi-round-trip
// requests) or 2025-11-25 ("legacy": initialize, sessions, server-to-client requests). A connection's
// `protocol` says which: `auto` (the default) probes with server/discover and falls back; a version fixes it.
// The probe's own messages travel through the observed transport like any other, so the traffic view
// shows them, and what they said becomes the reason the session node gives for the era.
import type { Client, JSONRPCMessage, VersionNegotiationOptions } from '@modelcontextprotocol/client';
import type { TransportKind } from './state';

export const MODERN = '2026-07-28';
export const LEGACY = '2025-11-25';
export const protocolChoices = ['auto', MODERN, LEGACY] as const;
export type ProtocolChoice = typeof protocolChoices[number];
export type Era = 'modern' | 'legacy';

/** input_required rounds one call may take unless the host says otherwise (the SDK's own default). */
export const DEFAULT_MAX_ROUNDS = 10;

/** How long a stdio server may stay silent to server/discover before it counts as an older server. */
export const STDIO_PROBE_MS = 10_000;

export function negotiationFor(choice: ProtocolChoice, transport: TransportKind, timeoutMs: number): VersionNegotiationOptions | undefined {
  if (choice === LEGACY || transport === 'sse') return undefined; // the SDK's plain initialize, byte for byte
  if (choice === MODERN) return { mode: { pin: MODERN }, probe: { timeoutMs } };
  return { mode: 'auto', probe: { timeoutMs: transport === 'stdio' ? Math.min(STDIO_PROBE_MS, timeoutMs) : timeoutMs } };
}

/** Watches the messages of one connect for the probe and the initialize answer. */
export class EraWatch {
  private probeId?: string | number;
  probeReply?: { readonly result?: Record<string, unknown>; readonly error?: { code: number; message: string } };
  protocolVersion?: string;
  probed = false;

  see(direction: 'in' | 'out', message: JSONRPCMessage): void {
    if (direction === 'out' && 'method' in message && message.method === 'server/discover' && 'id' in message) {
      this.probed = true;
      this.probeId = message.id;
      return;
    }
    if (direction !== 'in' || !('id' in message) || 'method' in message) return;
    if (this.probeId !== undefined && message.id === this.probeId) {
      this.probeReply = 'error' in message ? { error: { code: message.error.code, message: message.error.message } } : { result: message.result as Record<string, unknown> };
      return;
    }
    if ('result' in message && message.result && typeof message.result.protocolVersion === 'string' && !this.protocolVersion) {
      this.protocolVersion = message.result.protocolVersion;
    }
  }
}

export interface EraInfo {
  readonly era: Era;
  readonly protocolVersion?: string;
  /** How the era was chosen, for people: the setting, or what the probe found. */
  readonly eraReason: string;
}

/** What the connect settled on, and why, from the client and what the watch saw. `httpStatus`: the probe's HTTP answer, if it failed. */
export function eraOf(client: Client, choice: ProtocolChoice, watch: EraWatch, transport: TransportKind, httpStatus?: number): EraInfo {
  const era: Era = client.getProtocolEra() === 'modern' ? 'modern' : 'legacy';
  const protocolVersion = client.getNegotiatedProtocolVersion() ?? watch.protocolVersion;
  const v = protocolVersion ? { protocolVersion } : {};
  if (transport === 'sse') return { era, ...v, eraReason: 'the legacy HTTP+SSE transport has only the 2025 protocol' };
  if (choice !== 'auto') return { era, ...v, eraReason: `the connection's protocol setting is ${choice}` };
  if (era === 'modern') return { era, ...v, eraReason: `auto: the server answered server/discover and offers ${protocolVersion ?? MODERN}` };
  const reply = watch.probeReply;
  if (reply?.error) return { era, ...v, eraReason: `auto: the server answered server/discover with error ${reply.error.code} (${reply.error.message}), so it speaks an older protocol` };
  if (reply?.result) return { era, ...v, eraReason: 'auto: the server answered server/discover without a version this client speaks' };
  if (httpStatus !== undefined) return { era, ...v, eraReason: `auto: the server answered server/discover with HTTP ${httpStatus}, so it speaks an older protocol` };
  if (transport === 'stdio') return { era, ...v, eraReason: `auto: the server did not answer server/discover within ${STDIO_PROBE_MS / 1000} s, so it counts as an older server` };
  return { era, ...v, eraReason: 'auto: the server did not take server/discover, so it speaks an older protocol' };
}

// What servers say when they used the other era's way of asking (FastMCP 4 and @modelcontextprotocol/server 2.x).
const PUSH_ON_MODERN = /server-initiated requests is unavailable on 2026-07-28|server-to-client requests are not available/i;
const ROUNDS_ON_LEGACY = /only exists at MCP 2026-07-28|per-request legacy serving cannot receive server-to-client requests/i;

/** The era a hint suggests reconnecting in: the other one. */
export const otherEra = (era: Era): ProtocolChoice => (era === 'modern' ? LEGACY : MODERN);

/** A plain-words hint when a failure shows the server asked the other era's way; undefined otherwise. */
export function eraHint(era: Era, text: string): string | undefined {
  if (era === 'modern' && PUSH_ON_MODERN.test(text)) {
    return `The server asked with a server-to-client request (elicitation/create or sampling/createMessage, the ${LEGACY} way), which a ${MODERN} connection cannot carry. `
      + `To test that path, set the connection's protocol to ${LEGACY}; to work with ${MODERN} clients, the server should return input_required (FastMCP: InputRequiredResult; TypeScript SDK: inputRequired()).`;
  }
  if (era === 'legacy' && ROUNDS_ON_LEGACY.test(text)) {
    return `The server asks through input_required (the ${MODERN} way), which this ${LEGACY} connection cannot carry. `
      + `Set the connection's protocol to auto or ${MODERN}; to serve ${LEGACY} clients too, the server needs a session and server-to-client requests (FastMCP: ctx.elicit(); TypeScript SDK: a session-based transport, whose shim turns input_required into requests).`;
  }
  return undefined;
}
