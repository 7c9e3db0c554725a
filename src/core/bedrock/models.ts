// The Bedrock models of an account and region that ConverseStream can answer with: foundation models
// with text output and streaming, called by id when they allow on-demand throughput, and the inference
// profiles (cross-region, application) that route to such a model — newer models are offered only
// that way. Their images flag comes from the foundation model's input modalities.
import { type BedrockOptions, clientFor, loadBedrock } from './client';
import type { FoundationModel, InferenceProfile } from './bedrockSdk';
import { bedrockError } from './errors';

export interface BedrockModel {
  /** What ConverseStream takes as modelId: a foundation model id or an inference profile id. */
  readonly id: string;
  readonly name: string;
  readonly provider: string;
  /** The foundation model's id (for a profile, the one it routes to). */
  readonly family: string;
  readonly images: boolean;
  readonly kind: 'foundation-model' | 'inference-profile';
}

const modelIdOfArn = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

/** Pure: the usable models from what the two list calls returned. */
export function usableModels(models: readonly FoundationModel[], profiles: readonly InferenceProfile[]): BedrockModel[] {
  const text = new Map(models
    .filter(m => m.outputModalities.includes('TEXT') && m.streaming && m.status !== 'EOL')
    .map(m => [m.modelId, m]));
  const out: BedrockModel[] = [];
  for (const m of text.values()) {
    if (!m.inferenceTypes.includes('ON_DEMAND')) continue;
    out.push({ id: m.modelId, name: m.name, provider: m.provider, family: m.modelId, images: m.inputModalities.includes('IMAGE'), kind: 'foundation-model' });
  }
  for (const p of profiles) {
    if (p.status !== 'ACTIVE') continue;
    const target = p.modelArns.map(a => text.get(modelIdOfArn(a))).find(Boolean);
    if (!target) continue;
    out.push({ id: p.id, name: p.name, provider: target.provider, family: target.modelId, images: target.inputModalities.includes('IMAGE'), kind: 'inference-profile' });
  }
  return out;
}

/** Lists the models of the account in o.region (two control-plane calls, every page). */
export async function listBedrockModels(o: BedrockOptions): Promise<BedrockModel[]> {
  const client = clientFor(o);
  try {
    const { models, profiles } = await loadBedrock().listModels(client.options);
    return usableModels(models, profiles);
  } catch (e) {
    throw bedrockError(e, { op: 'ListFoundationModels', region: o.region, ...(o.profile ? { profile: o.profile } : {}), ...(o.endpoint ? { endpoint: o.endpoint } : {}) });
  }
}
