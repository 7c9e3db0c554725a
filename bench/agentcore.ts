// Part 2, the AgentCore path: tools/call echo on server-everything behind the AgentCore Runtime emulator,
// SigV4 on both sides, through the same emulator (its signature check, session mapping and proxying are
// the same for both):
//   baseline   the raw SDK Client + StreamableHTTPClientTransport on the invocations URL, with a minimal
//              SigV4 signer on node:crypto as its `fetch` (bench/sigv4min.ts);
//   candidate  our McpConnection with an `agentcore` config (profile from a temporary AWS config file):
//              the plan's delivery retry, our SigV4 middleware (src/core/agentcore/sigv4.ts + the AWS
//              SDK's SignatureV4), the HTTP recorder and traffic events, the request recovery rules.
// So the ratio is exactly what our client adds on top of "the SDK plus a signature". The emulator cannot
// run a runtime without auth, so "pass-through" is the emulator with a signature check on both sides.
// Also: the signing cost per request in µs (our signing core and our whole middleware vs the minimal
// signer), and, for context, what the emulator hop itself costs the raw SDK.
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { loadAws } from '../src/core/agentcore/credentials';
import { requestToSign, sigv4Middleware } from '../src/core/agentcore/sigv4';
import { credentialSource } from '../src/core/agentcore/credentials';
import { Gateway } from '../src/core/gateway/server';
import { openUpstream } from '../src/core/gateway/upstream';
import { LABELS, coreCaller, rawCaller } from './calls';
import { BENCH_CREDS, BENCH_PROFILE, BENCH_REGION, benchHost, useAwsProfile } from './hosts';
import { pinClient, pinning, unpinClient } from './procs';
import { compare, Figure } from './report';
import { fakeServerFetch, isolatedFigure } from './isolated';
import { callFigures, Caller, FULL_CALLS, measureCalls, measureSides, noiseFloorFigure, PerCallPlan, QUICK_CALLS, startServer } from './servers';
import { minimalSigV4Fetch, signMinimal } from './sigv4min';
import { summarize } from './stats';

export const TARGET = 1.10;

/** A typical request of a session: a tools/call POST with the session headers. */
function sampleRequest(url: string): { url: URL; headers: Headers; body: string } {
  return {
    url: new URL(url),
    headers: new Headers({
      'content-type': 'application/json', accept: 'application/json, text/event-stream',
      'mcp-session-id': '6f1c2b1e-8a1d-4c55-9a43-2f3f0b7d9e10', 'mcp-protocol-version': '2025-06-18',
    }),
    body: JSON.stringify({ jsonrpc: '2.0', id: 42, method: 'tools/call', params: { name: 'echo', arguments: { message: 'hi' } } }),
  };
}

/** µs per call of `fn`, as the median of `rounds` rounds of `n` calls (after one warm-up round). */
async function microseconds(n: number, rounds: number, fn: () => unknown): Promise<{ us: number; rounds: number[] }> {
  const per: number[] = [];
  for (let r = -1; r < rounds; r++) {
    const t = performance.now();
    for (let i = 0; i < n; i++) await fn();
    if (r >= 0) per.push(((performance.now() - t) * 1000) / n);
  }
  return { us: summarize(per).median, rounds: per };
}

async function signingFigures(invocationsUrl: string, quick: boolean): Promise<Figure[]> {
  const n = quick ? 300 : 2000;
  const rounds = quick ? 3 : 7;
  const req = sampleRequest(invocationsUrl);
  const aws = loadAws();
  const date = new Date();
  const ours = () => aws.signRequest(requestToSign(req.url, 'POST', req.headers, req.body), BENCH_CREDS, { region: BENCH_REGION, service: 'bedrock-agentcore', signingDate: date });
  const minimal = () => signMinimal('POST', req.url, req.headers, req.body, BENCH_CREDS, BENCH_REGION, 'bedrock-agentcore', date);
  // The whole middleware in front of a network that answers at once: credentials, headers, URL, signing.
  const source = credentialSource({ region: BENCH_REGION, profile: BENCH_PROFILE, host: benchHost() });
  const ok = new Response(null, { status: 202 });
  const middleware = sigv4Middleware({ region: BENCH_REGION, credentials: source, host: benchHost() })(() => Promise.resolve(ok));
  const init = { method: 'POST', headers: req.headers, body: req.body };
  await middleware(invocationsUrl, init);
  const b = await microseconds(n, rounds, minimal);
  const core = await microseconds(n, rounds, ours);
  const mw = await microseconds(n, rounds, () => middleware(invocationsUrl, init));
  const b2 = await microseconds(n, rounds, minimal);
  const base = { label: 'minimal node:crypto signer', value: (b.us + b2.us) / 2, raw: { roundsUs: [...b.rounds, ...b2.rounds] } };
  return [
    compare('agentcore', 'SigV4 signing core per request (signRequest)', 'µs', base, { label: 'aws.ts signRequest (SignatureV4 + node:crypto)', value: core.us, raw: { roundsUs: core.rounds } },
      { note: 'No target in the issue: reported in µs. Both sign the same tools/call POST (host, x-amz-date, 4 MCP headers, payload hash).' }),
    compare('agentcore', 'SigV4 middleware per request (sigv4Middleware)', 'µs', base, { label: 'sigv4Middleware, network stubbed', value: mw.us, raw: { roundsUs: mw.rounds } }),
  ];
}

export async function runAgentCore(quick: boolean): Promise<{ figures: Figure[]; setup: unknown }> {
  pinClient();
  try {
    const setup = { pinning: pinning(), baseline: 'raw SDK Client + StreamableHTTPClientTransport on the emulator\'s invocations URL, fetch = minimal node:crypto SigV4 signer (bench/sigv4min.ts)' };
    return { figures: await measureAll(quick), setup };
  } finally { unpinClient(); }
}

