// The form model that an `elicitation/create` request in form mode turns into. Plain data (JSON-serialisable),
// rendered by the VS Code layer as quick picks / input boxes and used by the scripted-answers engine and the CLI.
// Spec: https://modelcontextprotocol.io/specification/2025-11-25/client/elicitation#requested-schema

/** String formats the spec allows ("Supported formats: email, uri, date, date-time"). */
export type TextFormat = 'email' | 'uri' | 'date' | 'date-time';
export const textFormats: readonly TextFormat[] = ['email', 'uri', 'date', 'date-time'];

interface FieldBase {
  /** The property name in `requestedSchema.properties`, and the key in the result's `content`. */
  readonly key: string;
  /** `title` from the schema, or the key when there is none. */
  readonly title: string;
  readonly description?: string;
  /** Listed in `requestedSchema.required`. */
  readonly required: boolean;
}

/** String Schema. Lengths count Unicode code points (see formats.ts). `pattern` is an ECMA-262 regex source. */
export interface TextField extends FieldBase {
  readonly kind: 'text';
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: TextFormat;
  readonly default?: string;
}

/** Number Schema: `type: "number"` or `"integer"`; `minimum`/`maximum` are inclusive. */
export interface NumberField extends FieldBase {
  readonly kind: 'number';
  readonly integer: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly default?: number;
}

export interface BooleanField extends FieldBase {
  readonly kind: 'boolean';
  readonly default?: boolean;
}

/** One choice: `value` goes on the wire, `label` is shown (the option's title, or the value when untitled). */
export interface Option {
  readonly value: string;
  readonly label: string;
}

/** Single-select enum: plain `enum`, titled `oneOf: [{const, title}]`, or legacy `enum` + `enumNames`. */
export interface ChoiceField extends FieldBase {
  readonly kind: 'choice';
  readonly options: readonly Option[];
  readonly default?: string;
}

/** Multi-select enum: `type: "array"` with `items.enum` or `items.anyOf: [{const, title}]`. */
export interface MultiField extends FieldBase {
  readonly kind: 'multi';
  readonly options: readonly Option[];
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly default?: readonly string[];
}

export type Field = TextField | NumberField | BooleanField | ChoiceField | MultiField;
export type FieldKind = Field['kind'];

export interface Form {
  readonly message: string;
  /** In the order of `requestedSchema.properties`. */
  readonly fields: readonly Field[];
  /**
   * Schema keywords that were ignored because they are not part of the spec's restricted subset and do not
   * constrain the answer (e.g. `additionalProperties`, `examples`, vendor keys). One line each, naming where.
   * Shown to server developers as a hint; never a reason to refuse the form.
   */
  readonly ignored: readonly string[];
}

/** A value as it appears in `ElicitResult.content` (the spec allows string, number, boolean, string[]). */
export type Value = string | number | boolean | readonly string[];

/**
 * What a person (or a script) has answered so far, by field key. A missing key or `undefined` means "not
 * answered / skipped". Only own properties are read, so a property named `__proto__` is safe.
 */
export type Answers = Readonly<Record<string, Value | undefined>>;

export type BuildResult = { readonly ok: true; readonly form: Form } | { readonly ok: false; readonly reason: string };
