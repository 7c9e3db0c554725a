// The Bedrock stand-in's models and its deterministic replies. A reply echoes what it was asked, so
// tests can see the request arrive whole: "Bedrock stand-in reply to 123 characters." (the characters
// of the system prompt and every text block, plus "and N images"). Its tokens are words (" stand-in"
// is one); maxTokens cuts after that many (max_tokens), a stop sequence inside the reply cuts before it
// (stop_sequence), whichever comes first, as a model generating left to right would.

export interface BedrockModelOptions {
  /** A foundation model id, e.g. anthropic.claude-3-haiku-20240307-v1:0. */
  readonly id: string;
  readonly name?: string;
  readonly provider?: string;
  /** Takes image blocks (inputModalities holds IMAGE); default true. */
  readonly images?: boolean;
  /** Default TEXT; an EMBEDDING model is refused by Converse and left out of TEXT listings. */
  readonly output?: 'TEXT' | 'EMBEDDING';
  /**
   * Served only through its system-defined inference profile `{us|eu|apac}.{id}`, as newer models are:
   * called by the bare id it is refused with Bedrock's "on-demand throughput isn't supported".
   */
  readonly profileOnly?: boolean;
}

export interface StandInModel {
  readonly id: string;
  readonly name: string;
  readonly provider: string;
  readonly images: boolean;
  readonly output: 'TEXT' | 'EMBEDDING';
  readonly profileOnly: boolean;
  /** The inference profile id for a profileOnly model. */
  readonly profileId?: string;
}

export const DEFAULT_BEDROCK_MODELS: readonly BedrockModelOptions[] = [
  { id: 'amazon.nova-lite-v1:0', name: 'Nova Lite', provider: 'Amazon' },
  { id: 'anthropic.claude-3-haiku-20240307-v1:0', name: 'Claude 3 Haiku', provider: 'Anthropic' },
  { id: 'anthropic.claude-sonnet-4-20250514-v1:0', name: 'Claude Sonnet 4', provider: 'Anthropic', profileOnly: true },
  { id: 'meta.llama3-8b-instruct-v1:0', name: 'Llama 3 8B Instruct', provider: 'Meta', images: false },
  { id: 'amazon.titan-embed-text-v2:0', name: 'Titan Text Embeddings V2', provider: 'Amazon', images: false, output: 'EMBEDDING' },
];

const geo = (region: string) => (region.startsWith('eu-') ? 'eu' : region.startsWith('ap-') ? 'apac' : 'us');

export function standInModels(list: readonly BedrockModelOptions[], region: string): StandInModel[] {
  const seen = new Set<string>();
  return list.map(m => {
    if (!/^[a-z0-9-]+\.[A-Za-z0-9._:-]+$/.test(m.id)) throw new Error(`Bedrock model id "${m.id}" must look like provider.model-name-v1:0`);
    if (seen.has(m.id)) throw new Error(`Bedrock model "${m.id}" is defined twice`);
    seen.add(m.id);
    const profileOnly = m.profileOnly === true;
    return {
      id: m.id, name: m.name ?? m.id, provider: m.provider ?? m.id.split('.')[0], images: m.images ?? true, output: m.output ?? 'TEXT', profileOnly,
      ...(profileOnly ? { profileId: `${geo(region)}.${m.id}` } : {}),
    };
  });
}

/** Bedrock's refusal: HTTP status, x-amzn-ErrorType and the JSON body's message. */
export interface BedrockRefusal { readonly status: number; readonly errorType: string; readonly message: string }
const refuse = (status: number, errorType: string, message: string): BedrockRefusal => ({ status, errorType, message });
const validation = (message: string) => refuse(400, 'ValidationException', message);

/**
 * The model a request names (an id, an inference profile id or an ARN of either), or Bedrock's refusal.
 * Ids starting `denied.`, `throttled.` and `retired.` fail as a model without access, a quota used up and
 * a model past its end of life do.
 */
