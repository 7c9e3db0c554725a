// SigV4 as a fetch middleware on the SDK transport's `fetch` seam (docs/agentcore-runtime.md,
// "Authentication: SigV4"): every POST, GET and DELETE is signed afresh with its exact body; only the
// headers no hop rewrites are signed (never content-length, connection, accept-encoding, user-agent:
// mcp-proxy-for-aws#313). A 403 for an expired token reloads the credentials once; a 403 for clock skew
// re-signs once with the server's time from `Date`, and the offset is kept for later requests.
import type { FetchLike, Middleware } from '../connections/fetch';
import type { ConnectionHost } from '../connections/host';
import type { RequestToSign } from './aws';
import { AwsCredentials, CredentialSource, loadAws } from './credentials';

export const SERVICE = 'bedrock-agentcore';

/** Signed when present, besides host and the x-amz-* headers the signer adds. */
export const SIGNED_HEADERS = [
  'content-type', 'accept', 'mcp-session-id', 'mcp-protocol-version', 'last-event-id',
  'x-amzn-bedrock-agentcore-runtime-session-id', 'x-amzn-bedrock-agentcore-runtime-user-id',
  'mcp-method', 'mcp-name', // MCP 2026-07-28, beside Mcp-Param-* (x-mcp-header mirroring)
] as const;
const signedNames = new Set<string>(SIGNED_HEADERS);

/** Headers the signer produces; anything by these names that came in is replaced. */
const GENERATED = ['authorization', 'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256'];

export interface SigV4State {
  /** Server time minus our clock, learnt from a "Signature expired / not yet current" answer. */
  clockOffsetMs: number;
}

export interface SigV4Options {
  readonly region: string;
  readonly credentials: CredentialSource;
  readonly host: ConnectionHost;
  /** Our clock (tests pass a wrong one). */
  readonly clock?: () => number;
  readonly state?: SigV4State;
}

/** The body as the signer needs it; a stream cannot be hashed before it is sent. */
export function bodyForSigning(body: RequestInit['body'] | undefined): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof URLSearchParams) return body.toString();
  throw new Error('SigV4 signs the whole body, so it cannot sign a streamed or multipart body.');
}

