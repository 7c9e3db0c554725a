// The gateway as a stdio MCP server (`agentcore-mcp proxy`): for MCP clients that start servers as
// processes (Claude Desktop, Claude Code, Cursor). Every message from the client goes to the upstream
// through the SDK's Streamable HTTP transport on the gateway's fetch (signed, tokened, retried, session
// renewed); everything the server sends (results, progress, elicitation and sampling requests, log
// messages) comes back on stdout. Either era passes through: the client and the server negotiate it.
import { PROTOCOL_VERSION_META_KEY, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { JSONRPCMessage } from '@modelcontextprotocol/client';
import type { Upstream } from './upstream';

export interface StdioProxyOptions {
  readonly upstream: Upstream;
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** A line for stderr (already redacted): stdout carries only MCP messages. */
  readonly log: (line: string) => void;
}

type Id = string | number;
interface Pending { readonly abort: AbortController; readonly modern: boolean; readonly method: string }

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const idOf = (m: Record<string, unknown>): Id | undefined => (typeof m.id === 'string' || typeof m.id === 'number' ? m.id : undefined);

/** A 2026-07-28 request names its version in `_meta`; its cancellation is the end of its stream. */
function isModern(params: unknown): boolean {
  const v = isObject(params) && isObject(params._meta) ? params._meta[PROTOCOL_VERSION_META_KEY] : undefined;
  return typeof v === 'string' && v >= '2026-07-28';
}

function serversError(body: unknown): Record<string, unknown> | undefined {
  if (typeof body !== 'string' || !body.includes('"error"')) return undefined;
  try {
    const m = JSON.parse(body) as { error?: unknown };
    return isObject(m.error) && typeof m.error.code === 'number' && typeof m.error.message === 'string' ? m.error : undefined;
  } catch { return undefined; }
}

/** Relays until the client closes stdin; then ends the upstream session (a 2025 one) and returns. */
export async function proxyStdio(o: StdioProxyOptions): Promise<void> {
  const { upstream } = o;
  const transport = new StreamableHTTPClientTransport(upstream.url, { fetch: upstream.fetch });
  const pending = new Map<Id, Pending>();
  const write = (m: unknown) => { o.output.write(`${JSON.stringify(m)}\n`); };
  const say = (line: string) => o.log(upstream.redactor.text(line));

  transport.onmessage = (m: JSONRPCMessage) => {
    const r = m as Record<string, unknown>;
    const id = idOf(r);
    if (id !== undefined && !('method' in r)) {
      const p = pending.get(id);
      pending.delete(id);
      // The 2025 era's version travels in a header on every later request; the transport learns it here.
      const version = isObject(r.result) ? r.result.protocolVersion : undefined;
      if (p?.method === 'initialize' && typeof version === 'string') transport.setProtocolVersion(version);
    }
    write(m);
  };
  transport.onerror = e => say(`upstream: ${e.message}`);
  await transport.start();

  const fromClient = (m: Record<string, unknown>) => {
    const id = idOf(m);
    const method = typeof m.method === 'string' ? m.method : undefined;
    if (method !== undefined && id !== undefined) {
      const p: Pending = { abort: new AbortController(), modern: isModern(m.params), method };
      pending.set(id, p);
      transport.send(m as JSONRPCMessage, { requestSignal: p.abort.signal }).catch((e: Error) => {
        if (pending.get(id) !== p) return;
        pending.delete(id);
        if (p.abort.signal.aborted) return;
        // A JSON-RPC error in an HTTP error's body (−32022 for a version the server does not speak) is the
        // server's own answer: the client gets it as it is, so it can act on it (negotiate another version).
        const own = serversError((e as { data?: { text?: unknown } }).data?.text);
        if (own) { write({ jsonrpc: '2.0', id, error: own }); return; }
        say(`${method} failed: ${e.message}`);
        write({ jsonrpc: '2.0', id, error: { code: -32603, message: upstream.redactor.text(`"${upstream.name}" through agentcore-mcp proxy: ${e.message}`) } });
      });
      return;
    }
    if (method === 'notifications/cancelled' && isObject(m.params)) {
      const target = m.params.requestId;
      const p = typeof target === 'string' || typeof target === 'number' ? pending.get(target) : undefined;
      if (p?.modern) { pending.delete(target as Id); p.abort.abort(); return; }
    }
    transport.send(m as JSONRPCMessage).catch((e: Error) => say(`${method ?? 'an answer'} was not delivered: ${e.message}`));
  };

  await new Promise<void>(resolve => {
    let rest = '';
    o.input.setEncoding?.('utf8');
    o.input.on('data', (chunk: string | Buffer) => {
      rest += String(chunk);
      let nl: number;
      while ((nl = rest.indexOf('\n')) >= 0) {
        const line = rest.slice(0, nl).trim();
        rest = rest.slice(nl + 1);
        if (!line) continue;
        let m: unknown;
        try { m = JSON.parse(line); } catch {
          write({ jsonrpc: '2.0', id: null, error: { code: -32700, message: `Not JSON: ${line.slice(0, 80)}` } });
          continue;
        }
        if (isObject(m) && m.jsonrpc === '2.0') fromClient(m);
        else write({ jsonrpc: '2.0', id: isObject(m) ? idOf(m) ?? null : null, error: { code: -32600, message: 'Not a JSON-RPC 2.0 message.' } });
      }
    });
    o.input.on('end', resolve);
    o.input.on('close', resolve);
  });
  for (const p of pending.values()) p.abort.abort();
  await transport.terminateSession().catch(() => undefined);
  await transport.close().catch(() => undefined);
}
