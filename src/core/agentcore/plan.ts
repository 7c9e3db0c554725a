// How to reach an AgentCore runtime: the invocations URL, SigV4 or bearer middleware, AgentCore's retry
// policy and error explainer (docs/agentcore-runtime.md). Everything that can be checked without the
// network is checked here first: the ARN, the endpoint, the token or the AWS credentials.
import type { AgentCoreConfig } from '../connections/config';
import { ExplainedError } from '../connections/errors';
import type { Middleware } from '../connections/fetch';
import type { ConnectionHost } from '../connections/host';
import type { HttpPlan, PlanResolver } from '../connections/plan';
import { ARN_EXAMPLE, checkEndpoint, invocationsUrl, parseArn } from './arn';
import { bearerMiddleware, readBearerToken } from './bearer';
import { AwsCredentials, credentialSource } from './credentials';
import { deliveryRetry } from './deliver';
import { createExplainer } from './diagnostics';
import { RetryOptions, retryPolicy } from './retry';
import { SigV4State, sigv4Middleware } from './sigv4';

export interface AgentCoreOptions {
  /** Backoff for −32003 / −32005 and the cold-start wait (tests make them short). */
  readonly retry?: RetryOptions;
  /** The clock SigV4 signs with (tests pass a wrong one to exercise the skew correction). */
  readonly clock?: () => number;
}

function describeCredentials(profile: string | undefined, c: AwsCredentials): string {
  const kind = c.sessionToken ? `temporary${c.expiration ? `, valid until ${c.expiration.toISOString()}` : ''}` : 'long-term';
  return `${profile ? `profile "${profile}"` : 'the default AWS credentials'} (access key …${c.accessKeyId.slice(-4)}, ${kind})`;
}

/** Checks the parts of the config that need no network; throws an ExplainedError naming what to fix. */
export function checkAgentCoreConfig(config: AgentCoreConfig): ReturnType<typeof parseArn> & { ok: true } {
  const arn = parseArn(config.arn);
  if (!arn.ok) {
    throw new ExplainedError(`The runtime ARN of "${config.name}" is not valid: ${arn.message}.`,
      `Copy the Runtime ARN from the AgentCore console or "agentcore status"; it looks like ${ARN_EXAMPLE}.`);
  }
  const endpoint = checkEndpoint(config.endpoint);
  if (endpoint) throw new ExplainedError(`The "endpoint" of "${config.name}" is not usable: ${endpoint}.`, 'Edit the connection\'s endpoint, or remove it to use the public AWS endpoint.');
  return arn;
}

async function authMiddleware(config: AgentCoreConfig, host: ConnectionHost, region: string, secrets: string[], o: AgentCoreOptions & { state: SigV4State; onToken: (t: string) => void }): Promise<Middleware> {
  if (config.auth === 'bearer') {
    const token = await readBearerToken(config, host); // before any network: say so if it is missing
    secrets.push(token);
    o.onToken(token);
    return bearerMiddleware(config, host, o.onToken);
  }
  const source = credentialSource({ region, host, ...(config.profile !== undefined ? { profile: config.profile } : {}) });
  source.forgetStatic();
  // Loading them now fails early with the reason, and gives the values to redact (a session token appears
  // in the canonical request AWS echoes back with a signature mismatch).
  const creds = await source.get();
  secrets.push(creds.secretAccessKey, ...(creds.sessionToken ? [creds.sessionToken] : []));
  host.log('info', `Signing for ${region} with ${describeCredentials(config.profile, creds)}.`);
  return sigv4Middleware({ region, credentials: source, host, state: o.state, ...(o.clock ? { clock: o.clock } : {}) });
}

/** A resolver with its own options and clock-offset memory (one per process in production). */
export function createAgentCoreResolver(options: AgentCoreOptions = {}): PlanResolver {
  const state: SigV4State = { clockOffsetMs: 0 }; // the computer's clock is off for every connection alike
  return async (config, host): Promise<HttpPlan> => {
    if (config.type !== 'agentcore') throw new ExplainedError(`"${config.name}" is not an AgentCore connection.`);
    const arn = checkAgentCoreConfig(config);
    const region = config.region ?? arn.region;
    if (region !== arn.region) {
      host.log('warn', `"${config.name}" signs for region ${region}, but its ARN is in ${arn.region}: AWS refuses a signature scoped to another region than the endpoint's.`);
    }
    const url = invocationsUrl(config);
    const secrets: string[] = [];
    let lastToken: string | undefined;
    const middleware = await authMiddleware(config, host, region, secrets, { ...options, state, onToken: t => { lastToken = t; } });
    const retryDelay = retryPolicy(options.retry);
    return {
      url,
      // Outermost first: a repeated delivery is signed afresh by the auth middleware inside it.
      middlewares: [deliveryRetry(retryDelay), middleware],
      // AgentCore has no 2024-11-05 HTTP+SSE endpoint; a 4xx is an answer to explain, not a reason to fall back.
      sseFallback: false,
      retryDelay,
      explain: createExplainer({ config, region, arnRegion: arn.region, bearerToken: () => lastToken }),
      secrets,
      secretHeaderNames: ['authorization', 'x-amz-security-token'],
    };
  };
}

export const resolveAgentCorePlan: PlanResolver = createAgentCoreResolver();
