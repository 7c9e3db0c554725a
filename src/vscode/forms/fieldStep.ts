// Asks for one field as a person would answer it: an input box validated as they type for text,
// numbers and JSON; a quick pick for booleans and single choices; a multi-select for arrays of choices.
// Shared by tool arguments and elicitation forms. Returns undefined when an optional field is skipped.
import * as vscode from 'vscode';
import type { ArgField } from '../../core/arguments/schema';
import type { Field, Value } from '../../core/elicitation/model';
import type { EngineModule } from '../engine';
import { input, pick, pickMany, StepInfo } from '../quickInput';

export type AnyField = Field | ArgField;

const SKIP = '$(circle-slash) Skip';

/**
 * Asks one field. `info.title` is shown as is; `context` (an elicitation's message) leads the prompt,
 * followed by the field's description and what it accepts.
 */
export async function askField(e: EngineModule, f: AnyField, current: unknown, info: StepInfo & { context?: string }): Promise<unknown> {
  const hintText = f.kind === 'json' ? `JSON: ${f.shape}${f.required ? '' : ', optional: leave empty to skip'}` : e.elicitation.hint(f as Field);
  const describe = (_f: AnyField, hint: string) => [info.context, f.description, hint].filter(Boolean).join(' — ');
  const step: StepInfo = info;
  switch (f.kind) {
    case 'text': case 'number': case 'json': {
      const initial = current !== undefined ? (f.kind === 'json' ? JSON.stringify(current) : String(current))
        : f.default !== undefined ? (f.kind === 'json' ? JSON.stringify(f.default) : String(f.default)) : '';
      const parse = (raw: string) => (f.kind === 'json' || 'schema' in f ? e.args.parseTyped(f as ArgField, raw) : e.elicitation.checkInput(f, raw));
      const raw = await input({
        ...step, value: initial, prompt: describe(f, hintText),
        placeholder: f.required ? hintText : `${hintText || 'optional'}: leave empty to skip`,
        validate: v => { const r = parse(v); return r.ok ? (f.required && r.value === undefined ? 'A value is required.' : undefined) : r.message; },
      });
      const r = parse(raw);
      return r.ok ? r.value : undefined;
    }
    case 'boolean': {
      const items: Array<vscode.QuickPickItem & { value: boolean | undefined }> = [
        { label: 'Yes', value: true, ...(f.default === true ? { description: 'default' } : {}) },
        { label: 'No', value: false, ...(f.default === false ? { description: 'default' } : {}) },
        ...(f.required ? [] : [{ label: SKIP, value: undefined }]),
      ];
      const active = items.find(i => i.value === (current ?? f.default));
      return (await pick({ ...step, items, placeholder: describe(f, hintText) || 'Yes or no?', ...(active ? { active } : {}) })).value;
    }
    case 'choice': {
      const items: Array<vscode.QuickPickItem & { value: string | undefined }> = [
        ...f.options.map(o => ({ label: o.label, value: o.value, ...(o.label !== o.value ? { description: o.value } : {}), ...(o.value === f.default ? { detail: 'default' } : {}) })),
        ...(f.required ? [] : [{ label: SKIP, value: undefined }]),
      ];
      const active = items.find(i => i.value !== undefined && i.value === (current ?? f.default));
      return (await pick({ ...step, items, placeholder: describe(f, hintText) || 'Choose one', ...(active ? { active } : {}) })).value;
    }
    case 'multi': {
      const items = f.options.map(o => ({ label: o.label, value: o.value, ...(o.label !== o.value ? { description: o.value } : {}) }));
      const chosen = new Set((Array.isArray(current) ? current : f.default ?? []) as string[]);
      const picked = await pickMany({
        ...step, items, selected: items.filter(i => chosen.has(i.value)),
        placeholder: describe(f, hintText) || 'Choose any',
        validate: sel => {
          if (sel.length === 0 && !f.required) return undefined; // nothing chosen on an optional field: skip it
          const r = e.elicitation.checkValue(f as Field, sel.map(s => s.value));
          return r.ok ? undefined : r.message;
        },
      });
      const values = picked.map(p => p.value);
      return values.length === 0 && !f.required ? undefined : values as Value;
    }
  }
}
