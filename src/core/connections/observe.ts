// Wraps a transport to see every JSON-RPC message in both directions (for the traffic view), without
// changing what the SDK's Client sees.
import type { Transport, TransportSendOptions, JSONRPCMessage, MessageExtraInfo } from '@modelcontextprotocol/client';

export class ObservedTransport implements Transport {
  onmessage?: (message: JSONRPCMessage, extra?: MessageExtraInfo) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;

  constructor(readonly inner: Transport, private readonly observe: (direction: 'in' | 'out', message: JSONRPCMessage) => void) {
    // The SDK runs notification handlers a microtask later but settles a response at once, so progress
    // notifications that arrive in the same chunk as their response found their handler gone and were
    // dropped (a 10,000-notification storm over stdio lost its last tens to hundreds: bench/scale.ts).
    // Responses, and the close after them, are handed over a microtask later: the order the server sent.
    inner.onmessage = (message, extra) => {
      this.observe('in', message);
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
