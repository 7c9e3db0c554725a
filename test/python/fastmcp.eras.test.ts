// FastMCP 4 (Python) servers written both ways, against our client in both protocol eras. Run by
// `npm run test:fastmcp` (scripts/fastmcp-eras.sh), which installs FastMCP into a virtual environment
// from the machine's Python package store and sets FASTMCP_PYTHON; without it this file fails, it does
// not skip.
import * as assert from 'node:assert';
import type { ElicitResult } from '@modelcontextprotocol/client';
import { spawn, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { McpConnection } from '../../src/core/connections/connection';
import type { ConnectionConfig } from '../../src/core/connections/config';
import { ExplainedError } from '../../src/core/connections/errors';
import { callTool } from '../../src/core/operations';
import { recordingHost } from '../unit/helpers';

const server = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'python', 'fastmcp_eras.py');

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>(r => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise<void>(r => s.close(() => r()));
  return port;
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`the FastMCP server exited: ${log()}`);
    const ok = await new Promise<boolean>(r => { const c = net.connect(port, '127.0.0.1', () => { c.end(); r(true); }).on('error', () => r(false)); });
    if (ok) return;
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`the FastMCP server did not listen on ${port}: ${log()}`);
}

describe('FastMCP 4 servers in both protocol eras', function () {
  this.timeout(60_000);
  let child: ChildProcess;
  let url: string;
  before(async () => {
    const python = process.env.FASTMCP_PYTHON;
    assert.ok(python, 'FASTMCP_PYTHON is not set: run these through npm run test:fastmcp');
    const port = await freePort();
    let out = '';
    child = spawn(python, [server, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
    await waitForPort(port, child, () => out);
    url = `http://127.0.0.1:${port}/mcp`;
  });
  after(() => { child?.kill(); });

  const connect = async (protocol: ConnectionConfig['protocol']) => {
    // ask_rounds asks for {city}; ctx.elicit(..., str) asks for {value}.
    const host = recordingHost({ elicit: async (p): Promise<ElicitResult> => ({ action: 'accept', content: 'requestedSchema' in p && 'city' in p.requestedSchema.properties ? { city: 'Oslo' } : { value: 'Oslo' } }) });
    const c = new McpConnection({ name: 'fastmcp', type: 'http', url, headers: {}, secretHeaders: [], protocol }, host);
    const s = await c.connect();
    assert.strictEqual(s.kind, 'running', JSON.stringify(s));
    return c;
  };
  const text = (r: { content: Array<{ type: string; text?: string }> }) => r.content.map(b => b.text ?? '').join('');

  it('auto picks 2026-07-28; input_required works, ctx.elicit fails with a hint to use 2025-11-25', async () => {
    const c = await connect('auto');
    try {
      assert.strictEqual(c.state.kind === 'running' ? c.state.session.protocolVersion : '', '2026-07-28');
      assert.strictEqual(text((await callTool(c, 'ask_rounds', {})).result), 'rounds: Oslo');
      const push = await callTool(c, 'ask_push', {});
      assert.strictEqual(push.result.isError, true);
      assert.match(push.eraHint ?? '', /which a 2026-07-28 connection cannot carry\. To test that path, set the connection's protocol to 2025-11-25/);
    } finally {
      await c.disconnect();
    }
  });

  it('2025-11-25: ctx.elicit works with progress; input_required fails with a hint to use 2026-07-28', async () => {
    const c = await connect('2025-11-25');
    try {
      const progress: string[] = [];
      const push = await callTool(c, 'ask_push', {}, { onprogress: p => progress.push(p.message ?? '') });
      assert.strictEqual(text(push.result), 'push: Oslo');
      assert.deepStrictEqual(progress, ['asking', 'answered']);
      await assert.rejects(callTool(c, 'ask_rounds', {}), (e: unknown) => e instanceof ExplainedError
        && /only exists at MCP 2026-07-28/.test(e.message) && /Set the connection's protocol to auto or 2026-07-28/.test(e.nextStep ?? ''));
    } finally {
      await c.disconnect();
    }
  });
});
