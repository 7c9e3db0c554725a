// AgentCore's own answers going wrong, through the real McpConnection and the emulator: a malformed ARN
// (no network), wrong paths, unknown runtimes, a proxy rewriting headers, and the retryable codes
// (docs/agentcore-runtime.md, "Errors") once retrying gives up.
import * as assert from 'node:assert';
import { McpConnection } from '../../src/core/connections/connection';
import type { FetchLike } from '../../src/core/connections/fetch';
import type { ConnectionHost } from '../../src/core/connections/host';
import { listTools } from '../../src/core/operations';
import type { ConnectionState } from '../../src/core/connections/state';
import { recordingHost } from './helpers';
import { AgentCoreRig, AwsFiles, fastResolver, settled, startAgentCoreRig, useAwsFiles } from './agentcore.harness.test';

type Failed = Extract<ConnectionState, { kind: 'error' }>;

function failed(s: ConnectionState): Failed {
  assert.strictEqual(s.kind, 'error', JSON.stringify(s));
  return s as Failed;
}

/** A "proxy" between the client and the network that rewrites headers after signing. */
const proxy = (set: Record<string, string>): FetchLike => (url, init) => {
  const headers = new Headers(init?.headers);
  for (const [k, v] of Object.entries(set)) headers.set(k, v);
  return fetch(url, { ...init, headers });
};

