// agentcore-mcp read <uri> and prompt <name> [--args <json>]: one request, the result on stdout.
import { getPrompt, readResource } from '../../core/operations';
import { connectionOptions, flag, jsonObject, outputOptions, parse, positionals, timeoutMs, UsageError } from '../args';
import { json, promptText, resourceText } from '../output';
import { withSession } from '../session';

export async function readCommand(argv: string[]): Promise<number> {
  const p = parse('read', argv, { ...connectionOptions, ...outputOptions });
  const [uri] = positionals(p, ['uri'], 'read');
  const ms = timeoutMs(p, 'read');
  return withSession(p, 'read', ms ? { timeoutMs: ms } : {}, async ({ connection, print }) => {
    const r = await readResource(connection, uri);
    print.out(flag(p, 'json') ? json(r) : resourceText(r));
    return 0;
  });
}

export async function promptCommand(argv: string[]): Promise<number> {
  const p = parse('prompt', argv, { ...connectionOptions, ...outputOptions, args: { type: 'string' } });
  const [name] = positionals(p, ['name'], 'prompt');
  const args = jsonObject(p, 'args', 'prompt');
  const bad = Object.entries(args).find(([, v]) => typeof v !== 'string');
  if (bad) throw new UsageError(`prompt arguments are strings: "${bad[0]}" is ${JSON.stringify(bad[1])}; write it as ${JSON.stringify(String(JSON.stringify(bad[1])))}.`, 'prompt');
  const ms = timeoutMs(p, 'prompt');
  return withSession(p, 'prompt', ms ? { timeoutMs: ms } : {}, async ({ connection, print }) => {
    const r = await getPrompt(connection, name, args as Record<string, string>);
    print.out(flag(p, 'json') ? json(r) : promptText(r));
    return 0;
  });
}
