// The only module that touches the Amazon Bedrock SDK clients. Bundled on its own (scripts/build.mjs:
// dist/bedrock.js) and loaded by loadBedrock() when a Bedrock model is first asked for or listed, so
// neither activation, nor AgentCore connections (dist/aws.js), nor anything else pays for it.
// It must not import the rest of the core: the bundle would get its own copy of those classes.
import { BedrockRuntimeClient, ConverseStreamCommand, type ConverseStreamCommandInput, type ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { BedrockClient, ListFoundationModelsCommand, ListInferenceProfilesCommand } from '@aws-sdk/client-bedrock';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export interface ClientCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

export interface ClientOptions {
  readonly region: string;
  /** Instead of https://bedrock-runtime.{region}.amazonaws.com and https://bedrock.{region}.amazonaws.com (the emulator). */
  readonly endpoint?: string;
  /** Called before each request (cheap when cached: see CredentialSource). */
  readonly credentials: () => Promise<ClientCredentials>;
  /** SDK attempts per call, retries of throttling and 5xx included (default 3). */
  readonly maxAttempts?: number;
}

/**
 * HTTP/1.1, not the runtime client's default HTTP/2 handler: only the bidirectional-stream operations
 * need HTTP/2, ConverseStream streams its answer over HTTP/1.1 as botocore does, and the emulator (and
 * corporate proxies) speak HTTP/1.1 only.
 */
const common = (o: ClientOptions) => ({
  region: o.region, credentials: o.credentials, maxAttempts: o.maxAttempts ?? 3,
  requestHandler: new NodeHttpHandler({ connectionTimeout: 10_000 }),
  ...(o.endpoint ? { endpoint: o.endpoint } : {}),
});

/** One ConverseStream call: the events as they arrive. Aborting `signal` ends the request. */
export async function* converseStream(o: ClientOptions, input: ConverseStreamCommandInput, signal?: AbortSignal): AsyncGenerator<ConverseStreamOutput> {
  const client = new BedrockRuntimeClient(common(o));
  try {
    const out = await client.send(new ConverseStreamCommand(input), signal ? { abortSignal: signal } : {});
    if (out.stream) yield* out.stream;
  } finally {
    client.destroy();
  }
}

export interface FoundationModel {
  readonly modelId: string;
  readonly modelArn: string;
  readonly name: string;
  readonly provider: string;
  readonly inputModalities: readonly string[];
  readonly outputModalities: readonly string[];
  readonly streaming: boolean;
  readonly inferenceTypes: readonly string[];
  readonly status: string;
}

export interface InferenceProfile {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly status: string;
  /** The foundation models it routes to (their ARNs). */
  readonly modelArns: readonly string[];
}

/** The control-plane calls that listing needs: ListFoundationModels (TEXT output) and every page of ListInferenceProfiles. */
export async function listModels(o: ClientOptions): Promise<{ models: FoundationModel[]; profiles: InferenceProfile[] }> {
  const client = new BedrockClient(common(o));
  try {
    const fm = await client.send(new ListFoundationModelsCommand({ byOutputModality: 'TEXT' }));
    const models = (fm.modelSummaries ?? []).map(m => ({
      modelId: m.modelId ?? '', modelArn: m.modelArn ?? '', name: m.modelName ?? m.modelId ?? '', provider: m.providerName ?? '',
      inputModalities: m.inputModalities ?? [], outputModalities: m.outputModalities ?? [], streaming: m.responseStreamingSupported !== false,
      inferenceTypes: m.inferenceTypesSupported ?? [], status: m.modelLifecycle?.status ?? 'ACTIVE',
    }));
    const profiles: InferenceProfile[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(new ListInferenceProfilesCommand({ maxResults: 100, ...(nextToken ? { nextToken } : {}) }));
      for (const p of page.inferenceProfileSummaries ?? []) {
        profiles.push({
          id: p.inferenceProfileId ?? '', name: p.inferenceProfileName ?? p.inferenceProfileId ?? '', type: p.type ?? 'SYSTEM_DEFINED',
          status: p.status ?? 'ACTIVE', modelArns: (p.models ?? []).map(m => m.modelArn ?? '').filter(Boolean),
        });
      }
      nextToken = page.nextToken;
    } while (nextToken);
    return { models, profiles };
  } finally {
    client.destroy();
  }
}
