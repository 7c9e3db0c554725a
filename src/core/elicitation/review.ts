// The review step and per-field hints. The spec: clients MUST "for form mode, allow users to review and modify
// their responses before sending" (2025-11-25 client/elicitation, User Interaction Model).
import { Answers, Field, Form, Value } from './model';
import { answerOf } from './validate';

export interface ReviewLine {
  readonly key: string;
  readonly title: string;
  /** What to show: "Yes", "Superman", "Guitar, Piano", "42 (default)", "(not given)". */
  readonly display: string;
  /** Where the value comes from: the person, the schema default (applyDefaults), or nowhere (left out). */
  readonly source: 'answer' | 'default' | 'none';
}

/** How a value is shown to a person: booleans as Yes/No, choices by their labels, empty text as "(empty)". */
export function displayValue(field: Field, value: Value): string {
  const label = (v: string): string => ('options' in field ? field.options.find(o => o.value === v)?.label : undefined) ?? v;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.length ? value.map(label).join(', ') : '(none)';
  if (value === '') return '(empty)';
  return typeof value === 'string' ? label(value) : String(value);
}

/**
 * One line per field, in form order, for a final review before accepting. `answers` are what the person gave
 * (before defaults); fields they skipped that have a default are shown with that default, marked "(default)",
 * because `applyDefaults` will send it; skipped fields without a default show "(not given)" and are left out.
 */
export function summarize(form: Form, answers: Answers): ReviewLine[] {
  return form.fields.map(f => {
    const given = answerOf(answers, f.key);
    if (given !== undefined) return { key: f.key, title: f.title, display: displayValue(f, given), source: 'answer' };
    if (f.default !== undefined) return { key: f.key, title: f.title, display: `${displayValue(f, f.default)} (default)`, source: 'default' };
    return { key: f.key, title: f.title, display: f.required ? '(missing)' : '(not given)', source: 'none' };
  });
}

/**
 * A one-line description of what a field accepts, for an input box's prompt or a quick pick's placeholder:
 * "3 to 20 characters, matching ^[A-Z]+$", "whole number from 1 to 100", "choose 1 to 3", "optional".
 */
export function hint(field: Field): string {
  const parts: string[] = [];
  const range = (lo: number | undefined, hi: number | undefined, unit: string): string | undefined => {
    if (lo !== undefined && hi !== undefined) return lo === hi ? `${lo} ${unit}` : `${lo} to ${hi} ${unit}`;
    if (lo !== undefined) return `at least ${lo} ${unit}`;
    if (hi !== undefined) return `at most ${hi} ${unit}`;
    return undefined;
  };
  switch (field.kind) {
    case 'text': {
      const formats = { email: 'an email address', uri: 'an absolute URI', date: 'a date (YYYY-MM-DD)', 'date-time': 'a date and time (2026-05-01T09:30:00Z)' };
      if (field.format) parts.push(formats[field.format]);
      const len = range(field.minLength, field.maxLength, 'characters');
      if (len) parts.push(len);
      if (field.pattern !== undefined) parts.push(`matching ${field.pattern}`);
      break;
    }
    case 'number': {
      const what = field.integer ? 'whole number' : 'number';
      const { minimum: lo, maximum: hi } = field;
      parts.push(lo !== undefined && hi !== undefined ? `${what} from ${lo} to ${hi}` : lo !== undefined ? `${what}, at least ${lo}` : hi !== undefined ? `${what}, at most ${hi}` : what);
      break;
    }
    case 'multi': {
      const n = range(field.minItems, field.maxItems, '');
      parts.push(n ? `choose ${n.trim()}` : 'choose any');
      break;
    }
    default:
      break;
  }
  if (!field.required) parts.push('optional');
  return parts.join(', ');
}
