// The emulator's clock set 10 minutes ahead of this machine: the client's signatures are "expired" to
// it, as they are to AWS when the local clock is wrong. The client corrects once from the response's
// Date header, says so in the log, and connects.
import * as assert from 'node:assert';
import { McpConnection } from '../../src/core/connections/connection';
import { listTools } from '../../src/core/operations';
import { recordingHost } from './helpers';
import { AgentCoreRig, AwsFiles, fastResolver, startAgentCoreRig, useAwsFiles } from './agentcore.harness.test';

describe('agentcore: a service clock 10 minutes ahead', function () {
  this.timeout(30_000);
  let files: AwsFiles;
  let rig: AgentCoreRig;
  before(async () => { files = useAwsFiles(); rig = await startAgentCoreRig({ emulator: { clockOffsetMs: 10 * 60_000 } }); });
  after(async () => { await rig.close(); files.restore(); });

  it('is corrected once from the Date header, with a warning in the log', async () => {
    const host = recordingHost();
    const conn = new McpConnection(rig.config(), host, { resolveAgentCorePlan: fastResolver() });
    try {
      assert.strictEqual((await conn.connect()).kind, 'running', JSON.stringify(conn.state));
      assert.ok((await listTools(conn)).length > 0);
      const expired = rig.emu.log.filter(l => l.status === 403);
      assert.strictEqual(expired.length, 1, 'one request was refused for its date, then none');
      assert.match(expired[0].detail ?? '', /Signature expired/);
      assert.ok(host.logs.some(l => l.level === 'warn' && /clock is (9 min 5\d s|10 min( \d+ s)?) behind AWS's time/.test(l.message)), JSON.stringify(host.logs));
    } finally {
      await conn.disconnect();
    }
  });
});

describe('agentcore: a session that is still being provisioned (-32005 window)', function () {
  this.timeout(30_000);
  let files: AwsFiles;
  let rig: AgentCoreRig;
  before(async () => { files = useAwsFiles(); rig = await startAgentCoreRig({ emulator: { sessionStartingMs: 300 } }); });
  after(async () => { await rig.close(); files.restore(); });

  it('repeats notifications and requests that arrive inside the window instead of losing them', async () => {
    const host = recordingHost();
    // Backoff 60, 120, 240, 480 ms: enough to outlast the 300 ms window, as the default 250 ms base outlasts real ones.
    const conn = new McpConnection(rig.config(), host, { resolveAgentCorePlan: fastResolver({ retry: { baseMs: 60, random: () => 0.5 } }) });
    try {
      assert.strictEqual((await conn.connect()).kind, 'running', JSON.stringify(conn.state));
      assert.ok((await listTools(conn)).length > 0);
      await new Promise(r => setTimeout(r, 400));
      const refused = rig.emu.log.filter(l => l.fault === 'session-starting');
      assert.ok(refused.length > 0, `the window refused something: ${JSON.stringify(rig.emu.log.map(l => [l.method, l.status, l.fault]))}`);
      // notifications/initialized was delivered: the emulator saw a POST answered 202 after the refusals.
      assert.ok(rig.emu.log.some(l => l.method === 'POST' && l.status === 202), JSON.stringify(rig.emu.log.map(l => [l.method, l.status, l.fault])));
      assert.ok(!host.logs.some(l => /logging\/setLevel failed/.test(l.message)), JSON.stringify(host.logs));
    } finally {
      await conn.disconnect();
    }
  });
});
