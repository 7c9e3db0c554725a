// Post-processing of the model's streamed text for sampling/createMessage: stop sequences and maxTokens
// enforced on our side (vscode.lm reports no finish reason, and providers may ignore both options),
// and the CreateMessageResult (MCP 2025-11-25 client/sampling § "Creating Messages": `stopReason` is
// "endTurn" | "stopSequence" | "maxTokens", "if known"; the client MAY sample fewer tokens than asked).
import type { CreateMessageResult } from '@modelcontextprotocol/client';
import type { ModelInfo } from './choose';

export type StopReason = 'endTurn' | 'stopSequence' | 'maxTokens';

/**
 * Estimates the tokens in a piece of text, synchronously, while chunks arrive. It must be additive
 * (estimate(a + b) ≈ estimate(a) + estimate(b)) and may return fractions: it is called per chunk and
 * on prefixes of a chunk to find where the limit falls. `model.countTokens` is async, so it serves
 * only the exact check at the end (see SamplingStream.finish).
 */
export type TokenEstimator = (text: string) => number;

/** About 4 characters per token, OpenAI's rule of thumb for English (Copilot's BYOK providers count the same way). */
export const estimateTokensByChars: TokenEstimator = text => text.length / 4;

export interface StreamStep {
  /** Text that is now final: it can no longer turn out to be the start of a stop sequence. */
  readonly delta: string;
  /** The answer has ended (stop sequence or token limit): cancel the model request and call finish(). */
  readonly done: boolean;
}

export interface SamplingOutcome {
  readonly text: string;
  readonly stopReason: StopReason;
  /** Estimated tokens of the text received (including any cut off after a stop sequence). */
  readonly estimatedTokens: number;
}

export interface SamplingStreamOptions {
  readonly maxTokens: number;
  readonly stopSequences?: readonly string[];
  readonly estimateTokens?: TokenEstimator;
}

const isHighSurrogate = (s: string, i: number) => { const c = s.charCodeAt(i); return c >= 0xd800 && c <= 0xdbff; };

/**
 * Fed the model's text chunks as they arrive. Cuts the answer at the earliest stop sequence, even one
 * split across chunks, and at maxTokens by the estimator. Work per chunk is linear in the chunk: only
 * the last (longest stop sequence − 1) characters are held back and searched again.
 */
export class SamplingStream {
  private parts: string[] = [];
  private tail = '';
  private tokens = 0;
  private reason: StopReason | undefined;
  private readonly stops: readonly string[];
  private readonly keep: number;
  private readonly maxTokens: number;
  private readonly estimate: TokenEstimator;

  constructor(opts: SamplingStreamOptions) {
    this.stops = (opts.stopSequences ?? []).filter(s => s !== '');
    this.keep = Math.max(0, ...this.stops.map(s => s.length - 1));
    this.maxTokens = opts.maxTokens;
    const estimate = opts.estimateTokens ?? estimateTokensByChars;
    this.estimate = text => { const n = estimate(text); return Number.isFinite(n) && n > 0 ? n : 0; };
  }

  /** True once a stop sequence or the token limit ended the answer, or finish() was called. */
  get done(): boolean { return this.reason !== undefined; }
  get stopReason(): StopReason | undefined { return this.reason; }
  get estimatedTokens(): number { return this.tokens; }

  /** The answer so far, including text still held back in case it starts a stop sequence. */
  get text(): string {
    if (this.parts.length > 1) this.parts = [this.parts.join('')];
    return (this.parts[0] ?? '') + this.tail;
  }

  push(chunk: string): StreamStep {
    if (this.reason !== undefined || !chunk) return { delta: '', done: this.reason !== undefined };
    let allowed = chunk;
    let cut = false;
    const cost = this.estimate(chunk);
    if (this.tokens + cost > this.maxTokens) {
      allowed = chunk.slice(0, this.fit(chunk, this.maxTokens - this.tokens));
      cut = true;
      this.tokens += this.estimate(allowed);
    } else {
      this.tokens += cost;
    }
    const s = this.tail + allowed;
    const at = this.findStop(s);
    if (at >= 0) return this.end(s.slice(0, at), 'stopSequence');
    if (cut) return this.end(s, 'maxTokens');
    let release = s.length - this.keep;
    if (release > 0 && isHighSurrogate(s, release - 1)) release--; // keep a surrogate pair together
    if (release <= 0) { this.tail = s; return { delta: '', done: false }; }
    const delta = s.slice(0, release);
    this.tail = s.slice(release);
    this.parts.push(delta);
    return { delta, done: false };
  }

  /**
   * Ends the answer when the model stream has ended (or returns the outcome already reached). When
   * the model ended by itself the reason is "endTurn", unless `exactTokens` (e.g. from
   * `model.countTokens(stream.text)`) shows the limit was reached: providers that honour `max_tokens`
   * end the stream there without saying why.
   */
  finish(exactTokens?: number): SamplingOutcome {
    if (this.reason === undefined) {
      this.parts.push(this.tail);
      this.tail = '';
      this.reason = exactTokens !== undefined && exactTokens >= this.maxTokens ? 'maxTokens' : 'endTurn';
    }
    return { text: this.text, stopReason: this.reason, estimatedTokens: this.tokens };
  }

  private end(rest: string, reason: StopReason): StreamStep {
    this.parts.push(rest);
    this.tail = '';
    this.reason = reason;
    return { delta: rest, done: true };
  }

  /** Earliest index of any stop sequence in `s`, or -1. */
  private findStop(s: string): number {
    let best = -1;
    for (const stop of this.stops) {
      const i = s.indexOf(stop);
      if (i >= 0 && (best < 0 || i < best)) best = i;
    }
    return best;
  }

  /** The longest prefix of `chunk` whose estimate fits `budget` (binary search; the estimator is monotonic). */
  private fit(chunk: string, budget: number): number {
    if (budget <= 0) return 0;
    let lo = 0, hi = chunk.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.estimate(chunk.slice(0, mid)) <= budget) lo = mid; else hi = mid - 1;
    }
    return lo > 0 && isHighSurrogate(chunk, lo - 1) ? lo - 1 : lo;
  }
}

/**
 * The model string in results: "vendor/id" (e.g. "copilot/gpt-4o"). VS Code model ids are unique only
 * per vendor, this is the form the setting agentcoreMcp.sampling.model accepts, and a server that looks
 * for "gpt-4o" or "claude" as a substring still finds it.
 */
export function resultModelName(model: ModelInfo): string {
  return `${model.vendor}/${model.id}`;
}

/** The answer to send back. `model` is a ModelInfo (reported as "vendor/id") or a string used as is (scripted answers). */
export function toResult(text: string, model: ModelInfo | string, stopReason?: StopReason | string): CreateMessageResult {
  return {
    role: 'assistant',
    content: { type: 'text', text },
    model: typeof model === 'string' ? model : resultModelName(model),
    ...(stopReason ? { stopReason } : {}),
  };
}
