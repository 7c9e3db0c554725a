import * as assert from 'node:assert';
import { argumentFields, parseTyped } from '../../src/core/arguments/schema';
import { McpConnection } from '../../src/core/connections/connection';
import { listTools } from '../../src/core/connections/operations';
import { recordingHost, stdioEverything } from './helpers';

describe('tool arguments from inputSchema', () => {
  it('turns each property into the right kind of step, in order', () => {
    const fields = argumentFields({
      type: 'object',
      properties: {
        city: { type: 'string', minLength: 2, description: 'Where' },
        nights: { type: 'integer', minimum: 1, maximum: 7 },
        ratio: { type: 'number' },
        ok: { type: 'boolean', default: true },
        mode: { type: 'string', enum: ['a', 'b'] },
        titled: { oneOf: [{ const: 'x', title: 'Ex' }, { const: 'y', title: 'Why' }] },
        tags: { type: 'array', items: { enum: ['t1', 't2'] }, maxItems: 2 },
        nested: { type: 'object', properties: { a: { type: 'number' } }, required: ['a'] },
        maybe: { type: ['string', 'null'] },
      },
      required: ['city', 'nights'],
    });
    assert.deepStrictEqual(fields.map(f => [f.key, f.kind, f.required]), [
      ['city', 'text', true], ['nights', 'number', true], ['ratio', 'number', false], ['ok', 'boolean', false], ['mode', 'choice', false],
      ['titled', 'choice', false], ['tags', 'multi', false], ['nested', 'json', false], ['maybe', 'text', false],
    ]);
    const titled = fields[5];
    assert.ok(titled.kind === 'choice');
    assert.deepStrictEqual(titled.options, [{ value: 'x', label: 'Ex' }, { value: 'y', label: 'Why' }]);
  });

  it('validates typed text, numbers and JSON with messages, and skips empty optional values', () => {
    const [city, nights, ratio, nested] = argumentFields({
      type: 'object',
      properties: { city: { type: 'string', minLength: 2 }, nights: { type: 'integer', minimum: 1, maximum: 7 }, ratio: { type: 'number' }, nested: { type: 'object', required: ['a'], properties: { a: { type: 'number' } } } },
      required: ['city', 'nights'],
    });
    assert.deepStrictEqual(parseTyped(city, 'x'), { ok: false, message: 'Enter at least 2 characters.' });
    assert.deepStrictEqual(parseTyped(city, 'Kyoto'), { ok: true, value: 'Kyoto' });
    assert.deepStrictEqual(parseTyped(nights, '8'), { ok: false, message: 'Must be at most 7.' });
    assert.deepStrictEqual(parseTyped(nights, '2.5'), { ok: false, message: 'Enter a whole number.' });
    assert.deepStrictEqual(parseTyped(nights, '3'), { ok: true, value: 3 });
    assert.deepStrictEqual(parseTyped(ratio, ''), { ok: true, value: undefined });
    assert.deepStrictEqual(parseTyped(nested, '{"a": 1}'), { ok: true, value: { a: 1 } });
    assert.deepStrictEqual(parseTyped(nested, '{"a": "one"}'), { ok: false, message: 'nested/a must be number' });
    assert.deepStrictEqual(parseTyped(nested, '{"b": 1}'), { ok: false, message: "nested must have required property 'a'" });
    const bad = parseTyped(nested, '{oops');
    assert.ok(!bad.ok && bad.message.startsWith('Not valid JSON:'), JSON.stringify(bad));
  });

  it('handles every tool of server-everything without refusing a schema', async function () {
    this.timeout(20_000);
    const conn = new McpConnection(stdioEverything(), recordingHost());
    try {
      const tools = await listTools(conn);
      for (const t of tools) {
        const fields = argumentFields(t.inputSchema);
        for (const f of fields) assert.ok(['text', 'number', 'boolean', 'choice', 'multi', 'json'].includes(f.kind), `${t.name}.${f.key}`);
      }
      const sum = tools.find(t => t.name === 'get-sum')!;
      assert.deepStrictEqual(argumentFields(sum.inputSchema).map(f => [f.key, f.kind]), [['a', 'number'], ['b', 'number']]);
    } finally {
      await conn.disconnect();
    }
  });
});
