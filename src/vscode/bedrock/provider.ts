// Amazon Bedrock models as VS Code language models (vendor "agentcore-bedrock"): people without another
// model provider can answer MCP sampling requests with their AWS account, and agentcoreMcp.sampling.model
// can name such a model like any other. The models come from the setting agentcoreMcp.bedrock (its
// "models", or the account's when that is empty). Registering costs nothing: the engine and the Bedrock
// SDK load on the first listing or request, and an unset setting offers no models and calls nothing.
import * as vscode from 'vscode';
import type { BedrockModel } from '../../core/bedrock/models';
import type { BedrockOptions } from '../../core/bedrock/client';
import type { ChatMessage, ChatPart } from '../../core/sampling/request';
import { askMfaCode } from '../connections/host';
import { engine } from '../engine';
import type { Logs } from '../logs';
import { type BedrockSetting, readBedrockSetting } from '../settings';

export const BEDROCK_VENDOR = 'agentcore-bedrock';
/** The log channel: "AgentCore MCP: Amazon Bedrock". */
const LOG = 'Amazon Bedrock';

/**
 * Whether a model id names one that takes images, for models listed in the setting (listing knows from
 * the input modalities): Claude 3 and later, Nova Lite/Pro/Premier, Llama 3.2 11B/90B and Llama 4, Pixtral.
 */
const TAKES_IMAGES = /anthropic\.claude-(?!instant|v2)|amazon\.nova-(lite|pro|premier)|meta\.llama3-2-(11|90)b|meta\.llama4|pixtral/;

/** Bedrock does not say a model's context window; these are what VS Code shows and budgets with. */
const MAX_INPUT_TOKENS = 128_000;
const MAX_OUTPUT_TOKENS = 4_096;

/** A failed listing is not retried for this long: VS Code asks for the models on every selectChatModels(). */
const RETRY_LISTING_MS = 60_000;

function information(m: Pick<BedrockModel, 'id' | 'name' | 'family' | 'images'>, region: string | undefined): vscode.LanguageModelChatInformation {
  return {
    id: m.id, name: m.name, family: m.family, version: '', detail: `Amazon Bedrock${region ? ` · ${region}` : ''}`,
    tooltip: `${m.id} through Amazon Bedrock ConverseStream${region ? ` in ${region}` : ''}`,
    maxInputTokens: MAX_INPUT_TOKENS, maxOutputTokens: MAX_OUTPUT_TOKENS, capabilities: { imageInput: m.images, toolCalling: false },
  };
}

/** Text parts as text, image data parts as images; tool parts and other data carry nothing Converse is asked for here. */
function toChat(m: vscode.LanguageModelChatRequestMessage): ChatMessage {
  const parts: ChatPart[] = [];
  for (const p of m.content) {
    if (p instanceof vscode.LanguageModelTextPart) parts.push({ type: 'text', text: p.value });
    else if (p instanceof vscode.LanguageModelDataPart && p.mimeType.startsWith('image/')) parts.push({ type: 'image', mime: p.mimeType, data: p.data });
  }
  return { role: m.role === vscode.LanguageModelChatMessageRole.Assistant ? 'assistant' : 'user', parts };
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const strings = (v: unknown) => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : undefined);
const textOf = (e: unknown) => { const x = e as { message?: string; nextStep?: string }; return `${x.message ?? String(e)}${x.nextStep ? ` ${x.nextStep}` : ''}`; };

