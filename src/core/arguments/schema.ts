// Tool arguments from a tool's inputSchema: one field per property, in order. Properties the elicitation
// form model can render (strings, numbers, booleans, enums, arrays of enums) reuse its fields and
// validation; anything else (objects, other arrays, unions) is entered as JSON and checked against its
// own sub-schema. Every value is finally checked against the property's schema with Ajv.
import { createSchemaValidator } from '../util/schemaValidator';
import type { Field } from '../elicitation/model';
import { checkInput } from '../elicitation/validate';

export interface JsonField {
  readonly kind: 'json';
  readonly key: string;
  readonly title: string;
  readonly description?: string;
  readonly required: boolean;
  readonly default?: unknown;
  /** A short description of the expected shape, e.g. "object" or "array of numbers". */
  readonly shape: string;
}

export type ArgField = (Field | JsonField) & { readonly schema: Record<string, unknown> };

type Schema = Record<string, unknown>;
const isObj = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);
const validator = createSchemaValidator();

function typeOf(s: Schema): string | undefined {
  const t = s.type;
  if (typeof t === 'string') return t;
  // ["string", "null"] is how optional values are often written: treat as the non-null type.
  if (Array.isArray(t)) { const rest = t.filter(x => x !== 'null'); return rest.length === 1 ? String(rest[0]) : undefined; }
  return undefined;
}

function options(values: unknown[], titles?: unknown[]): Array<{ value: string; label: string }> | undefined {
  if (!values.every(v => typeof v === 'string')) return undefined;
  return (values as string[]).map((value, i) => ({ value, label: typeof titles?.[i] === 'string' ? titles[i] as string : value }));
}

function shapeOf(s: Schema): string {
  const t = typeOf(s);
  if (t === 'array' && isObj(s.items)) return `array of ${typeOf(s.items) ?? 'values'}s`;
  return t ?? (s.anyOf || s.oneOf ? 'one of several shapes' : 'any JSON value');
}

function field(key: string, s: Schema, required: boolean): ArgField {
  const base = { key, title: typeof s.title === 'string' ? s.title : key, required, schema: s, ...(typeof s.description === 'string' ? { description: s.description } : {}) };
  const t = typeOf(s);
  if (Array.isArray(s.enum) && s.enum.length) {
    const opts = options(s.enum, Array.isArray(s.enumNames) ? s.enumNames : undefined);
    if (opts) return { ...base, kind: 'choice', options: opts, ...(typeof s.default === 'string' ? { default: s.default } : {}) };
  }
  if (Array.isArray(s.oneOf) && s.oneOf.length && s.oneOf.every(o => isObj(o) && typeof o.const === 'string')) {
    const opts = (s.oneOf as Schema[]).map(o => ({ value: o.const as string, label: typeof o.title === 'string' ? o.title : o.const as string }));
    return { ...base, kind: 'choice', options: opts, ...(typeof s.default === 'string' ? { default: s.default } : {}) };
  }
  if (t === 'boolean') return { ...base, kind: 'boolean', ...(typeof s.default === 'boolean' ? { default: s.default } : {}) };
  if (t === 'number' || t === 'integer') {
    return {
      ...base, kind: 'number', integer: t === 'integer',
      ...(typeof s.minimum === 'number' ? { minimum: s.minimum } : {}), ...(typeof s.maximum === 'number' ? { maximum: s.maximum } : {}),
      ...(typeof s.default === 'number' ? { default: s.default } : {}),
    };
  }
  if (t === 'string') {
    const format = typeof s.format === 'string' && ['email', 'uri', 'date', 'date-time'].includes(s.format) ? s.format as 'email' : undefined;
    return {
      ...base, kind: 'text',
      ...(typeof s.minLength === 'number' ? { minLength: s.minLength } : {}), ...(typeof s.maxLength === 'number' ? { maxLength: s.maxLength } : {}),
      ...(typeof s.pattern === 'string' ? { pattern: s.pattern } : {}), ...(format ? { format } : {}),
      ...(typeof s.default === 'string' ? { default: s.default } : {}),
    };
  }
  if (t === 'array' && isObj(s.items) && Array.isArray(s.items.enum)) {
    const opts = options(s.items.enum);
    if (opts) {
      return {
        ...base, kind: 'multi', options: opts,
        ...(typeof s.minItems === 'number' ? { minItems: s.minItems } : {}), ...(typeof s.maxItems === 'number' ? { maxItems: s.maxItems } : {}),
        ...(Array.isArray(s.default) ? { default: s.default as string[] } : {}),
      };
    }
  }
  return { ...base, kind: 'json', shape: shapeOf(s), ...('default' in s ? { default: s.default } : {}) };
}

/** More arguments than are asked for one by one (each is a step, with its schema compiled for checks). */
export const MAX_ARGUMENT_FIELDS = 500;

/** The fields to ask for, in the order of `inputSchema.properties`. Throws, saying what to do instead,
 *  for a schema with more than MAX_ARGUMENT_FIELDS properties. */
export function argumentFields(inputSchema: unknown): ArgField[] {
  if (!isObj(inputSchema) || !isObj(inputSchema.properties)) return [];
  const count = Object.keys(inputSchema.properties).length;
  if (count > MAX_ARGUMENT_FIELDS) {
    throw new Error(`The tool's inputSchema declares ${count} arguments; at most ${MAX_ARGUMENT_FIELDS} are asked for one by one. Call it from a scenario file or with "agentcore-mcp call <tool> --args <json>".`);
  }
  const required = new Set(Array.isArray(inputSchema.required) ? inputSchema.required.filter(r => typeof r === 'string') : []);
  return Object.entries(inputSchema.properties).map(([key, s]) => field(key, isObj(s) ? s : {}, required.has(key)));
}

export type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

/** Checks a value against the property's own schema (catches what the quick checks do not). */
export function checkAgainstSchema(f: ArgField, value: unknown): string | undefined {
  try {
    const r = validator.getValidator(f.schema as never)(value);
    return r.valid ? undefined : r.errorMessage.replace(/^data/, f.key);
  } catch {
    return undefined; // a schema Ajv cannot compile is the server's problem; let the server judge the value
  }
}

/** Parses what was typed for a text, number or JSON field. `undefined` value = skip (optional fields only). */
export function parseTyped(f: ArgField, raw: string): Parsed {
  if (f.kind === 'text' || f.kind === 'number') {
    const r = checkInput(f, raw);
    if (!r.ok) return r;
    if (r.value === undefined) return f.required ? { ok: false, message: 'A value is required.' } : { ok: true, value: undefined };
    const bad = checkAgainstSchema(f, r.value);
    return bad ? { ok: false, message: bad } : { ok: true, value: r.value };
  }
  if (f.kind === 'json') {
    if (!raw.trim()) return f.required ? { ok: false, message: `Enter JSON (${f.shape}).` } : { ok: true, value: undefined };
    let value: unknown;
    try { value = JSON.parse(raw); } catch (e) { return { ok: false, message: `Not valid JSON: ${(e as Error).message}` }; }
    const bad = checkAgainstSchema(f, value);
    return bad ? { ok: false, message: bad } : { ok: true, value };
  }
  return { ok: false, message: `${f.key} is chosen from a list, not typed.` };
}
