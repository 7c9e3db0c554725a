// Arguments for a tool nobody described to us: each required property gets its schema default or a
// plain value of its type (the conformance client calls every tool it is offered this way).
import { argumentFields, ArgField } from '../core/arguments/schema';

const textFor: Record<string, string> = { email: 'user@example.com', uri: 'https://example.com', date: '2025-01-01', 'date-time': '2025-01-01T00:00:00Z' };

function example(f: ArgField): unknown {
  if (f.default !== undefined) return f.default;
  switch (f.kind) {
    case 'text': return f.format ? textFor[f.format] : 'x'.repeat(Math.max(7, f.minLength ?? 0)).replace(/^x{7}/, 'example').slice(0, f.maxLength ?? Infinity);
    case 'number': return f.minimum ?? (f.maximum !== undefined ? Math.min(f.maximum, 1) : 1);
    case 'boolean': return true;
    case 'choice': return f.options[0]?.value;
    case 'multi': return f.options.slice(0, Math.max(1, f.minItems ?? 1)).map(o => o.value);
    case 'json': {
      const t = f.schema.type;
      return t === 'array' ? [] : t === 'null' ? null : t === 'string' ? 'example' : {};
    }
  }
}

export function exampleArguments(inputSchema: unknown): Record<string, unknown> {
  return Object.fromEntries(argumentFields(inputSchema).filter(f => f.required || f.default !== undefined).map(f => [f.key, example(f)]));
}
