// How to reach an AgentCore runtime: the invocations URL, SigV4 or bearer middleware, AgentCore's retry
// policy and error explainer (docs/agentcore-runtime.md). Everything that can be checked without the
// network is checked here first: the ARN, the endpoint, the token or the AWS credentials.
import type { AgentCoreConfig } from '../connections/config';
import { ExplainedError } from '../connections/errors';
import type { FetchLike, Middleware } from '../connections/fetch';
import type { ConnectionHost } from '../connections/host';
import type { HttpPlan, PlanResolver } from '../connections/plan';
import { OAuthFlow } from '../auth/middleware';
import { oauthFlow } from '../auth/plan';
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

interface AuthOptions extends AgentCoreOptions {
  readonly state: SigV4State;
  readonly onToken: (t: string) => void;
  readonly url: URL;
  readonly onSecret?: (v: string) => void;
  readonly authFetch?: FetchLike;
}

async function authMiddleware(config: AgentCoreConfig, host: ConnectionHost, region: string, secrets: string[], o: AuthOptions): Promise<Middleware | OAuthFlow> {
  if (config.auth === 'bearer') {
    // A token set by hand wins; without one, a connection that names its app client ("oauth") signs in
    // through the runtime's OAuth metadata (its 401 names it), when the host can keep tokens.
    const signIn = host.oauth && config.oauth ? host.oauth : undefined;
    const pasted = signIn ? await readBearerToken(config, host).catch(() => undefined) : await readBearerToken(config, host);
    if (pasted === undefined && signIn) {
      return oauthFlow({ config, serverUrl: o.url, ...(config.oauth ? { oauth: config.oauth } : {}) }, host, signIn, v => { secrets.push(v); o.onSecret?.(v); }, o.authFetch);
    }
    const token = pasted!;
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
  return async (config, host, extras): Promise<HttpPlan> => {
    if (config.type !== 'agentcore') throw new ExplainedError(`"${config.name}" is not an AgentCore connection.`);
    const arn = checkAgentCoreConfig(config);
    const region = config.region ?? arn.region;
    if (region !== arn.region) {
      host.log('warn', `"${config.name}" signs for region ${region}, but its ARN is in ${arn.region}: AWS refuses a signature scoped to another region than the endpoint's.`);
    }
    const url = invocationsUrl(config);
    const secrets: string[] = [];
    let lastToken: string | undefined;
    const auth = await authMiddleware(config, host, region, secrets, { ...options, state, url, onToken: t => { lastToken = t; }, ...(extras?.onSecret ? { onSecret: extras.onSecret } : {}), ...(extras?.fetch ? { authFetch: extras.fetch } : {}) });
    const oauth = auth instanceof OAuthFlow ? auth : undefined;
    const retryDelay = retryPolicy(options.retry);
    return {
      url,
      ...(oauth ? { oauth } : {}),
      // Outermost first: a repeated delivery is signed afresh by the auth middleware inside it.
      middlewares: [deliveryRetry(retryDelay), oauth ? oauth.middleware : auth as Middleware],
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
