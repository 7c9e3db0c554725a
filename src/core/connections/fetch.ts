// The fetch seam of the SDK's HTTP transports. Middlewares wrap it (headers, SigV4, bearer tokens);
// the recorder sits next to the network so it sees exactly what was sent (then redacts it).
import { getEventListeners } from 'node:events';
import type { FetchLike } from '@modelcontextprotocol/client';
import { headersToRecord, Redactor, TrafficFrame } from './traffic';

export type { FetchLike };
export type Middleware = (next: FetchLike) => FetchLike;

/** Applies middlewares so that the first one listed is the outermost. */
export function compose(base: FetchLike, ...outerToInner: Middleware[]): FetchLike {
  return outerToInner.reduceRight<FetchLike>((next, mw) => mw(next), base);
}

/** What the last failed HTTP exchange looked like: status, headers and the start of the body. */
export interface HttpFailure {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly contentType: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Notes failures (and unexpected content types) for error explanations, and emits traffic frames. */
export class HttpRecorder {
  lastFailure?: HttpFailure;
  /** The headers of the last response (read once, at connect, for AgentCore's session id). */
  lastResponseHeaders?: Headers;

  constructor(private readonly redactor: Redactor, private readonly onTraffic?: (f: TrafficFrame) => void) {}

  /** The status of the first POST since clearFailure (the era probe's, when there was one). */
  firstStatus?: number;

  clearFailure(): void { this.lastFailure = undefined; this.firstStatus = undefined; }

  readonly middleware: Middleware = next => async (url, init) => {
    const started = performance.now();
    const time = Date.now();
    const method = (init?.method ?? 'GET').toUpperCase();
    const href = String(url);
    // Kept as fetch had them (this middleware is next to the network, so nothing changes them after);
    // the traffic frame turns them into a record, redacted, only when someone reads it.
    const requestHeaders = init?.headers;
    let response: Response;
    try {
      response = await next(url, init);
    } catch (e) {
      this.onTraffic?.(new TrafficFrame({
        kind: 'http', time, method, url: href, durationMs: performance.now() - started, requestHeaders, error: String((e as Error)?.cause ?? e),
      }, this.redactor));
      throw e;
    }
    this.lastResponseHeaders = response.headers;
    const status = response.status;
    const post = method === 'POST';
    const contentType = response.headers.get('content-type') ?? '';
    const unexpected = post && status === 200 && !/json|event-stream/i.test(contentType);
    if (post) this.firstStatus ??= status;
    if (response.ok && !unexpected && post) this.lastFailure = undefined; // a later success makes an old failure irrelevant
    if (!response.ok || unexpected) {
      const body = await response.clone().text().then(t => t.slice(0, 2000), () => '');
      this.lastFailure = { method, url: href, status, contentType, headers: headersToRecord(response.headers), body: this.redactor.text(body) };
    }
    this.onTraffic?.(new TrafficFrame({
      kind: 'http', time, method, url: href, status, durationMs: performance.now() - started, requestHeaders, responseHeaders: response.headers,
    }, this.redactor));
    return response;
  };
}

/**
 * Hands fetch a signal of our own, aborted when the one the SDK passed is, and a new one every `batch`
 * requests. The SDK passes one signal to every fetch of a session, and fetch (undici) adds a listener to
 * it per request that only garbage collection removes: under load thousands pile up, and each request
 * then walks them all (EventTarget's duplicate check, undici's own listener count), Node warns of a leak
 * past 1,500, and on Node 20 a limit raised to "unlimited" makes fetch throw and catch an error per
 * request. Spread over signals of `batch` requests each, no walk is longer than the batch. A batch's
 * signal is dropped once fetch has removed all its listeners (its requests, streams included, are gone).
 */
export function ownSignals(batch = 16): Middleware {
  const links = new WeakMap<AbortSignal, SignalLink>();
  return next => (url, init) => {
    const shared = init?.signal;
    if (!shared || shared.aborted) return next(url, init);
    let link = links.get(shared);
    if (!link) links.set(shared, link = new SignalLink(shared, batch));
    return next(url, { ...init, signal: link.next() });
  };
}

class SignalLink {
  private readonly live = new Set<AbortController>();
  private current?: AbortController;
  private used = 0;
  private sweepAt = 64;

  constructor(shared: AbortSignal, private readonly batch: number) {
    shared.addEventListener('abort', () => {
      for (const c of this.live) c.abort(shared.reason);
      this.live.clear();
    }, { once: true });
  }

  next(): AbortSignal {
    if (!this.current || this.used >= this.batch) {
      this.current = new AbortController();
      this.used = 0;
      this.live.add(this.current);
      if (this.live.size > this.sweepAt) {
        for (const c of this.live) if (c !== this.current && getEventListeners(c.signal, 'abort').length === 0) this.live.delete(c);
        this.sweepAt = Math.max(64, this.live.size * 2);
      }
    }
    this.used++;
    return this.current.signal;
  }
}

/** Adds fixed headers (plain ones from settings, secret ones from secret storage) to every request. */
export function withHeaders(headers: Readonly<Record<string, string>>): Middleware {
  const entries = Object.entries(headers);
  if (entries.length === 0) return next => next;
  return next => (url, init) => {
    const h = new Headers(init?.headers);
    for (const [k, v] of entries) if (!h.has(k)) h.set(k, v);
    return next(url, { ...init, headers: h });
  };
}
