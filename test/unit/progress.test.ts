import * as assert from 'node:assert';
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
