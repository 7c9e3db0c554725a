// Where Bedrock calls go and with which credentials: the region, the endpoint override (the emulator),
// and the same memoized credential source per profile and region as AgentCore connections use
// (agentcore/credentials.ts), so an MFA code or an SSO login serves both. The SDK half (dist/bedrockSdk.js)
// loads on the first call.
import * as path from 'node:path';
import { credentialSource } from '../agentcore/credentials';
import type { AwsCredentials } from '../agentcore/credentials';
import { profileRegion } from '../agentcore/profiles';
import type * as Sdk from './bedrockSdk';

export type BedrockSdk = typeof Sdk;
let sdk: BedrockSdk | undefined;

/** Loads the Bedrock half (dist/bedrockSdk.js next to the bundle asking; under tsc the compiled file beside this one). */
export function loadBedrock(): BedrockSdk {
  if (!sdk) {
    const file = path.join(__dirname, 'bedrockSdk.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    sdk = require(file) as BedrockSdk;
  }
  return sdk;
}

/** Whether the Bedrock SDK has been loaded in this process (not until a Bedrock model is used or listed). */
export const bedrockLoaded = (): boolean => sdk !== undefined;

/** Points Bedrock calls at another base URL (the emulator's stand-in) when no endpoint is configured. */
export const BEDROCK_ENDPOINT_ENV = 'AGENTCORE_MCP_BEDROCK_ENDPOINT';

export interface BedrockOptions {
  /** An AWS profile; without one, the default credential chain. */
  readonly profile?: string;
  readonly region: string;
  /** Instead of bedrock-runtime.{region}.amazonaws.com and bedrock.{region}.amazonaws.com. */
  readonly endpoint?: string;
  /** Asks for an MFA code when the profile needs one. */
  readonly mfaCode?: (serial: string) => Promise<string>;
  /** SDK attempts per call (default 3): throttling and 5xx answers are retried with backoff. */
  readonly maxAttempts?: number;
}

/** The endpoint to use: the configured one, else AGENTCORE_MCP_BEDROCK_ENDPOINT; checked to be an http(s) URL. */
export function bedrockEndpoint(configured?: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const v = configured?.trim() || env[BEDROCK_ENDPOINT_ENV]?.trim() || undefined;
  if (v === undefined) return undefined;
  let u: URL | undefined;
  try { u = new URL(v); } catch { /* below */ }
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) throw new Error(`The Bedrock endpoint "${v}" is not an http(s) URL${configured?.trim() ? '' : ` (${BEDROCK_ENDPOINT_ENV})`}.`);
  return v.replace(/\/+$/, '');
}

/** The region as the AWS CLI finds it: given, AWS_REGION, AWS_DEFAULT_REGION, then the profile's `region` in the config file. */
export async function bedrockRegion(given: string | undefined, profile: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  return given?.trim() || env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim()
    || await profileRegion(profile ?? env.AWS_PROFILE ?? 'default');
}

/**
 * What a client needs, plus a way to renew credentials that AWS called expired: the last ones handed to
 * the SDK are remembered, so a retry reloads once (an SSO or STS call), not per request.
 */
export function clientFor(o: BedrockOptions) {
  const host = { log: () => undefined, ...(o.mfaCode ? { mfaCode: o.mfaCode } : {}) };
  const source = credentialSource({ region: o.region, host, ...(o.profile !== undefined ? { profile: o.profile } : {}) });
  let used: AwsCredentials | undefined;
  return {
    options: {
      region: o.region, credentials: async () => (used = await source.get()),
      ...(o.endpoint ? { endpoint: o.endpoint } : {}), ...(o.maxAttempts ? { maxAttempts: o.maxAttempts } : {}),
    },
    /** Forgets the credentials last used; true when there were some to renew. */
    async renew(): Promise<boolean> {
      if (!used) return false;
      await source.refresh(used);
      return true;
    },
  };
}
