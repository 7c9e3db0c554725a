// The one rule for what a tool's annotations say running it does (the tree, the pick and the
// confirmation before a destructive call all use it).
import * as assert from 'node:assert';
import { toolEffect } from '../../src/core/tools/effect';

describe('toolEffect', () => {
  it('read-only wins over destructiveHint; destructive only when the tool says so', () => {
    const cases: [object | undefined, string][] = [
      [undefined, 'unknown'],
      [{}, 'unknown'],
      [{ destructiveHint: true }, 'destructive'],
      [{ destructiveHint: true, readOnlyHint: true }, 'read-only'],
      [{ readOnlyHint: true }, 'read-only'],
      [{ destructiveHint: false }, 'unknown'],
      [{ readOnlyHint: false, destructiveHint: true }, 'destructive'],
    ];
    for (const [annotations, effect] of cases) assert.strictEqual(toolEffect(annotations ? { annotations } : {}), effect, JSON.stringify(annotations));
  });
});