export class BedrockChatProvider implements vscode.LanguageModelChatProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;
  private listing?: { key: string; models: Promise<BedrockModel[]>; failedAt?: number };

  constructor(private readonly logs: Logs) {}

  /** The setting changed: forget the account's models and let VS Code ask again. */
  refresh(): void {
    this.listing = undefined;
    this.changed.fire();
  }

  dispose(): void { this.changed.dispose(); }

  async provideLanguageModelChatInformation(options: vscode.PrepareLanguageModelChatModelOptions): Promise<vscode.LanguageModelChatInformation[]> {
    const s = readBedrockSetting();
    if (!s.configured) return [];
    if (s.models.length) return s.models.map(id => information({ id, name: id, family: id, images: TAKES_IMAGES.test(id) }, s.region));
    try {
      const o = await this.options(s, !options.silent);
      return (await this.listed(s, o)).map(m => information(m, o.region));
    } catch (e) {
      this.logs.write(LOG, 'warn', `Listing the Bedrock models failed: ${textOf(e)}`);
      if (!options.silent) void vscode.window.showWarningMessage(`Amazon Bedrock models could not be listed: ${textOf(e)}`);
      return [];
    }
  }

  /** The account's models for these options, listed once (a failure is kept for a minute, then tried again). */
  private listed(s: BedrockSetting, o: BedrockOptions): Promise<BedrockModel[]> {
    const key = JSON.stringify([s.profile, o.region, o.endpoint]);
    const l = this.listing;
    if (l && l.key === key && (l.failedAt === undefined || Date.now() - l.failedAt < RETRY_LISTING_MS)) return l.models;
    const entry: NonNullable<typeof this.listing> = { key, models: engine().bedrock.listBedrockModels(o) };
    entry.models.then(ms => this.logs.write(LOG, 'info', `${ms.length} Bedrock model(s) in ${o.region}: ${ms.map(m => m.id).join(', ')}`), () => { entry.failedAt = Date.now(); });
    this.listing = entry;
    return entry.models;
  }

  private async options(s: BedrockSetting, interactive: boolean): Promise<BedrockOptions> {
    const b = engine().bedrock;
    const region = await b.bedrockRegion(s.region, s.profile);
    if (!region) throw new Error('Amazon Bedrock needs a region: set "region" in the setting agentcoreMcp.bedrock, or AWS_REGION, or a region in the profile\'s config.');
    const endpoint = b.bedrockEndpoint(s.endpoint);
    return {
      region, ...(s.profile ? { profile: s.profile } : {}), ...(endpoint ? { endpoint } : {}),
      ...(interactive ? { mfaCode: (serial: string) => askMfaCode('Amazon Bedrock', serial) } : {}),
    };
  }

  /**
   * Streams the model's text. modelOptions read: max_tokens (or maxTokens), temperature, top_p, stop —
   * the keys the sampling handler and OpenAI-style callers send. A failure is thrown with its next step
   * in the message, as only the message crosses to the caller.
   */
  async provideLanguageModelChatResponse(model: vscode.LanguageModelChatInformation, messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions, progress: vscode.Progress<vscode.LanguageModelResponsePart>, token: vscode.CancellationToken): Promise<void> {
    const mo = options.modelOptions ?? {};
    const maxTokens = num(mo.max_tokens) ?? num(mo.maxTokens), temperature = num(mo.temperature), topP = num(mo.top_p), stop = strings(mo.stop);
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      const o = await this.options(readBedrockSetting(), true);
      this.logs.write(LOG, 'info', `asking ${model.id} in ${o.region} (${messages.length} message(s)${maxTokens ? `, maxTokens ${maxTokens}` : ''})`);
      const a = await engine().bedrock.converse(o, model.id, {
        messages: messages.map(toChat), ...(maxTokens ? { maxTokens } : {}), ...(temperature !== undefined ? { temperature } : {}),
        ...(topP !== undefined ? { topP } : {}), ...(stop ? { stopSequences: stop } : {}),
      }, { signal: abort.signal, onText: t => progress.report(new vscode.LanguageModelTextPart(t)), onNotes: ns => { for (const n of ns) this.logs.write(LOG, 'info', n); } });
      this.logs.write(LOG, 'info', `${model.id} answered with ${a.text.length} characters (${a.stopReason ?? 'no stop reason'}${a.usage ? `, ${a.usage.inputTokens ?? '?'} tokens in, ${a.usage.outputTokens ?? '?'} out` : ''})`);
    } catch (e) {
      if (token.isCancellationRequested) return;
      this.logs.write(LOG, 'error', textOf(e));
      throw new Error(textOf(e));
    } finally {
      sub.dispose();
    }
  }

  /** About 4 characters per token: Bedrock has no token-counting call for every model. */
  provideTokenCount(_model: vscode.LanguageModelChatInformation, text: string | vscode.LanguageModelChatRequestMessage): Promise<number> {
    const s = typeof text === 'string' ? text : text.content.map(p => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
    return Promise.resolve(Math.ceil(s.length / 4));
  }
}
