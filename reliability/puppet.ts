// A server on loopback that speaks just enough MCP (2025-11-25, Streamable HTTP, no session) to be
// initialized, then answers every request with the next generated plan: a result of the wrong shape, a
// wrong or duplicate id, a malformed error, a flood of notifications, server requests with garbage
// params, a bad status, garbage bytes, or a dropped connection. It counts the messages it sent.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Plan {
  readonly transport: 'json' | 'sse' | 'status' | 'drop' | 'garbage' | 'hang';
  readonly id: 'same' | 'other' | 'string' | 'null' | 'missing' | 'duplicate';
  readonly body: 'mutated' | 'error' | 'both' | 'random';
  /** Where in a valid result to put `value` (for 'mutated'). */
  readonly path: ReadonlyArray<string | number>;
  readonly value: unknown;
  /** Sent first on an SSE stream: notifications and server requests. */
  readonly before: readonly unknown[];
  readonly status: number;
  readonly garbage: string;
}

const VALID: Record<string, unknown> = {
  'tools/call': { content: [{ type: 'text', text: 'ok' }] },
  'tools/list': { tools: [{ name: 'fuzz', inputSchema: { type: 'object' } }] },
  'resources/read': { contents: [{ uri: 'fuzz://x', text: 'x' }] },
  'prompts/get': { messages: [{ role: 'user', content: { type: 'text', text: 'x' } }] },
};

function setPath(target: unknown, path: ReadonlyArray<string | number>, value: unknown): unknown {
  if (!path.length) return value;
  const root = structuredClone(target) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = root;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string | number, unknown>;
  }
  node[path[path.length - 1]] = value;
  return root;
}

function idFor(plan: Plan, id: unknown): unknown {
  switch (plan.id) {
    case 'other': return typeof id === 'number' ? id + 100_000 : 'nope';
    case 'string': return String(id);
    case 'null': return null;
    default: return id;
  }
}

function response(plan: Plan, req: { id?: unknown; method: string }): unknown[] {
  const id = idFor(plan, req.id);
  const base = VALID[req.method] ?? {};
  const withId = (m: Record<string, unknown>) => (plan.id === 'missing' ? m : { ...m, id });
  let message: unknown;
  if (plan.body === 'mutated') message = withId({ jsonrpc: '2.0', result: setPath(base, plan.path, plan.value) });
  else if (plan.body === 'error') message = withId({ jsonrpc: '2.0', error: plan.value });
  else if (plan.body === 'both') message = withId({ jsonrpc: '2.0', result: base, error: { code: -32603, message: plan.value } });
  else message = plan.value;
  return plan.id === 'duplicate' ? [message, message] : [message];
}

export interface Puppet {
  readonly url: string;
  /** JSON-RPC messages (and garbage bodies) sent after initialization. */
  readonly sent: () => number;
  close(): Promise<void>;
}

export async function startPuppet(plans: readonly Plan[]): Promise<Puppet> {
  let next = 0;
  let sent = 0;
  const server = http.createServer((req, res) => {
    if (req.method === 'GET') { res.writeHead(405).end(); return; }
    if (req.method === 'DELETE') { res.writeHead(200).end(); return; }
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c)).on('end', () => {
      let body: { id?: unknown; method?: string; params?: { protocolVersion?: string } };
      try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { res.writeHead(400).end(); return; }
      if (Array.isArray(body) || !body.method) { res.writeHead(202).end(); return; } // answers to our server requests
      if (body.id === undefined) { res.writeHead(202).end(); return; } // notifications
      if (body.method === 'initialize') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id: body.id, result: {
          protocolVersion: body.params?.protocolVersion ?? '2025-11-25', capabilities: { tools: {}, resources: {}, prompts: {}, logging: {} }, serverInfo: { name: 'puppet', version: '1' },
        } }));
        return;
      }
      if (body.method === 'logging/setLevel' || body.method === 'ping') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id: body.id, result: {} }));
        return;
      }
      const plan = plans[next++ % plans.length];
      const method = body.method;
      switch (plan.transport) {
        case 'drop': sent++; req.socket.destroy(); return;
        case 'hang': return; // never answers (the socket closes with the server)
        case 'status': sent++; res.writeHead(plan.status, { 'content-type': 'application/json' }).end(plan.garbage); return;
        case 'garbage': sent++; res.writeHead(200, { 'content-type': plan.status % 2 ? 'application/json' : 'text/event-stream' }).end(plan.garbage); return;
        case 'json': {
          const out = response(plan, { id: body.id, method });
          sent += out.length;
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(out.length === 1 ? out[0] : out));
          return;
        }
        case 'sse': {
          const out = [...plan.before, ...response(plan, { id: body.id, method })];
          sent += out.length;
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.end(out.map(m => `event: message\ndata: ${JSON.stringify(m)}\n\n`).join(''));
          return;
        }
      }
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`,
    sent: () => sent,
    close: () => new Promise(r => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
