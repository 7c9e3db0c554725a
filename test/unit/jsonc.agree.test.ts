// Our JSONC reader (positions for messages, duplicate keys refused, "__proto__" kept as data) checked
// against the parser the ecosystem keeps, VS Code's own jsonc-parser: on every value it must agree. Real
// files of each client's kind, then thousands of generated documents with comments and trailing commas.
import * as assert from 'node:assert';
import fc from 'fast-check';
import { parse, type ParseError } from 'jsonc-parser';
import { parseJsonc } from '../../src/core/util/jsonc';

/** jsonc-parser as VS Code uses it: on the file's text without a byte order mark. */
const theirs = (text: string): unknown => {
  const errors: ParseError[] = [];
  const value = parse(text.replace(/^\ufeff/, ''), errors, { allowTrailingComma: true, disallowComments: false });
  return errors.length ? new Error(`jsonc-parser: ${errors.map(e => `${e.error}@${e.offset}`).join(', ')}`) : value;
};

const samples = [
  `{\n  // VS Code's mcp.json\n  "inputs": [{ "type": "promptString", "id": "tok", "password": true, },],\n  "servers": { "a": { "type": "stdio", "command": "node", "args": ["s.js", "--x=\\"y\\""], }, /* b */ },\n}`,
  `{ "mcpServers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "C:\\\\Users\\\\me"], "env": {} } } }`,
  `\ufeff{"projects": {"/p": {"mcpServers": {"w": {"type": "http", "url": "https://x.example/mcp", "headers": {"Authorization": "Bearer \\u0041"}}}}}}`,
  `[1, -2.5e3, true, false, null, "\\t\\n\\/", {}, [], ]`,
];

/** A JSON value written out with random comments, whitespace and trailing commas. */
const jsonc = fc.letrec(tie => ({
  value: fc.oneof({ depthSize: 'small' }, fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 4 })),
})).value;
const gap = fc.constantFrom('', ' ', '\n', ' /* c */ ', ' // line\n', '\t');

function write(v: unknown, g: () => string, trailing: () => boolean): string {
  if (Array.isArray(v)) return `[${g()}${v.map(x => write(x, g, trailing)).join(`,${g()}`)}${v.length && trailing() ? ',' : ''}${g()}]`;
  if (v && typeof v === 'object') {
    const e = Object.entries(v);
    return `{${g()}${e.map(([k, x]) => `${JSON.stringify(k)}${g()}:${g()}${write(x, g, trailing)}`).join(`,${g()}`)}${e.length && trailing() ? ',' : ''}${g()}}`;
  }
  return JSON.stringify(v);
}

describe('JSONC: ours agrees with VS Code\'s jsonc-parser', () => {
  it('on config files of each client', () => {
    for (const s of samples) assert.deepStrictEqual(parseJsonc(s).value, theirs(s), s);
  });

  it('on generated documents with comments, whitespace and trailing commas', () => {
    const seen = { comments: 0, trailing: 0, nested: 0 };
    fc.assert(fc.property(jsonc, fc.array(gap, { minLength: 1, maxLength: 8 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), (v, gaps, commas) => {
      let i = 0, j = 0;
      const text = write(v, () => gaps[i++ % gaps.length], () => commas[j++ % commas.length]);
      const expected = theirs(text);
      // "__proto__" is a key like any other for us; jsonc-parser's object assignment makes it a prototype.
      fc.pre(!text.includes('"__proto__"'));
      assert.deepStrictEqual(parseJsonc(text).value, expected, text);
      if (/\/[*/]/.test(text)) seen.comments++;
      if (/,\s*(\/\*[^]*?\*\/\s*|\/\/[^\n]*\n\s*)*[}\]]/.test(text)) seen.trailing++;
      if (/[[{][^]*[[{]/.test(text)) seen.nested++;
    }), { numRuns: 2000 });
    // The generator must have made what this test is about, not only plain values.
    for (const [what, n] of Object.entries(seen)) assert.ok(n > 200, `only ${n} documents with ${what}`);
  });

  it('refuses what jsonc-parser refuses (missing commas, unclosed strings and comments, stray text)', () => {
    for (const bad of ['{"a": 1 "b": 2}', '{"a": "x', '{"a": 1 /* open', '{"a": 1} x', '[1,,2]', '{"a" 1}', '{a: 1}']) {
      assert.ok(theirs(bad) instanceof Error, `jsonc-parser accepts ${bad}`);
      assert.throws(() => parseJsonc(bad), /^JsoncError: \d+:\d+: /, bad);
    }
  });
});
