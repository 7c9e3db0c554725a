// Traffic events: every JSON-RPC message in both directions and every HTTP exchange, redacted before
// anyone sees them. Redaction is by header name (Authorization, AWS tokens, configured secret headers)
// and by value (every secret the connection knows is replaced wherever it appears).
//
// A host receives frames, not events: the exchange as it happened, redacted when someone reads it (the
// traffic view, an export, a printed line). A call then costs one small object, not a copy of its
// message and headers that nobody may ever look at; a frame read again after a secret became known is
// redacted again, so a token learnt later does not show in earlier traffic either.
import type { JSONRPCMessage } from '@modelcontextprotocol/client';

export type TrafficEvent =
  | { readonly kind: 'message'; readonly time: number; readonly direction: 'out' | 'in'; readonly message: JSONRPCMessage }
  | {
    readonly kind: 'http'; readonly time: number; readonly method: string; readonly url: string;
    readonly status?: number; readonly durationMs: number;
    readonly requestHeaders: Readonly<Record<string, string>>;
    readonly responseHeaders?: Readonly<Record<string, string>>;
    readonly error?: string;
  };

export const REDACTED = '«redacted»';

/** An HTTP exchange as the recorder saw it: headers as fetch had them, turned into records when read. */
export interface RawHttp {
  readonly kind: 'http'; readonly time: number; readonly method: string; readonly url: string;
  readonly status?: number; readonly durationMs: number;
  readonly requestHeaders: HeadersLike | undefined;
  readonly responseHeaders?: Headers;
  readonly error?: string;
}
type HeadersLike = ConstructorParameters<typeof Headers>[0];
type RawEvent = Extract<TrafficEvent, { kind: 'message' }> | RawHttp;

/**
 * One message or HTTP exchange as it happened; `read()` gives it redacted with what is known now. The raw
 * exchange and the redactor (which holds the secrets) are private fields, so neither JSON nor a console
 * print of a frame shows them: JSON gives the redacted event.
 */
export class TrafficFrame {
  readonly #raw: RawEvent;
  readonly #redactor: Redactor;
  #shown?: TrafficEvent;
  #shownAt = -1;

  constructor(raw: RawEvent, redactor: Redactor) { this.#raw = raw; this.#redactor = redactor; }

  read(): TrafficEvent {
    if (this.#shown && this.#shownAt === this.#redactor.version) return this.#shown;
    const r = this.#raw;
    let event: TrafficEvent;
    if (r.kind === 'message') event = r;
    else {
      const { requestHeaders, responseHeaders, ...rest } = r;
      event = { ...rest, requestHeaders: headersToRecord(requestHeaders), ...(responseHeaders ? { responseHeaders: headersToRecord(responseHeaders) } : {}) };
    }
    this.#shownAt = this.#redactor.version;
    return (this.#shown = this.#redactor.event(event));
  }

  toJSON(): TrafficEvent { return this.read(); }
}

const alwaysSecret = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-amz-security-token', 'x-api-key', 'api-key']);
const secretQuery = /([?&](?:X-Amz-Signature|X-Amz-Security-Token|X-Amz-Credential|access_token|token|api_key|apikey)=)[^&#]*/gi;

export class Redactor {
  private readonly names: Set<string>;
  private values: string[] = [];
  private added = 0;

  constructor(secretHeaderNames: readonly string[] = []) {
    this.names = new Set([...alwaysSecret, ...secretHeaderNames.map(n => n.toLowerCase())]);
  }

  /** Goes up whenever a name or a value is added, so frames read before it are redacted again. */
  get version(): number { return this.added; }

  /** Redacts the values of header `name` too (one a plan names after the redactor was made). */
  addHeaderName(name: string): void {
    const lower = name.toLowerCase();
    if (this.names.has(lower)) return;
    this.names.add(lower);
    this.added++;
  }

  /** Remembers a secret value (a token, a key) so it is replaced wherever it shows up. */
  addSecret(value: string | undefined): void {
    if (!value || value.length < 6 || this.values.includes(value)) return; // short values would redact ordinary text
    this.values.push(value);
    this.values.sort((a, b) => b.length - a.length);
    this.added++;
  }

  text(s: string): string {
    let out = s.replace(secretQuery, `$1${REDACTED}`);
    for (const v of this.values) if (out.includes(v)) out = out.split(v).join(REDACTED);
    return out;
  }

  headers(h: Readonly<Record<string, string>>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(h)) {
      const lower = k.toLowerCase();
      if (this.names.has(lower)) {
        // Keep the scheme and, for SigV4, the credential scope minus the key id: useful when diagnosing.
        out[k] = lower === 'authorization' ? redactAuthorization(v) : REDACTED;
      } else {
        out[k] = this.text(v);
      }
    }
    return out;
  }

  /** Redacts a JSON value deeply (used for messages). Returns the same object when nothing changed. */
  json<T>(value: T): T {
    if (this.values.length === 0) return value;
    const raw = JSON.stringify(value);
    const red = this.text(raw);
    return red === raw ? value : JSON.parse(red) as T;
  }

  event(e: TrafficEvent): TrafficEvent {
    if (e.kind === 'message') return { ...e, message: this.json(e.message) };
    return {
      ...e, url: this.text(e.url), requestHeaders: this.headers(e.requestHeaders),
      ...(e.responseHeaders ? { responseHeaders: this.headers(e.responseHeaders) } : {}),
      ...(e.error ? { error: this.text(e.error) } : {}),
    };
  }
}

function redactAuthorization(v: string): string {
  const scheme = v.split(/\s+/, 1)[0];
  if (/^AWS4-HMAC-SHA256$/i.test(scheme)) {
    const signed = /SignedHeaders=([^,\s]+)/.exec(v)?.[1];
    return `${scheme} Credential=${REDACTED}, SignedHeaders=${signed ?? '?'}, Signature=${REDACTED}`;
  }
  return scheme && scheme !== v ? `${scheme} ${REDACTED}` : REDACTED;
}

export function headersToRecord(h: HeadersLike | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  (h instanceof Headers ? h : new Headers(h)).forEach((v, k) => { out[k] = v; });
  return out;
}