/** Query parameters decoded as AWS decodes them (no `+` for space), for the canonical query string. */
export function queryOf(u: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const decode = (s: string) => { try { return decodeURIComponent(s); } catch { return s; } };
  for (const part of u.search.slice(1).split('&').filter(Boolean)) {
    const eq = part.indexOf('=');
    const k = decode(eq < 0 ? part : part.slice(0, eq));
    const v = decode(eq < 0 ? '' : part.slice(eq + 1));
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/** Where a request goes, as the signer needs it: the same for every request of a connection. */
export interface Target {
  readonly protocol: string; readonly hostname: string; readonly port?: number; readonly host: string;
  readonly path: string; readonly query: Readonly<Record<string, string | string[]>>;
}

export function targetOf(u: URL): Target {
  return { protocol: u.protocol, hostname: u.hostname, ...(u.port ? { port: Number(u.port) } : {}), host: u.host, path: u.pathname, query: queryOf(u) };
}

/** What to sign for one request: host (with port), the allowed headers that are present, the exact body. */
export function requestToSign(u: URL | Target, method: string, headers: Headers, body: string | Uint8Array | undefined): RequestToSign {
  const t = u instanceof URL ? targetOf(u) : u;
  const signed: Record<string, string> = { host: t.host };
  // One pass over the headers (names come lower-case): the allowed ones and 2026-07-28's Mcp-Param-*.
  headers.forEach((v, name) => { if (signedNames.has(name) || name.startsWith('mcp-param-')) signed[name] = v; });
  return {
    method, protocol: t.protocol, hostname: t.hostname, ...(t.port ? { port: t.port } : {}),
    path: t.path, query: t.query, headers: signed, ...(body !== undefined ? { body } : {}),
  };
}

export type Rejection = 'skew' | 'expired' | undefined;

/** What a 403 body says, as far as this middleware can fix it by itself. */
export function classify403(body: string): Rejection {
  if (/Signature expired|Signature not yet current|RequestTimeTooSkewed/i.test(body)) return 'skew';
  if (/ExpiredToken|security token included in the request is expired|token has expired/i.test(body)) return 'expired';
  return undefined;
}

const AMZ_DATE = /\((\d{8}T\d{6}Z) [+-] \d+ min\.\)/;

/** `20260310T120000Z` -> epoch ms. */
export function parseAmzDate(s: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : undefined;
}

/** The server's time from the response's Date header, else from the message "(20260310T120000Z - 5 min.)". */
export function serverTime(res: Response, body: string): number | undefined {
  const date = res.headers.get('date');
  const fromHeader = date ? Date.parse(date) : NaN;
  if (!Number.isNaN(fromHeader)) return fromHeader;
  const m = AMZ_DATE.exec(body);
  return m ? parseAmzDate(m[1]) : undefined;
}

export function sigv4Middleware(o: SigV4Options): Middleware {
  const clock = o.clock ?? Date.now;
  const state = o.state ?? { clockOffsetMs: 0 };
  const aws = loadAws();
  // A connection sends every request to the same URL: it is parsed (query decoded) once, not per request.
  let last: { href: string; target: Target } | undefined;
  const targetFor = (href: string): Target => {
    if (last?.href !== href) last = { href, target: targetOf(new URL(href)) };
    return last.target;
  };
  return (next: FetchLike): FetchLike => async (url, init) => {
    const target = targetFor(String(url));
    const method = (init?.method ?? 'GET').toUpperCase();
    const body = bodyForSigning(init?.body);
    const send = async (creds: AwsCredentials): Promise<Response> => {
      const headers = new Headers(init?.headers);
      for (const h of GENERATED) headers.delete(h);
      const signed = await aws.signRequest(requestToSign(target, method, headers, body), creds, {
        region: o.region, service: SERVICE, signingDate: new Date(clock() + state.clockOffsetMs),
      });
      for (const h of GENERATED) if (signed[h] !== undefined) headers.set(h, signed[h]);
      return next(url, { ...init, headers });
    };

    const creds = await o.credentials.get();
    const res = await send(creds);
    if (res.status !== 403) return res;
    const text = await res.clone().text().catch(() => '');
    const why = classify403(text);
    if (why === 'skew') {
      const server = serverTime(res, text);
      if (server === undefined) return res;
      const offset = server - clock();
      // Date has whole seconds; a second's error is nothing against the 5-minute window.
      state.clockOffsetMs = offset;
      const warning = `AWS says this computer's clock is ${describeOffset(offset)}; signing with AWS's time from now on. Fix the system clock (automatic time sync).`;
      o.host.log('warn', warning);
      o.host.notify?.('warning', warning); // other AWS tools on this machine fail the same way until it is fixed
      await res.body?.cancel().catch(() => undefined);
      return send(await o.credentials.get());
    }
    if (why === 'expired') {
      o.host.log('info', 'AWS says the security token has expired; reloading the credentials and trying once more.');
      await res.body?.cancel().catch(() => undefined);
      return send(await o.credentials.refresh(creds));
    }
    return res;
  };
}

/** "7 min 3 s behind" / "2 h 5 min ahead". `offsetMs` is server time minus ours. */
export function describeOffset(offsetMs: number): string {
  const total = Math.round(Math.abs(offsetMs) / 1000);
  const h = Math.floor(total / 3600);
  const min = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts = h ? [`${h} h`, `${min} min`] : min ? [`${min} min`, ...(s ? [`${s} s`] : [])] : [`${s} s`];
  return `${parts.join(' ')} ${offsetMs > 0 ? 'behind' : 'ahead of'} AWS's time`;
}
