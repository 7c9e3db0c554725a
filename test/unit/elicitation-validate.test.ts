import * as assert from 'node:assert';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { buildForm, checkContent, checkInput, checkValue, codePointLength, Field, Form, NumberField, TextField } from '../../src/core/elicitation';

const text = (props: Partial<TextField> = {}): TextField => ({ key: 't', title: 't', required: true, kind: 'text', ...props });
const num = (props: Partial<NumberField> = {}): NumberField => ({ key: 'n', title: 'n', required: true, kind: 'number', integer: false, ...props });

/** The message checkInput gives, or "ok: <value>" so a wrong acceptance shows what was accepted. */
function input(field: TextField | NumberField, raw: string): string {
  const r = checkInput(field, raw);
  return r.ok ? `ok: ${JSON.stringify(r.value)}` : r.message;
}
function value(field: Field, v: unknown): string {
  const r = checkValue(field, v);
  return r.ok ? `ok: ${JSON.stringify(r.value)}` : r.message;
}

describe('elicitation text input', () => {
  it('counts length in Unicode code points, as JSON Schema and Ajv do, not UTF-16 units', () => {
    assert.strictEqual(codePointLength('😀😀'), 2); // 'length' is 4
    assert.strictEqual(codePointLength('e\u0301'), 2); // e + combining accent: two code points, one glyph
    assert.strictEqual(input(text({ maxLength: 1 }), '😀'), 'ok: "😀"');
    assert.strictEqual(input(text({ minLength: 3 }), '😀😀'), 'Enter at least 3 characters.');
    assert.strictEqual(input(text({ minLength: 1 }), 'x'), 'ok: "x"');
    assert.strictEqual(input(text({ minLength: 2 }), 'x'), 'Enter at least 2 characters.');
    assert.strictEqual(input(text({ maxLength: 1 }), 'xy'), 'Enter at most 1 character.');
    assert.strictEqual(input(text({ maxLength: 10 }), 'x'.repeat(11)), 'Enter at most 10 characters.');
  });

  it('tests pattern as a search, not implicitly anchored, with Unicode semantics', () => {
    assert.strictEqual(input(text({ pattern: '[0-9]' }), 'a1b'), 'ok: "a1b"');
    assert.strictEqual(input(text({ pattern: '^[A-Z]{3}$' }), 'ABCD'), 'Must match the pattern ^[A-Z]{3}$.');
    assert.strictEqual(input(text({ pattern: '^[A-Z]{3}$' }), 'abc'), 'Must match the pattern ^[A-Z]{3}$.');
    assert.strictEqual(input(text({ pattern: '^[A-Z]{3}$' }), 'ABC'), 'ok: "ABC"');
    assert.strictEqual(input(text({ pattern: '^\\p{L}+$' }), 'Zoë'), 'ok: "Zoë"');
    assert.strictEqual(input(text({ pattern: '^.$' }), '😀'), 'ok: "😀"'); // one code point matches "." in u mode
  });

  it('a server pattern that backtracks catastrophically cannot freeze the checker: bounded, and the value left to the server', () => {
    const evil = text({ pattern: '^(a+)+$' });
    const started = performance.now();
    assert.strictEqual(input(evil, `${'a'.repeat(40)}!`), `ok: "${'a'.repeat(40)}!"`);
    const ms = performance.now() - started;
    assert.ok(ms < 1000, `took ${Math.round(ms)} ms`); // unbounded, this input takes hours
    assert.strictEqual(input(evil, 'aaa'), 'ok: "aaa"');
    assert.strictEqual(input(evil, 'b'), 'Must match the pattern ^(a+)+$.');
  });

  it('takes text exactly as typed, but trims pasted spaces around formatted values', () => {
    assert.strictEqual(input(text(), '  two words '), 'ok: "  two words "');
    assert.strictEqual(input(text({ format: 'email' }), ' ada@example.com\n'), 'ok: "ada@example.com"');
  });

  it('treats empty input as skip on optional fields, and as "" on required ones only if the schema allows it', () => {
    assert.deepStrictEqual(checkInput(text({ required: false }), ''), { ok: true, value: undefined });
    assert.deepStrictEqual(checkInput(text({ required: false, minLength: 5 }), ''), { ok: true, value: undefined });
    assert.deepStrictEqual(checkInput(text(), ''), { ok: true, value: '' });
    assert.strictEqual(input(text({ minLength: 1 }), ''), 'A value is required.');
    assert.strictEqual(input(text({ format: 'email' }), ''), 'Enter an email address like name@example.com.');
    assert.strictEqual(input(text({ pattern: '^a' }), ''), 'Must match the pattern ^a.');
    assert.strictEqual(input(text({ required: false }), ' '), 'ok: " "'); // a space is a value, not a skip
  });

  it('checks email, uri, date and date-time with specific messages', () => {
    const email = text({ format: 'email' });
    for (const ok of ['ada@example.com', 'a.b+tag@sub.example.co.uk', "o'neil@x.io"]) assert.strictEqual(input(email, ok), `ok: ${JSON.stringify(ok)}`);
    for (const bad of ['ada', 'ada@localhost', 'a@b@c.d', '.a@b.cd', 'a..b@c.de', 'a@-b.cd', 'zoë@example.com', '"a"@b.cd', 'a @b.cd']) {
      assert.strictEqual(input(email, bad), 'Enter an email address like name@example.com.', bad);
    }
    const uri = text({ format: 'uri' });
    for (const ok of ['https://example.com', 'https://example.com/a%20b?q=1#top', 'mailto:ada@example.com', 'urn:isbn:0451450523', 'http://[::1]:8080/', 'file:///etc/hosts']) {
      assert.strictEqual(input(uri, ok), `ok: ${JSON.stringify(ok)}`, ok);
    }
    for (const bad of ['example.com', '/relative/path', 'https://exa mple.com', 'https://例え.jp', 'http://h/%zz', 'http://a:port/', 'http://[nope]/', 'a:']) {
      assert.strictEqual(input(uri, bad), 'Enter an absolute URI like https://example.com.', bad);
    }
    const date = text({ format: 'date' });
    assert.strictEqual(input(date, '2024-02-29'), 'ok: "2024-02-29"');
    assert.strictEqual(input(date, '2000-02-29'), 'ok: "2000-02-29"');
    assert.strictEqual(input(date, '2026-02-30'), '2026-02-30 is not a real date.');
    assert.strictEqual(input(date, '1900-02-29'), '1900-02-29 is not a real date.');
    assert.strictEqual(input(date, '2026-13-01'), '2026-13-01 is not a real date.');
    assert.strictEqual(input(date, '2026-04-31'), '2026-04-31 is not a real date.');
    assert.strictEqual(input(date, '2026-5-1'), 'Enter a date as YYYY-MM-DD.');
    assert.strictEqual(input(date, '01/05/2026'), 'Enter a date as YYYY-MM-DD.');
    const dt = text({ format: 'date-time' });
    for (const ok of ['2026-05-01T09:30:00Z', '2026-05-01t09:30:00.125z', '2026-05-01T23:59:59+05:30', '2026-05-01T00:00:00-08:00']) assert.strictEqual(input(dt, ok), `ok: ${JSON.stringify(ok)}`);
    for (const bad of ['2026-05-01T09:30Z', '2026-05-01 09:30:00Z', '2026-05-01T09:30:00', '2026-05-01T09:30:00+0530', '2026-05-01']) {
      assert.strictEqual(input(dt, bad), 'Enter a date and time like 2026-05-01T09:30:00Z.', bad);
    }
    assert.strictEqual(input(dt, '2026-02-30T09:30:00Z'), '2026-02-30T09:30:00Z is not a real date and time.');
    assert.strictEqual(input(dt, '2026-05-01T24:00:00Z'), '2026-05-01T24:00:00Z is not a real date and time.');
  });
});

