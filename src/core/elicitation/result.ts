// The three answers to `elicitation/create` (2025-11-25 client/elicitation, Response Actions):
// - accept: the person submitted; `content` holds the data (form mode) and is omitted in URL mode;
// - decline: the person explicitly said no ("Decline", "No");
// - cancel: the person dismissed without choosing (Escape, closed the dialog, focus lost for good).
// Shapes match the SDK's ElicitResultSchema: content is a record of string | number | boolean | string[].
import { Answers, Form, Value } from './model';
import { applyDefaults } from './defaults';
import { answerOf, checkContent } from './validate';

export type ElicitContent = Record<string, string | number | boolean | string[]>;
export type AcceptResult = { action: 'accept'; content: ElicitContent };
export type ElicitAnswer = AcceptResult | { action: 'accept' } | { action: 'decline' } | { action: 'cancel' };

/**
 * Builds `{ action: "accept", content }` from the person's answers: only the form's fields that were answered
 * (and, with `applyDefaults`, the defaults of those that were not), in form order, typed as the schema says
 * (numbers as numbers, booleans as booleans, multi-select as string arrays). The content is checked against the
 * form first, so nothing invalid is ever sent: on a problem you get the list instead of a result.
 */
export function acceptResult(
  form: Form,
  answers: Answers,
  options: { applyDefaults?: boolean } = {},
): { ok: true; result: AcceptResult } | { ok: false; problems: string[] } {
  const entries: [string, Value][] = [];
  const filled = options.applyDefaults ? applyDefaults(form, answers) : answers;
  for (const f of form.fields) {
    const v = answerOf(filled, f.key);
    if (v !== undefined) entries.push([f.key, Array.isArray(v) ? [...(v as string[])] : (v as Value)]);
  }
  const content = Object.fromEntries(entries) as ElicitContent;
  const extra = Object.keys(answers).filter(k => answerOf(answers, k) !== undefined && !form.fields.some(f => f.key === k));
  const problems = [...extra.map(k => `"${k}" is not in the requested schema`), ...checkContent(form, content)];
  return problems.length ? { ok: false, problems } : { ok: true, result: { action: 'accept', content } };
}

/** URL mode: the person consented to open the URL. No content (the data never passes through the client). */
export const acceptUrlResult = (): { action: 'accept' } => ({ action: 'accept' });
export const declineResult = (): { action: 'decline' } => ({ action: 'decline' });
export const cancelResult = (): { action: 'cancel' } => ({ action: 'cancel' });
