// Checks a parsed scenario (or a bare answers object) and says exactly what is wrong where: every
// problem carries the JSON pointer of the offending value, which load.ts turns into line:column.
// Kept in step with schemas/mcp-scenario.schema.json (a unit test checks both agree on the examples).
import { parseConnection } from '../connections/config';
import { pointerToken } from '../util/jsonc';
import type { ElicitationAnswer, Expectations, SamplingAnswer, Scenario, ScriptedAnswerSet, Step } from './format';

export interface Problem { readonly pointer: string; readonly message: string }

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** "/steps/2/expect/isError" → "steps[2].expect.isError" (how people read a path). */
export function readablePath(pointer: string): string {
  if (pointer === '') return 'the document';
  return pointer.slice(1).split('/').map(t => t.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((out, t) => (/^\d+$/.test(t) ? `${out}[${t}]` : /^[A-Za-z_$][\w$]*$/.test(t) ? `${out}${out ? '.' : ''}${t}` : `${out}[${JSON.stringify(t)}]`), '');
}

class Checker {
  readonly problems: Problem[] = [];
  add(pointer: string, message: string): void { this.problems.push({ pointer, message: `${readablePath(pointer)} ${message}` }); }

  object(v: unknown, p: string, allowed: readonly string[]): v is Obj {
    if (!isObj(v)) { this.add(p, `must be an object, got ${kind(v)}`); return false; }
    for (const k of Object.keys(v)) {
      if (!allowed.includes(k)) this.add(`${p}/${pointerToken(k)}`, `is not a known property here (expected one of ${allowed.join(', ')})`);
    }
    return true;
  }
  string(v: unknown, p: string, { nonEmpty = false } = {}): v is string {
    if (v === undefined) { this.add(p, `is missing (${nonEmpty ? 'a non-empty string' : 'a string'})`); return false; }
    if (typeof v !== 'string' || (nonEmpty && v.trim() === '')) { this.add(p, `must be ${nonEmpty ? 'a non-empty string' : 'a string'}, got ${kind(v)}`); return false; }
    return true;
  }
  regex(v: unknown, p: string): boolean {
    if (!this.string(v, p)) return false;
    try { new RegExp(v); return true; } catch (e) { this.add(p, `is not a valid regular expression: ${(e as Error).message}`); return false; }
  }
  regexList(v: unknown, p: string, single: boolean): void {
    if (single && typeof v === 'string') { this.regex(v, p); return; }
    if (!Array.isArray(v)) { this.add(p, `must be ${single ? 'a string or ' : ''}a list of strings, got ${kind(v)}`); return; }
    v.forEach((x, i) => this.regex(x, `${p}/${i}`));
  }
  bool(v: unknown, p: string): void { if (typeof v !== 'boolean') this.add(p, `must be true or false, got ${kind(v)}`); }
  count(v: unknown, p: string): void { if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) this.add(p, `must be a whole number of 0 or more, got ${kind(v)}`); }
  seconds(v: unknown, p: string): void { if (typeof v !== 'number' || !(v > 0)) this.add(p, `must be a number of seconds above 0, got ${kind(v)}`); }
}

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v)}`;
  return `${typeof v} ${String(v)}`;
}

function checkElicitation(c: Checker, v: unknown, p: string): void {
  if (!c.object(v, p, ['match', 'action', 'content', 'repeat'])) return;
  if (v.match !== undefined) c.regex(v.match, `${p}/match`);
  if (v.action !== 'accept' && v.action !== 'decline' && v.action !== 'cancel') c.add(`${p}/action`, `must be "accept", "decline" or "cancel", got ${kind(v.action)}`);
  if (v.content !== undefined) {
    if (!isObj(v.content)) c.add(`${p}/content`, `must be an object of field values, got ${kind(v.content)}`);
    else if (v.action !== 'accept') c.add(`${p}/content`, `is only sent with "action": "accept" (this answer says ${JSON.stringify(v.action)})`);
  }
  if (v.repeat !== undefined) c.bool(v.repeat, `${p}/repeat`);
}

function checkSampling(c: Checker, v: unknown, p: string): void {
  if (!c.object(v, p, ['match', 'reply', 'model', 'stopReason', 'repeat'])) return;
  if (v.match !== undefined) c.regex(v.match, `${p}/match`);
  c.string(v.reply, `${p}/reply`);
  if (v.model !== undefined) c.string(v.model, `${p}/model`, { nonEmpty: true });
  if (v.stopReason !== undefined) c.string(v.stopReason, `${p}/stopReason`, { nonEmpty: true });
  if (v.repeat !== undefined) c.bool(v.repeat, `${p}/repeat`);
}

function checkAnswerSet(c: Checker, v: unknown, p: string): void {
  if (!c.object(v, p, ['elicitation', 'sampling'])) return;
  if (v.elicitation !== undefined) {
    if (!Array.isArray(v.elicitation)) c.add(`${p}/elicitation`, `must be a list of answers, got ${kind(v.elicitation)}`);
    else v.elicitation.forEach((e, i) => checkElicitation(c, e, `${p}/elicitation/${i}`));
  }
  if (v.sampling !== undefined && v.sampling !== 'live') {
    if (!Array.isArray(v.sampling)) c.add(`${p}/sampling`, `must be a list of replies or "live", got ${kind(v.sampling)}`);
    else v.sampling.forEach((s, i) => checkSampling(c, s, `${p}/sampling/${i}`));
  }
}

function checkExpect(c: Checker, v: unknown, p: string, step: 'call' | 'read' | 'prompt'): void {
  const keys = ['isError', 'contains', 'matches', 'structured', 'progress', 'elicitations', 'sampling', 'error', 'taskStatus'];
  if (!c.object(v, p, keys)) return;
  if (v.isError !== undefined) { c.bool(v.isError, `${p}/isError`); if (step !== 'call') c.add(`${p}/isError`, 'applies to tool calls only'); }
  if (v.contains !== undefined && typeof v.contains !== 'string' && !(Array.isArray(v.contains) && v.contains.every(s => typeof s === 'string'))) c.add(`${p}/contains`, `must be a string or a list of strings, got ${kind(v.contains)}`);
  if (v.matches !== undefined) c.regexList(v.matches, `${p}/matches`, true);
  if (v.taskStatus !== undefined) {
    if (step !== 'call') c.add(`${p}/taskStatus`, 'applies to tool calls only');
    else if (!['completed', 'failed', 'cancelled'].includes(v.taskStatus as string)) c.add(`${p}/taskStatus`, `must be "completed", "failed" or "cancelled", got ${JSON.stringify(v.taskStatus)}`);
  }
  if (v.structured !== undefined) {
    if (step !== 'call') c.add(`${p}/structured`, 'applies to tool calls only (it looks into structuredContent)');
    else if (!isObj(v.structured)) c.add(`${p}/structured`, `must be an object of JSON pointer → expected value, e.g. {"/status": "ok"}, got ${kind(v.structured)}`);
    else for (const k of Object.keys(v.structured)) if (k !== '' && !k.startsWith('/')) c.add(`${p}/structured/${pointerToken(k)}`, `is not a JSON pointer: it must be "" or start with "/" (e.g. "/${k}")`);
  }
  if (v.progress !== undefined) {
    if (typeof v.progress === 'number') c.count(v.progress, `${p}/progress`);
    else if (c.object(v.progress, `${p}/progress`, ['atLeast', 'atMost'])) {
      if (v.progress.atLeast === undefined && v.progress.atMost === undefined) c.add(`${p}/progress`, 'needs "atLeast" or "atMost"');
      if (v.progress.atLeast !== undefined) c.count(v.progress.atLeast, `${p}/progress/atLeast`);
      if (v.progress.atMost !== undefined) c.count(v.progress.atMost, `${p}/progress/atMost`);
    }
  }
  if (v.elicitations !== undefined) c.regexList(v.elicitations, `${p}/elicitations`, false);
  if (v.sampling !== undefined) c.regexList(v.sampling, `${p}/sampling`, false);
  if (v.error !== undefined) c.regex(v.error, `${p}/error`);
}

function checkStep(c: Checker, v: unknown, p: string): void {
  if (!isObj(v)) { c.add(p, `must be an object with "call", "read" or "prompt", got ${kind(v)}`); return; }
  const kinds = (['call', 'read', 'prompt'] as const).filter(k => k in v);
  if (kinds.length !== 1) { c.add(p, kinds.length ? `has ${kinds.map(k => `"${k}"`).join(' and ')}: a step does exactly one thing` : 'needs one of "call" (a tool name), "read" (a resource URI) or "prompt" (a prompt name)'); return; }
  const step = kinds[0];
  const common = ['name', 'expect', 'answers', 'timeout'];
  if (!c.object(v, p, [step, ...(step === 'read' ? [] : ['arguments']), ...(step === 'call' ? ['task'] : []), ...common])) return;
  if (v.task !== undefined) c.bool(v.task, `${p}/task`);
  c.string(v[step], `${p}/${step}`, { nonEmpty: true });
  if (v.name !== undefined) c.string(v.name, `${p}/name`, { nonEmpty: true });
  if (v.arguments !== undefined) {
    if (!isObj(v.arguments)) c.add(`${p}/arguments`, `must be an object, got ${kind(v.arguments)}`);
    else if (step === 'prompt') for (const [k, a] of Object.entries(v.arguments)) if (typeof a !== 'string') c.add(`${p}/arguments/${pointerToken(k)}`, `must be a string (prompt arguments are strings), got ${kind(a)}`);
  }
  if (v.expect !== undefined) checkExpect(c, v.expect, `${p}/expect`, step);
  if (v.answers !== undefined) checkAnswerSet(c, v.answers, `${p}/answers`);
  if (v.timeout !== undefined) c.seconds(v.timeout, `${p}/timeout`);
}

function checkConnection(c: Checker, v: unknown): void {
  if (typeof v === 'string') { if (!v.trim()) c.add('/connection', 'must not be empty'); return; }
  if (!isObj(v)) { c.add('/connection', `must be a connection name from agentcoreMcp.connections, or a connection object like {"type": "stdio", "command": "node", "args": ["server.js"]}; got ${kind(v)}`); return; }
  const r = parseConnection({ name: 'scenario', ...v });
  if ('problem' in r) c.add('/connection', `is not a usable connection: ${r.problem.replace(/^connection "[^"]*": /, '')}`);
}

