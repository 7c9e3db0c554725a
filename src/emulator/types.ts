// The emulator's public options and handle. See docs/agentcore-runtime.md for the behaviour each option models.
import type { BedrockModelOptions } from './bedrockModels';
import type { FaultPatch, FaultState } from './faults';
import type { TokenClaims } from './jwt';
import type { SessionInfo } from './sessions';
import type { SessionClock } from './clock';

export type RuntimeAuth = 'sigv4' | 'jwt';

export interface RuntimeOptions {
  /** Runtime name: a letter, then letters, digits or `_` (no hyphens), at most 48. */
  readonly name: string;
  /** The stateful Streamable HTTP MCP server behind this runtime, e.g. http://127.0.0.1:3001/mcp. */
  readonly upstream: string;
  readonly auth?: RuntimeAuth;
  /** customJWTAuthorizer.allowedAudience: the token's `aud` must hold one of these. */
  readonly allowedAudience?: readonly string[];
  /** customJWTAuthorizer.allowedClients: the token's `client_id` must be one of these. */
  readonly allowedClients?: readonly string[];
  /** Endpoint qualifiers served; default ['DEFAULT']. */
  readonly qualifiers?: readonly string[];
  /** What GetAgentRuntime says it speaks (protocolConfiguration.serverProtocol); default MCP. */
  readonly protocol?: 'MCP' | 'HTTP' | 'A2A';
  /** The status the control plane reports (READY, CREATING, UPDATE_FAILED, …); default READY. */
  readonly status?: string;
}

export interface CredentialOptions {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  /** Answer requests signed with this (temporary) credential with ExpiredTokenException. */
  readonly expired?: boolean;
}

export interface RequestLogEntry {
  readonly time: number;
  readonly method: string;
  readonly path: string;
  status: number;
  runtime?: string;
  /** The client-facing Mcp-Session-Id of the request or of the session it created. */
  sessionId?: string;
  /** The fault switch applied, or the emulator rule that answered (e.g. 'session-not-found'). */
  fault?: string;
  /** Why auth failed, etc.: for people reading the log; clients never see it. */
  detail?: string;
  durationMs?: number;
}

/** A user of the emulated Cognito user pool. */
export interface PoolUserOptions {
  readonly username: string;
  readonly password: string;
  readonly email?: string;
}

export type OAuthFlow = 'code' | 'client_credentials';

/** A Cognito app client: public without a secret, confidential with one. */
export interface AppClientOptions {
  readonly clientId: string;
  readonly clientSecret?: string;
  /** Exact redirect_uri values allowed (Cognito compares them character for character). */
  readonly callbackUrls: readonly string[];
  /** Default ['code']; client_credentials needs a secret and cannot be combined with code, as Cognito. */
  readonly allowedOAuthFlows?: readonly OAuthFlow[];
  /** Default ['openid', 'email', 'profile']. */
  readonly scopes?: readonly string[];
  /** Default none: InitiateAuth with USER_PASSWORD_AUTH is refused unless listed. */
  readonly explicitAuthFlows?: readonly 'USER_PASSWORD_AUTH'[];
}

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. The emulator binds 127.0.0.1 only. */
  readonly port?: number;
  readonly region?: string;
  readonly accountId?: string;
  readonly runtimes: readonly RuntimeOptions[];
  readonly credentials?: readonly CredentialOptions[];
  /** Default 900 s, as AgentCore. */
  readonly idleTimeoutMs?: number;
  /** Default 8 h, as AgentCore. */
  readonly maxLifetimeMs?: number;
  /** SigV4 clock window; default 5 min. */
  readonly clockSkewWindowMs?: number;
  /**
   * How far the emulated service's clock is ahead of this machine's (negative: behind), to test a
   * client's clock-skew handling: signatures are checked, and the Date header is written, by it.
   */
  readonly clockOffsetMs?: number;
  /** −32005 "Session operation in progress" window after a session starts; default 0. */
  readonly sessionStartingMs?: number;
  /** −32005 window while an ended session is torn down, before 404; default 0. */
  readonly sessionClosingMs?: number;
  /** The time sessions live by (idle, lifetime, −32005 windows); tests pass one they move on by hand. */
  readonly sessionClock?: SessionClock;
  /** Model the platform inventing a session id for a stateless server (the doc's pitfall); default false. */
  readonly inventSessionIdForStateless?: boolean;
  /** Append the expected canonical request to a signature mismatch, as many AWS services do; default true. */
  readonly explainSignatureMismatch?: boolean;
  readonly faults?: FaultPatch;
  /** Users of the Cognito-like authorization server; default one: tester / Passw0rd!. */
  readonly users?: readonly PoolUserOptions[];
  /** Its app clients; default one public client, DEFAULT_CLIENT_ID, with loopback callbacks on port 33419. */
  readonly appClients?: readonly AppClientOptions[];
  /** Lifetime of the access and ID tokens it issues; default 3600 s, as Cognito. */
  readonly accessTokenTtlSeconds?: number;
  /** Lifetime of its refresh tokens; default 30 days, as Cognito. */
  readonly refreshTokenTtlSeconds?: number;
  /**
   * The models the Bedrock stand-in serves (src/emulator/bedrock.ts); default DEFAULT_BEDROCK_MODELS. With
   * some given, the emulator may front no runtime at all.
   */
  readonly bedrockModels?: readonly BedrockModelOptions[];
  readonly onRequest?: (entry: RequestLogEntry) => void;
}

/** A Converse or ConverseStream call the Bedrock stand-in answered. */
export interface BedrockCall {
  readonly time: number;
  readonly op: 'Converse' | 'ConverseStream';
  /** As the request named it (a model id, an inference profile id or an ARN). */
  readonly modelId: string;
  /** The request body as parsed JSON (images' bytes as base64). */
  readonly body: unknown;
  readonly text: string;
  readonly stopReason: string;
}

export interface FaultSwitches {
  set(patch: FaultPatch): FaultState;
  reset(): FaultState;
  current(): FaultState;
}

export interface Emulator {
  /** Base endpoint, e.g. http://127.0.0.1:8787: use as an agentcore connection's `endpoint`. */
  readonly url: string;
  readonly port: number;
  readonly region: string;
  /** The local OIDC issuer; its discovery document is `${issuer}/.well-known/openid-configuration`. */
  readonly issuer: string;
  arnOf(name: string): string;
  invocationsUrl(name: string, qualifier?: string): string;
  mintToken(claims?: TokenClaims): string;
  readonly faults: FaultSwitches;
  sessions(): SessionInfo[];
  /** Ends a session now as an idle timeout would (upstream DELETE, then 404 for its id). */
  expireSession(id: string): boolean;
  /** Marks a credential's session token expired (true) or valid again (false). */
  setCredentialExpired(accessKeyId: string, expired: boolean): void;
  /** Revokes the refresh tokens of one user (by username), or all of them; returns how many. */
  revokeRefreshTokens(username?: string): number;
  /** The last 1,000 requests, oldest first. */
  readonly log: readonly RequestLogEntry[];
  /** The Bedrock stand-in's last 100 Converse calls, oldest first. */
  readonly bedrockCalls: readonly BedrockCall[];
  close(): Promise<void>;
}
