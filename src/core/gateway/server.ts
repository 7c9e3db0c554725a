// The local gateway: a Streamable HTTP endpoint on 127.0.0.1 for each routed connection, at a random
// port and an unguessable path, that forwards every request through the connection's Upstream (signed,
// tokened, retried, renewed) and streams the answer back as it comes (SSE included). MCP clients that
// cannot sign AWS requests, VS Code's own among them, use AgentCore runtimes through it. It listens only
// while some route exists.
import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Upstream } from './upstream';

/** Request headers the client may set; everything else (its host, cookies, authorization) stays here. */
const FORWARDED = ['accept', 'content-type', 'mcp-session-id', 'mcp-protocol-version', 'mcp-method', 'mcp-name', 'last-event-id'];
/** Response headers the client needs. */
const RETURNED = ['content-type', 'mcp-session-id', 'cache-control'];
const MAX_BODY = 16 * 1024 * 1024;
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;

interface Route {
  readonly name: string;
  readonly path: string;
  readonly upstream: Promise<Upstream>;
}

export interface GatewayOptions {
  /** A line about a request that could not be forwarded (already redacted). */
  readonly log?: (name: string, line: string) => void;
}

export class Gateway {
  private server?: Server;
  private listening?: Promise<number>;
  private readonly routes = new Map<string, Route>();
  private readonly byPath = new Map<string, Route>();

  constructor(private readonly o: GatewayOptions = {}) {}

  /** The routes' connection names. */
  get names(): string[] { return [...this.routes.keys()]; }

  /**
   * Routes `name` to the upstream `open` gives (opened now, so a failure shows at start) and returns the
   * URL a client uses. Routing a name again replaces its upstream and its URL.
   */
  async route(name: string, open: () => Promise<Upstream>): Promise<URL> {
    this.drop(name);
    const upstream = open();
    const route: Route = { name, path: `/mcp/${randomBytes(24).toString('base64url')}`, upstream };
    this.routes.set(name, route);
    this.byPath.set(route.path, route);
    try {
      await upstream;
    } catch (e) {
      if (this.routes.get(name) === route) await this.unroute(name);
      throw e;
    }
    const port = await this.listen();
    return new URL(`http://127.0.0.1:${port}${route.path}`);
  }

  /** Stops routing `name`; the gateway stops listening when no route is left. */
  async unroute(name: string): Promise<void> {
    this.drop(name);
    if (this.routes.size === 0) await this.close();
  }

  async close(): Promise<void> {
    this.routes.clear();
    this.byPath.clear();
    const server = this.server;
    this.server = undefined;
    this.listening = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>(resolve => server.close(() => resolve()));
  }

  private drop(name: string): void {
    const old = this.routes.get(name);
    if (!old) return;
    this.routes.delete(name);
    this.byPath.delete(old.path);
  }

  private listen(): Promise<number> {
    this.listening ??= new Promise<number>((resolve, reject) => {
      const server = createServer((req, res) => { void this.handle(req, res); });
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
      this.server = server;
    }).catch((e: unknown) => { this.listening = undefined; this.server = undefined; throw e; });
    return this.listening;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A page in a browser cannot name our host (DNS rebinding) nor guess the path.
    if (!LOOPBACK_HOST.test(req.headers.host ?? '')) return plain(res, 403, 'This gateway answers only on 127.0.0.1.');
    const route = this.byPath.get((req.url ?? '').split('?')[0]);
    if (!route) return plain(res, 404, 'No such route on this gateway (the connection may have been stopped, or the URL is from before a restart).');
    const method = (req.method ?? 'GET').toUpperCase();
    if (!['GET', 'POST', 'DELETE'].includes(method)) return plain(res, 405, `${method} is not part of MCP's Streamable HTTP.`);
    let body: string | undefined;
    try {
      body = method === 'POST' ? await readBody(req) : undefined;
    } catch (e) {
      return plain(res, 413, (e as Error).message);
    }
    const headers = new Headers();
    for (const h of FORWARDED) {
      const v = req.headers[h];
      if (typeof v === 'string') headers.set(h, v);
    }
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    let upstream: Upstream | undefined;
    try {
      upstream = await route.upstream;
      const answer = await upstream.fetch(upstream.url, { method, headers, signal: abort.signal, ...(body !== undefined ? { body } : {}) });
      await relay(answer, res);
    } catch (e) {
      if (abort.signal.aborted) return;
      const x = e as { message?: string; nextStep?: string };
      const text = `${x.message ?? String(e)}${x.nextStep ? ` ${x.nextStep}` : ''}`;
      const said = upstream ? upstream.redactor.text(text) : text;
      this.o.log?.(route.name, `${method} for ${route.name} failed: ${said}`);
      if (res.headersSent) { res.destroy(); return; }
      failed(res, body, `"${route.name}" through the AgentCore MCP gateway: ${said}`);
    }
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error(`A request body over ${MAX_BODY / 1024 / 1024} MB is refused.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function relay(answer: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  for (const h of RETURNED) {
    const v = answer.headers.get(h);
    if (v !== null) headers[h] = v;
  }
  const streaming = /event-stream/i.test(headers['content-type'] ?? '');
  if (!answer.body || !streaming) {
    // A JSON answer (or none) in one write, with its length: no chunked framing for the client to undo.
    const body = answer.body ? Buffer.from(await answer.arrayBuffer()) : undefined;
    res.writeHead(answer.status, { ...headers, 'content-length': String(body?.length ?? 0) }).end(body);
    return;
  }
  res.writeHead(answer.status, headers);
  res.flushHeaders();
  const reader = answer.body.getReader();
  res.on('close', () => { void reader.cancel().catch(() => undefined); });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    res.write(value);
  }
  res.end();
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${text}\n`);
}

/** A failure the client can show: a JSON-RPC error for its request (by id), else an HTTP 502. */
function failed(res: ServerResponse, body: string | undefined, message: string): void {
  let id: unknown;
  try { id = body ? (JSON.parse(body) as { id?: unknown }).id : undefined; } catch { id = undefined; }
  if (typeof id === 'string' || typeof id === 'number') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id, error: { code: -32603, message } }));
    return;
  }
  plain(res, 502, message);
}