describe('elicitation number input', () => {
  it('parses decimal notation and refuses everything else', () => {
    assert.deepStrictEqual(['3.14', ' -2 ', '+7', '.5', '5.', '1e3', '-1.5E-2'].map(s => checkInput(num(), s)), [3.14, -2, 7, 0.5, 5, 1000, -0.015].map(value => ({ ok: true, value })));
    for (const bad of ['abc', '0x10', 'Infinity', 'NaN', '1,5', '1 000', '--1', '1e', '']) assert.strictEqual(input(num(), bad), bad === '' ? 'Enter a number.' : 'Enter a number, like 3.14.', bad);
    assert.strictEqual(input(num(), '1e400'), 'That number is too large.');
  });

  it('tells integers from numbers: 3.0 is a whole number, 3.5 is not', () => {
    const int = num({ integer: true });
    assert.deepStrictEqual(checkInput(int, '3.0'), { ok: true, value: 3 });
    assert.deepStrictEqual(checkInput(int, '1e2'), { ok: true, value: 100 });
    assert.strictEqual(input(int, '3.5'), 'Enter a whole number.');
    assert.strictEqual(input(int, 'three'), 'Enter a whole number.');
    assert.strictEqual(input(int, ''), 'Enter a whole number.');
    assert.strictEqual(input(int, '9007199254740993'), 'Enter a whole number between -9007199254740991 and 9007199254740991.');
  });

  it('treats minimum and maximum as inclusive', () => {
    const f = num({ minimum: 1, maximum: 10 });
    assert.strictEqual(input(f, '1'), 'ok: 1');
    assert.strictEqual(input(f, '10'), 'ok: 10');
    assert.strictEqual(input(f, '0.999'), 'Must be at least 1.');
    assert.strictEqual(input(f, '10.5'), 'Must be at most 10.');
    assert.strictEqual(input(num({ minimum: -2.5 }), '-3'), 'Must be at least -2.5.');
  });

  it('skips an empty optional number, spaces included', () => {
    assert.deepStrictEqual(checkInput(num({ required: false }), '  '), { ok: true, value: undefined });
  });
});

