// requestedSchema -> Form. Follows "Requested Schema" in
// https://modelcontextprotocol.io/specification/2025-11-25/client/elicitation and the 2025-11-25 schema.ts types
// (StringSchema, NumberSchema, BooleanSchema, the five enum schemas): a flat object of primitive properties.
//
// What is refused, with a reason naming the property: anything the form could not render or enforce — nested
// objects, arrays that are not enums, unknown types or formats, keywords that constrain the value but are not in
// the spec's subset (const, anyOf, exclusiveMinimum, multipleOf, ...), contradictions (minLength > maxLength), a
// `pattern` that is not a valid ECMA-262 regex in Unicode mode, duplicate choices, and a `default` that breaks
// its own schema. Keywords that cannot change what is valid (annotations, vendor keys, keywords of another type)
// are ignored and listed in `form.ignored`. The SDK's zod schema would strip those silently; we say so.
import { ChoiceField, Field, Form, MultiField, Option, TextFormat, textFormats, BuildResult } from './model';
import { compilePattern } from './formats';
import { checkValue, own, show } from './validate';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class Refused {
  constructor(readonly reason: string) {}
}

/** Pure annotations (JSON Schema 2020-12 core / meta-data / content vocabularies): never affect validity. */
const ANNOTATIONS = new Set(['$schema', '$id', '$anchor', '$comment', 'examples', 'deprecated', 'readOnly', 'writeOnly', 'contentMediaType', 'contentEncoding']);
/** Keywords that constrain any type. We cannot enforce them, so a schema using them is refused. */
const GENERIC_CONSTRAINTS = new Set(['const', 'enum', 'oneOf', 'anyOf', 'allOf', 'not', 'if', 'then', 'else', '$ref', '$dynamicRef']);
/** Type-specific validation keywords, by the JSON type they apply to. */
const BY_TYPE: Record<string, readonly string[]> = {
  string: ['minLength', 'maxLength', 'pattern', 'format', 'contentSchema'],
  number: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  array: ['items', 'minItems', 'maxItems', 'uniqueItems', 'prefixItems', 'contains', 'minContains', 'maxContains', 'unevaluatedItems', 'additionalItems'],
  object: ['properties', 'required', 'additionalProperties', 'patternProperties', 'propertyNames', 'minProperties', 'maxProperties', 'dependentRequired', 'dependentSchemas', 'unevaluatedProperties'],
};
/** The keywords the spec's subset defines for each kind of property (besides type, title, description, default). */
const SUPPORTED: Record<string, readonly string[]> = {
  string: ['minLength', 'maxLength', 'pattern', 'format'],
  number: ['minimum', 'maximum'],
  integer: ['minimum', 'maximum'],
  boolean: [],
  choice: ['enum', 'oneOf', 'enumNames'],
  array: ['items', 'minItems', 'maxItems', 'uniqueItems'],
};
const TYPE_OF_KEYWORD = new Map(Object.entries(BY_TYPE).flatMap(([t, ks]) => ks.map(k => [k, t] as const)));

/** More fields than anyone answers one by one: a form this big is refused rather than shown (a server
 *  that sends 100,000 would otherwise hold the extension host for seconds building it). */
export const MAX_FORM_FIELDS = 200;

/** Turns `elicitation/create` form-mode params into a Form, or says why it cannot. Never throws. */
export function buildForm(params: { message: string; requestedSchema: unknown }): BuildResult {
  try {
    return { ok: true, form: build(params) };
  } catch (e) {
    return { ok: false, reason: e instanceof Refused ? e.reason : `could not read the requested schema (${e instanceof Error ? e.message : String(e)})` };
  }
}

function build(params: unknown): Form {
  if (!isObj(params)) throw new Refused('the elicitation params must be an object with "message" and "requestedSchema"');
  const message = params.message;
  if (typeof message !== 'string') throw new Refused(`"message" must be a string, got ${show(message)}`);
  const schema = params.requestedSchema;
  if (!isObj(schema)) throw new Refused(`"requestedSchema" must be a JSON Schema object with "type": "object", got ${show(schema)}`);
  if (schema.type !== 'object') throw new Refused(`"requestedSchema" must have "type": "object" (got ${show(schema.type)}): form mode asks for a flat object of primitive properties`);
  const props = schema.properties;
  if (!isObj(props)) throw new Refused(`"requestedSchema.properties" must be an object of property schemas, got ${show(props)}`);
  const count = Object.keys(props).length;
  if (count > MAX_FORM_FIELDS) throw new Refused(`the form asks for ${count} fields; a person is asked at most ${MAX_FORM_FIELDS} questions in one elicitation`);
  const ignored: string[] = [];
  for (const k of Object.keys(schema)) {
    if (['type', 'properties', 'required', 'title', 'description', 'additionalProperties', 'unevaluatedProperties'].includes(k) || ANNOTATIONS.has(k)) continue;
    if (GENERIC_CONSTRAINTS.has(k) || TYPE_OF_KEYWORD.get(k) === 'object') throw new Refused(`"requestedSchema" uses "${k}", which form-mode elicitation does not support`);
    ignored.push(`requestedSchema: ignored "${k}"`);
  }
  const required = schema.required ?? [];
  if (!Array.isArray(required) || required.some(r => typeof r !== 'string')) throw new Refused(`"requestedSchema.required" must be a list of property names, got ${show(schema.required)}`);
  const missing = (required as string[]).find(r => own(props, r) === undefined);
  if (missing !== undefined) throw new Refused(`"requestedSchema.required" lists "${missing}", which is not in "properties"`);
  const fields = Object.keys(props).map(key => field(key, own(props, key), (required as string[]).includes(key), ignored));
  return { message, fields, ignored };
}

