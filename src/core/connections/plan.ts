// How to reach an HTTP-based server: the URL, the fetch middlewares (headers, SigV4, bearer tokens),
// whether the legacy SSE fallback applies, a retry policy and a specific error explainer. Plain HTTP
// connections get theirs here; AgentCore connections get theirs from src/core/agentcore.
import { oauthFlow } from '../auth/plan';
import type { OAuthFlow } from '../auth/middleware';
import type { ConnectionConfig, HttpConfig } from './config';
import type { ErrorContext, Explained } from './errors';
import { FetchLike, Middleware, withHeaders } from './fetch';
import { headerSecretKey } from './secretKeys';
import type { ConnectionHost } from './host';

export interface HttpPlan {
  readonly url: URL;
  readonly middlewares: Middleware[];
  /** Try the 2024-11-05 HTTP+SSE transport when the first POST gets a 4xx (MCP spec, backwards compatibility). */
  readonly sseFallback: boolean;
  /** Delay before retrying a failed request, or undefined for no retry (AgentCore: −32003, −32005, −32010). */
  readonly retryDelay?: (error: unknown, attempt: number) => number | undefined;
  readonly explain?: (error: unknown, ctx: ErrorContext) => Explained | undefined;
  /** Secret values this plan uses, to redact wherever they appear. */
  readonly secrets: string[];
  /** Secret header names to redact by name. */
  readonly secretHeaderNames: string[];
  /** Signing in (MCP authorization), when the host can keep tokens and no Authorization header is set. */
  readonly oauth?: OAuthFlow;
}

export interface PlanExtras {
  /** Secrets learnt later (tokens), for redaction. */
  readonly onSecret?: (value: string) => void;
  /** The fetch for requests to the authorization server (tests inject one). */
  readonly fetch?: FetchLike;
}


export async function planHttp(config: HttpConfig, host: ConnectionHost, extras: PlanExtras = {}): Promise<HttpPlan> {
  const headers: Record<string, string> = { ...config.headers };
  const secrets: string[] = [];
  for (const name of config.secretHeaders) {
    const value = await host.secret?.(headerSecretKey(config.name, name), config);
    if (value === undefined) {
      host.log('warn', `The secret value of header "${name}" is not in secret storage; the request goes without it. Set it in VS Code with "AgentCore MCP: Edit Connection", or pass it on the command line with --header "${name}: <value>".`);
      continue;
    }
    headers[name] = value;
    secrets.push(value);
  }
  const url = new URL(config.url);
  // An Authorization header set by hand is the person's choice: no sign-in on top of it.
  const ownAuthorization = Object.keys(headers).some(h => h.toLowerCase() === 'authorization');
  const oauthHost = host.oauth;
  const oauth = oauthHost && !ownAuthorization
    ? await oauthFlow({ config, serverUrl: url, ...(config.oauth ? { oauth: config.oauth } : {}) }, host, oauthHost, extras.onSecret ?? (() => undefined), extras.fetch)
    : undefined;
  return {
    url, middlewares: [...(oauth ? [oauth.middleware] : []), withHeaders(headers)], sseFallback: true, secrets,
    secretHeaderNames: [...config.secretHeaders], ...(oauth ? { oauth } : {}),
  };
}

export type PlanResolver = (config: Exclude<ConnectionConfig, { type: 'stdio' }>, host: ConnectionHost, extras?: PlanExtras) => Promise<HttpPlan>;
