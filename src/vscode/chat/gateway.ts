// A stand-in for the local gateway's type until it lands in the core (src/core/gateway/index.ts): only
// its shape, which the chat definitions are written against; no implementation here.
// TODO(lead): delete this file and import the types from '../../core/gateway' instead.

/** What the gateway forwards a route's requests to (the core's type; opaque here). */
export type Upstream = object;

export interface Gateway {
  /** Starts the loopback server on first use; returns http://127.0.0.1:<port>/mcp/<unguessable>. */
  route(name: string, open: () => Promise<Upstream>): Promise<URL>;
  /** Stops the route; the server stops when no route remains. */
  unroute(name: string): Promise<void>;
  close(): Promise<void>;
}
