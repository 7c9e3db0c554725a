// Faults, each repeated and counted: does the client survive it (the call succeeds after AgentCore's
// retries) or end in the right state with a clear message (and work again afterwards)? AgentCore's
// throttling (−32003), session conflicts (−32005), internal errors, cold starts, cut SSE streams and a
// skewed clock come from the emulator; a stdio server killed mid-call and an HTTP server that never
// answers are real processes and sockets on this machine.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createAgentCoreResolver, forgetCredentials } from '../src/core/agentcore';
import type { ConnectionConfig } from '../src/core/connections/config';
import { McpConnection } from '../src/core/connections/connection';
import type { ConnectionHost } from '../src/core/connections/host';
import { callTool } from '../src/core/operations';
import { startEmulator } from '../src/emulator';
import type { FaultPatch } from '../src/emulator';
import { createFeaturesServer } from '../test/fixtures/servers/features';
import { serveHttp } from '../test/fixtures/servers/run';
import { startPuppet } from './puppet';
import { isClear } from './tally';

export interface FaultRow { fault: string; runs: number; survived: number; rightState: number; wrong: string[] }

const KEYS = { accessKeyId: 'AKIDRELIABILITY00001', secretAccessKey: 'reliability/secret/KEY0001abcdefghij' };
/** Temporary credentials: the first expires mid-session, the profile then holds the next. */
const TEMPS = Array.from({ length: 12 }, (_, i) => ({ accessKeyId: `ASIARELIABILITY${String(i).padStart(5, '0')}`, secretAccessKey: `reliability/temp/KEY${i}abcdefghijkl`, sessionToken: `IQoJreliabilityTOKEN${i}xyz` }));
type Keys = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
const profile = (k: Keys) => `[reliability]\naws_access_key_id = ${k.accessKeyId}\naws_secret_access_key = ${k.secretAccessKey}\n${k.sessionToken ? `aws_session_token = ${k.sessionToken}\n` : ''}`;
const host = (): ConnectionHost => ({ log: () => undefined, timeouts: { connectMs: 10_000, requestMs: 3_000, toolCallMs: 3_000 } });
const resolver = () => createAgentCoreResolver({ retry: { baseMs: 5, coldStartMs: 30, random: () => 0.5 } });

