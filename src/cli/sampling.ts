// --sampling bedrock:<model-id>: the server's sampling requests answered by an Amazon Bedrock model
// (src/core/bedrock) instead of only scripted replies. Signed with --profile (or the default chain) in
// --region, else AWS_REGION, the profile's region, or the AgentCore connection's own region; the
// endpoint comes from AGENTCORE_MCP_BEDROCK_ENDPOINT (the emulator's stand-in).
import type { Sampler } from '../core/scenario/answers';
import { bedrockEndpoint, bedrockRegion, bedrockSampler } from '../core/bedrock';
import type { ConnectionConfig } from '../core/connections/config';
import { Parsed, str, UsageError } from './args';
import type { Printer } from './host';

export interface CliSampler {
  readonly sample: Sampler;
  /** For messages: "Amazon Bedrock (anthropic.claude-…)". */
  readonly name: string;
}

const example = 'bedrock:anthropic.claude-3-haiku-20240307-v1:0';

/** The AgentCore region a connection signs for, when it names one: the fallback for Bedrock's. */
function connectionRegion(c: ConnectionConfig | undefined): string | undefined {
  if (c?.type !== 'agentcore') return undefined;
  return c.region ?? /^arn:aws[^:]*:bedrock-agentcore:([^:]+):/.exec(c.arn)?.[1];
}

/** Reads --sampling; undefined when not given. `log` gets the sampler's lines (shown with --verbose). */
export async function samplerFromOptions(p: Parsed, command: string, connection: ConnectionConfig | undefined, print: Pick<Printer, 'err'>, verbose: boolean): Promise<CliSampler | undefined> {
  const raw = str(p, 'sampling');
  if (raw === undefined) return undefined;
  const m = /^bedrock:(.+)$/.exec(raw.trim());
  if (!m) throw new UsageError(`--sampling takes bedrock:<model id>, e.g. --sampling ${example}; got "${raw}".`, command);
  const modelId = m[1].trim();
  const profile = str(p, 'profile') ?? (connection?.type === 'agentcore' && connection.auth === 'sigv4' ? connection.profile : undefined);
  const region = await bedrockRegion(str(p, 'region'), profile) ?? connectionRegion(connection);
  if (!region) throw new UsageError(`--sampling ${raw} needs a region: --region us-east-1, AWS_REGION, or a region in the profile's config.`, command);
  let endpoint: string | undefined;
  try { endpoint = bedrockEndpoint(); } catch (e) { throw new UsageError((e as Error).message, command); }
  const sample = bedrockSampler({
    modelId, region, ...(profile ? { profile } : {}), ...(endpoint ? { endpoint } : {}),
    log: line => { if (verbose) print.err(line); },
  });
  return { sample, name: `Amazon Bedrock (${modelId})` };
}
