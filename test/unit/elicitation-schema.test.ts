import * as assert from 'node:assert';
import { buildForm, Form } from '../../src/core/elicitation';

/** Builds a form from properties (and required) and fails the test with the reason if it is refused. */
function form(properties: Record<string, unknown>, required?: string[]): Form {
  const r = buildForm({ message: 'm', requestedSchema: { type: 'object', properties, ...(required ? { required } : {}) } });
  if (!r.ok) assert.fail(`refused: ${r.reason}`);
  return r.form;
}

/** The reason a schema with these properties is refused (fails the test if it is accepted). */
function refusal(properties: unknown, extra: Record<string, unknown> = {}): string {
  const r = buildForm({ message: 'm', requestedSchema: { type: 'object', properties, ...extra } });
  if (r.ok) assert.fail(`accepted: ${JSON.stringify(r.form.fields)}`);
  return r.reason;
}

// Copied verbatim (as data) from node_modules/@modelcontextprotocol/server-everything/dist/tools/
// trigger-elicitation-request.js, package version 2026.8.31: the requestedSchema its tool sends to clients.
export const serverEverythingSchema = {
  type: 'object',
  properties: {
    name: { title: 'String', type: 'string', description: 'Your full, legal name' },
    check: { title: 'Boolean', type: 'boolean', description: 'Agree to the terms and conditions' },
    firstLine: { title: 'String with default', type: 'string', description: 'Favorite first line of a story', default: 'It was a dark and stormy night.' },
    email: { title: 'String with email format', type: 'string', format: 'email', description: 'Your email address (will be verified, and never shared with anyone else)' },
    homepage: { type: 'string', format: 'uri', title: 'String with uri format', description: 'Portfolio / personal website' },
    birthdate: { title: 'String with date format', type: 'string', format: 'date', description: 'Your date of birth' },
    integer: { title: 'Integer', type: 'integer', description: 'Your favorite integer (do not give us your phone number, pin, or other sensitive info)', minimum: 1, maximum: 100, default: 42 },
    number: { title: 'Number in range 1-1000', type: 'number', description: 'Favorite number (there are no wrong answers)', minimum: 0, maximum: 1000, default: 3.14 },
    untitledSingleSelectEnum: { type: 'string', title: 'Untitled Single Select Enum', description: 'Choose your favorite friend', enum: ['Monica', 'Rachel', 'Joey', 'Chandler', 'Ross', 'Phoebe'], default: 'Monica' },
    untitledMultipleSelectEnum: {
      type: 'array', title: 'Untitled Multiple Select Enum', description: 'Choose your favorite instruments', minItems: 1, maxItems: 3,
      items: { type: 'string', enum: ['Guitar', 'Piano', 'Violin', 'Drums', 'Bass'] }, default: ['Guitar'],
    },
    titledSingleSelectEnum: {
      type: 'string', title: 'Titled Single Select Enum', description: 'Choose your favorite hero',
      oneOf: [{ const: 'hero-1', title: 'Superman' }, { const: 'hero-2', title: 'Green Lantern' }, { const: 'hero-3', title: 'Wonder Woman' }], default: 'hero-1',
    },
    titledMultipleSelectEnum: {
      type: 'array', title: 'Titled Multiple Select Enum', description: 'Choose your favorite types of fish', minItems: 1, maxItems: 3,
      items: { anyOf: [{ const: 'fish-1', title: 'Tuna' }, { const: 'fish-2', title: 'Salmon' }, { const: 'fish-3', title: 'Trout' }] }, default: ['fish-1'],
    },
    legacyTitledEnum: {
      type: 'string', title: 'Legacy Titled Single Select Enum', description: 'Choose your favorite type of pet',
      enum: ['pet-1', 'pet-2', 'pet-3', 'pet-4', 'pet-5'], enumNames: ['Cats', 'Dogs', 'Birds', 'Fish', 'Reptiles'], default: 'pet-1',
    },
  },
  required: ['name'],
};