/** Points the AWS SDK at a temporary profile "reliability" for the duration of `fn`. */
async function withProfile<T>(fn: (write: (k: Keys) => void) => Promise<T>): Promise<T> {
  const keys = ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_EC2_METADATA_DISABLED'];
  const saved = new Map(keys.map(k => [k, process.env[k]] as const));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'agentcore-reliability-'));
  for (const k of keys) delete process.env[k];
  writeFileSync(path.join(dir, 'config'), '[profile reliability]\nregion = us-east-1\n');
  const write = (k: Keys) => writeFileSync(path.join(dir, 'credentials'), profile(k));
  write(KEYS);
  process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  forgetCredentials();
  try { return await fn(write); } finally {
    for (const [k, v] of saved) { if (v === undefined) delete process.env[k]; else process.env[k] = v; }
    forgetCredentials();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One fault, `runs` times: `attempt` returns 'survived', 'right' (failed as it should, clearly), or why it was wrong. */
async function repeat(fault: string, runs: number, attempt: (i: number) => Promise<'survived' | 'right' | string>): Promise<FaultRow> {
  const row: FaultRow = { fault, runs, survived: 0, rightState: 0, wrong: [] };
  for (let i = 0; i < runs; i++) {
    let r: string;
    try { r = await attempt(i); } catch (e) { r = `threw ${e instanceof Error ? e.message : String(e)}`; }
    if (r === 'survived') row.survived++;
    else if (r === 'right') row.rightState++;
    else if (row.wrong.length < 3) row.wrong.push(r);
  }
  return row;
}

const call = async (conn: McpConnection, args: Record<string, unknown> = { steps: 2, stepMs: 5 }) => callTool(conn, 'slow', args);

async function agentCoreFaults(runs: number): Promise<FaultRow[]> {
  const upstream = await serveHttp(createFeaturesServer);
  const emu = await startEmulator({ region: 'us-east-1', credentials: [KEYS, ...TEMPS], runtimes: [{ name: 'features', upstream: upstream.url, auth: 'sigv4' }] });
  const skewed = await startEmulator({ region: 'us-east-1', credentials: [KEYS], clockOffsetMs: 10 * 60_000, runtimes: [{ name: 'features', upstream: upstream.url, auth: 'sigv4' }] });
  const config = (e: typeof emu): ConnectionConfig => ({ name: 'ac', type: 'agentcore', arn: e.arnOf('features'), qualifier: 'DEFAULT', endpoint: e.url, auth: 'sigv4', profile: 'reliability' });
  const rows: FaultRow[] = [];
  try {
    await withProfile(async write => {
      const conn = new McpConnection(config(emu), host(), { resolveAgentCorePlan: resolver() });
      const retried = (patch: FaultPatch) => async () => {
        emu.faults.set({ reset: true, ...patch });
        await call(conn);
        return conn.state.kind === 'running' ? 'survived' as const : `state ${conn.state.kind}`;
      };
      try {
        rows.push(await repeat('AgentCore −32003 burst (3 in a row)', runs, retried({ throttle: 3 })));
        rows.push(await repeat('AgentCore −32005 burst (3 in a row)', runs, retried({ conflict: 3 })));
        rows.push(await repeat('AgentCore SSE cut after 1 event', runs, retried({ dropSse: { afterEvents: 1 } })));
        rows.push(await repeat('AgentCore −32603, then a normal call', runs, async () => {
          emu.faults.set({ reset: true, internal: 1 });
          const failed = await call(conn).then(() => 'the faulted call succeeded', (e: Error) => (isClear(e.message) ? 'ok' : `unclear: ${e.message}`));
          if (failed !== 'ok') return failed;
          await call(conn);
          return conn.state.kind === 'running' ? 'right' : `state ${conn.state.kind}`;
        }));
        rows.push(await repeat('AgentCore cold start (−32010) on connect', runs, async () => {
          await conn.disconnect();
          emu.faults.set({ reset: true, coldStart: 1 });
          const s = await conn.connect();
          return s.kind === 'running' ? 'survived' : `state ${s.kind}: ${s.kind === 'error' ? s.message : ''}`;
        }));
      } finally {
        emu.faults.reset();
        await conn.disconnect();
      }
      rows.push(await repeat('AWS session token expires mid-session', runs, async i => {
        const [now, next] = [TEMPS[i % 6 * 2], TEMPS[i % 6 * 2 + 1]];
        write(now);
        forgetCredentials();
        const c = new McpConnection(config(emu), host(), { resolveAgentCorePlan: resolver() });
        try {
          await call(c);
          emu.setCredentialExpired(now.accessKeyId, true);
          write(next); // what "aws sso login" or a credential process would have done meanwhile
          await call(c);
          return c.state.kind === 'running' ? 'survived' : `state ${c.state.kind}`;
        } finally {
          emu.setCredentialExpired(now.accessKeyId, false);
          write(KEYS);
          forgetCredentials();
          await c.disconnect();
        }
      }));
      rows.push(await repeat('clock 10 minutes off (SigV4 skew)', runs, async () => {
        const c = new McpConnection(config(skewed), host(), { resolveAgentCorePlan: resolver() });
        try {
          await call(c);
          return 'survived';
        } finally { await c.disconnect(); }
      }));
    });
  } finally {
    await skewed.close();
    await emu.close();
    await upstream.close();
  }
  return rows;
}

async function localFaults(runs: number): Promise<FaultRow[]> {
  const rows: FaultRow[] = [];
  const features = path.join(__dirname, '..', 'test', 'fixtures', 'servers', 'features.js');
  rows.push(await repeat('stdio server killed mid-call', runs, async () => {
    const conn = new McpConnection({ name: 'killed', type: 'stdio', command: process.execPath, args: [features, '--stdio'], env: {} }, host());
    try {
      if ((await conn.connect()).kind !== 'running') return 'did not start';
      const pid = (conn as unknown as { live?: { stdio?: { pid?: number } } }).live?.stdio?.pid;
      const pending = call(conn, { steps: 50, stepMs: 100 });
      setTimeout(() => { if (pid) process.kill(pid, 'SIGKILL'); }, 200);
      const failed = await pending.then(() => 'the call succeeded', (e: Error) => (isClear(e.message) ? 'ok' : `unclear: ${e.message}`));
      if (failed !== 'ok') return failed;
      const s = conn.state;
      if (s.kind !== 'error' || !/killed by SIGKILL/.test(s.message)) return `state ${s.kind}: ${s.kind === 'error' ? s.message : ''}`;
      return (await conn.connect()).kind === 'running' ? 'right' : 'did not reconnect';
    } finally { await conn.disconnect(); }
  }));
  const silent = await startPuppet([{ transport: 'hang', id: 'same', body: 'mutated', path: [], value: null, before: [], status: 200, garbage: '' }]);
  try {
    rows.push(await repeat('HTTP server that never answers', runs, async () => {
      const conn = new McpConnection({ name: 'silent', type: 'http', url: silent.url, headers: {}, secretHeaders: [], protocol: '2025-11-25' }, { ...host(), timeouts: { connectMs: 5000, requestMs: 300, toolCallMs: 300 } });
      try {
        const r = await callTool(conn, 'x', {}).then(() => 'answered', (e: Error) => (/did not answer tools\/call within/.test(e.message) ? 'ok' : `unclear: ${e.message}`));
        if (r !== 'ok') return r;
        return conn.state.kind === 'running' ? 'right' : `state ${conn.state.kind}`;
      } finally { await conn.disconnect(); }
    }));
  } finally { await silent.close(); }
  return rows;
}

export async function runFaults(runs: number): Promise<FaultRow[]> {
  return [...await agentCoreFaults(runs), ...await localFaults(runs)];
}
