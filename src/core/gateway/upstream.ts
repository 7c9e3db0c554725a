// What the gateway forwards to: a connection's URL and a fetch that does for every request what our own
// client does (SigV4 signed afresh, a fresh OAuth token or a sign-in, secret headers, AgentCore's
// retries, the session renewed when it expires), so a client that knows none of that can use the server.
import { requestRetry } from '../agentcore/deliver';
import type { ConnectionConfig } from '../connections/config';
import { ExplainedError, explain } from '../connections/errors';
import { compose, FetchLike, HttpRecorder } from '../connections/fetch';
import type { ConnectionHost } from '../connections/host';
import { planHttp, type PlanResolver } from '../connections/plan';
import { Redactor } from '../connections/traffic';
import { renewingSessions } from './sessions';

export interface Upstream {
  readonly name: string;
  readonly url: URL;
  /** Forwards one request as our own client would send it. */
  readonly fetch: FetchLike;
  /** Replaces secrets (keys, tokens, header values) in text shown to people. */
  readonly redactor: Redactor;
}

export interface UpstreamOptions {
  readonly resolveAgentCorePlan?: PlanResolver;
  /** The network (tests inject one). */
  readonly fetch?: FetchLike;
}

export type RemoteConfig = Exclude<ConnectionConfig, { type: 'stdio' }>;

export async function openUpstream(config: RemoteConfig, host: ConnectionHost, o: UpstreamOptions = {}): Promise<Upstream> {
  const redactor = new Redactor(config.type === 'http' ? config.secretHeaders : []);
  const extras = { onSecret: (v: string) => redactor.addSecret(v), ...(o.fetch ? { fetch: o.fetch } : {}) };
  const agentcore = o.resolveAgentCorePlan ?? host.agentcorePlan;
  let plan;
  try {
    if (config.type === 'agentcore' && !agentcore) throw new ExplainedError('AgentCore connections are not available in this build.');
    plan = config.type === 'http' ? await planHttp(config, host, extras) : await agentcore!(config, host, extras);
  } catch (e) {
    if (e instanceof ExplainedError) throw e;
    const x = explain(e, { config, phase: 'connect' });
    throw new ExplainedError(x.message, x.nextStep, undefined, { cause: e });
  }
  for (const n of plan.secretHeaderNames) redactor.addHeaderName(n);
  for (const s of plan.secrets) redactor.addSecret(s);
  const recorder = host.traffic ? new HttpRecorder(redactor, f => host.traffic?.(f)) : undefined;
  const renewals = renewingSessions(r => host.log('info', `The session ${r.expired} on "${config.name}" expired; the gateway opened ${r.current} and sent the request again (its client keeps using ${r.alias}).`));
  const oauth = plan.oauth;
  // A sign-in that failed stays failed for the rest of a connect (one ask, not one per request); for the
  // gateway a connect is its client's initialize (or the 2026 era's probe).
  const freshConnect = oauth ? ((next: FetchLike): FetchLike => (url, init) => {
    if (typeof init?.body === 'string' && /"method"\s*:\s*"(initialize|server\/discover)"/.test(init.body)) oauth.reset();
    return next(url, init);
  }) : undefined;
  const fetch = compose(o.fetch ?? globalThis.fetch, ...(freshConnect ? [freshConnect] : []), renewals,
    ...(plan.retryDelay ? [requestRetry(plan.retryDelay)] : []), ...plan.middlewares, ...(recorder ? [recorder.middleware] : []));
  return { name: config.name, url: plan.url, fetch, redactor };
}