describe('elicitation checkValue (scripted answers, defaults)', () => {
  const choice: Field = { key: 'c', title: 'c', required: true, kind: 'choice', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] };
  const multi: Field = { key: 'm', title: 'm', required: true, kind: 'multi', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }, { value: 'c', label: 'C' }], minItems: 1, maxItems: 2 };

  it('never coerces types', () => {
    assert.strictEqual(value(num(), '42'), 'Expected a number, got the string "42".');
    assert.strictEqual(value(text(), 42), 'Expected text, got the number 42.');
    assert.strictEqual(value({ key: 'b', title: 'b', required: true, kind: 'boolean' }, 'true'), 'Expected true or false, got the string "true".');
    assert.strictEqual(value({ key: 'b', title: 'b', required: true, kind: 'boolean' }, false), 'ok: false');
    assert.strictEqual(value(num(), null), 'Expected a number, got null.');
    assert.strictEqual(value(num(), Number.NaN), 'That number is too large.');
  });

  it('does not trim scripted text: the value is sent as given', () => {
    assert.strictEqual(value(text({ format: 'email' }), ' ada@example.com'), 'Enter an email address like name@example.com.');
  });

  it('checks single and multiple choices by value', () => {
    assert.strictEqual(value(choice, 'a'), 'ok: "a"');
    assert.strictEqual(value(choice, 'A'), 'Must be one of "a", "b" (got "A").');
    assert.strictEqual(value(multi, ['a', 'c']), 'ok: ["a","c"]');
    assert.strictEqual(value(multi, []), 'Choose at least 1.');
    assert.strictEqual(value(multi, ['a', 'b', 'c']), 'Choose at most 2.');
    assert.strictEqual(value(multi, ['a', 'a']), '"a" is chosen twice.');
    assert.strictEqual(value(multi, ['z']), '"z" is not a choice; choose from "a", "b", "c".');
    assert.strictEqual(value(multi, 'a'), 'Expected a list of choices, got the string "a".');
  });
});

describe('elicitation checkContent', () => {
  const built = buildForm({
    message: 'm',
    requestedSchema: { type: 'object', properties: { name: { type: 'string', minLength: 1 }, age: { type: 'integer', minimum: 0 }, ok: { type: 'boolean' } }, required: ['name'] },
  });
  const f: Form = built.ok ? built.form : assert.fail('refused');

  it('passes valid content, with optional fields left out', () => {
    assert.deepStrictEqual(checkContent(f, { name: 'Ada' }), []);
    assert.deepStrictEqual(checkContent(f, { name: 'Ada', age: 36, ok: true, extra: undefined }), []);
  });

  it('lists every problem, naming the key', () => {
    assert.deepStrictEqual(checkContent(f, { age: -1, ok: 'yes', nick: 'A' }), [
      '"nick" is not in the requested schema (expected "name", "age", "ok")',
      '"name" is required',
      '"age": Must be at least 0.',
      '"ok": Expected true or false, got the string "yes".',
    ]);
    assert.deepStrictEqual(checkContent(f, [1]), ['content must be an object, got a list']);
    assert.deepStrictEqual(checkContent(f, JSON.parse('{"name":"x","__proto__":1}')), ['"__proto__" is not in the requested schema (expected "name", "age", "ok")']);
  });
});

