// Part 1, per-call overhead: tools/call echo through our core (McpConnection + callTool) against the raw
// SDK Client (client.callTool) on the same server: server-everything over stdio (one process per side,
// same program) and over Streamable HTTP on 127.0.0.1 (one server process, one session per side).
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { Transport } from '@modelcontextprotocol/client';
import type { ConnectionConfig } from '../src/core/connections/config';
import { McpConnection } from '../src/core/connections/connection';
import { callTool } from '../src/core/operations';
import { benchHost } from './hosts';
import { defer, pinClient, pinning, serverCommand, unpinClient } from './procs';
import { compare, type Figure } from './report';
import { median, summarize } from './stats';
import { fakeServerFetch, isolatedFigure } from './isolated';
import { callFigures, Caller, everythingStdio, FULL_CALLS, fixtureScript, measureSides, noiseFloorFigure, PerCallPlan, QUICK_CALLS, resultText, startServer } from './servers';

export const TARGET = 1.05;
const ARGS = { message: 'hi' };
export const LABELS = { baseline: 'raw SDK v2 Client.callTool', candidate: 'McpConnection + callTool' };

/** The raw SDK client on a transport, calling echo. */
export async function rawCaller(label: string, transport: Transport, options?: ConstructorParameters<typeof Client>[1]): Promise<Caller> {
  const client = new Client({ name: 'bench-raw-sdk', version: '1.0.0' }, options);
  const close = defer(() => client.close());
  try {
    await client.connect(transport);
  } catch (e) {
    await close();
    throw e;
  }
  return { label, call: async () => resultText(await client.callTool({ name: 'echo', arguments: ARGS })), close };
}

/** Our connection (with a host like the extension's: traffic kept, log kept), calling echo. */
export async function coreCaller(label: string, config: ConnectionConfig, deps?: ConstructorParameters<typeof McpConnection>[2]): Promise<Caller & { conn: McpConnection }> {
  const conn = new McpConnection(config, benchHost(), deps);
  const close = defer(() => conn.disconnect());
  const state = await conn.connect();
  if (state.kind !== 'running') { await close(); throw new Error(`${label} did not connect: ${state.kind === 'error' ? state.message : state.kind}`); }
  return { label, conn, call: async () => resultText((await callTool(conn, 'echo', ARGS)).result), close };
}

export async function runCalls(quick: boolean): Promise<{ figures: Figure[]; setup: unknown }> {
  pinClient();
  try {
    const setup = { pinning: pinning() };
    return { figures: await measureAll(quick), setup };
  } finally { unpinClient(); }
}

async function measureAll(quick: boolean): Promise<Figure[]> {
  const plan: PerCallPlan = quick ? QUICK_CALLS : FULL_CALLS;
  // stdio answers in ~0.2 ms: twenty times the calls per concurrent round, so that a round is not a blip,
  // and five times the warm-up (a fresh process keeps a heavy tail through its first few thousand calls).
  const stdioPlan: PerCallPlan = { ...plan, perCaller: plan.perCaller * 20, warmup: plan.warmup * 5 };
  const figures: Figure[] = [];

  // stdio: each side starts its own server-everything process. Full runs add a second raw SDK client,
  // measured in the same rotation: the A/A noise floor.
  {
    const rawStdio = () => new StdioClientTransport({ ...everythingStdio(), stderr: 'ignore' });
    const sides: Caller[] = [];
    try {
      sides.push(await rawCaller('raw SDK (stdio)', rawStdio()));
      sides.push(await coreCaller('core (stdio)', { name: 'bench-stdio', type: 'stdio', ...everythingStdio(), env: {} }));
      if (!quick) sides.push(await rawCaller('raw SDK (stdio), twin', rawStdio()));
      const [r, aa] = await measureSides(sides, stdioPlan, 'Echo: hi');
      figures.push(...callFigures('calls', 'stdio', r, LABELS, TARGET, stdioPlan));
      if (aa) figures.push(noiseFloorFigure('calls', 'stdio', aa));
    } finally { for (const c of sides) await c.close(); }
  }

  figures.push(...await modernStdioFigures(stdioPlan, quick));

  // Streamable HTTP on loopback: one server process, a session for each side.
  const server = await startServer(false);
  try {
    const rawHttp = () => new StreamableHTTPClientTransport(new URL(server.url));
    const sides: Caller[] = [];
    try {
      sides.push(await rawCaller('raw SDK (http)', rawHttp()));
      sides.push(await coreCaller('core (http)', { name: 'bench-http', type: 'http', url: server.url, headers: {}, secretHeaders: [] }));
      if (!quick) sides.push(await rawCaller('raw SDK (http), twin', rawHttp()));
      const [r, aa] = await measureSides(sides, plan, 'Echo: hi');
      figures.push(...callFigures('calls', 'Streamable HTTP', r, LABELS, TARGET, plan));
      if (aa) figures.push(noiseFloorFigure('calls', 'Streamable HTTP', aa));
    } finally { for (const c of sides) await c.close(); }
    figures.push(...await modernFigures(server.modernUrl, plan));
    figures.push(await probeCost(server.url, quick ? 8 : 30));
  } finally { await server.close(); }

  figures.push(await isolatedFigure({
    part: 'calls', what: 'Streamable HTTP', baselineFetch: fakeServerFetch, baselineUrl: 'http://127.0.0.1:9/mcp',
    config: { name: 'bench-fake-http', type: 'http', url: 'http://127.0.0.1:9/mcp', headers: {}, secretHeaders: [] }, labels: LABELS,
  }, quick));
  return figures;
}

