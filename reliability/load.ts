// Load: 10 connections × 20 concurrent calls, each call with progress and a question (elicitation) whose
// answer depends on the call, over real HTTP on loopback. An answer lost (the call failed or timed out) or
// delivered to another call (the result names another call's token) is counted; so is every occurrence of
// the connections' secret header values in their logs, traffic rows, traffic exports and saved scenarios.
import { randomBytes } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { McpConnection } from '../src/core/connections/connection';
import type { ConnectionHost } from '../src/core/connections/host';
import { headerSecretKey } from '../src/core/connections/secretKeys';
import { callTool } from '../src/core/operations';
import type { TrafficFrame } from '../src/core/connections/traffic';
import { scenarioFromCall, scenarioText } from '../src/core/scenario/save';
import { toJsonLines, toRows } from '../src/core/traffic/rows';
import { serveHttp } from '../test/fixtures/servers/run';

export interface LoadResult {
  calls: number; lost: number; misdelivered: number; progressMissing: number;
  callsPerSecond: number; secretsChecked: number; secretLeaks: number; leakWhere: string[];
}

const answerFor = (token: string) => token.split('').reverse().join('');

function server(received: Set<string>): McpServer {
  const s = new McpServer({ name: 'load', version: '1' });
  s.registerTool('ask', { inputSchema: { token: z.string() } }, async ({ token }, extra) => {
    const key = extra.requestInfo?.headers?.['x-api-key'];
    if (typeof key === 'string') received.add(key);
    const progressToken = extra._meta?.progressToken;
    for (let i = 1; i <= 3; i++) {
      if (progressToken !== undefined) await extra.sendNotification({ method: 'notifications/progress', params: { progressToken, progress: i, total: 3 } });
      await new Promise(r => setTimeout(r, 2));
    }
    const r = await s.server.elicitInput({ message: `token ${token}`, requestedSchema: { type: 'object', properties: { v: { type: 'string' } }, required: ['v'] } });
    const v = r.action === 'accept' ? String(r.content?.v) : r.action;
    return { content: [{ type: 'text', text: `${token}:${v}` }] };
  });
  return s;
}

export async function runLoad(connections = 10, perConnection = 20, rounds = 3): Promise<LoadResult> {
  const received = new Set<string>();
  const fixture = await serveHttp(() => server(received));
  const secrets = Array.from({ length: connections }, () => `sk-${randomBytes(12).toString('hex')}`);
  const conns: Array<{ conn: McpConnection; logs: string[]; events: TrafficFrame[] }> = [];
  for (let c = 0; c < connections; c++) {
    const logs: string[] = [];
    const events: TrafficFrame[] = [];
    const name = `load-${c}`;
    const host: ConnectionHost = {
      log: (level, m) => { logs.push(`${level} ${m}`); },
      traffic: f => { events.push(f); },
      secret: async key => (key === headerSecretKey(name, 'X-Api-Key') ? secrets[c] : undefined),
      elicit: async params => {
        const token = /token (\S+)/.exec(params.message)?.[1] ?? '';
        await new Promise(r => setTimeout(r, Math.random() * 5)); // answers come back out of order
        return { action: 'accept', content: { v: answerFor(token) } };
      },
      timeouts: { toolCallMs: 30_000 },
    };
    conns.push({ conn: new McpConnection({ name, type: 'http', url: fixture.url, headers: {}, secretHeaders: ['X-Api-Key'] }, host), logs, events });
  }
  let lost = 0, misdelivered = 0, progressMissing = 0, calls = 0;
  const records: string[] = [];
  const t0 = performance.now();
  try {
    await Promise.all(conns.map(c => c.conn.connect()));
    for (let round = 0; round < rounds; round++) {
      await Promise.all(conns.flatMap(({ conn }, c) => Array.from({ length: perConnection }, async (_, k) => {
        const token = `c${c}r${round}k${k}-${randomBytes(3).toString('hex')}`;
        let progress = 0;
        calls++;
        try {
          const out = await callTool(conn, 'ask', { token }, { onprogress: () => { progress++; } });
          const text = out.result.content.map(b => (b.type === 'text' ? b.text : '')).join('');
          if (text !== `${token}:${answerFor(token)}`) misdelivered++;
          if (progress < 3) progressMissing++;
          if (k === 0) records.push(scenarioText(scenarioFromCall({ connection: conn.config, tool: 'ask', args: { token }, result: out.result, elicitations: [{ message: `token ${token}`, result: { action: 'accept', content: { v: answerFor(token) } } }] })));
        } catch {
          lost++;
        }
      })));
    }
  } finally {
    await Promise.all(conns.map(c => c.conn.disconnect()));
    await fixture.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  // Every place a secret could be shown or written: logs, traffic rows, the JSON-lines export, scenarios.
  const leakWhere: string[] = [];
  let secretLeaks = 0;
  conns.forEach(({ logs, events, conn }, c) => {
    const rows = toRows(events.map(f => f.read()));
    const places: Array<[string, string]> = [['log', logs.join('\n')], ['traffic rows', JSON.stringify(rows)], ['traffic export', toJsonLines(conn.name, rows)], ['saved scenarios', records.join('\n')]];
    for (const [where, text] of places) {
      const n = text.split(secrets[c]).length - 1;
      if (n) { secretLeaks += n; leakWhere.push(`${conn.name} ${where}: ${n}`); }
    }
  });
  const secretsChecked = secrets.filter(s => received.has(s)).length; // the server did get each one
  return { calls, lost, misdelivered, progressMissing, callsPerSecond: calls / seconds, secretsChecked, secretLeaks, leakWhere };
}
