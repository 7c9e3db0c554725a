// Scripted answers to the server's elicitation and sampling requests, as the `elicit` / `sample` pair
// of a ConnectionHost: the command line's `call --answers`, scenario runs and VS Code's Test Explorer
// all answer through this. Each request takes the first unused entry whose `match` fits, from the
// current step's answers first, then the scenario's (a step can override the scenario's defaults).
// Everything asked and answered is recorded; a request nothing answers is refused to the server and
// recorded as a problem naming it, so the run fails saying what to add.
import { ProtocolError } from '@modelcontextprotocol/client';
import type { CreateMessageResult, ElicitResult } from '@modelcontextprotocol/client';
import type { ElicitParams, RequestContext, SamplingParams } from '../connections/host';
import { acceptResult, acceptUrlResult, cancelResult, declineResult, parseElicitRequest } from '../elicitation';
import type { Form } from '../elicitation';
import { checkParams, toResult } from '../sampling';
import type { ElicitationAnswer, SamplingAnswer, ScriptedAnswerSet } from './format';

export type Sampler = (params: SamplingParams, ctx: RequestContext) => Promise<CreateMessageResult>;

export interface ElicitationSeen {
  /** Order among all requests of the run (elicitation and sampling alike). */
  readonly seq: number;
  readonly mode: 'form' | 'url';
  readonly message: string;
  readonly url?: string;
  readonly elicitationId?: string;
  /** What was sent back, when something was. */
  readonly result?: ElicitResult;
  /** Which entry answered, e.g. `answers.elicitation[1]` or `steps[0].answers.elicitation[0]`. */
  readonly answeredBy?: string;
  readonly problem?: string;
  readonly step?: string;
}

export interface SamplingSeen {
  readonly seq: number;
  /** The text of the last user message. */
  readonly prompt: string;
  readonly reply?: string;
  readonly answeredBy?: string;
  readonly problem?: string;
  readonly step?: string;
}

export type AnswerEvent = { readonly kind: 'elicitation'; readonly seen: ElicitationSeen } | { readonly kind: 'sampling'; readonly seen: SamplingSeen };

export interface ScriptedAnswersOptions {
  /** Answers for the whole run. */
  readonly answers?: ScriptedAnswerSet;
  /** Where `answers` came from, for messages (default "answers"). */
  readonly source?: string;
  /** Answers sampling when the answers say "live" (VS Code plugs in a vscode.lm sampler). */
  readonly liveSampler?: Sampler;
  /**
   * Requests no scripted reply matches go to liveSampler too, as if the answers said "live"
   * (agentcore-mcp call --sampling bedrock:…): scripted replies still win when one matches.
   */
  readonly liveByDefault?: boolean;
  /** Who answers live, for the record (default "a language model (live)"). */
  readonly liveName?: string;
  /** The advice given when nothing answers a request, e.g. "Pass --answers <file>". */
  readonly missingAdvice?: string;
  readonly onEvent?: (e: AnswerEvent) => void;
}

interface Candidate<T> { readonly entry: T; readonly where: string }

const firstLine = (s: string) => { const l = s.trim().split('\n', 1)[0]; return l.length > 80 ? `${l.slice(0, 77)}...` : l; };

/** The text of the last user message of a sampling request (what `match` is tested against). */
export function lastUserText(params: SamplingParams): string {
  const user = [...(params.messages ?? [])].reverse().find(m => m.role === 'user');
  const blocks = user ? (Array.isArray(user.content) ? user.content : [user.content]) : [];
  return blocks.map(b => (b && b.type === 'text' ? b.text : '')).filter(Boolean).join(' ');
}

/** A content object with every field, to show in "add an answer like …" advice. */
function exampleContent(form: Form): Record<string, unknown> {
  return Object.fromEntries(form.fields.map(f => [f.key,
    f.kind === 'text' ? '…' : f.kind === 'number' ? f.minimum ?? 1 : f.kind === 'boolean' ? true : f.kind === 'choice' ? f.options[0]?.value : f.options.slice(0, 1).map(o => o.value)]));
}

