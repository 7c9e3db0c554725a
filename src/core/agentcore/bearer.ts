// Bearer tokens for runtimes with a customJWTAuthorizer (docs/agentcore-runtime.md, "OAuth / JWT"). The
// token lives in the host's secret storage (VS Code SecretStorage; the command line's --bearer-token-env)
// and is read per request, so a token set while connected is used by the next request.
import { ExplainedError, SET_TOKEN_STEP } from '../connections/errors';
import type { FetchLike, Middleware } from '../connections/fetch';
import type { AgentCoreConfig } from '../connections/config';
import type { ConnectionHost } from '../connections/host';
import { bearerSecretKey } from '../connections/secretKeys';

export function missingBearerToken(connection: string): ExplainedError {
  return new ExplainedError(`No bearer token is set for "${connection}", and its runtime uses OAuth (auth: "bearer").`, SET_TOKEN_STEP);
}

export async function readBearerToken(config: AgentCoreConfig, host: ConnectionHost): Promise<string> {
  const token = (await host.secret?.(bearerSecretKey(config.name), config))?.trim();
  if (!token) throw missingBearerToken(config.name);
  return token.replace(/^Bearer\s+/i, ''); // a pasted "Bearer eyJ…" works too
}

export function bearerMiddleware(config: AgentCoreConfig, host: ConnectionHost, onToken?: (token: string) => void): Middleware {
  return (next: FetchLike): FetchLike => async (url, init) => {
    const token = await readBearerToken(config, host);
    onToken?.(token);
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${token}`);
    return next(url, { ...init, headers });
  };
}

export interface JwtSummary {
  readonly exp?: number;
  readonly iss?: string;
  readonly aud?: string | string[];
  readonly clientId?: string;
}

/** The claims worth showing from a JWT, without checking it (only the runtime can). Undefined if not a JWT. */
export function jwtSummary(token: string): JwtSummary | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>;
    return {
      ...(typeof claims.exp === 'number' ? { exp: claims.exp } : {}),
      ...(typeof claims.iss === 'string' ? { iss: claims.iss } : {}),
      ...(typeof claims.aud === 'string' || Array.isArray(claims.aud) ? { aud: claims.aud as string | string[] } : {}),
      ...(typeof claims.client_id === 'string' ? { clientId: claims.client_id } : {}),
    };
  } catch {
    return undefined;
  }
}
