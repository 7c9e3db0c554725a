// Checking answers against a field before they are sent. The spec asks clients to "validate user input before
// sending" and "SHOULD validate all responses against the provided schema" (2025-11-25 client/elicitation,
// Requested Schema and Form Mode Security). Messages are short, specific and end with a full stop, for an
// input box's validation message or a problem list.
//
// Empty input (decided here, once, for every front end):
// - On an optional field, an empty input box means "skip": the key is left out of `content`. There is no way to
//   type an empty string for an optional field; a script can still give "" as a JSON value (checkValue).
// - On a required text field, empty input is the empty string "" if the schema allows it (no minLength, no
//   format, a pattern that matches ""); otherwise the message says what is missing. The review step shows it
//   as "(empty)" so it is never sent unnoticed.
// - On a required number field, empty input is refused ("Enter a number.").
// Text is taken exactly as typed, except that the four formats ignore surrounding spaces (pasted values).
// Numbers accept optional sign, decimals and exponent ("-1.5", ".5", "2e3"); never hex, "Infinity" or "1,5".
import { Answers, BooleanField, ChoiceField, Field, Form, MultiField, NumberField, TextField, Value } from './model';
import { checkDate, checkDateTime, codePointLength, isAbsoluteUri, isEmail, matchesPattern } from './formats';

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** Own-property read, so keys like "__proto__" or "constructor" are plain data. */
export function own(obj: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? (obj as Record<string, unknown>)[key] : undefined;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** A value for messages: JSON, shortened. */
export function show(v: unknown): string {
  let s: string | undefined;
  try {
    s = JSON.stringify(v);
  } catch {
    s = undefined;
  }
  s ??= String(typeof v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

const typeName = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `the ${typeof v} ${show(v)}`);

const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Checks what a person typed into an input box for a text or number field. `value: undefined` means "skip"
 * (empty input on an optional field).
 */
export function checkInput(field: TextField | NumberField, raw: string): Checked<string | number | undefined> {
  if (field.kind === 'number') {
    const text = raw.trim();
    if (text === '') return field.required ? { ok: false, message: field.integer ? 'Enter a whole number.' : 'Enter a number.' } : { ok: true, value: undefined };
    if (!NUMBER_TEXT.test(text)) return { ok: false, message: field.integer ? 'Enter a whole number.' : 'Enter a number, like 3.14.' };
    return checkNumber(field, Number(text));
  }
  if (raw === '' && !field.required) return { ok: true, value: undefined };
  return checkText(field, field.format ? raw.trim() : raw);
}

function checkText(field: TextField, s: string): Checked<string> {
  const len = codePointLength(s);
  if (field.minLength !== undefined && len < field.minLength) {
    return { ok: false, message: len === 0 ? 'A value is required.' : `Enter at least ${plural(field.minLength, 'character', 'characters')}.` };
  }
  if (field.maxLength !== undefined && len > field.maxLength) return { ok: false, message: `Enter at most ${plural(field.maxLength, 'character', 'characters')}.` };
  switch (field.format) {
    case 'email':
      if (!isEmail(s)) return { ok: false, message: 'Enter an email address like name@example.com.' };
      break;
    case 'uri':
      if (!isAbsoluteUri(s)) return { ok: false, message: 'Enter an absolute URI like https://example.com.' };
      break;
    case 'date': {
      const c = checkDate(s);
      if (c === 'shape') return { ok: false, message: 'Enter a date as YYYY-MM-DD.' };
      if (c === 'calendar') return { ok: false, message: `${s} is not a real date.` };
      break;
    }
    case 'date-time': {
      const c = checkDateTime(s);
      if (c === 'shape') return { ok: false, message: 'Enter a date and time like 2026-05-01T09:30:00Z.' };
      if (c === 'calendar') return { ok: false, message: `${s} is not a real date and time.` };
      break;
    }
  }
  if (field.pattern !== undefined && !matchesPattern(field.pattern, s)) return { ok: false, message: `Must match the pattern ${field.pattern}.` };
  return { ok: true, value: s };
}

function checkNumber(field: NumberField, n: number): Checked<number> {
  if (!Number.isFinite(n)) return { ok: false, message: 'That number is too large.' };
  if (field.integer && !Number.isInteger(n)) return { ok: false, message: 'Enter a whole number.' };
  if (field.integer && !Number.isSafeInteger(n)) {
    return { ok: false, message: `Enter a whole number between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}.` };
  }
  if (field.minimum !== undefined && n < field.minimum) return { ok: false, message: `Must be at least ${field.minimum}.` };
  if (field.maximum !== undefined && n > field.maximum) return { ok: false, message: `Must be at most ${field.maximum}.` };
  return { ok: true, value: n === 0 ? 0 : n }; // -0 would be sent as 0 anyway; keep it plain
}

function checkChoice(field: ChoiceField, v: unknown): Checked<string> {
  if (typeof v === 'string' && field.options.some(o => o.value === v)) return { ok: true, value: v };
  return { ok: false, message: `Must be one of ${field.options.map(o => show(o.value)).join(', ')} (got ${show(v)}).` };
}

function checkMulti(field: MultiField, v: unknown): Checked<readonly string[]> {
  if (!Array.isArray(v)) return { ok: false, message: `Expected a list of choices, got ${typeName(v)}.` };
  const seen = new Set<string>();
  for (const item of v as unknown[]) {
    if (typeof item !== 'string' || !field.options.some(o => o.value === item)) {
      return { ok: false, message: `${show(item)} is not a choice; choose from ${field.options.map(o => show(o.value)).join(', ')}.` };
    }
    if (seen.has(item)) return { ok: false, message: `${show(item)} is chosen twice.` };
    seen.add(item);
  }
  if (field.minItems !== undefined && v.length < field.minItems) return { ok: false, message: `Choose at least ${field.minItems}.` };
  if (field.maxItems !== undefined && v.length > field.maxItems) return { ok: false, message: `Choose at most ${field.maxItems}.` };
  return { ok: true, value: [...(v as string[])] };
}

/**
 * Checks a value that arrives as JSON (scripted answers, a schema `default`) against a field. No coercion: the
 * string "42" is not a number. Returns a copy for lists.
 */
export function checkValue(field: Field, value: unknown): Checked<Value> {
  switch (field.kind) {
    case 'text':
      return typeof value === 'string' ? checkText(field, value) : { ok: false, message: `Expected text, got ${typeName(value)}.` };
    case 'number':
      return typeof value === 'number' ? checkNumber(field, value) : { ok: false, message: `Expected a number, got ${typeName(value)}.` };
    case 'boolean':
      return typeof value === 'boolean' ? { ok: true, value } : { ok: false, message: `Expected true or false, got ${typeName(value)}.` };
    case 'choice':
      return checkChoice(field, value);
    case 'multi':
      return checkMulti(field, value);
  }
}

/** Narrowing helpers for callers that render by kind. */
export const isTextual = (f: Field): f is TextField | NumberField => f.kind === 'text' || f.kind === 'number';
export const isPick = (f: Field): f is BooleanField | ChoiceField => f.kind === 'boolean' || f.kind === 'choice';

/**
 * Checks a whole `content` object (what would go in `{ action: "accept", content }`) against the form: an object,
 * every required field present, no keys the schema does not define, each value valid. One problem per line,
 * naming the key; an empty list means it can be sent. `undefined` values count as absent.
 */
export function checkContent(form: Form, content: unknown): string[] {
  if (typeof content !== 'object' || content === null || Array.isArray(content)) return [`content must be an object, got ${typeName(content)}`];
  const problems: string[] = [];
  const known = new Set(form.fields.map(f => f.key));
  for (const key of Object.keys(content)) {
    if (!known.has(key) && own(content, key) !== undefined) {
      problems.push(`"${key}" is not in the requested schema (expected ${form.fields.length ? form.fields.map(f => `"${f.key}"`).join(', ') : 'no fields'})`);
    }
  }
  for (const field of form.fields) {
    const v = own(content, field.key);
    if (v === undefined) {
      if (field.required) problems.push(`"${field.key}" is required`);
      continue;
    }
    const r = checkValue(field, v);
    if (!r.ok) problems.push(`"${field.key}": ${r.message}`);
  }
  return problems;
}

/** The answer for a field, if any (own property, not undefined). */
export function answerOf(answers: Answers, key: string): Value | undefined {
  return own(answers, key) as Value | undefined;
}