/** Whether an entry's `match` fits; a pattern that does not compile (only possible from code, files are checked) fits nothing. */
function fits(pattern: string | undefined, text: string): boolean {
  if (pattern === undefined) return true;
  try { return new RegExp(pattern).test(text); } catch { return false; }
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A `match` to suggest: the start of the first line, as a regular expression. */
const suggest = (s: string) => escapeRegex(s.trim().split('\n', 1)[0].slice(0, 60).trimEnd());

export class ScriptedAnswers {
  readonly elicitationModes = { form: true, url: true } as const;
  readonly elicitations: ElicitationSeen[] = [];
  readonly samplings: SamplingSeen[] = [];
  private readonly used = new Set<object>();
  private step?: { label: string; answers?: ScriptedAnswerSet; where: string };
  private seq = 0;

  constructor(private readonly o: ScriptedAnswersOptions = {}) {}

  /** Requests from now on try `answers` (from `where`, e.g. "steps[2].answers") before the run's own. */
  beginStep(label: string, answers?: ScriptedAnswerSet, where = 'the step\'s answers'): void {
    this.step = { label, where, ...(answers ? { answers } : {}) };
  }

  endStep(): void { this.step = undefined; }

  /** Every problem recorded so far (unanswered requests, answers that do not fit), in order. */
  get problems(): string[] {
    return [...this.elicitations, ...this.samplings].sort((a, b) => a.seq - b.seq).map(s => s.problem).filter((p): p is string => p !== undefined);
  }

  private candidates<T>(pick: (a: ScriptedAnswerSet) => readonly T[] | 'live' | undefined, key: string): Array<Candidate<T>> {
    const out: Array<Candidate<T>> = [];
    const add = (set: ScriptedAnswerSet | undefined, where: string) => {
      const list = set ? pick(set) : undefined;
      if (Array.isArray(list)) list.forEach((entry: T, i) => out.push({ entry, where: `${where}.${key}[${i}]` }));
    };
    add(this.step?.answers, this.step?.where ?? '');
    add(this.o.answers, this.o.source ?? 'answers');
    return out;
  }

  private take<T extends { match?: string; repeat?: boolean }>(list: Array<Candidate<T>>, text: string): Candidate<T> | undefined {
    const found = list.find(c => (c.entry.repeat || !this.used.has(c.entry)) && fits(c.entry.match, text));
    if (found && !found.entry.repeat) this.used.add(found.entry);
    return found;
  }

  private record(seen: ElicitationSeen): void {
    this.elicitations.push(seen);
    this.o.onEvent?.({ kind: 'elicitation', seen });
  }

  private where(): string { return this.step ? ` during step "${this.step.label}"` : ''; }

  private refuse(seen: ElicitationSeen, problem: string, code = -32603): never {
    this.record({ ...seen, problem, ...(this.step ? { step: this.step.label } : {}) });
    throw new ProtocolError(code, problem);
  }

  readonly elicit = async (params: ElicitParams, ctx: RequestContext): Promise<ElicitResult> => {
    const parsed = parseElicitRequest(params);
    const message = parsed.ok ? (parsed.mode === 'form' ? parsed.form.message : parsed.message) : String((params as { message?: unknown }).message ?? '');
    const base: ElicitationSeen = {
      seq: ++this.seq, mode: parsed.mode === 'url' ? 'url' : 'form', message,
      ...(parsed.ok && parsed.mode === 'url' ? { url: parsed.link.url, elicitationId: parsed.elicitationId } : {}),
      ...(this.step ? { step: this.step.label } : {}),
    };
    // -32602 as the spec asks for an unknown mode; the same for a form this client cannot render.
    if (!parsed.ok) this.refuse(base, `The server sent an elicitation request this client cannot use${this.where()}: ${parsed.reason}.`, -32602);
    if (ctx.signal.aborted) return cancelResult();
    const c = this.take(this.candidates<ElicitationAnswer>(a => a.elicitation, 'elicitation'), message);
    if (!c) {
      const example = { match: suggest(message), action: 'accept', ...(parsed.mode === 'form' && parsed.form.fields.length ? { content: exampleContent(parsed.form) } : {}) };
      this.refuse(base, `Nothing answers the ${base.mode === 'url' ? 'URL ' : ''}elicitation "${firstLine(message)}"${this.where()}. ${this.o.missingAdvice ?? 'Add an answer to "answers.elicitation"'}, e.g. ${JSON.stringify(example)}.`);
    }
    const result = this.answer(parsed.mode === 'form' ? parsed.form : undefined, c.entry, c.where, base);
    this.record({ ...base, result, answeredBy: c.where });
    return result;
  };

  private answer(form: Form | undefined, entry: ElicitationAnswer, where: string, seen: ElicitationSeen): ElicitResult {
    if (entry.action === 'decline') return declineResult();
    if (entry.action === 'cancel') return cancelResult();
    if (!form) {
      if (entry.content !== undefined) this.refuse(seen, `The scripted answer ${where} gives "content" for the URL elicitation "${firstLine(seen.message)}", but URL-mode answers carry none (the person enters data on the site).`);
      return acceptUrlResult(); // consent only: nothing is opened here
    }
    const r = acceptResult(form, (entry.content ?? {}) as Record<string, never>, { applyDefaults: true });
    if (!r.ok) this.refuse(seen, `The scripted answer ${where} for "${firstLine(seen.message)}" does not fit the requested schema: ${r.problems.join('; ')}.`);
    return r.result;
  }

  /**
   * Answers a URL elicitation a tool call asked for with a -32042 error (no request came: the error
   * listed it). Returns the action, or undefined when nothing answers it (recorded as a problem).
   */
  answerRequired(el: { message: string; url: string; elicitationId: string }): ElicitResult['action'] | undefined {
    const base: ElicitationSeen = { seq: ++this.seq, mode: 'url', message: el.message, url: el.url, elicitationId: el.elicitationId, ...(this.step ? { step: this.step.label } : {}) };
    const c = this.take(this.candidates<ElicitationAnswer>(a => a.elicitation, 'elicitation'), el.message);
    if (!c) {
      this.record({ ...base, problem: `Nothing answers the URL elicitation "${firstLine(el.message)}" (${el.url}) the tool requires (error -32042)${this.where()}. ${this.o.missingAdvice ?? 'Add an answer to "answers.elicitation"'}, e.g. ${JSON.stringify({ match: suggest(el.message), action: 'accept' })}.` });
      return undefined;
    }
    if (c.entry.content !== undefined) {
      this.record({ ...base, answeredBy: c.where, problem: `The scripted answer ${c.where} gives "content" for the URL elicitation "${firstLine(el.message)}", but URL-mode answers carry none.` });
      return undefined;
    }
    this.record({ ...base, result: { action: c.entry.action }, answeredBy: c.where });
    return c.entry.action;
  }

  readonly sample = async (params: SamplingParams, ctx: RequestContext): Promise<CreateMessageResult> => {
    const prompt = lastUserText(params);
    const base: SamplingSeen = { seq: ++this.seq, prompt, ...(this.step ? { step: this.step.label } : {}) };
    const fail: (problem: string, code?: number) => never = (problem, code = -32603) => {
      this.recordSampling({ ...base, problem });
      throw new ProtocolError(code, problem);
    };
    const checked = checkParams(params);
    if (!checked.ok) fail(`${checked.message}${this.where()}.`, checked.code);
    const c = this.take(this.candidates<SamplingAnswer>(a => a.sampling, 'sampling'), prompt);
    if (c) {
      this.recordSampling({ ...base, reply: c.entry.reply, answeredBy: c.where });
      return toResult(c.entry.reply, c.entry.model ?? 'scripted', c.entry.stopReason ?? 'endTurn');
    }
    if (this.step?.answers?.sampling === 'live' || this.o.answers?.sampling === 'live' || (this.o.liveByDefault && this.o.liveSampler)) {
      if (!this.o.liveSampler) fail(`The sampling request "${firstLine(prompt)}"${this.where()} is to be answered live, by a language model, and only VS Code has one. Give scripted replies instead: "sampling": [{"match": "…", "reply": "…"}], or on the command line --sampling bedrock:<model id>.`);
      let result: CreateMessageResult;
      try {
        result = await this.o.liveSampler(params, ctx);
      } catch (e) {
        // The model's failure is the run's problem too, explained (an ExplainedError's next step kept).
        if (e instanceof ProtocolError || ctx.signal.aborted) throw e;
        const x = e as { message?: string; nextStep?: string };
        fail(`${this.o.liveName ?? 'The language model'} could not answer the sampling request "${firstLine(prompt)}"${this.where()}: ${x.message ?? String(e)}${x.nextStep ? ` ${x.nextStep}` : ''}`);
      }
      this.recordSampling({ ...base, ...(result.content.type === 'text' ? { reply: result.content.text } : {}), answeredBy: this.o.liveName ?? 'a language model (live)' });
      return result;
    }
    return fail(`Nothing answers the sampling request "${firstLine(prompt)}"${this.where()}. ${this.o.missingAdvice ?? 'Add a reply to "answers.sampling"'}, e.g. ${JSON.stringify({ match: suggest(prompt), reply: '…' })}.`);
  };

  private recordSampling(seen: SamplingSeen): void {
    this.samplings.push(seen);
    this.o.onEvent?.({ kind: 'sampling', seen });
  }
}
