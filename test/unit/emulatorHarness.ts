// Shared parts of the emulator tests (this file holds no tests of its own): a real stateful MCP server from the
// SDK on loopback to sit behind the emulator, and SigV4 signing with @smithy/signature-v4, which is the
// independent check of the emulator's own verifier.
import * as assert from 'node:assert';
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ElicitRequestSchema, isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { startEmulator } from '../../src/emulator';
import type { Emulator, EmulatorOptions, RuntimeOptions } from '../../src/emulator';

export const CREDS = { accessKeyId: 'AKIDEMULATORTEST0001', secretAccessKey: 'emulator/test/secret/key/EXAMPLEKEY0001' };
export const TEMP_CREDS = { accessKeyId: 'ASIAEMULATORTEST0002', secretAccessKey: 'temp/secret/EXAMPLEKEY0002', sessionToken: 'FwoGZXIvYXdzEXAMPLETOKEN' };
export const ACCEPT_BOTH = 'application/json, text/event-stream';

function makeServer(): McpServer {
  const server = new McpServer({ name: 'emulator-test-upstream', version: '1.0.0' });
  server.registerTool('echo', { description: 'Echoes text', inputSchema: { text: z.string() } }, ({ text }) => ({
    content: [{ type: 'text', text }],
  }));
  server.registerTool('count', { description: 'Sends progress then answers', inputSchema: { steps: z.number() } }, async ({ steps }, extra) => {
    const token = extra._meta?.progressToken;
    for (let i = 1; i <= steps; i++) {
      if (token !== undefined) await extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: i, total: steps } });
    }
    return { content: [{ type: 'text', text: `counted ${steps}` }] };
  });
  server.registerTool('ask', { description: 'Asks the user for a name' }, async () => {
    const answer = await server.server.elicitInput({
      message: 'Your name?',
      requestedSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
    });
    return { content: [{ type: 'text', text: `${answer.action}:${String(answer.content?.name ?? '')}` }] };
  });
  return server;
}

export interface Upstream {
  readonly url: string;
  /** Session ids the upstream saw ended (DELETE or transport close). */
  readonly ended: string[];
  readonly live: () => string[];
  /** Drops every session without telling anyone, as a restarted server would. */
  forget(): void;
  close(): Promise<void>;
}

function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try { resolve(text ? JSON.parse(text) : undefined); } catch (e) { reject(e as Error); }
    });
    req.on('error', reject);
  });
}

/** A stateful SDK server, one transport per session, on 127.0.0.1. Options model other server kinds. */
export async function startUpstream(opts: { sessionIdGenerator?: () => string; stateless?: boolean; noGet?: boolean } = {}): Promise<Upstream> {
  const transports = new Map<string, StreamableHTTPServerTransport>();
  const ended: string[] = [];
  const server = http.createServer((req, res) => {
    void (async () => {
      const body = req.method === 'POST' ? await readJson(req) : undefined;
      if (opts.noGet && req.method === 'GET') { res.writeHead(405, { Allow: 'POST, DELETE' }).end(); return; }
      if (opts.stateless) {
        const t = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
        const s = makeServer();
        await s.connect(t);
        res.on('close', () => { void s.close(); });
        await t.handleRequest(req, res, body);
        return;
      }
      const sid = req.headers['mcp-session-id'] as string | undefined;
      let t = sid ? transports.get(sid) : undefined;
      if (!t) {
        if (sid || !isInitializeRequest(body)) {
          res.writeHead(sid ? 404 : 400, { 'Content-Type': 'application/json' })
            .end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null }));
          return;
        }
        const created: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
          sessionIdGenerator: opts.sessionIdGenerator ?? (() => randomUUID()),
          onsessioninitialized: id => { transports.set(id, created); },
          onsessionclosed: id => { ended.push(id); transports.delete(id); },
        });
        await makeServer().connect(created);
        t = created;
      }
      await t.handleRequest(req, res, body);
    })().catch(() => { if (!res.headersSent) res.writeHead(500).end(); });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    ended,
    live: () => [...transports.keys()],
    forget: () => {
      const all = [...transports.values()];
      transports.clear();
      for (const t of all) void t.close();
    },
    close: async () => {
      await Promise.all([...transports.values()].map(t => t.close()));
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}

export interface Rig { upstream: Upstream; emu: Emulator; close(): Promise<void> }

