import * as assert from 'node:assert';
import { inspect } from 'node:util';
import { McpConnection } from '../../src/core/connections/connection';
import { bearerSecretKey } from '../../src/core/connections/secretKeys';
import type { TrafficEvent } from '../../src/core/connections/traffic';
import { callTool, listTools } from '../../src/core/operations';
import { filterRows, groupRepeats, localTime, toJsonLines, toRows } from '../../src/core/traffic/rows';
import { Ring } from '../../src/core/traffic/ring';
import { trafficHtml } from '../../src/vscode/views/trafficHtml';
import { AgentCoreRig, AwsFiles, CREDS, TEMP, startAgentCoreRig, useAwsFiles } from './agentcore.harness.test';
import { recordingHost, stdioEverything } from './helpers';

describe('traffic rows', function () {
  this.timeout(30_000);
  it('the traffic panel filters with the core\'s own function, which runs in the page on its own', () => {
    const page = trafficHtml('vscode-resource:', 'c');
    const inlined = /^const filterRows = ([\s\S]*?);\nfunction render\(\)/m.exec(page)?.[1];
    assert.ok(inlined, 'the page defines filterRows');
    // Evaluated with nothing of this module in scope, as the page's script is.
    const pageFilter = new Function(`return (${inlined});`)() as typeof filterRows;
    const rows = toRows([
      { kind: 'message', time: 1, direction: 'out', message: { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo' } } },
      { kind: 'message', time: 2, direction: 'in', message: { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: 1, progress: 1 } } },
      { kind: 'message', time: 3, direction: 'in', message: { jsonrpc: '2.0', id: 1, result: { content: [] } } },
    ] as TrafficEvent[]);
    for (const f of [{ text: 'PROGRESS', kinds: ['notification', 'request', 'response'] as const }, { text: '', kinds: ['response'] as const }, { text: 'tools/call', kinds: ['request'] as const }]) {
      const ours = filterRows(rows, { text: f.text, kinds: [...f.kinds] }).map(r => r.seq);
      assert.deepStrictEqual(pageFilter(rows, { text: f.text, kinds: [...f.kinds] }).map(r => r.seq), ours);
      assert.ok(ours.length > 0, JSON.stringify(f));
    }
  });

  it('pairs requests with responses and ties progress to its call (server-everything over stdio)', async () => {
    const host = recordingHost();
    const conn = new McpConnection(stdioEverything(), host);
    try {
      await callTool(conn, 'trigger-long-running-operation', { duration: 0.3, steps: 3 }, { onprogress: () => undefined });
    } finally {
      await conn.disconnect();
    }
    const rows = toRows(host.events);
    const init = rows.find(r => r.kind === 'request' && r.method === 'initialize');
    assert.ok(init && init.responseSeq !== undefined && init.durationMs !== undefined, 'initialize is paired with its result');
    const call = rows.find(r => r.kind === 'request' && r.method === 'tools/call');
    assert.ok(call && call.responseSeq !== undefined);
    const progress = rows.filter(r => r.method === 'notifications/progress');
    assert.strictEqual(progress.length, 3);
    assert.ok(progress.every(p => p.relatedTo === call.seq), 'progress belongs to the tools/call');
    const response = rows.find(r => r.seq === call.responseSeq)!;
    assert.strictEqual(response.relatedTo, call.seq);
    assert.deepStrictEqual(filterRows(rows, { text: 'NOTIFICATIONS/PROGRESS' }).map(r => r.seq), progress.map(p => p.seq));
    assert.deepStrictEqual(filterRows(rows, { kinds: ['response'] }).every(r => r.kind === 'response'), true);
    // A person reads the JSON-RPC id a row belongs to, not an internal counter.
    assert.strictEqual(response.related, `answers tools/call #${String(call.id)}`);
    assert.ok(progress.every(p => p.related === `for tools/call #${String(call.id)}`), progress.map(p => p.related).join());
    // Shown grouped: the three progress notifications are one row that says ×3; exports keep all.
    const shown = groupRepeats(rows);
    assert.strictEqual(shown.length, rows.length - 2);
    assert.strictEqual(shown.find(r => r.method === 'notifications/progress')?.repeats, 3);
    const d = new Date(2026, 11, 7, 9, 5, 3, 7);
    assert.strictEqual(localTime(d.getTime()), '09:05:03.007');
    const lines = toJsonLines('everything', rows).trim().split('\n').map(l => JSON.parse(l));
    assert.strictEqual(lines.length, rows.length);
    assert.strictEqual(lines.find(l => l.seq === call.seq).responseSeq, call.responseSeq);
  });

  describe('exports of AgentCore sessions hold no secret', () => {
    let files: AwsFiles;
    let rig: AgentCoreRig;
    before(async () => { files = useAwsFiles(); rig = await startAgentCoreRig({ runtime: {} }); });
    after(async () => { await rig.close(); files.restore(); });

    it('SigV4 with session credentials: no secret key, session token or signature in the JSON Lines', async () => {
      const host = recordingHost();
      const conn = new McpConnection(rig.config({ profile: 'temp' }), host);
      try {
        await listTools(conn);
        await callTool(conn, 'echo', { message: 'hi' });
      } finally {
        await conn.disconnect();
      }
      const out = toJsonLines('ac', toRows(host.events));
      assert.match(out, /AWS4-HMAC-SHA256 Credential=«redacted», SignedHeaders=/);
      assert.match(out, /"x-amz-security-token":"«redacted»"/);
      for (const secret of [TEMP.secretAccessKey, TEMP.sessionToken, TEMP.accessKeyId]) assert.ok(!out.includes(secret), `leaked ${secret.slice(0, 6)}…`);
      assert.doesNotMatch(out, /Signature=[0-9a-f]{64}/);
      assert.ok(!out.includes(CREDS.secretAccessKey));
    });

    it('a bearer token: never in the JSON Lines', async () => {
      const jwt = await startAgentCoreRig({ runtime: { auth: 'jwt', allowedAudience: ['app'] } });
      const token = jwt.emu.mintToken({ aud: 'app', sub: 'someone' });
      const host = recordingHost({ secret: async key => (key === bearerSecretKey('ac') ? token : undefined) });
      const conn = new McpConnection(jwt.config({ auth: 'bearer', profile: undefined }), host);
      try {
        await listTools(conn);
      } finally {
        await conn.disconnect();
        await jwt.close();
      }
      const out = toJsonLines('ac', toRows(host.events));
      assert.match(out, /"authorization":"Bearer «redacted»"/);
      for (const part of [token, ...token.split('.')]) assert.ok(!out.includes(part), 'the token or a part of it leaked');
    });

    it('a bearer token set while connected is redacted by value too, once a request has used it', async () => {
      const { jwt, first, second, host, conn, useToken } = await bearerWithTwoTokens();
      try {
        await listTools(conn);
        useToken(second); // a token set while connected: the next request reads it afresh
        await listTools(conn);
        // The server hands the token back (as a debugging tool that shows the caller might).
        const { result } = await callTool(conn, 'echo', { message: `my token is ${second}` });
        assert.ok(JSON.stringify(result).includes(second), 'the server really echoed the token back');
      } finally {
        await conn.disconnect();
        await jwt.close();
      }
      const out = toJsonLines('ac', toRows(host.events)) + host.logs.map(l => l.message).join('\n');
      assert.match(out, /my token is «redacted»/);
      for (const t of [first, second]) assert.ok(!out.includes(t), 'a token leaked');
    });

    it('frames are redacted when read: a token learnt after an exchange is redacted there too, and no frame prints a secret', async () => {
      const { jwt, first, second, host, conn, useToken } = await bearerWithTwoTokens();
      try {
        // The server shows the next token before any request of ours has used it: nothing knows it is secret yet.
        const { result } = await callTool(conn, 'echo', { message: `my next token is ${second}` });
        assert.ok(JSON.stringify(result).includes(second), 'the server really echoed the token');
        // An open traffic view reads the frames now: nothing can redact what is not known to be secret.
        assert.ok(toJsonLines('ac', toRows(host.events)).includes(`my next token is ${second}`));
        useToken(second);
        await listTools(conn); // now the connection has used it, so it is a secret
      } finally {
        await conn.disconnect();
        await jwt.close();
      }
      const out = toJsonLines('ac', toRows(host.events));
      assert.match(out, /my next token is «redacted»/, 'the earlier exchange is redacted with what is known now');
      for (const t of [first, second]) assert.ok(!out.includes(t), 'a token leaked');
      // A frame kept by a host (the traffic view's ring) carries the raw exchange; neither JSON nor a console print shows it.
      const printed = JSON.stringify(host.frames) + inspect(host.frames, { depth: 20, showHidden: true });
      assert.ok(host.frames.length > 4 && printed.includes('«redacted»'));
      for (const t of [first, second]) assert.ok(!printed.includes(t), 'a printed frame shows a token');
    });
  });
});

/** A JWT runtime of the emulator, two tokens it accepts, and a connection whose token (from secret storage) can be changed while connected. */
async function bearerWithTwoTokens() {
  const jwt = await startAgentCoreRig({ runtime: { auth: 'jwt', allowedAudience: ['app'] } });
  const first = jwt.emu.mintToken({ aud: 'app', sub: 'someone' });
  const second = jwt.emu.mintToken({ aud: 'app', sub: 'someone-else' });
  let current = first;
  const host = recordingHost({ secret: async key => (key === bearerSecretKey('ac') ? current : undefined) });
  const conn = new McpConnection(jwt.config({ auth: 'bearer', profile: undefined }), host);
  return { jwt, first, second, host, conn, useToken: (t: string) => { current = t; } };
}

describe('traffic rows from a hostile server (found by npm run reliability)', () => {
  it('builds rows for ids, tokens and errors of any JSON shape, without throwing', () => {
    const bad = { toString: 1, valueOf: 'x' };
    const at = (i: number, direction: 'in' | 'out', message: unknown): TrafficEvent => ({ kind: 'message', time: i, direction, message } as TrafficEvent);
    const rows = toRows([
      at(1, 'out', { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: bad, _meta: { progressToken: bad } } }),
      at(2, 'in', { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: bad, progress: 1 } }),
      at(3, 'in', { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: bad } }),
      at(4, 'in', { jsonrpc: '2.0', id: bad, error: { code: bad, message: bad } }),
      at(5, 'in', { jsonrpc: '2.0', id: 1, error: 'not an object' }),
      at(6, 'in', null),
      at(7, 'in', [1, 2]),
    ]);
    assert.strictEqual(rows.length, 5, JSON.stringify(rows.map(r => r.summary)));
    assert.match(rows[3].summary, /#\{"toString":1,"valueOf":"x"\} error 0: .*code \{"toString":1/);
    assert.deepStrictEqual(rows[4].error, { code: 0, message: 'not an object' });
    assert.strictEqual(rows[0].responseSeq, 4, 'the well-formed id still pairs');
  });
});

describe('the traffic ring (what the traffic view keeps per connection)', () => {
  it('keeps the newest items in order, oldest first, and no more than its size', () => {
    const ring = new Ring<number>(3);
    assert.deepStrictEqual(ring.toArray(), []);
    for (let i = 1; i <= 2; i++) ring.push(i);
    assert.deepStrictEqual(ring.toArray(), [1, 2]);
    for (let i = 3; i <= 7; i++) ring.push(i);
    assert.deepStrictEqual(ring.toArray(), [5, 6, 7]);
    assert.strictEqual(ring.length, 3);
    ring.push(8);
    assert.deepStrictEqual(ring.toArray(), [6, 7, 8]);
  });

  it('refuses a size that could keep nothing', () => {
    for (const size of [0, -1, 1.5, Number.NaN]) assert.throws(() => new Ring(size), /at least 1/);
  });
});