/**
 * Issue 17: another MCP client (the raw SDK here; VS Code's in the product) through our loopback gateway,
 * against our own client's AgentCore path. Both sign with the same middleware, so the ratio is what the
 * gateway's extra hop (an HTTP server and a fetch, in this process) adds per call. Target 1.10.
 */
async function gatewayFigures(emu: { arn: string; url: string }, plan: PerCallPlan): Promise<Figure[]> {
  const config = { name: 'bench-gateway', type: 'agentcore' as const, arn: emu.arn, qualifier: 'DEFAULT', endpoint: emu.url, auth: 'sigv4' as const, profile: BENCH_PROFILE };
  const gateway = new Gateway();
  const sides: Caller[] = [];
  try {
    const url = await gateway.route(config.name, () => openUpstream(config, benchHost()));
    sides.push(await coreCaller('core agentcore (emulator)', { ...config, name: 'bench-agentcore-own' }));
    sides.push(await rawCaller('raw SDK through the gateway (emulator)', new StreamableHTTPClientTransport(url)));
    const [r] = await measureSides(sides, plan, 'Echo: hi');
    return callFigures('agentcore', 'gateway (another client through it) vs our own AgentCore client', r, { baseline: `${LABELS.candidate} (agentcore)`, candidate: 'raw SDK client through the loopback gateway' }, 1.10, plan);
  } finally {
    for (const c of sides) await c.close();
    await gateway.close();
  }
}

async function measureAll(quick: boolean): Promise<Figure[]> {
  const plan: PerCallPlan = quick ? QUICK_CALLS : FULL_CALLS;
  const figures: Figure[] = [];
  const restoreAws = useAwsProfile();
  const server = await startServer(true);
  try {
    const emu = server.emulator!;
    const rawSigned = () => new StreamableHTTPClientTransport(new URL(emu.invocationsUrl), { fetch: minimalSigV4Fetch(BENCH_CREDS, BENCH_REGION) });
    const sides: Caller[] = [];
    try {
      sides.push(await rawCaller('raw SDK + minimal SigV4 (emulator)', rawSigned()));
      sides.push(await coreCaller('core agentcore (emulator)', {
        name: 'bench-agentcore', type: 'agentcore', arn: emu.arn, qualifier: 'DEFAULT', endpoint: emu.url, auth: 'sigv4', profile: BENCH_PROFILE,
      }));
      if (!quick) sides.push(await rawCaller('raw SDK + minimal SigV4 (emulator), twin', rawSigned()));
      const [r, aa] = await measureSides(sides, plan, 'Echo: hi');
      figures.push(...callFigures('agentcore', 'AgentCore emulator, SigV4', r, { baseline: 'raw SDK + minimal SigV4 signer', candidate: `${LABELS.candidate} (agentcore)` }, TARGET, plan));
      if (aa) figures.push(noiseFloorFigure('agentcore', 'AgentCore emulator', aa));
    } finally { for (const c of sides) await c.close(); }

    figures.push(...await gatewayFigures(emu, plan));
    figures.push(...await signingFigures(emu.invocationsUrl, quick));
    // The same with the network, the emulator and the server taken out (nothing listens on the endpoint).
    const fakeEndpoint = 'http://127.0.0.1:9';
    const fakeArn = emu.arn;
    figures.push(await isolatedFigure({
      part: 'agentcore', what: 'AgentCore (SigV4)',
      baselineFetch: minimalSigV4Fetch(BENCH_CREDS, BENCH_REGION, fakeServerFetch),
      baselineUrl: `${fakeEndpoint}/runtimes/${encodeURIComponent(fakeArn)}/invocations?qualifier=DEFAULT`,
      config: { name: 'bench-fake-agentcore', type: 'agentcore', arn: fakeArn, qualifier: 'DEFAULT', endpoint: fakeEndpoint, auth: 'sigv4', profile: BENCH_PROFILE },
      labels: { baseline: 'raw SDK + minimal SigV4 signer', candidate: `${LABELS.candidate} (agentcore)` },
    }, quick));

    if (!quick) {
      // Context: what the emulator hop (SigV4 check + proxy) costs the raw SDK, against server-everything directly.
      const hopPlan: PerCallPlan = { sequential: 400, warmup: 400, block: 10, concurrency: 32, perCaller: 5, rounds: 2 };
      const direct = await rawCaller('raw SDK (direct)', new StreamableHTTPClientTransport(new URL(server.url)));
      try {
        const via = await rawCaller('raw SDK + minimal SigV4 (emulator)', new StreamableHTTPClientTransport(new URL(emu.invocationsUrl), { fetch: minimalSigV4Fetch(BENCH_CREDS, BENCH_REGION) }));
        try {
          const r = await measureCalls(direct, via, hopPlan, 'Echo: hi');
          figures.push(compare('agentcore', `context: emulator hop for the raw SDK, ${r.baseline.sequential.n} sequential calls, median`, 'ms',
            { label: 'raw SDK, server directly', value: r.baseline.sequential.median, raw: r.baseline.sequential },
            { label: 'raw SDK + minimal SigV4 through the emulator', value: r.candidate.sequential.median, raw: r.candidate.sequential },
            { note: 'Not our code: the emulator\'s signature check and proxy hop, for scale. No target.' }));
        } finally { await via.close(); }
      } finally { await direct.close(); }
    }
  } finally {
    await server.close();
    restoreAws();
  }
  return figures;
}
