// Wraps a transport to see every JSON-RPC message in both directions (for the traffic view), without
// changing what the SDK's Client sees.
import type { Transport, TransportSendOptions, JSONRPCMessage, MessageExtraInfo } from '@modelcontextprotocol/client';

export class ObservedTransport implements Transport {
  onmessage?: (message: JSONRPCMessage, extra?: MessageExtraInfo) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;

  /** Requests sent outside the Client (rawRequest), by id: their responses do not go to the Client. */
  private readonly raw = new Map<string, (message: JSONRPCMessage) => void>();
  private rawSeq = 0;

  constructor(readonly inner: Transport, private readonly observe: (direction: 'in' | 'out', message: JSONRPCMessage) => void) {
    // The SDK runs notification handlers a microtask later but settles a response at once, so progress
    // notifications that arrive in the same chunk as their response found their handler gone and were
    // dropped (a 10,000-notification storm over stdio lost its last tens to hundreds: bench/scale.ts).
    // Responses, and the close after them, are handed over a microtask later: the order the server sent.
    inner.onmessage = (message, extra) => {
      this.observe('in', message);
      const own = 'id' in message && !('method' in message) ? this.raw.get(String(message.id)) : undefined;
      if (own) return own(message);
      if ('id' in message && !('method' in message)) queueMicrotask(() => this.onmessage?.(message, extra));
      else this.onmessage?.(message, extra);
    };
    inner.onclose = () => queueMicrotask(() => this.onclose?.());
    inner.onerror = e => this.onerror?.(e);
    // The SDK tells a child-process transport by its `pid` and `stderr` members: there, a server that is
    // silent to the era probe (or exits on it) is an older server, not an outage. Only such a transport
    // gets them here, so an HTTP one is still treated as HTTP.
    if ('pid' in inner) Object.defineProperties(this, { pid: { get: () => (inner as { pid?: number }).pid }, stderr: { get: () => null } });
  }

  /**
   * Sends one request past the SDK's Client and returns the server's response message as it came: for
   * what the Client refuses to decode (a 2026-07-28 tools/call answered with a task, the tasks
   * extension's tasks/* methods), which @modelcontextprotocol/ext-tasks decodes itself. In the traffic
   * like every other message.
   */
  rawRequest(method: string, params: Record<string, unknown> | undefined, o: { signal?: AbortSignal; timeoutMs: number }): Promise<JSONRPCMessage> {
    const id = `raw-${++this.rawSeq}`;
    return new Promise<JSONRPCMessage>((resolve, reject) => {
      const done = () => { this.raw.delete(id); clearTimeout(timer); o.signal?.removeEventListener('abort', onAbort); };
      const onAbort = () => { done(); reject(o.signal?.reason ?? new Error('Cancelled')); };
      const timer = setTimeout(() => { done(); reject(new Error(`${method} got no answer in ${o.timeoutMs / 1000} s`)); }, o.timeoutMs);
      this.raw.set(id, m => { done(); resolve(m); });
      o.signal?.addEventListener('abort', onAbort, { once: true });
      this.send({ jsonrpc: '2.0', id, method, ...(params ? { params } : {}) } as JSONRPCMessage).catch((e: unknown) => { done(); reject(e); });
    });
  }

  get hasPerRequestStream(): boolean | undefined { return this.inner.hasPerRequestStream; }

  get sessionId(): string | undefined { return this.inner.sessionId; }
  start(): Promise<void> { return this.inner.start(); }
  close(): Promise<void> { return this.inner.close(); }
  send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    this.observe('out', message);
    return this.inner.send(message, options);
  }
  setProtocolVersion(version: string): void { this.inner.setProtocolVersion?.(version); }
  setSupportedProtocolVersions(versions: string[]): void { this.inner.setSupportedProtocolVersions?.(versions); }
}
