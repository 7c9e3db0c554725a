// JSON with comments and trailing commas (what VS Code accepts in settings.json and in our scenario files),
// parsed with the position of every value, so a problem found later can say "file:line:column".
// No dependency: the command line and the core stay plain Node.

export interface Position { readonly line: number; readonly column: number }

export interface ParsedJsonc {
  readonly value: unknown;
  /** Where the value at a JSON pointer ("" is the whole document, "/steps/0/call") starts; 1-based. */
  locate(pointer: string): Position | undefined;
}

export class JsoncError extends Error {
  constructor(message: string, readonly position: Position) {
    super(`${position.line}:${position.column}: ${message}`);
    this.name = 'JsoncError';
  }
}

/** Escapes one reference token of a JSON pointer (RFC 6901). */
export const pointerToken = (key: string | number): string => String(key).replace(/~/g, '~0').replace(/\//g, '~1');

export function parseJsonc(text: string): ParsedJsonc {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const starts = new Map<string, number>();
  let i = 0;

  const position = (at: number): Position => {
    let line = 1, col = 1;
    for (let k = 0; k < at && k < src.length; k++) {
      if (src[k] === '\n') { line++; col = 1; } else col++;
    }
    return { line, column: col };
  };
  const fail = (message: string, at = i): never => { throw new JsoncError(message, position(at)); };
  const what = () => (i >= src.length ? 'the end of the file' : `"${src[i]}"`);

  function skip(): void {
    for (;;) {
      const c = src[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue; }
      if (c === '/' && src[i + 1] === '/') { while (i < src.length && src[i] !== '\n') i++; continue; }
      if (c === '/' && src[i + 1] === '*') {
        const end = src.indexOf('*/', i + 2);
        if (end < 0) fail('a /* comment is not closed');
        i = end + 2;
        continue;
      }
      return;
    }
  }

  function string(): string {
    const start = i++;
    let out = '';
    for (;;) {
      if (i >= src.length) fail('a string is not closed', start);
      const c = src[i++];
      if (c === '"') return out;
      if (c === '\n') fail('a string runs past the end of the line (use \\n inside strings)', start);
      if (c !== '\\') { out += c; continue; }
      const e = src[i++];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e in simple) { out += simple[e]; continue; }
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(i, i + 4))) { out += String.fromCharCode(parseInt(src.slice(i, i + 4), 16)); i += 4; continue; }
      fail(`"\\${e ?? ''}" is not a valid escape in a string`, i - 2);
    }
  }

  function value(pointer: string): unknown {
    skip();
    starts.set(pointer, i);
    const c = src[i];
    if (c === '{') return object(pointer);
    if (c === '[') return array(pointer);
    if (c === '"') return string();
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(src.slice(i, i + 400));
    if (m && m[0] !== '-') { i += m[0].length; return Number(m[0]); }
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (src.startsWith(word, i)) { i += word.length; return v; }
    }
    return fail(`expected a value but found ${what()}`);
  }

  function object(pointer: string): Record<string, unknown> {
    i++;
    const out: Record<string, unknown> = {};
    for (;;) {
      skip();
      if (src[i] === '}') { i++; return out; }
      if (src[i] !== '"') fail(`expected a property name in double quotes or "}" but found ${what()}`);
      const keyAt = i;
      const key = string();
      if (Object.prototype.hasOwnProperty.call(out, key)) fail(`"${key}" appears twice in the same object`, keyAt);
      skip();
      if (src[i] !== ':') fail(`expected ":" after "${key}" but found ${what()}`);
      i++;
      // defineProperty keeps a key named "__proto__" as plain data.
      Object.defineProperty(out, key, { value: value(`${pointer}/${pointerToken(key)}`), enumerable: true, writable: true, configurable: true });
      skip();
      if (src[i] === ',') { i++; continue; }
      if (src[i] === '}') { i++; return out; }
      fail(`expected "," or "}" but found ${what()}`);
    }
  }

  function array(pointer: string): unknown[] {
    i++;
    const out: unknown[] = [];
    for (;;) {
      skip();
      if (src[i] === ']') { i++; return out; }
      out.push(value(`${pointer}/${out.length}`));
      skip();
      if (src[i] === ',') { i++; continue; }
      if (src[i] === ']') { i++; return out; }
      fail(`expected "," or "]" but found ${what()}`);
    }
  }

  const result = value('');
  skip();
  if (i < src.length) fail(`unexpected ${what()} after the end of the document`);
  return {
    value: result,
    locate: pointer => {
      // A pointer to something absent is located at its nearest present parent.
      for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
        const at = starts.get(p);
        if (at !== undefined) return position(at);
        if (p === '') return undefined;
      }
    },
  };
}