export function checkScenario(raw: unknown): { ok: true; scenario: Scenario } | { ok: false; problems: Problem[] } {
  const c = new Checker();
  if (c.object(raw, '', ['$schema', 'name', 'description', 'connection', 'answers', 'timeout', 'steps'])) {
    for (const k of ['$schema', 'name', 'description'] as const) if (raw[k] !== undefined) c.string(raw[k], `/${k}`);
    if (raw.connection === undefined) c.add('', 'needs "connection": a connection name from agentcoreMcp.connections, or an inline connection object');
    else checkConnection(c, raw.connection);
    if (raw.answers !== undefined) checkAnswerSet(c, raw.answers, '/answers');
    if (raw.timeout !== undefined) c.seconds(raw.timeout, '/timeout');
    if (!Array.isArray(raw.steps) || raw.steps.length === 0) c.add(raw.steps === undefined ? '' : '/steps', 'needs "steps": a non-empty list of steps');
    else raw.steps.forEach((s, i) => checkStep(c, s, `/steps/${i}`));
  }
  return c.problems.length ? { ok: false, problems: c.problems } : { ok: true, scenario: raw as unknown as Scenario };
}

/** Checks a bare `{ elicitation, sampling }` object (the command line's --answers file). */
export function checkAnswers(raw: unknown): { ok: true; answers: ScriptedAnswerSet } | { ok: false; problems: Problem[] } {
  const c = new Checker();
  checkAnswerSet(c, raw, '');
  return c.problems.length ? { ok: false, problems: c.problems } : { ok: true, answers: raw as ScriptedAnswerSet };
}

export type { ElicitationAnswer, Expectations, SamplingAnswer, Step };
