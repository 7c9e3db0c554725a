// Notifications and answers to server requests (an elicitation answer, a sampling reply) are POSTs that
// expect 202. While AgentCore provisions or tears down a session it answers them with HTTP 200 and a
// -32005 (or -32003 when throttled) JSON-RPC error, which the SDK's transport drops silently: the server
// would never get notifications/initialized or the person's answer. Repeat those POSTs with the same
// backoff as requests (requests themselves are repeated by the engine, where their errors are visible).
// The gateway (core/gateway) has no engine between its client and the runtime, so it repeats requests
// here too (`requestRetry`), by the same policy.
import { ProtocolError } from '@modelcontextprotocol/client';
import type { Middleware } from '../connections/fetch';
import { sleep } from '../util/events';

type DelayFor = (error: unknown, attempt: number) => number | undefined;
type Message = { method?: unknown; id?: unknown };

/** Whether the POST body is a message the policy repeats; parsed only when an answer could need it. */
function appliesTo(body: string, applies: (m: Message) => boolean): boolean {
  let message: unknown;
  try { message = JSON.parse(body); } catch { return false; }
  return applies(!!message && typeof message === 'object' && !Array.isArray(message) ? message as Message : {});
}

function retrying(delayFor: DelayFor, applies: (m: Message) => boolean): Middleware {
  return next => async (url, init) => {
    const body = init?.body;
    if ((init?.method ?? 'GET').toUpperCase() !== 'POST' || typeof body !== 'string') return next(url, init);
    // Only an HTTP 200 with JSON can carry the error; most answers (202, an SSE stream) cannot, so the
    // body is parsed (to see what kind of message it is) only then, and once.
    let repeats: boolean | undefined;
    for (let attempt = 0; ; attempt++) {
      const res = await next(url, init);
      if (res.status !== 200 || !/json/i.test(res.headers.get('content-type') ?? '')) return res;
      if (!(repeats ??= appliesTo(body, applies))) return res;
      const answer = await res.clone().json().catch(() => undefined) as { error?: { code?: unknown; message?: unknown } } | undefined;
      const code = answer?.error?.code;
      if (typeof code !== 'number') return res;
      const delay = delayFor(new ProtocolError(code, String(answer?.error?.message ?? '')), attempt);
      if (delay === undefined) return res;
      await res.body?.cancel().catch(() => undefined);
      await sleep(delay);
    }
  };
}

const isRequest = (m: Message) => m.method !== undefined && m.id !== undefined;

// Requests are repeated by the engine, except the era probe: it changes nothing, and a throttled probe
// must not pass for "the server does not know server/discover".
export const deliveryRetry = (delayFor: DelayFor): Middleware => retrying(delayFor, m => !isRequest(m) || m.method === 'server/discover');

/** Requests (other than the era probe, which deliveryRetry repeats) for a client with no engine of ours. */
export const requestRetry = (delayFor: DelayFor): Middleware => retrying(delayFor, m => isRequest(m) && m.method !== 'server/discover');
