// What a fresh SDK Client of a session answers and where its notifications go: the server's log messages,
// list changes, resource updates and URL-elicitation completions to the connection, and the server's
// requests (roots, elicitation, sampling) to the host. Installed before the client connects.
import type { Client } from '@modelcontextprotocol/client';
import { z } from 'zod/v4';
import type { ConnectionHost, ElicitParams } from './host';
import type { LogFlood } from './logFlood';

// The SDK's elicitation schema drops keywords it does not model (`pattern` on strings), so a form could
// not enforce them while the server still would. The custom-params form of setRequestHandler hands us the
// params as sent; the SDK's own wrapper still checks their shape and mode (for pushed requests and for
// multi-round-trip rounds alike), and our form model checks every keyword it renders.
const looseElicitParams = { params: z.record(z.string(), z.unknown()) };

export interface SessionSinks {
  readonly host: ConnectionHost;
  readonly serverLog: LogFlood;
  listChanged(kind: 'tools' | 'resources' | 'prompts'): void;
  resourceUpdated(uri: string): void;
  elicitationComplete(id: string): void;
  /** Marks an error as ours (an answer that failed here), not the server's. */
  ours(e: object): void;
}

export function installHandlers(client: Client, s: SessionSinks): void {
  // What the SDK could not use (a line on stdout that is not JSON-RPC, a response to a request never
  // sent) is dropped there; the log says so, within the flood limit.
  client.onerror = (e: Error) => s.serverLog.ignored(e);
  client.setNotificationHandler('notifications/message', n => {
    const { level, logger, data } = n.params;
    s.serverLog.message(level, logger, data);
  });
  client.setNotificationHandler('notifications/tools/list_changed', () => s.listChanged('tools'));
  client.setNotificationHandler('notifications/resources/list_changed', () => s.listChanged('resources'));
  client.setNotificationHandler('notifications/prompts/list_changed', () => s.listChanged('prompts'));
  client.setNotificationHandler('notifications/resources/updated', n => s.resourceUpdated(n.params.uri));
  client.setNotificationHandler('notifications/elicitation/complete', n => s.elicitationComplete(n.params.elicitationId));
  const { host } = s;
  // An answer that fails here is ours, not the server's: on 2026-07-28 it fails the call locally (in an
  // input_required round) and must not read as "the server answered with an error".
  const ours = <T>(p: Promise<T>): Promise<T> => p.catch((e: unknown) => { if (e && typeof e === 'object') s.ours(e); throw e; });
  if (host.roots) client.setRequestHandler('roots/list', async () => ({ roots: await ours(host.roots!()) }));
  if (host.elicit) client.setRequestHandler('elicitation/create', looseElicitParams, (params, ctx) => ours(host.elicit!(params as unknown as ElicitParams, { signal: ctx.mcpReq.signal })));
  if (host.sample) client.setRequestHandler('sampling/createMessage', (req, ctx) => ours(host.sample!(req.params, { signal: ctx.mcpReq.signal })));
}
