// A client of the gateway keeps the session id it was first given, for as long as it likes. Behind it,
// AgentCore ends idle sessions (HTTP 404 "Session not found"), and most MCP clients then fail, or start
// over with nothing but an error to show. This middleware renews the session itself, as our own
// connections do: it repeats the client's initialize and notifications/initialized on a new session,
// sends the failed request again on it, and keeps answering under the id the client knows. Only 2025-era
// sessions are concerned; 2026-07-28 has no session ids, so nothing here applies to it.
import type { FetchLike, Middleware } from '../connections/fetch';

const SESSION = 'mcp-session-id';

interface Session {
  /** The id the runtime knows now (the client keeps using the first one). */
  current: string;
  /** The client's initialize request and its headers, to repeat on a new session. */
  readonly initialize: string;
  readonly headers: Headers;
  renewing?: Promise<string>;
}

export interface Renewal {
  readonly alias: string;
  readonly expired: string;
  readonly current: string;
}

const methodOf = (body: unknown): string | undefined => {
  if (typeof body !== 'string' || !body.includes('"method"')) return undefined;
  try {
    const m = JSON.parse(body) as { method?: unknown };
    return typeof m?.method === 'string' ? m.method : undefined;
  } catch { return undefined; }
};

/** The response as the client should see it: under the session id it knows. */
function underAlias(res: Response, alias: string): Response {
  const id = res.headers.get(SESSION);
  if (id === null || id === alias) return res;
  const headers = new Headers(res.headers);
  headers.set(SESSION, alias);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

export function renewingSessions(onRenewed: (r: Renewal) => void = () => undefined): Middleware {
  const sessions = new Map<string, Session>();

  async function renew(next: FetchLike, url: string | URL, s: Session, expired: string, alias: string): Promise<string> {
    if (s.current !== expired) return s.current; // another request renewed it already
    s.renewing ??= (async () => {
      const headers = new Headers(s.headers);
      headers.delete(SESSION);
      const res = await next(url, { method: 'POST', headers, body: s.initialize });
      const id = res.headers.get(SESSION);
      await res.text().catch(() => ''); // the initialize result; the client has had one
      if (!res.ok || !id) throw new Error(`the session expired and opening a new one failed (HTTP ${res.status})`);
      headers.set(SESSION, id);
      headers.set('content-type', 'application/json');
      const done = await next(url, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) });
      await done.text().catch(() => '');
      s.current = id;
      onRenewed({ alias, expired, current: id });
      return id;
    })().finally(() => { s.renewing = undefined; });
    return s.renewing;
  }

  return next => async (url, init) => {
    const headers = new Headers(init?.headers);
    const alias = headers.get(SESSION);
    if (alias === null) {
      const res = await next(url, init);
      const id = res.headers.get(SESSION);
      if (id && methodOf(init?.body) === 'initialize') sessions.set(id, { current: id, initialize: init!.body as string, headers });
      return res;
    }
    const s = sessions.get(alias);
    if (!s) return next(url, init);
    const method = (init?.method ?? 'GET').toUpperCase();
    if (method === 'DELETE') sessions.delete(alias);
    const sentWith = s.current;
    if (sentWith !== alias) headers.set(SESSION, sentWith);
    const res = await next(url, { ...init, headers });
    // A 404 to a request on a known session: no session took it, so nothing ran; safe to send again.
    if (res.status !== 404 || method === 'DELETE') return underAlias(res, alias);
    await res.body?.cancel().catch(() => undefined);
    const current = await renew(next, url, s, sentWith, alias);
    headers.set(SESSION, current);
    return underAlias(await next(url, { ...init, headers }), alias);
  };
}
