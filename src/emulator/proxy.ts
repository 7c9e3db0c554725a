// Passes an invocation to the upstream and streams the answer back as it comes (SSE or JSON), mapping
// session ids both ways. Server-to-client requests (elicitation, sampling, progress) ride the open SSE
// response, so nothing here may wait for a response to end before writing.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Context, HostedRuntime } from './context';
import { JsonRpcId, SESSION_NOT_FOUND_BODY, baseHeaders, sendJson, sendRpcError } from './errors';
import type { Invocation } from './gate';
import { SseSplitter, stringifyIdsInJson } from './rewrite';
import type { Session } from './sessions';
import type { RequestLogEntry } from './types';
import { copyResponseHeaders, isForwardedRequestHeader } from './upstream';

export interface ForwardState {
  session?: Session;
  readonly sessionStart: boolean;
  readonly runtimeSessionId?: string;
  readonly id: JsonRpcId;
}

export async function forward(ctx: Context, rt: HostedRuntime, inv: Invocation, res: ServerResponse, log: RequestLogEntry, st: ForwardState): Promise<void> {
  const method = inv.req.method ?? 'GET';
  const headers: OutgoingHttpHeaders = {};
  for (const [h, v] of Object.entries(inv.req.headers)) if (v !== undefined && isForwardedRequestHeader(h)) headers[h] = v;
  if (st.session?.upstreamId !== undefined) headers['mcp-session-id'] = st.session.upstreamId;

  // A listening GET stream is not activity: it would otherwise keep every session from going idle (unverified).
  const activity = method !== 'GET';
  let tracked = st.session;
  if (tracked) ctx.sessions.begin(tracked, res, activity);
  const { request, response } = ctx.upstream.send({ url: rt.upstream, method, headers, body: inv.body.length ? inv.body : undefined });
  res.on('close', () => {
    if (!res.writableFinished) request.destroy();
    if (tracked) ctx.sessions.finish(tracked, res, activity);
  });

  let up: IncomingMessage;
  try {
    up = await response;
  } catch (e) {
    log.detail = `upstream ${rt.upstream.href}: ${(e as Error).message}`;
    if (!res.headersSent && !res.destroyed) sendRpcError(res, 'internal', st.id);
    return;
  }
  up.on('error', () => res.destroy());
  const status = up.statusCode ?? 502;
  const upstreamSid = up.headers['mcp-session-id'];

  if (st.session && status === 404) {
    // The upstream forgot the session (restarted?): on AgentCore the session is simply gone.
    up.resume();
    ctx.sessions.end(st.session, 'upstream-gone', res);
    log.fault = 'session-not-found';
    sendJson(res, 404, SESSION_NOT_FOUND_BODY);
    return;
  }
  if (!st.session && st.sessionStart && status >= 200 && status < 300 && (upstreamSid || ctx.inventSessionIdForStateless)) {
    st.session = ctx.sessions.create(rt.name, typeof upstreamSid === 'string' ? upstreamSid : undefined, st.runtimeSessionId);
    tracked = st.session;
    ctx.sessions.begin(tracked, res, activity);
  }
  if (st.session && method === 'DELETE' && status >= 200 && status < 300) ctx.sessions.end(st.session, 'deleted', res);
  if (st.session) log.sessionId = st.session.id;

  const out: Record<string, string | string[]> = {
    ...copyResponseHeaders(up.headers),
    ...baseHeaders(),
    'X-Amzn-Bedrock-AgentCore-Runtime-Session-Id': st.session?.runtimeSessionId ?? st.runtimeSessionId ?? randomUUID(),
  };
  if (st.session) out['Mcp-Session-Id'] = st.session.id;
  streamBody(ctx, up, res, status, out, log);
}

function streamBody(ctx: Context, up: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string | string[]>, log: RequestLogEntry): void {
  const type = String(up.headers['content-type'] ?? '');
  if (type.includes('text/event-stream')) {
    const dropAfter = ctx.faults.takeDropSse();
    res.writeHead(status, headers);
    res.flushHeaders();
    if (dropAfter === undefined && !ctx.faults.stringIds) { up.pipe(res); return; }
    streamSse(up, res, ctx.faults.stringIds, dropAfter, log);
    return;
  }
  if (ctx.faults.stringIds && type.includes('application/json')) {
    const chunks: Buffer[] = [];
    up.on('data', (c: Buffer) => chunks.push(c));
    up.on('end', () => {
      const body = stringifyIdsInJson(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(status, { ...headers, 'Content-Length': String(Buffer.byteLength(body)) });
      res.end(body);
    });
    return;
  }
  res.writeHead(status, headers);
  up.pipe(res);
}

/** SSE event by event: ids rewritten when asked, and the stream cut after `dropAfter` events. */
function streamSse(up: IncomingMessage, res: ServerResponse, stringIds: boolean, dropAfter: number | undefined, log: RequestLogEntry): void {
  let cutting = false;
  const cut = () => { cutting = true; log.fault = 'dropSse'; up.destroy(); };
  if (dropAfter === 0) { cut(); res.destroy(); return; }
  const splitter = new SseSplitter(stringIds);
  let sent = 0;
  up.setEncoding('utf8');
  up.on('data', (chunk: string) => {
    for (const event of splitter.push(chunk)) {
      if (cutting || res.destroyed) return;
      const last = dropAfter !== undefined && ++sent >= dropAfter;
      // The cut comes once the last event is flushed, so the client sees exactly `dropAfter` events.
      const ok = res.write(event, last ? () => res.destroy() : undefined);
      if (last) { cut(); return; }
      if (!ok) { up.pause(); res.once('drain', () => up.resume()); }
    }
  });
  up.on('end', () => { if (!cutting) res.end(splitter.rest()); });
}
