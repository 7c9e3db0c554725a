// Command-line parsing on node:util's parseArgs (strict: an unknown or misspelt option is an error
// that names it), with the options every command shares and errors that say what to fix.
import { parseArgs } from 'node:util';

/** Bad usage: exit status 2, with the command's usage line. */
export class UsageError extends Error {
  constructor(message: string, readonly command?: string) {
    super(message);
    this.name = 'UsageError';
  }
}

type OptionSpec = { type: 'string' | 'boolean'; multiple?: boolean; short?: string };
export type Options = Record<string, OptionSpec>;

export const connectionOptions: Options = {
  stdio: { type: 'string' },
  url: { type: 'string' },
  header: { type: 'string', multiple: true },
  'secret-env': { type: 'string', multiple: true },
  'agentcore-arn': { type: 'string' },
  runtime: { type: 'string' },
  config: { type: 'string' },
  server: { type: 'string' },
  qualifier: { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  endpoint: { type: 'string' },
  'bearer-token-env': { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret-env': { type: 'string' },
  scope: { type: 'string' },
  username: { type: 'string' },
  'password-env': { type: 'string' },
  connection: { type: 'string' },
  workspace: { type: 'string' },
  protocol: { type: 'string' },
  'max-rounds': { type: 'string' },
};

export const outputOptions: Options = {
  json: { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  quiet: { type: 'boolean', short: 'q' },
  traffic: { type: 'boolean' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export interface Parsed {
  readonly values: Record<string, string | boolean | string[] | undefined>;
  readonly positionals: string[];
}

export function parse(command: string, argv: string[], options: Options): Parsed {
  try {
    const r = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: r.values as Parsed['values'], positionals: r.positionals };
  } catch (e) {
    // parseArgs says e.g. "Unknown option '--urll'" or "Option '--url <value>' argument missing".
    const message = (e as Error).message.replace(/\. To specify a positional argument starting with a '-'.*$/s, '.');
    throw new UsageError(message, command);
  }
}

export const str = (p: Parsed, name: string): string | undefined => {
  const v = p.values[name];
  return typeof v === 'string' ? v : undefined;
};
export const list = (p: Parsed, name: string): string[] => {
  const v = p.values[name];
  return Array.isArray(v) ? v : [];
};
export const flag = (p: Parsed, name: string): boolean => p.values[name] === true;

/** --timeout in seconds, as milliseconds. */
export function timeoutMs(p: Parsed, command: string): number | undefined {
  const raw = str(p, 'timeout');
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--timeout takes a number of seconds above 0, got "${raw}".`, command);
  return n * 1000;
}

/** A JSON object option (--args). */
export function jsonObject(p: Parsed, name: string, command: string): Record<string, unknown> {
  const raw = str(p, name);
  if (raw === undefined) return {};
  let v: unknown;
  try { v = JSON.parse(raw); } catch (e) {
    throw new UsageError(`--${name} is not valid JSON: ${(e as Error).message}. Quote it for the shell, e.g. --${name} '{"message": "hi"}'.`, command);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new UsageError(`--${name} must be a JSON object, e.g. --${name} '{"message": "hi"}'.`, command);
  return v as Record<string, unknown>;
}

/** Exactly `n` positionals, named in the message when missing. */
export function positionals(p: Parsed, names: string[], command: string): string[] {
  if (p.positionals.length < names.length) throw new UsageError(`missing <${names[p.positionals.length]}>.`, command);
  if (p.positionals.length > names.length) throw new UsageError(`unexpected argument "${p.positionals[names.length]}".`, command);
  return p.positionals;
}
