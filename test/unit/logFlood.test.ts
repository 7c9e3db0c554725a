import * as assert from 'node:assert';
import { LogFlood, MAX_LINE_CHARS, MAX_LINES_PER_SECOND } from '../../src/core/connections/logFlood';

describe('server log floods', () => {
  it('shows a second\'s share of lines, then says how many were left out, and cuts very long lines', () => {
    let t = 1_000;
    const out: Array<[string, string]> = [];
    const flood = new LogFlood((level, line) => out.push([level, line]), () => t);
    for (let i = 0; i < 5000; i++) flood.add('info', `line ${i}`);
    assert.strictEqual(out.length, MAX_LINES_PER_SECOND);
    t += 1000;
    flood.add('error', 'x'.repeat(MAX_LINE_CHARS + 5));
    assert.deepStrictEqual(out[MAX_LINES_PER_SECOND], ['warn', `${5000 - MAX_LINES_PER_SECOND} server log messages in one second were not shown: the server sends more than ${MAX_LINES_PER_SECOND} a second.`]);
    assert.deepStrictEqual(out[MAX_LINES_PER_SECOND + 1], ['error', `${'x'.repeat(MAX_LINE_CHARS)}… (5 more characters)`]);
    for (let i = 0; i < MAX_LINES_PER_SECOND + 3; i++) flood.add('info', 'again');
    flood.dispose();
    assert.match(out[out.length - 1][1], /^4 server log messages in one second were not shown/, 'the long line used one of this second\'s share');
  });
});