describe('agentcore: errors from the runtime', function () {
  this.timeout(30_000);
  let files: AwsFiles;
  let rig: AgentCoreRig;
  const conns: McpConnection[] = [];
  const connect = async (over: Parameters<AgentCoreRig['config']>[0], host: ConnectionHost = recordingHost(), deps = {}) => {
    const c = new McpConnection(rig.config(over), host, { resolveAgentCorePlan: fastResolver(), ...deps });
    conns.push(c);
    return { conn: c, state: await c.connect() };
  };
  before(async () => { files = useAwsFiles(); rig = await startAgentCoreRig(); });
  after(async () => { await rig.close(); files.restore(); });
  afterEach(async () => {
    rig.emu.faults.reset();
    await Promise.all(conns.splice(0).map(c => c.disconnect()));
  });

  it('rejects a malformed ARN before any network, saying what is wrong', async () => {
    const from = rig.emu.log.length;
    const a = failed((await connect({ arn: 'arn:aws:bedrock-agentcore:us-east-1:1234:runtime/features-abcdefghij' })).state);
    assert.strictEqual(a.message, 'The runtime ARN of "ac" is not valid: the account must be 12 digits, got 1234.');
    assert.match(a.nextStep ?? '', /arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime\/my_agent-AbCdEfGhIj/);
    const b = failed((await connect({ arn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/my-agent-abcdefghij' })).state);
    assert.strictEqual(b.message, 'The runtime ARN of "ac" is not valid: the runtime name may not contain hyphens: my-agent.');
    assert.strictEqual(rig.emu.log.length, from, 'nothing reached the emulator');
  });

  it('rejects an endpoint that is a whole runtime URL, before any network', async () => {
    const from = rig.emu.log.length;
    const s = failed((await connect({ endpoint: `${rig.emu.url}/runtimes/features-abcdefghij/mcp` })).state);
    assert.match(s.message, /^The "endpoint" of "ac" is not usable: the endpoint must be the base URL only .*the client adds \/runtimes\/\{ARN\}\/invocations itself\.$/);
    assert.strictEqual(rig.emu.log.length, from);
  });

  it('explains a 404 for a path AgentCore does not serve (an endpoint with a wrong prefix)', async () => {
    const s = failed((await connect({ endpoint: `${rig.emu.url}/prefix/` })).state);
    assert.match(s.message, /^AgentCore has no such path: POST http:\/\/127\.0\.0\.1:\d+\/prefix\/runtimes\/arn%3Aaws%3A.*\/invocations\?qualifier=DEFAULT answered 404\. .*\/runtimes\/\{id\}\/mcp do not exist\.$/);
    assert.match(s.nextStep ?? '', /base URL only/);
  });

  it('explains −32004 for a runtime or qualifier that does not exist', async () => {
    const other = failed((await connect({ arn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/other-abcdefghij' })).state);
    assert.strictEqual(other.message, 'AgentCore has no runtime or endpoint for this ARN and qualifier (−32004 Resource not found - Requested resource does not exist).');
    const q = failed((await connect({ qualifier: 'PROD' })).state);
    assert.match(q.nextStep ?? '', /the qualifier "PROD" \(an endpoint name; the default is DEFAULT\)/);
  });

  it('explains a proxy that rewrites Accept: 406 / −32011 with a token, a signature mismatch with SigV4', async () => {
    const jwtRig = await startAgentCoreRig({ runtime: { auth: 'jwt' } });
    try {
      const token = jwtRig.emu.mintToken();
      const c = new McpConnection(jwtRig.config({ auth: 'bearer' }), recordingHost({ secret: () => Promise.resolve(token) }), { fetch: proxy({ accept: 'application/json' }) });
      conns.push(c);
      const s = failed(await c.connect());
      assert.strictEqual(s.message, 'AgentCore refused the request\'s Accept header (406, −32011): MCP requires "Accept: application/json, text/event-stream".');
      assert.match(s.nextStep ?? '', /a proxy between here and AWS rewrote the header/);
    } finally {
      await jwtRig.close();
    }
    const signed = failed((await connect({}, recordingHost(), { fetch: proxy({ accept: 'application/json' }) })).state);
    assert.match(signed.message, /^AWS computed a different signature .*a proxy\) rewrote the signed headers/);
  });

  it('survives hops that add or change unsigned headers (user-agent, accept-encoding)', async () => {
    const { conn, state } = await connect({}, recordingHost(), { fetch: proxy({ 'user-agent': 'corp-proxy/1.0', 'accept-encoding': 'identity', 'x-forwarded-for': '10.0.0.1' }) });
    assert.strictEqual(state.kind, 'running', JSON.stringify(state));
    assert.ok((await listTools(conn)).length > 0);
  });

  it('gives up on −32003 after four retries and says so', async () => {
    rig.emu.faults.set({ throttle: 10 });
    const from = rig.emu.log.length;
    // The 2025 handshake only: under auto the era probe is throttled too (and retried on its own).
    const s = failed((await connect({ protocol: '2025-11-25' })).state);
    assert.match(s.message, /^AgentCore kept throttling the request \(−32003 Rate limit exceeded - Too many requests\), also after retrying with backoff\.$/);
    assert.strictEqual(rig.emu.log.slice(from).filter(l => l.fault === 'throttle').length, 5, 'one try and four retries');
  });

  it('retries a cold start only once', async () => {
    rig.emu.faults.set({ coldStart: 2 });
    const s = failed((await connect({})).state);
    assert.match(s.message, /^The runtime did not start in time \(−32010 Runtime initialization time exceeded\), also on the retry/);
    assert.match(s.nextStep ?? '', /CloudWatch/);
  });

  it('explains a lasting −32005 and a −32603 on a request; the latter is not retried', async () => {
    const host = recordingHost();
    const { conn } = await connect({}, host);
    await settled(host);
    rig.emu.faults.set({ conflict: 10 });
    await assert.rejects(listTools(conn), /^ExplainedError: The session was still being started or stopped \(−32005 Session operation in progress, please retry\), also after retrying\.$/);
    rig.emu.faults.set({ reset: true, internal: 1 });
    const from = rig.emu.log.length;
    await assert.rejects(listTools(conn), (e: Error) => e.message === 'AgentCore had an internal error with tools/list (−32603 Internal error - Server error).');
    assert.strictEqual(rig.emu.log.slice(from).length, 1);
  });
});
