// Which AgentCore failures are worth repeating (docs/agentcore-runtime.md, "Errors": "Retry −32003 and
// −32005 with backoff; retry a cold-start −32010 once after ~2 s"). Nothing else is repeated: a tool call
// that failed for another reason may already have changed something.
import { ProtocolError } from '@modelcontextprotocol/client';

export const THROTTLED = -32003;
export const IN_PROGRESS = -32005;
export const RUNTIME_ERROR = -32010;

export interface RetryOptions {
  /** First backoff for −32003 / −32005; doubles each attempt (250, 500, 1000, 2000 ms). */
  readonly baseMs?: number;
  /** Retries of −32003 / −32005 before giving up. */
  readonly maxRetries?: number;
  /** Wait before the one retry of a cold start. */
  readonly coldStartMs?: number;
  /** 0..1; injectable so tests are exact. */
  readonly random?: () => number;
}

export const isColdStart = (e: unknown): boolean => e instanceof ProtocolError && e.code === RUNTIME_ERROR && /initialization time exceeded/i.test(e.message);

/** `attempt` counts the failures of this request so far, from 0. Returns undefined for "do not retry". */
export function retryPolicy(o: RetryOptions = {}): (error: unknown, attempt: number) => number | undefined {
  const baseMs = o.baseMs ?? 250;
  const maxRetries = o.maxRetries ?? 4;
  const coldStartMs = o.coldStartMs ?? 2000;
  const random = o.random ?? Math.random;
  return (error, attempt) => {
    if (!(error instanceof ProtocolError)) return undefined;
    if (error.code === THROTTLED || error.code === IN_PROGRESS) {
      if (attempt >= maxRetries) return undefined;
      // Jitter (±20 %) keeps many clients throttled together from retrying in step.
      const delay = baseMs * 2 ** attempt;
      return Math.round(delay * (0.8 + 0.4 * random()));
    }
    if (isColdStart(error) && attempt === 0) return coldStartMs;
    return undefined;
  };
}
