// Answers sampling/createMessage through vscode.lm: a model chosen from the server's hints and
// priorities (then the agentcoreMcp.sampling.model setting, then the person), per-connection consent,
// maxTokens and stopSequences enforced on the streamed text, cancellation either way. Refusals and a
// missing model go back to the server as JSON-RPC errors and are explained to the person.
import type { CreateMessageResult } from '@modelcontextprotocol/client';
import * as vscode from 'vscode';
import type { RequestContext, SamplingParams } from '../../core/connections/host';
import type { ModelInfo } from '../../core/sampling/choose';
import type { ChatMessage } from '../../core/sampling/request';
import { engine } from '../engine';
import { Setting } from '../ids';
import type { Logs } from '../logs';
import { Queue } from '../elicitation/queue';
import { Cancelled, pick } from '../quickInput';
import type { SamplingConsent } from './consent';

export interface SamplingRecord { readonly connection: string; readonly prompt: string; readonly reply?: string; readonly error?: string; readonly time: number }

/**
 * Whether a model takes images. The stable API says so only to providers (`imageInput`); VS Code hands
 * it to consumers as `capabilities.supportsImageToText` (proposal "languageModelCapabilities"), a plain
 * property that is read here when present. Absent means no: the image becomes a placeholder, never an
 * error from a model that cannot see it.
 */
const takesImages = (m: vscode.LanguageModelChat): boolean =>
  (m as { capabilities?: { supportsImageToText?: unknown } }).capabilities?.supportsImageToText === true;

const info = (m: vscode.LanguageModelChat): ModelInfo => ({
  id: m.id, vendor: m.vendor, name: m.name, family: m.family, version: m.version, maxInputTokens: m.maxInputTokens,
  capabilities: { imageInput: takesImages(m) },
});

/**
 * Text parts stay text; image parts (user messages only: the core puts placeholders in assistant
 * messages) go as LanguageModelDataPart, stable since VS Code 1.106.
 */
function toLm(m: ChatMessage): vscode.LanguageModelChatMessage {
  if (m.role === 'assistant') return vscode.LanguageModelChatMessage.Assistant(m.parts.map(p => (p.type === 'text' ? p.text : '')).join(''));
  return vscode.LanguageModelChatMessage.User(m.parts.map(p => (p.type === 'text' ? new vscode.LanguageModelTextPart(p.text) : vscode.LanguageModelDataPart.image(p.data, p.mime))));
}

export class Sampling {
  readonly history: SamplingRecord[] = [];

  constructor(private readonly consent: SamplingConsent, private readonly logs: Logs, private readonly queue: Queue) {}

  /** `identity` names the connection with what it reaches: "always"/"never" answers are bound to it. */
  handler(connection: string, identity: () => string = () => connection): (params: SamplingParams, ctx: RequestContext) => Promise<CreateMessageResult> {
    return async (params, ctx) => {
      const lastUser = [...(params.messages ?? [])].reverse().find(m => m.role === 'user');
      const prompt = lastUser && !Array.isArray(lastUser.content) && lastUser.content.type === 'text' ? lastUser.content.text : '';
      try {
        const result = await this.answer(connection, identity(), params, ctx);
        const c = result.content as { type: string; text?: string };
        this.record({ connection, prompt, time: Date.now(), ...(c.type === 'text' ? { reply: c.text ?? '' } : {}) });
        return result;
      } catch (e) {
        this.record({ connection, prompt, time: Date.now(), error: (e as Error).message });
        throw e;
      }
    };
  }

  private record(r: SamplingRecord): void {
    this.history.push(r);
    if (this.history.length > 100) this.history.shift();
  }

  private fail(connection: string, code: number, message: string, tell: string): never {
    this.logs.write(connection, 'warn', `sampling/createMessage refused: ${message}`);
    void vscode.window.showWarningMessage(tell);
    throw new (engine().McpError)(code, message);
  }

