// What every request handler shares: the hosted runtimes, known credentials, the issuer, sessions, faults.
import { runtimeArn } from './arn';
import { DEFAULT_BEDROCK_MODELS, standInModels, type StandInModel } from './bedrockModels';
import { Faults } from './faults';
import { LocalIssuer } from './jwt';
import { SessionTable } from './sessions';
import type { KnownCredential } from './sigv4Verify';
import type { BedrockCall, EmulatorOptions, RequestLogEntry, RuntimeAuth } from './types';
import { Upstream } from './upstream';
import { UserPool } from './userPool';

export interface HostedRuntime {
  readonly name: string;
  readonly arn: string;
  readonly upstream: URL;
  readonly auth: RuntimeAuth;
  readonly allowedAudience?: readonly string[];
  readonly allowedClients?: readonly string[];
  readonly qualifiers: readonly string[];
  readonly protocol: 'MCP' | 'HTTP' | 'A2A';
  readonly status: string;
}

export interface Context {
  readonly baseUrl: string;
  readonly region: string;
  readonly accountId: string;
  readonly runtimesByArn: ReadonlyMap<string, HostedRuntime>;
  readonly runtimesByName: ReadonlyMap<string, HostedRuntime>;
  readonly credentials: Map<string, KnownCredential>;
  readonly issuer: LocalIssuer;
  /** The Cognito-like user pool that signs users in under the issuer (authServer.ts, cognitoApi.ts). */
  readonly pool: UserPool;
  readonly sessions: SessionTable;
  readonly faults: Faults;
  readonly upstream: Upstream;
  /** The Bedrock stand-in's models (bedrock.ts) and the last 100 Converse calls it answered. */
  readonly bedrockModels: readonly StandInModel[];
  readonly bedrockCalls: BedrockCall[];
  readonly windowMs: number;
  /** The service's time: this machine's plus the configured clock offset. */
  now(): number;
  readonly explainMismatch: boolean;
  readonly inventSessionIdForStateless: boolean;
  readonly log: RequestLogEntry[];
  record(entry: RequestLogEntry): void;
}

const LOG_SIZE = 1000;

export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_ACCOUNT = '123456789012';

/** Checks the options and builds the shared state; throws with a readable message on a bad option. */
export async function createContext(opts: EmulatorOptions, baseUrl: string): Promise<Context> {
  const region = opts.region ?? DEFAULT_REGION;
  const accountId = opts.accountId ?? DEFAULT_ACCOUNT;
  if (!/^\d{12}$/.test(accountId)) throw new Error(`accountId "${accountId}" must be 12 digits`);
  if (opts.runtimes.length === 0 && !opts.bedrockModels?.length) throw new Error('the emulator needs at least one runtime (or Bedrock models to stand in for)');
  const byArn = new Map<string, HostedRuntime>();
  const byName = new Map<string, HostedRuntime>();
  for (const r of opts.runtimes) {
    if (byName.has(r.name)) throw new Error(`runtime "${r.name}" is defined twice`);
    let upstream: URL;
    try { upstream = new URL(r.upstream); } catch { throw new Error(`runtime "${r.name}": upstream "${r.upstream}" is not a URL`); }
    const rt: HostedRuntime = {
      name: r.name, arn: runtimeArn(region, accountId, r.name), upstream, auth: r.auth ?? 'sigv4',
      allowedAudience: r.allowedAudience, allowedClients: r.allowedClients, qualifiers: r.qualifiers ?? ['DEFAULT'],
      protocol: r.protocol ?? 'MCP', status: r.status ?? 'READY',
    };
    byArn.set(rt.arn, rt);
    byName.set(rt.name, rt);
  }
  const credentials = new Map<string, KnownCredential>();
  for (const c of opts.credentials ?? []) credentials.set(c.accessKeyId, { ...c });

  const upstream = new Upstream();
  const faults = new Faults();
  if (opts.faults) faults.set(opts.faults);
  const sessions = new SessionTable({
    idleTimeoutMs: opts.idleTimeoutMs ?? 900_000,
    maxLifetimeMs: opts.maxLifetimeMs ?? 8 * 3600_000,
    startingMs: opts.sessionStartingMs ?? 0,
    closingMs: opts.sessionClosingMs ?? 0,
  }, s => {
    // AgentCore stops the microVM; the nearest thing for a local server is ending its session.
    const rt = byName.get(s.runtime);
    if (rt && s.upstreamId !== undefined) upstream.terminate(rt.upstream, s.upstreamId);
  }, opts.sessionClock);
  const log: RequestLogEntry[] = [];
  const issuer = await LocalIssuer.create(baseUrl, [...byName.values()].some(r => r.auth === 'jwt'));
  const pool = new UserPool(issuer, opts);
  return {
    baseUrl, region, accountId, bedrockModels: standInModels(opts.bedrockModels ?? DEFAULT_BEDROCK_MODELS, region), bedrockCalls: [],
    runtimesByArn: byArn, runtimesByName: byName, credentials, issuer, pool, sessions, faults, upstream,
    windowMs: opts.clockSkewWindowMs ?? 5 * 60_000,
    now: () => Date.now() + (opts.clockOffsetMs ?? 0),
    explainMismatch: opts.explainSignatureMismatch ?? true,
    inventSessionIdForStateless: opts.inventSessionIdForStateless ?? false,
    log,
    record(entry) {
      log.push(entry);
      if (log.length > LOG_SIZE) log.shift();
      opts.onRequest?.(entry);
    },
  };
}
