// Defaults. The spec: "All primitive types support optional default values to provide sensible starting points.
// Clients that support defaults SHOULD pre-populate form fields with these values" (2025-11-25
// client/elicitation, Requested Schema). The TypeScript SDK adds a client capability for the other half,
// `elicitation: { form: { applyDefaults: true } }`: the client fills omitted fields from their defaults before
// answering (see `applyElicitationDefaults` in the SDK's client/index.js). Both are here, for every front end.
import { Answers, BooleanField, ChoiceField, Form, MultiField, NumberField, TextField, Value } from './model';
import { answerOf } from './validate';

/**
 * Returns answers where every field that was not answered (missing or undefined) and has a default gets that
 * default — optional and required fields alike, as the SDK's `applyDefaults` does. Fields that were answered,
 * including on purpose with a value equal to or different from the default, are kept. Only the form's own keys
 * are copied; the input is not changed.
 */
export function applyDefaults(form: Form, answers: Answers): Record<string, Value> {
  const out: [string, Value][] = [];
  for (const f of form.fields) {
    const v = answerOf(answers, f.key) ?? f.default;
    if (v !== undefined) out.push([f.key, Array.isArray(v) ? [...(v as string[])] : (v as Value)]);
  }
  return Object.fromEntries(out); // fromEntries defines own properties: a "__proto__" key stays data
}

/** Which fields `applyDefaults` would fill: not answered, with a default. For the review step's "(default)". */
export function defaultedKeys(form: Form, answers: Answers): string[] {
  return form.fields.filter(f => answerOf(answers, f.key) === undefined && f.default !== undefined).map(f => f.key);
}

/**
 * The text to pre-fill an input box with: the current answer (when coming Back to a step), else the default,
 * else empty. Numbers use JavaScript's shortest round-trip form, which `checkInput` reads back unchanged.
 */
export function initialText(field: TextField | NumberField, answers: Answers = {}): string {
  const v = answerOf(answers, field.key) ?? field.default;
  return v === undefined ? '' : String(v);
}

/** The option (or Yes/No) to pre-select in a single pick: the current answer, else the default, else none. */
export function initialChoice(field: ChoiceField, answers?: Answers): string | undefined;
export function initialChoice(field: BooleanField, answers?: Answers): boolean | undefined;
export function initialChoice(field: ChoiceField | BooleanField, answers: Answers = {}): string | boolean | undefined {
  const v = answerOf(answers, field.key) ?? field.default;
  return typeof v === 'string' || typeof v === 'boolean' ? v : undefined;
}

/** The options to pre-select in a multi pick: the current answer, else the default, else none. */
export function initialSelection(field: MultiField, answers: Answers = {}): string[] {
  const v = answerOf(answers, field.key) ?? field.default;
  return Array.isArray(v) ? [...(v as string[])] : [];
}