describe('elicitation buildForm', () => {
  it('accepts the exact schema server-everything sends, each field with the right kind, order and details', () => {
    const r = buildForm({ message: 'Please provide inputs for the following fields:', requestedSchema: serverEverythingSchema });
    assert.ok(r.ok, r.ok ? '' : r.reason);
    const { fields, message, ignored } = r.form;
    assert.strictEqual(message, 'Please provide inputs for the following fields:');
    assert.deepStrictEqual(ignored, []);
    assert.deepStrictEqual(fields.map(f => [f.key, f.kind, f.required]), [
      ['name', 'text', true], ['check', 'boolean', false], ['firstLine', 'text', false], ['email', 'text', false],
      ['homepage', 'text', false], ['birthdate', 'text', false], ['integer', 'number', false], ['number', 'number', false],
      ['untitledSingleSelectEnum', 'choice', false], ['untitledMultipleSelectEnum', 'multi', false],
      ['titledSingleSelectEnum', 'choice', false], ['titledMultipleSelectEnum', 'multi', false], ['legacyTitledEnum', 'choice', false],
    ]);
    const byKey = Object.fromEntries(fields.map(f => [f.key, f]));
    assert.deepStrictEqual(byKey.name, { key: 'name', title: 'String', description: 'Your full, legal name', required: true, kind: 'text' });
    assert.deepStrictEqual(byKey.integer, {
      key: 'integer', title: 'Integer', description: 'Your favorite integer (do not give us your phone number, pin, or other sensitive info)',
      required: false, kind: 'number', integer: true, minimum: 1, maximum: 100, default: 42,
    });
    assert.deepStrictEqual([byKey.number.kind === 'number' && byKey.number.integer, byKey.number.default], [false, 3.14]);
    assert.deepStrictEqual(['email', 'homepage', 'birthdate'].map(k => byKey[k].kind === 'text' && byKey[k].format), ['email', 'uri', 'date']);
    assert.strictEqual(byKey.firstLine.default, 'It was a dark and stormy night.');
    const labels = (k: string) => { const f = byKey[k]; return f.kind === 'choice' || f.kind === 'multi' ? f.options.map(o => `${o.value}=${o.label}`) : []; };
    assert.deepStrictEqual(labels('untitledSingleSelectEnum'), ['Monica=Monica', 'Rachel=Rachel', 'Joey=Joey', 'Chandler=Chandler', 'Ross=Ross', 'Phoebe=Phoebe']);
    assert.deepStrictEqual(labels('titledSingleSelectEnum'), ['hero-1=Superman', 'hero-2=Green Lantern', 'hero-3=Wonder Woman']);
    assert.deepStrictEqual(labels('titledMultipleSelectEnum'), ['fish-1=Tuna', 'fish-2=Salmon', 'fish-3=Trout']);
    assert.deepStrictEqual(labels('legacyTitledEnum'), ['pet-1=Cats', 'pet-2=Dogs', 'pet-3=Birds', 'pet-4=Fish', 'pet-5=Reptiles']);
    assert.deepStrictEqual(byKey.untitledMultipleSelectEnum, {
      key: 'untitledMultipleSelectEnum', title: 'Untitled Multiple Select Enum', description: 'Choose your favorite instruments', required: false,
      kind: 'multi', options: ['Guitar', 'Piano', 'Violin', 'Drums', 'Bass'].map(v => ({ value: v, label: v })), minItems: 1, maxItems: 3, default: ['Guitar'],
    });
  });

  it('reads every string constraint, and falls back to the key when there is no title', () => {
    const [f] = form({ code: { type: 'string', minLength: 3, maxLength: 3, pattern: '^[A-Z]{3}$' } }, ['code']).fields;
    assert.deepStrictEqual(f, { key: 'code', title: 'code', required: true, kind: 'text', minLength: 3, maxLength: 3, pattern: '^[A-Z]{3}$' });
    const [d] = form({ when: { type: 'string', format: 'date-time', title: '  ' } }).fields;
    assert.deepStrictEqual(d, { key: 'when', title: 'when', required: false, kind: 'text', format: 'date-time' });
  });

  it('keeps property order as given, including integer-like keys after the rest as JavaScript orders them', () => {
    assert.deepStrictEqual(form({ b: { type: 'boolean' }, a: { type: 'boolean' }, c: { type: 'boolean' } }).fields.map(f => f.key), ['b', 'a', 'c']);
    // JSON.parse already puts integer-like keys first, in numeric order: the order on the wire is lost before we see it.
    const parsed = JSON.parse('{"b":{"type":"boolean"},"2":{"type":"boolean"},"a":{"type":"boolean"},"1":{"type":"boolean"}}');
    assert.deepStrictEqual(form(parsed).fields.map(f => f.key), ['1', '2', 'b', 'a']);
  });

  it('accepts an empty form (a plain confirmation) and the spec\'s root annotations', () => {
    const r = buildForm({ message: 'Proceed?', requestedSchema: { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', title: 'ScalarElicitationType', properties: {} } });
    assert.deepStrictEqual(r, { ok: true, form: { message: 'Proceed?', fields: [], ignored: [] } });
  });

  it('ignores keywords that cannot change validity, and lists them', () => {
    const f = form({ n: { type: 'integer', examples: [1], 'x-widget': 'slider', minLength: 2 } });
    assert.deepStrictEqual(f.ignored, ['property "n": ignored "x-widget"', 'property "n": ignored "minLength" (it applies to strings only)']);
    assert.deepStrictEqual(f.fields[0], { key: 'n', title: 'n', required: false, kind: 'number', integer: true });
  });

  it('keeps a property named __proto__ as plain data', () => {
    const requestedSchema = JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"}},"required":["__proto__"]}');
    const r = buildForm({ message: 'm', requestedSchema });
    assert.ok(r.ok);
    assert.deepStrictEqual(r.form.fields.map(f => [f.key, f.required]), [['__proto__', true]]);
  });

  describe('refuses what the spec does not allow, naming the property and the fix', () => {
    const cases: [string, unknown, string][] = [
      ['nested object', { addr: { type: 'object', properties: {} } }, 'property "addr": nested objects are not supported; form mode allows only flat primitive properties'],
      ['array of strings', { tags: { type: 'array', items: { type: 'string' } } }, 'property "tags": arrays are only supported as multi-select: "items" must have exactly one of "enum" (strings) or "anyOf" of {const, title}'],
      ['array without items', { tags: { type: 'array' } }, 'property "tags": arrays are only supported as multi-select: "items" must be an object with "enum" (strings) or "anyOf" of {const, title}, got undefined'],
      ['unknown type', { t: { type: 'date' } }, 'property "t": "type" must be "string", "number", "integer", "boolean" or "array", got "date"'],
      ['nullable type list', { t: { type: ['string', 'null'] } }, 'property "t": "type" must be "string", "number", "integer", "boolean" or "array", got ["string","null"] (a list of types, e.g. nullable, is not supported: leave the property out of "required" instead)'],
      ['missing type', { t: { enum: ['a'] } }, 'property "t": "type" must be "string", "number", "integer", "boolean" or "array", got undefined'],
      ['invalid pattern', { p: { type: 'string', pattern: '([a-z' } }, 'property "p": "pattern" "([a-z" is not a valid ECMA-262 regular expression in Unicode mode: Invalid regular expression: /([a-z/u: Unterminated character class'],
      ['pattern valid only without u', { p: { type: 'string', pattern: '^a\\-b$' } }, 'property "p": "pattern" "^a\\\\-b$" is not a valid ECMA-262 regular expression in Unicode mode: Invalid regular expression: /^a\\-b$/u: Invalid escape'],
      ['unknown format', { id: { type: 'string', format: 'uuid' } }, 'property "id": "format" "uuid" is not supported; use one of email, uri, date, date-time, or no format'],
      ['default of the wrong type', { n: { type: 'number', default: '5' } }, 'property "n": "default" "5" does not fit its own schema: Expected a number, got the string "5".'],
      ['default outside the range', { n: { type: 'integer', minimum: 1, maximum: 10, default: 11 } }, 'property "n": "default" 11 does not fit its own schema: Must be at most 10.'],
      ['default too short', { s: { type: 'string', minLength: 3, default: 'ab' } }, 'property "s": "default" "ab" does not fit its own schema: Enter at least 3 characters.'],
      ['default not a choice', { c: { type: 'string', enum: ['a', 'b'], default: 'z' } }, 'property "c": "default" "z" does not fit its own schema: Must be one of "a", "b" (got "z").'],
      ['multi default with too many', { m: { type: 'array', maxItems: 1, items: { type: 'string', enum: ['a', 'b'] }, default: ['a', 'b'] } }, 'property "m": "default" ["a","b"] does not fit its own schema: Choose at most 1.'],
      ['integer default 2.5', { n: { type: 'integer', default: 2.5 } }, 'property "n": "default" 2.5 does not fit its own schema: Enter a whole number.'],
      ['duplicate enum values', { c: { type: 'string', enum: ['a', 'b', 'a'] } }, 'property "c": "enum" lists "a" twice; each choice must be unique'],
      ['duplicate oneOf consts', { c: { type: 'string', oneOf: [{ const: 'x', title: 'X' }, { const: 'x', title: 'Y' }] } }, 'property "c": "oneOf" lists "x" twice; each choice must be unique'],
      ['empty enum', { c: { type: 'string', enum: [] } }, 'property "c": "enum" is empty: there is nothing to choose'],
      ['non-string enum', { c: { type: 'string', enum: ['a', 1] } }, 'property "c": "enum" must be a list of strings, got ["a",1]'],
      ['enum on a number', { c: { type: 'number', enum: [1, 2] } }, 'property "c": "enum" is only supported with "type": "string" (got "number")'],
      ['enumNames length mismatch', { c: { type: 'string', enum: ['a', 'b'], enumNames: ['A'] } }, 'property "c": "enumNames" has 1 names for 2 "enum" values; they must match one to one'],
      ['oneOf option without title', { c: { type: 'string', oneOf: [{ const: 'a' }] } }, 'property "c": "oneOf[0]" must be {"const": string, "title": string}, got {"const":"a"}'],
      ['both enum and oneOf', { c: { type: 'string', enum: ['a'], oneOf: [{ const: 'a', title: 'A' }] } }, 'property "c": has both "enum" and "oneOf"; use one of them'],
      ['enum with minLength', { c: { type: 'string', enum: ['a'], minLength: 1 } }, 'property "c": "minLength" is not supported together with a list of choices'],
      ['const', { c: { type: 'string', const: 'a' } }, 'property "c": "const" is not supported'],
      ['exclusiveMinimum', { n: { type: 'number', exclusiveMinimum: 0 } }, 'property "n": "exclusiveMinimum" is not supported'],
      ['multipleOf', { n: { type: 'integer', multipleOf: 5 } }, 'property "n": "multipleOf" is not supported'],
      ['anyOf on a string', { s: { type: 'string', anyOf: [{ minLength: 1 }] } }, 'property "s": "anyOf" is not supported'],
      ['minLength > maxLength', { s: { type: 'string', minLength: 5, maxLength: 2 } }, 'property "s": "minLength" 5 is more than "maxLength" 2'],
      ['negative minLength', { s: { type: 'string', minLength: -1 } }, 'property "s": "minLength" must be a whole number of 0 or more, got -1'],
      ['minimum > maximum', { n: { type: 'number', minimum: 5, maximum: 1 } }, 'property "n": "minimum" 5 is more than "maximum" 1'],
      ['no integer in range', { n: { type: 'integer', minimum: 1.2, maximum: 1.8 } }, 'property "n": no whole number lies between 1.2 and 1.8'],
      ['minimum not a number', { n: { type: 'number', minimum: '0' } }, 'property "n": "minimum" must be a number, got "0"'],
      ['minItems > maxItems', { m: { type: 'array', minItems: 2, maxItems: 1, items: { type: 'string', enum: ['a', 'b'] } } }, 'property "m": "minItems" 2 is more than "maxItems" 1'],
      ['minItems > options', { m: { type: 'array', minItems: 3, items: { type: 'string', enum: ['a', 'b'] } } }, 'property "m": "minItems" 3 asks for more choices than the 2 offered'],
      ['items.enum without type string', { m: { type: 'array', items: { enum: ['a'] } } }, 'property "m": "items" with "enum" must have "type": "string", got undefined'],
      ['items with extra keyword', { m: { type: 'array', items: { type: 'string', enum: ['a'], pattern: 'a' } } }, 'property "m": "items.pattern" is not supported'],
      ['contains on an array', { m: { type: 'array', contains: {}, items: { type: 'string', enum: ['a'] } } }, 'property "m": "contains" is not supported'],
      ['property not a schema', { s: 'string' }, 'property "s": must be a schema object, got "string"'],
      ['title not a string', { s: { type: 'string', title: 5 } }, 'property "s": "title" must be a string, got 5'],
    ];
    for (const [name, properties, reason] of cases) {
      it(name, () => assert.strictEqual(refusal(properties), reason));
    }
  });

  it('refuses bad roots and required lists', () => {
    const reason = (params: unknown) => { const r = buildForm(params as { message: string; requestedSchema: unknown }); return r.ok ? 'accepted' : r.reason; };
    assert.strictEqual(reason(null), 'the elicitation params must be an object with "message" and "requestedSchema"');
    assert.strictEqual(reason({ message: 1, requestedSchema: {} }), '"message" must be a string, got 1');
    assert.strictEqual(reason({ message: 'm', requestedSchema: [] }), '"requestedSchema" must be a JSON Schema object with "type": "object", got []');
    assert.strictEqual(reason({ message: 'm', requestedSchema: { type: 'string' } }), '"requestedSchema" must have "type": "object" (got "string"): form mode asks for a flat object of primitive properties');
    assert.strictEqual(reason({ message: 'm', requestedSchema: { type: 'object' } }), '"requestedSchema.properties" must be an object of property schemas, got undefined');
    assert.strictEqual(refusal({ a: { type: 'string' } }, { required: ['b'] }), '"requestedSchema.required" lists "b", which is not in "properties"');
    assert.strictEqual(refusal({ a: { type: 'string' } }, { required: 'a' }), '"requestedSchema.required" must be a list of property names, got "a"');
    assert.strictEqual(refusal({ a: { type: 'string' } }, { allOf: [] }), '"requestedSchema" uses "allOf", which form-mode elicitation does not support');
    assert.strictEqual(refusal({ a: { type: 'string' } }, { minProperties: 1 }), '"requestedSchema" uses "minProperties", which form-mode elicitation does not support');
  });

  it('never throws on random JSON, and every refusal has a reason', () => {
    let seed = 20260501;
    const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const keys = ['type', 'properties', 'required', 'enum', 'oneOf', 'anyOf', 'items', 'default', 'minLength', 'maxLength', 'pattern', 'format',
      'minimum', 'maximum', 'minItems', 'maxItems', 'enumNames', 'const', 'title', 'description', '__proto__', 'constructor', 'x'];
    const leaves = ['object', 'string', 'number', 'integer', 'boolean', 'array', 'email', 'date', '(', '^a$', '', 0, -1, 1.5, 1e309, null, true, false];
    const gen = (depth: number): unknown => {
      const r = rand();
      if (depth > 4 || r < 0.3) return pick(leaves);
      if (r < 0.5) return Array.from({ length: Math.floor(rand() * 4) }, () => gen(depth + 1));
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(rand() * 5); i > 0; i--) Object.defineProperty(o, pick(keys), { value: gen(depth + 1), enumerable: true, configurable: true, writable: true });
      return o;
    };
    let accepted = 0;
    for (let i = 0; i < 3000; i++) {
      const requestedSchema = rand() < 0.5 ? gen(0) : { type: 'object', properties: gen(1) };
      const r = buildForm({ message: 'm', requestedSchema });
      if (r.ok) accepted++;
      else assert.ok(r.reason.length > 10, JSON.stringify(r));
    }
    assert.ok(accepted > 0, 'some random schemas should be accepted');
  });
});