/** 2026-07-28 over Streamable HTTP (no session; every request carries the _meta envelope): ours against the raw v2 Client pinned to it. */
async function modernFigures(url: string, plan: PerCallPlan): Promise<Figure[]> {
  const sides: Caller[] = [];
  try {
    sides.push(await rawCaller('raw SDK v2 (2026-07-28)', new StreamableHTTPClientTransport(new URL(url)), { versionNegotiation: { mode: { pin: '2026-07-28' } } }));
    sides.push(await coreCaller('core (2026-07-28)', { name: 'bench-modern', type: 'http', url, headers: {}, secretHeaders: [], protocol: '2026-07-28' }));
    const [r] = await measureSides(sides, plan, 'Echo: hi');
    return callFigures('calls', 'Streamable HTTP, MCP 2026-07-28', r, LABELS, TARGET, plan);
  } finally { for (const c of sides) await c.close(); }
}

/** 2026-07-28 over stdio: the SDK 2.x fixture server (its echo), one process per side; the raw v2 Client pinned to the era. */
async function modernStdioFigures(plan: PerCallPlan, quick: boolean): Promise<Figure[]> {
  const server = serverCommand(process.execPath, [fixtureScript('modern'), '--stdio']);
  const raw = (label: string) => rawCaller(label, new StdioClientTransport({ ...server, stderr: 'ignore' }), { versionNegotiation: { mode: { pin: '2026-07-28' } } });
  const sides: Caller[] = [];
  try {
    sides.push(await raw('raw SDK v2 (stdio, 2026-07-28)'));
    sides.push(await coreCaller('core (stdio, 2026-07-28)', { name: 'bench-stdio-modern', type: 'stdio', ...server, env: {}, protocol: '2026-07-28' }));
    if (!quick) sides.push(await raw('raw SDK v2 (stdio, 2026-07-28), twin'));
    const [r, aa] = await measureSides(sides, plan, 'Echo: hi');
    return [...callFigures('calls', 'stdio, MCP 2026-07-28', r, LABELS, TARGET, plan), ...(aa ? [noiseFloorFigure('calls', 'stdio, MCP 2026-07-28', aa)] : [])];
  } finally { for (const c of sides) await c.close(); }
}

/** What protocol "auto" costs when connecting to a 2025 server: the server/discover probe before initialize. */
async function probeCost(url: string, n: number): Promise<Figure> {
  const connectMs = async (protocol: 'auto' | '2025-11-25'): Promise<number> => {
    const conn = new McpConnection({ name: `bench-probe-${protocol}`, type: 'http', url, headers: {}, secretHeaders: [], protocol }, benchHost());
    const t = performance.now();
    const s = await conn.connect();
    const ms = performance.now() - t;
    await conn.disconnect();
    if (s.kind !== 'running') throw new Error(`probe cost: ${protocol} did not connect`);
    return ms;
  };
  const legacy: number[] = [];
  const auto: number[] = [];
  for (let i = 0; i < n + 2; i++) {
    if (i % 2 === 0) { legacy.push(await connectMs('2025-11-25')); auto.push(await connectMs('auto')); } else { auto.push(await connectMs('auto')); legacy.push(await connectMs('2025-11-25')); }
  }
  const warm = (xs: number[]) => xs.slice(2);
  return compare('calls', 'connect to a 2025 server over Streamable HTTP: protocol auto (probe, then initialize) vs 2025-11-25, median', 'ms',
    { label: 'protocol 2025-11-25', value: median(warm(legacy)), raw: summarize(warm(legacy)) },
    { label: 'protocol auto', value: median(warm(auto)), raw: summarize(warm(auto)) },
    { note: `${n} connects each, alternating which goes first; the difference is one HTTP round trip (server/discover answered 400) per connect.` });
}
