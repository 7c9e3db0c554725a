// Header entry for HTTP connections: "Name: value" lines. Values of headers that carry credentials go to
// secret storage; settings keep only their names (secretHeaders).
export { looksSecret } from '../../core/connections/secretHeaders';

export function parseHeaderLine(line: string): { name: string; value: string } | string {
  const i = line.indexOf(':');
  if (i <= 0) return 'Write it as "Name: value", e.g. "Authorization: Bearer eyJ…".';
  const name = line.slice(0, i).trim();
  const value = line.slice(i + 1).trim();
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) return `"${name}" is not a valid header name.`;
  if (!value) return 'The value is empty.';
  if (/[\r\n]/.test(value)) return 'The value may not contain line breaks.';
  return { name, value };
}