export function resolveModel(raw: string, models: readonly StandInModel[]): StandInModel | BedrockRefusal {
  const id = raw.startsWith('arn:') ? raw.slice(raw.lastIndexOf('/') + 1) : raw;
  if (id.startsWith('denied.')) return refuse(403, 'AccessDeniedException', 'You don\'t have access to the model with the specified model ID.');
  if (id.startsWith('throttled.')) return refuse(429, 'ThrottlingException', 'Too many requests, please wait before trying again.');
  if (id.startsWith('retired.')) return refuse(404, 'ResourceNotFoundException', 'This model version has reached the end of its life. Please refer to the AWS documentation for more details.');
  const byProfile = models.find(m => m.profileId === id);
  if (byProfile) return byProfile;
  const m = models.find(x => x.id === id);
  if (!m) return validation('The provided model identifier is invalid.');
  if (m.profileOnly) return validation(`Invocation of model ID ${m.id} with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`);
  if (m.output !== 'TEXT') return validation('This action doesn\'t support the model that you provided. Try again with a supported text or chat model.');
  return m;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface ConverseAsked {
  /** Characters of the system prompt and of every text block. */
  readonly characters: number;
  readonly images: number;
  readonly maxTokens: number;
  readonly stopSequences: readonly string[];
}

/** Checks a Converse body as Bedrock does (its ValidationException wording), and measures it. */
export function checkConverse(body: unknown, model: StandInModel): ConverseAsked | BedrockRefusal {
  if (!isRecord(body) || !Array.isArray(body.messages) || !body.messages.length) return validation('1 validation error detected: Value at \'messages\' failed to satisfy constraint: Member must have length greater than or equal to 1');
  let characters = 0, images = 0;
  let previous: unknown;
  for (const [i, m] of body.messages.entries()) {
    if (!isRecord(m) || (m.role !== 'user' && m.role !== 'assistant')) return validation(`1 validation error detected: Value at 'messages.${i + 1}.member.role' failed to satisfy constraint: Member must satisfy enum value set: [user, assistant]`);
    if (i === 0 && m.role !== 'user') return validation('A conversation must start with a user message. Try again with a conversation that starts with a user message.');
    if (m.role === previous) return validation('A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.');
    previous = m.role;
    const content = Array.isArray(m.content) ? m.content : [];
    if (!content.length) return validation(`The content field in the Message object at messages.${i} is empty. Add a ContentBlock object to the content field and try again.`);
    for (const [j, b] of content.entries()) {
      if (isRecord(b) && typeof b.text === 'string') {
        if (!b.text.trim()) return validation(`The text field in the ContentBlock object at messages.${i}.content.${j} is blank. Add text to the text field, and try again.`);
        characters += b.text.length;
      } else if (isRecord(b) && isRecord(b.image)) {
        if (!model.images) return validation('This model doesn\'t support the image content block that you provided. Try again with a model that supports image input.');
        const source = isRecord(b.image.source) ? b.image.source : {};
        if (!['png', 'jpeg', 'gif', 'webp'].includes(String(b.image.format)) || typeof source.bytes !== 'string' || !source.bytes) {
          return validation(`The image at messages.${i}.content.${j} needs a format of png, jpeg, gif or webp and its bytes.`);
        }
        images++;
      } else {
        return validation(`The ContentBlock at messages.${i}.content.${j} is not text or an image; the stand-in takes only those.`);
      }
    }
  }
  for (const s of Array.isArray(body.system) ? body.system : []) if (isRecord(s) && typeof s.text === 'string') characters += s.text.length;
  const config = isRecord(body.inferenceConfig) ? body.inferenceConfig : {};
  const maxTokens = config.maxTokens === undefined ? 4096 : config.maxTokens;
  if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1) return validation('1 validation error detected: Value at \'inferenceConfig.maxTokens\' failed to satisfy constraint: Member must have value greater than or equal to 1');
  const stops = Array.isArray(config.stopSequences) ? config.stopSequences.filter((s): s is string => typeof s === 'string' && s !== '') : [];
  return { characters, images, maxTokens, stopSequences: stops };
}

export const isRefusal = (v: object): v is BedrockRefusal => 'errorType' in v;

export interface StandInReply {
  /** The reply as tokens (words with their leading space), after any cut. */
  readonly tokens: readonly string[];
  readonly text: string;
  readonly stopReason: 'end_turn' | 'max_tokens' | 'stop_sequence';
  readonly inputTokens: number;
}

export function standInReply(asked: ConverseAsked): StandInReply {
  const full = `Bedrock stand-in reply to ${asked.characters} characters${asked.images ? ` and ${asked.images} image${asked.images === 1 ? '' : 's'}` : ''}.`;
  const words = full.split(/(?= )/);
  const maxCut = words.length > asked.maxTokens ? words.slice(0, asked.maxTokens).join('').length : Infinity;
  const stopCut = Math.min(...asked.stopSequences.map(s => full.indexOf(s)).filter(i => i >= 0));
  const inputTokens = Math.ceil(asked.characters / 4) + asked.images * 100;
  let text = full;
  let stopReason: StandInReply['stopReason'] = 'end_turn';
  if (stopCut <= maxCut && Number.isFinite(stopCut)) { text = full.slice(0, stopCut); stopReason = 'stop_sequence'; }
  else if (Number.isFinite(maxCut)) { text = full.slice(0, maxCut); stopReason = 'max_tokens'; }
  return { tokens: text ? text.split(/(?= )/) : [], text, stopReason, inputTokens };
}
