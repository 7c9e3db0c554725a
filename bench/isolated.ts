// Our client's added cost with the network and the server taken out: both sides talk to the same
// in-process fake MCP server behind the `fetch` seam (the SDK transport's `fetch` option, our
// ConnectionDeps.fetch), so what is left is client CPU per call, deterministic enough to read a few µs.
// Measured as CPU time of this process over many calls, in alternating rounds.
import { Client } from '@modelcontextprotocol/client';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { FetchLike } from '@modelcontextprotocol/client';
import type { ConnectionConfig } from '../src/core/connections/config';
import { McpConnection } from '../src/core/connections/connection';
import { callTool } from '../src/core/operations';
import { benchHost } from './hosts';
import { defer } from './procs';
import { compare, Figure, Part } from './report';
import { resultText } from './servers';
import { summarize } from './stats';

/**
 * A Streamable HTTP server in a function: initialize, tools/call echo (answered as an SSE event, as
 * server-everything answers POSTs), 202 for notifications, 405 for the GET stream.
 */
export const fakeServerFetch: FetchLike = async (_url, init) => {
  const method = (init?.method ?? 'GET').toUpperCase();
  if (method === 'GET') return new Response(null, { status: 405 });
  if (method === 'DELETE') return new Response(null, { status: 200 });
  const msg = JSON.parse(String(init?.body)) as { id?: number; method: string; params?: { protocolVersion?: string; arguments?: { message?: string } } };
  if (msg.id === undefined) return new Response(null, { status: 202 });
  const result = msg.method === 'initialize'
    ? { protocolVersion: msg.params?.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'fake', version: '1.0.0' } }
    : msg.method === 'tools/call' ? { content: [{ type: 'text', text: `Echo: ${msg.params?.arguments?.message}` }] } : {};
  return new Response(`event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', id: msg.id, result })}\n\n`, {
    status: 200, headers: { 'content-type': 'text/event-stream', 'mcp-session-id': 'fake-session-1' },
  });
};

export interface Isolated {
  readonly part: Part;
  readonly what: string;
  /** The raw SDK's `fetch`: the fake server, possibly behind a minimal signer. */
  readonly baselineFetch: FetchLike;
  readonly baselineUrl: string;
  readonly config: ConnectionConfig;
  readonly labels: { readonly baseline: string; readonly candidate: string };
}

export async function isolatedFigure(o: Isolated, quick: boolean): Promise<Figure> {
  const client = new Client({ name: 'bench-raw-sdk', version: '1.0.0' });
  const closeRaw = defer(() => client.close());
  const conn = new McpConnection(o.config, benchHost(), { fetch: fakeServerFetch });
  const closeCore = defer(() => conn.disconnect());
  try {
    await client.connect(new StreamableHTTPClientTransport(new URL(o.baselineUrl), { fetch: o.baselineFetch }));
    const s = await conn.connect();
    if (s.kind !== 'running') throw new Error(`${o.what}: our connection to the fake server failed: ${s.kind === 'error' ? s.message : s.kind}`);
    const sides = [
      { us: [] as number[], call: async () => resultText(await client.callTool({ name: 'echo', arguments: { message: 'hi' } })) },
      { us: [] as number[], call: async () => resultText((await callTool(conn, 'echo', { message: 'hi' })).result) },
    ];
    for (const side of sides) if (await side.call() !== 'Echo: hi') throw new Error(`${o.what}: the fake server's echo did not come back`);
    const n = 300;
    const rounds = quick ? 6 : 16;
    for (let r = -2; r < rounds; r++) {
      for (const side of r % 2 === 0 ? sides : [...sides].reverse()) {
        const t = process.cpuUsage();
        for (let i = 0; i < n; i++) await side.call();
        const u = process.cpuUsage(t);
        if (r >= 0) side.us.push((u.user + u.system) / n);
      }
    }
    const [b, c] = sides.map(s => summarize(s.us));
    return compare(o.part, `${o.what}: client CPU per call, network replaced by an in-process fake server (median of ${rounds} rounds)`, 'µs',
      { label: o.labels.baseline, value: b.median, raw: b }, { label: o.labels.candidate, value: c.median, raw: c },
      { note: `Our added client work in isolation: +${(c.median - b.median).toFixed(0)} µs per call (request handling, fetch middlewares, traffic events kept as the extension keeps them). No target of its own: the targets are on the end-to-end calls.` });
  } finally {
    await closeCore();
    await closeRaw();
  }
}