function field(key: string, raw: unknown, required: boolean, ignored: string[]): Field {
  const where = `property "${key}"`;
  const refuse = (why: string): never => { throw new Refused(`${where}: ${why}`); };
  if (!isObj(raw)) return refuse(`must be a schema object, got ${show(raw)}`);
  const { type } = raw;
  if (type === 'object') return refuse('nested objects are not supported; form mode allows only flat primitive properties');
  if (typeof type !== 'string' || !['string', 'number', 'integer', 'boolean', 'array'].includes(type)) {
    const hint = Array.isArray(type) ? ' (a list of types, e.g. nullable, is not supported: leave the property out of "required" instead)' : '';
    return refuse(`"type" must be "string", "number", "integer", "boolean" or "array", got ${show(type)}${hint}`);
  }
  const jsonType = type === 'integer' ? 'number' : type;
  const isChoice = type === 'string' && (raw.enum !== undefined || raw.oneOf !== undefined);
  const allowed = new Set(['type', 'title', 'description', 'default', ...SUPPORTED[isChoice ? 'choice' : type]]);
  for (const k of Object.keys(raw)) {
    if (allowed.has(k) || ANNOTATIONS.has(k)) continue;
    const t = TYPE_OF_KEYWORD.get(k);
    if (k === 'enum' || k === 'oneOf') return refuse(`"${k}" is only supported with "type": "string" (got ${show(type)})`);
    if (GENERIC_CONSTRAINTS.has(k) || t === jsonType) return refuse(`"${k}" is not supported${isChoice && t === 'string' ? ' together with a list of choices' : ''}`);
    ignored.push(`${where}: ignored "${k}"${t ? ` (it applies to ${t}s only)` : ''}`);
  }
  if (raw.title !== undefined && typeof raw.title !== 'string') refuse(`"title" must be a string, got ${show(raw.title)}`);
  if (raw.description !== undefined && typeof raw.description !== 'string') refuse(`"description" must be a string, got ${show(raw.description)}`);
  const base = {
    key,
    title: typeof raw.title === 'string' && raw.title.trim() !== '' ? raw.title : key,
    ...(typeof raw.description === 'string' ? { description: raw.description } : {}),
    required,
  };
  const count = (k: string): number | undefined => {
    const v = raw[k];
    if (v === undefined) return undefined;
    return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : refuse(`"${k}" must be a whole number of 0 or more, got ${show(v)}`);
  };
  const bound = (k: string): number | undefined => {
    const v = raw[k];
    if (v === undefined) return undefined;
    return typeof v === 'number' && Number.isFinite(v) ? v : refuse(`"${k}" must be a number, got ${show(v)}`);
  };
  let f: Field;
  if (isChoice) {
    f = { ...base, kind: 'choice', options: singleOptions(raw, refuse) } satisfies ChoiceField;
  } else if (type === 'array') {
    f = multi(base, raw, count, refuse);
  } else if (type === 'boolean') {
    f = { ...base, kind: 'boolean' };
  } else if (type === 'string') {
    const [minLength, maxLength] = [count('minLength'), count('maxLength')];
    if (minLength !== undefined && maxLength !== undefined && minLength > maxLength) refuse(`"minLength" ${minLength} is more than "maxLength" ${maxLength}`);
    const { pattern, format } = raw;
    if (pattern !== undefined) {
      if (typeof pattern !== 'string') refuse(`"pattern" must be a string, got ${show(pattern)}`);
      const re = compilePattern(pattern as string);
      if (typeof re === 'string') refuse(`"pattern" ${show(pattern)} is not a valid ECMA-262 regular expression in Unicode mode: ${re}`);
    }
    if (format !== undefined && !textFormats.includes(format as TextFormat)) refuse(`"format" ${show(format)} is not supported; use one of ${textFormats.join(', ')}, or no format`);
    f = { ...base, kind: 'text', ...opt({ minLength, maxLength, pattern: pattern as string | undefined, format: format as TextFormat | undefined }) };
  } else {
    const [minimum, maximum] = [bound('minimum'), bound('maximum')];
    if (minimum !== undefined && maximum !== undefined && minimum > maximum) refuse(`"minimum" ${minimum} is more than "maximum" ${maximum}`);
    if (type === 'integer' && minimum !== undefined && maximum !== undefined && Math.ceil(minimum) > Math.floor(maximum)) refuse(`no whole number lies between ${minimum} and ${maximum}`);
    f = { ...base, kind: 'number', integer: type === 'integer', ...opt({ minimum, maximum }) };
  }
  if (raw.default === undefined) return f;
  const d = checkValue(f, raw.default);
  if (!d.ok) return refuse(`"default" ${show(raw.default)} does not fit its own schema: ${d.message}`);
  return { ...f, default: d.value } as Field;
}

