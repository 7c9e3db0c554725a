// Turns a call just made into a scenario that repeats it unattended: the connection, the tool and its
// arguments, and the answers given to the server's questions, in the order they were given. Used by
// VS Code's "Save Last Call as Scenario" and `agentcore-mcp call --save`.
import type { CallToolResult, ElicitResult } from '@modelcontextprotocol/client';
import type { ConnectionConfig } from '../connections/config';
import type { ElicitationAnswer, SamplingAnswer, Scenario } from './format';

export interface CallRecord {
  /** A connection name from settings, or the connection itself (saved inline, without secrets). */
  readonly connection: string | ConnectionConfig;
  readonly tool: string;
  readonly args: Readonly<Record<string, unknown>>;
  /** The answers given, oldest first (the shape of VS Code's elicitation history and of ScriptedAnswers records). */
  readonly elicitations?: ReadonlyArray<{ readonly message: string; readonly mode?: 'form' | 'url'; readonly result?: ElicitResult }>;
  readonly samplings?: ReadonlyArray<{ readonly prompt: string; readonly reply?: string }>;
  /** The result, to expect the same isError. */
  readonly result?: CallToolResult;
  /** Text the result must contain when the scenario runs again (chosen by the person from containsCandidates). */
  readonly contains?: string;
  readonly name?: string;
}

/** Lines of the result's text a scenario could check for (`expect.contains`), most telling first: the
 *  distinct non-empty lines, trimmed, up to 80 characters, at most `max`. Ids and times that change from
 *  run to run are the person's to leave out: they pick. */
export function containsCandidates(result: CallToolResult | undefined, max = 6): string[] {
  const lines = (result?.content ?? []).flatMap(b => (b.type === 'text' ? b.text.split(/\r?\n/) : []))
    .map(l => l.trim()).filter(l => l.length > 0).map(l => (l.length > 80 ? l.slice(0, 80) : l));
  return [...new Set(lines)].slice(0, max);
}

export const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The first line of a message as an anchored regular expression: robust to later lines that change (totals, options). */
export const messagePattern = (message: string): string => `^${escapeRegex(message.trim().split('\n', 1)[0].slice(0, 120))}`;

/** A connection as it would be written in settings: defaults and empty members left out, secrets never included. */
export function connectionToSettings(c: ConnectionConfig, keepName = false): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(keepName ? { name: c.name } : {}), type: c.type };
  if (c.type === 'stdio') {
    out.command = c.command;
    if (c.args.length) out.args = [...c.args];
    if (Object.keys(c.env).length) out.env = { ...c.env };
    if (c.cwd) out.cwd = c.cwd;
  } else if (c.type === 'http') {
    out.url = c.url;
    const secret = new Set(c.secretHeaders.map(h => h.toLowerCase()));
    const plain = Object.fromEntries(Object.entries(c.headers).filter(([k]) => !secret.has(k.toLowerCase())));
    if (Object.keys(plain).length) out.headers = plain;
    if (c.secretHeaders.length) out.secretHeaders = [...c.secretHeaders];
    if (c.oauth && Object.keys(c.oauth).length) out.oauth = { ...c.oauth };
  } else {
    out.arn = c.arn;
    if (c.qualifier !== 'DEFAULT') out.qualifier = c.qualifier;
    for (const k of ['region', 'endpoint', 'profile'] as const) if (c[k]) out[k] = c[k];
    if (c.auth !== 'sigv4') out.auth = c.auth;
    if (c.oauth && Object.keys(c.oauth).length) out.oauth = { ...c.oauth };
  }
  return out;
}

export function scenarioFromCall(call: CallRecord): Scenario {
  const elicitation: ElicitationAnswer[] = (call.elicitations ?? []).filter(e => e.result).map(e => {
    const r = e.result!;
    const content = r.action === 'accept' && r.content && Object.keys(r.content).length ? { content: { ...r.content } } : {};
    return { match: messagePattern(e.message), action: r.action, ...content };
  });
  const sampling: SamplingAnswer[] = (call.samplings ?? []).filter(s => s.reply !== undefined)
    .map(s => ({ match: escapeRegex(s.prompt.trim().split('\n', 1)[0].slice(0, 60)), reply: s.reply! }));
  const asked = (call.elicitations ?? []).map(e => messagePattern(e.message));
  return {
    name: call.name ?? `${call.tool}`,
    connection: typeof call.connection === 'string' ? call.connection : connectionToSettings(call.connection),
    steps: [{
      call: call.tool,
      ...(Object.keys(call.args).length ? { arguments: { ...call.args } } : {}),
      ...(elicitation.length || sampling.length ? { answers: { ...(elicitation.length ? { elicitation } : {}), ...(sampling.length ? { sampling } : {}) } } : {}),
      expect: { isError: call.result?.isError === true, ...(call.contains ? { contains: call.contains } : {}), ...(asked.length ? { elicitations: asked } : {}) },
    }],
  };
}

/** The path a scenario is saved to: one `.mcp-scenario.json` at the end, however the name came back from a
 *  save dialog (some add the filter's extension to a name that has it already: "x.mcp-scenario.json.mcp-scenario.json"). */
export function scenarioPath(p: string): string {
  return `${p.replace(/(\.mcp-scenario\.json)+$/i, '').replace(/\.json$/i, '')}.mcp-scenario.json`;
}

/** The file text: 2-space JSON, keys in a readable order, a newline at the end. */
export function scenarioText(s: Scenario, schema?: string): string {
  return `${JSON.stringify({ ...(schema ? { $schema: schema } : {}), ...s }, null, 2)}\n`;
}