  private async answer(connection: string, identity: string, raw: SamplingParams, ctx: RequestContext): Promise<CreateMessageResult> {
    const e = engine().sampling;
    const checked = e.checkParams(raw);
    if (!checked.ok) return this.fail(connection, checked.code, checked.message, `${connection} sent a sampling request this client cannot answer: ${checked.message}`);
    const params = checked.params;
    const models = await vscode.lm.selectChatModels();
    const setting = vscode.workspace.getConfiguration(Setting.section).get<string>(Setting.samplingModel) || undefined;
    const choice = e.chooseModel(params.modelPreferences, models.map(info), setting, { images: e.carriesImages(params) });
    if (choice.kind === 'none') {
      return this.fail(connection, -32603, 'No language model is available in VS Code to answer sampling/createMessage.',
        `${connection} asked for an LLM reply, but VS Code has no language model. Install or sign in to a model provider (e.g. GitHub Copilot Chat), then try again.`);
    }
    // Consent and the model pick are quick inputs: one at a time with elicitations.
    const model = await this.queue.run(async () => {
      let chosen = choice.kind === 'chosen' ? choice.model : undefined;
      if (!chosen && choice.kind === 'ask') {
        try {
          chosen = (await pick({ title: `${connection} asks for an LLM reply: choose a model`, placeholder: choice.reason, signal: ctx.signal, items: choice.candidates.map(m => ({ label: m.name, description: `${m.vendor}/${m.id}`, m })) })).m;
        } catch (err) {
          if (err instanceof Cancelled) return undefined;
          throw err;
        }
      }
      if (!chosen) return undefined;
      const summary = { ...e.describeRequest(params, connection), whole: () => e.wholeRequest(params) };
      return (await this.consent.ask(connection, identity, summary, chosen.name, ctx.signal)) ? chosen : null;
    });
    if (model === undefined) return this.fail(connection, -1, 'User rejected sampling request: no model was chosen.', `Sampling for ${connection} was not answered: no model was chosen.`);
    if (model === null) {
      return this.fail(connection, -1, 'User rejected sampling request.',
        `You denied ${connection} the use of a language model. "AgentCore MCP: Reset Sampling Permissions" asks again next time.`);
    }
    const lm = models.find(m => m.vendor === model.vendor && m.id === model.id)!;
    const req = e.toChatRequest(params, model);
    if (!req.ok) return this.fail(connection, req.code, req.message, `${connection} sent a sampling request this client cannot answer: ${req.message}`);
    for (const n of req.notes) this.logs.write(connection, 'info', `sampling: ${n}`);
    const messages = req.messages.map(toLm);
    const cts = new vscode.CancellationTokenSource();
    const onAbort = () => cts.cancel();
    ctx.signal.addEventListener('abort', onAbort);
    try {
      this.logs.write(connection, 'info', `sampling: asking ${model.vendor}/${model.id} (maxTokens ${req.maxTokens}${req.stopSequences.length ? `, stop ${JSON.stringify(req.stopSequences)}` : ''})`);
      const response = await lm.sendRequest(messages, { modelOptions: req.modelOptions, justification: `The MCP server "${connection}" asked for an LLM reply (sampling).` }, cts.token);
      const stream = new e.SamplingStream({ maxTokens: req.maxTokens, stopSequences: req.stopSequences });
      for await (const chunk of response.text) {
        if (stream.push(chunk).done) { cts.cancel(); break; }
      }
      if (ctx.signal.aborted) throw new (engine().McpError)(-32800, 'Request cancelled');
      const exact = stream.done ? undefined : await Promise.resolve(lm.countTokens(stream.text)).then(n => n, () => undefined);
      const out = stream.finish(exact);
      this.logs.write(connection, 'info', `sampling: answered with ${out.text.length} characters (${out.stopReason})`);
      return e.toResult(out.text, model, out.stopReason);
    } catch (err) {
      if (err instanceof vscode.LanguageModelError) {
        return this.fail(connection, -32603, `The language model failed: ${err.message} (${err.code})`, `Sampling for ${connection} failed: ${err.message}`);
      }
      // A provider's own failure (e.g. Amazon Bedrock's "request model access…") reaches us as a plain Error.
      if (err instanceof Error && !(err instanceof engine().McpError)) {
        return this.fail(connection, -32603, `The language model failed: ${err.message}`, `Sampling for ${connection} failed: ${err.message}`);
      }
      throw err;
    } finally {
      ctx.signal.removeEventListener('abort', onAbort);
      cts.dispose();
    }
  }
}