function opt<T extends Obj>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function singleOptions(raw: Obj, refuse: (why: string) => never): Option[] {
  if (raw.enum !== undefined && raw.oneOf !== undefined) refuse('has both "enum" and "oneOf"; use one of them');
  if (raw.enumNames !== undefined && raw.enum === undefined) refuse('"enumNames" needs "enum"');
  if (raw.oneOf !== undefined) return titledOptions(raw.oneOf, 'oneOf', refuse);
  const values = stringList(raw.enum, 'enum', refuse);
  if (raw.enumNames === undefined) return checkOptions(values.map(v => ({ value: v, label: v })), 'enum', refuse);
  const names = raw.enumNames;
  if (!Array.isArray(names) || names.some(n => typeof n !== 'string')) refuse(`"enumNames" must be a list of strings, got ${show(names)}`);
  if ((names as string[]).length !== values.length) refuse(`"enumNames" has ${(names as string[]).length} names for ${values.length} "enum" values; they must match one to one`);
  return checkOptions(values.map((v, i) => ({ value: v, label: (names as string[])[i] })), 'enum', refuse);
}

function multi(base: Omit<MultiField, 'kind' | 'options'>, raw: Obj, count: (k: string) => number | undefined, refuse: (why: string) => never): MultiField {
  const items = raw.items;
  if (!isObj(items)) return refuse(`arrays are only supported as multi-select: "items" must be an object with "enum" (strings) or "anyOf" of {const, title}, got ${show(items)}`);
  if (raw.uniqueItems !== undefined && typeof raw.uniqueItems !== 'boolean') refuse(`"uniqueItems" must be true or false, got ${show(raw.uniqueItems)}`);
  let options: Option[];
  if (items.enum !== undefined && items.anyOf === undefined) {
    if (items.type !== 'string') refuse(`"items" with "enum" must have "type": "string", got ${show(items.type)}`);
    options = checkOptions(stringList(items.enum, 'items.enum', refuse).map(v => ({ value: v, label: v })), 'items.enum', refuse);
  } else if (items.anyOf !== undefined && items.enum === undefined) {
    if (items.type !== undefined && items.type !== 'string') refuse(`"items.type" must be "string" for choices, got ${show(items.type)}`);
    options = titledOptions(items.anyOf, 'items.anyOf', refuse);
  } else {
    return refuse('arrays are only supported as multi-select: "items" must have exactly one of "enum" (strings) or "anyOf" of {const, title}');
  }
  const extra = Object.keys(items).find(k => !['type', 'enum', 'anyOf'].includes(k) && !ANNOTATIONS.has(k));
  if (extra !== undefined) refuse(`"items.${extra}" is not supported`);
  const [minItems, maxItems] = [count('minItems'), count('maxItems')];
  if (minItems !== undefined && maxItems !== undefined && minItems > maxItems) refuse(`"minItems" ${minItems} is more than "maxItems" ${maxItems}`);
  if (minItems !== undefined && minItems > options.length) refuse(`"minItems" ${minItems} asks for more choices than the ${options.length} offered`);
  return { ...base, kind: 'multi', options, ...opt({ minItems, maxItems }) };
}

function stringList(v: unknown, what: string, refuse: (why: string) => never): string[] {
  if (!Array.isArray(v) || v.some(x => typeof x !== 'string')) refuse(`"${what}" must be a list of strings, got ${show(v)}`);
  return v as string[];
}

function titledOptions(v: unknown, what: string, refuse: (why: string) => never): Option[] {
  if (!Array.isArray(v)) refuse(`"${what}" must be a list of {"const": value, "title": label}, got ${show(v)}`);
  const options = (v as unknown[]).map((o, i) => {
    if (!isObj(o) || typeof o.const !== 'string' || typeof o.title !== 'string') {
      return refuse(`"${what}[${i}]" must be {"const": string, "title": string}, got ${show(o)}`);
    }
    const extra = Object.keys(o).find(k => k !== 'const' && k !== 'title' && k !== 'description' && !ANNOTATIONS.has(k));
    if (extra !== undefined) refuse(`"${what}[${i}].${extra}" is not supported`);
    return { value: o.const, label: o.title };
  });
  return checkOptions(options, what, refuse);
}

function checkOptions(options: Option[], what: string, refuse: (why: string) => never): Option[] {
  if (options.length === 0) refuse(`"${what}" is empty: there is nothing to choose`);
  const seen = new Set<string>();
  for (const o of options) {
    if (seen.has(o.value)) refuse(`"${what}" lists ${show(o.value)} twice; each choice must be unique`);
    seen.add(o.value);
  }
  return options;
}