/** An upstream and an emulator in front of it; `runtime` and `options` override the defaults. */
export async function startRig(runtime: Partial<RuntimeOptions> = {}, options: Partial<EmulatorOptions> = {}, upstreamOpts: Parameters<typeof startUpstream>[0] = {}): Promise<Rig> {
  const upstream = await startUpstream(upstreamOpts);
  const emu = await startEmulator({
    region: 'us-east-1', credentials: [CREDS, TEMP_CREDS], ...options,
    runtimes: [{ name: 'travel', upstream: upstream.url, auth: 'sigv4', ...runtime }],
  });
  return { upstream, emu, close: async () => { await emu.close(); await upstream.close(); } };
}

export interface SignOptions {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  region?: string;
  /** Sign as if the clock said this (to test the ±5 min window). */
  signingDate?: Date;
}

/** A fetch that SigV4-signs each request with @smithy/signature-v4, signing only what the client sent plus host. */
export function sigv4Fetch(o: SignOptions): FetchLike {
  const signer = new SignatureV4({
    credentials: { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey, sessionToken: o.sessionToken },
    region: o.region ?? 'us-east-1', service: 'bedrock-agentcore', sha256: Sha256,
  });
  return async (url, init) => {
    const u = new URL(url);
    const headers: Record<string, string> = { host: u.host };
    new Headers(init?.headers).forEach((v, k) => { headers[k] = v; });
    const query: Record<string, string> = {};
    u.searchParams.forEach((v, k) => { query[k] = v; });
    const body = typeof init?.body === 'string' ? init.body : undefined;
    const signed = await signer.sign(
      { method: init?.method ?? 'GET', protocol: u.protocol, hostname: u.hostname, port: Number(u.port), path: u.pathname, query, headers, body },
      o.signingDate ? { signingDate: o.signingDate } : {},
    );
    const out = { ...signed.headers };
    delete out.host; // fetch sets Host from the URL, to the same value
    return fetch(url, { ...init, headers: out });
  };
}

/** A bearer-token fetch for JWT runtimes. */
export function bearerFetch(token: string): FetchLike {
  return (url, init) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${token}`);
    return fetch(url, { ...init, headers });
  };
}

export function initializeBody(id: number | string = 1): string {
  return JSON.stringify({
    jsonrpc: '2.0', id, method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw-test', version: '1' } },
  });
}

/** POSTs one JSON-RPC message with the given fetch and the MCP headers. */
export function post(f: FetchLike, url: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return f(url, { method: 'POST', body, headers: { 'content-type': 'application/json', accept: ACCEPT_BOTH, ...headers } });
}

/** Reads a JSON body, or the JSON of the first `data:` line of an SSE body. */
export async function bodyJson(res: Response): Promise<Record<string, unknown>> {
  const text = await res.text();
  if ((res.headers.get('content-type') ?? '').includes('text/event-stream')) {
    const line = text.split('\n').find(l => l.startsWith('data:'));
    assert.ok(line, `no data line in SSE body: ${text}`);
    return JSON.parse(line.slice(5)) as Record<string, unknown>;
  }
  return JSON.parse(text) as Record<string, unknown>;
}

/** Initializes a session with raw HTTP; returns the client-facing session id. */
export async function openSession(f: FetchLike, url: string): Promise<string> {
  const res = await post(f, url, initializeBody());
  assert.strictEqual(res.status, 200, await res.clone().text());
  const sid = res.headers.get('mcp-session-id');
  assert.ok(sid, 'initialize answered without Mcp-Session-Id');
  await res.text();
  const ack = await post(f, url, JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }), { 'mcp-session-id': sid, 'mcp-protocol-version': '2025-06-18' });
  assert.strictEqual(ack.status, 202);
  return sid;
}

/** An SDK client over the emulator, answering elicitation with `name` when given. */
export async function connectClient(url: string, f: FetchLike, elicitName?: string): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const client = new Client({ name: 'emulator-test', version: '1.0.0' }, { capabilities: elicitName ? { elicitation: {} } : {} });
  if (elicitName) client.setRequestHandler(ElicitRequestSchema, () => ({ action: 'accept', content: { name: elicitName } }));
  const transport = new StreamableHTTPClientTransport(new URL(url), { fetch: f });
  await client.connect(transport);
  return { client, transport };
}

export const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

/** Waits until `check` passes or `ms` runs out. */
export async function eventually(check: () => boolean, ms = 2000, what = 'condition'): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await sleep(5);
  }
}
