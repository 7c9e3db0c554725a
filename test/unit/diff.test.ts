import * as assert from 'node:assert';
import { diffCatalogs } from '../../src/core/connections/diff';

describe('catalog diff after a restart', () => {
  const tool = (name: string, description = '') => ({ name, description, inputSchema: { type: 'object' as const } });
  it('names what was added, removed and changed, per kind', () => {
    const before = { tools: [tool('a'), tool('b'), tool('c', 'old')], resources: [{ uri: 'x://1', name: '1' }], templates: [], prompts: [{ name: 'p' }] };
    const after = { tools: [tool('a'), tool('c', 'new'), tool('d')], resources: [{ uri: 'x://1', name: '1' }], templates: [{ uriTemplate: 'x://{id}', name: 't' }], prompts: [] };
    assert.deepStrictEqual(diffCatalogs(before, after), ['tools: + d, - b, ~ c', 'resource templates: + x://{id}', 'prompts: - p']);
    assert.deepStrictEqual(diffCatalogs(after, after), []);
  });
});
