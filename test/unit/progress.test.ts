import * as assert from 'node:assert';
import * as path from 'node:path';
import { McpConnection } from '../../src/core/connections/connection';
import { callTool } from '../../src/core/operations';
import { recordingHost } from './helpers';
import { ProgressThrottle, ProgressUpdate } from '../../src/core/progress/throttle';

describe('progress throttle', () => {
  it('turns 10,000 notifications in a second into a few updates, with the final state exact', async () => {
    const updates: ProgressUpdate[] = [];
    const t = new ProgressThrottle(u => updates.push(u), 100);
    const started = performance.now();
    for (let i = 1; i <= 10_000; i++) {
      t.push({ progress: i, total: 10_000, message: `step ${i}` });
      if (i % 1000 === 0) await new Promise(r => setTimeout(r, 100)); // spread over about a second
    }
    t.flush();
    const ms = performance.now() - started;
    assert.strictEqual(t.received, 10_000);
    assert.ok(updates.length <= 15, `${updates.length} UI updates`);
    assert.strictEqual(updates.at(-1)?.message, 'step 10000');
    const total = updates.reduce((s, u) => s + (u.increment ?? 0), 0);
    assert.ok(Math.abs(total - 100) < 1e-9, `increments add up to 100, got ${total}`);
    assert.strictEqual(t.percent, 100);
    console.log(`      10,000 notifications → ${updates.length} UI updates in ${ms.toFixed(0)} ms`);
  });

  it('is indeterminate without a total and never moves the bar backwards', () => {
    const updates: ProgressUpdate[] = [];
    const t = new ProgressThrottle(u => updates.push(u), 1000);
    t.push({ progress: 3 }); t.flush();
    t.push({ progress: 50, total: 100 }); t.flush();
    t.push({ progress: 20, total: 100, message: 'retrying' }); t.flush();
    assert.deepStrictEqual(updates, [{ message: '3' }, { message: '50 of 100', increment: 50 }, { message: 'retrying', increment: 0 }]);
    t.dispose();
  });
});

describe('progress notifications that arrive with their response', function () {
  this.timeout(30_000);
  it('all reach onprogress, in order, before the call settles (a 10,000-notification storm over stdio)', async () => {
    const conn = new McpConnection({ name: 'features', type: 'stdio', command: process.execPath, args: [path.join(__dirname, '..', 'fixtures', 'servers', 'features.js'), '--stdio'], env: {} }, recordingHost());
    try {
      const seen: number[] = [];
      const out = await callTool(conn, 'progress_storm', { n: 10_000 }, { onprogress: p => seen.push(p.progress) });
      assert.match(JSON.stringify(out.result.content), /Sent 10000 progress notifications/);
      // The SDK settles a response at once but runs notification handlers a microtask later: without
      // keeping the server's order, the last notifications of a chunk were dropped.
      assert.strictEqual(seen.length, 10_000);
      assert.strictEqual(seen.at(-1), 10_000);
      assert.ok(seen.every((v, i) => i === 0 || v > seen[i - 1]), 'in order');
    } finally {
      await conn.disconnect();
    }
  });
});