describe('elicitation checks agree with the SDK server\'s Ajv', () => {
  // Server.elicitInput in @modelcontextprotocol/sdk validates content with exactly this Ajv set-up
  // (dist/cjs/validation/ajv-provider.js). Whatever we accept must pass there; for plain constraints we agree both ways.
  const ajv = new Ajv({ strict: false, validateFormats: true, validateSchema: false, allErrors: true });
  addFormats(ajv);
  let seed = 7;
  const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)];
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const chars = ['a', 'Z', '0', '9', '@', '.', '-', ':', '/', '%', '2', 'F', ' ', 'é', '😀', '?', '#', '[', ']', 'T', 'x'];
  const randomString = () => pick([
    () => Array.from({ length: int(0, 12) }, () => pick(chars)).join(''),
    () => Array.from({ length: int(0, 6) }, () => pick(['a', '0', '😀', 'é', 'Z'])).join(''),
    () => pick(['hero-1', 'hero-2', 'Guitar']),
    () => `${pad(int(1890, 2100), 4)}-${pad(int(0, 13), 2)}-${pad(int(0, 32), 2)}`,
    () => `${pad(int(1999, 2030), 4)}-${pad(int(1, 12), 2)}-${pad(int(1, 31), 2)}T${pad(int(0, 24), 2)}:${pad(int(0, 60), 2)}:${pad(int(0, 60), 2)}${pick(['Z', '+05:30', '-24:00', '', '.5Z'])}`,
    () => `${pick(['ada', 'a.b', 'x+y', ''])}@${pick(['example.com', 'localhost', 'a-b.io', '-a.com', 'a..b'])}`,
    () => `${pick(['https', 'mailto', 'urn', ''])}:${pick(['//example.com', '//[::1]:80', 'x', '', '//h/%4', '//h/a b'])}${pick(['', '/p?q=1', '#f'])}`,
  ])();
  const randomValue = (): unknown => pick([
    randomString, () => int(-5, 1005), () => int(-5000, 5000) / 100, () => pick([true, false, null, 0.5, 1e21]),
    () => Array.from({ length: int(0, 4) }, () => pick(['Guitar', 'Piano', 'Bass', 'fish-1', 'fish-2', 'x'])),
  ])();

  // A multi-select cannot pick one option twice, so we refuse duplicates even where the schema has no uniqueItems.
  const hasDuplicates = (v: unknown) => Array.isArray(v) && new Set(v).size !== v.length;

  const properties: Record<string, Record<string, unknown>> = {
    email: { type: 'string', format: 'email' }, homepage: { type: 'string', format: 'uri' }, birthdate: { type: 'string', format: 'date' },
    when: { type: 'string', format: 'date-time' }, code: { type: 'string', minLength: 2, maxLength: 5, pattern: '^[a-z0-9😀é]+$' },
    integer: { type: 'integer', minimum: 1, maximum: 100 }, number: { type: 'number', minimum: 0, maximum: 1000 }, check: { type: 'boolean' },
    instruments: { type: 'array', minItems: 1, maxItems: 2, items: { type: 'string', enum: ['Guitar', 'Piano', 'Bass'] } },
    fish: { type: 'array', maxItems: 1, items: { anyOf: [{ const: 'fish-1', title: 'Tuna' }, { const: 'fish-2', title: 'Salmon' }] } },
    hero: { type: 'string', oneOf: [{ const: 'hero-1', title: 'Superman' }] },
  };
  const built = buildForm({ message: 'm', requestedSchema: { type: 'object', properties } });
  const fields = built.ok ? built.form.fields : assert.fail('refused');

  for (const field of fields) {
    it(`${field.key}: accepted values pass Ajv${field.kind === 'text' && field.format && field.format !== 'date' ? '' : ', refused ones fail it'}`, () => {
      const validate = ajv.compile({ type: 'object', properties: { [field.key]: properties[field.key] } });
      let accepted = 0;
      for (let i = 0; i < 1500; i++) {
        const v = randomValue();
        const ours = checkValue(field, v).ok;
        const theirs = validate({ [field.key]: v });
        if (ours) { accepted++; assert.ok(theirs, `we accept ${JSON.stringify(v)} for ${field.key}, Ajv does not`); }
        else if (!(field.kind === 'text' && field.format && field.format !== 'date') && !hasDuplicates(v)) assert.ok(!theirs, `Ajv accepts ${JSON.stringify(v)} for ${field.key}, we do not`);
      }
      assert.ok(accepted > 0, `no random value was accepted for ${field.key}`);
    });
  }
});
