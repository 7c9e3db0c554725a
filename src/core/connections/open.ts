// Opens one session: builds the transport for the connection type, wraps it for traffic, creates the
// SDK Client with our capabilities and handlers, and runs initialize (with the legacy SSE fallback for
// plain HTTP, and the plan's retry policy for AgentCore).
import { Client, SSEClientTransport, StreamableHTTPClientTransport, SdkHttpError } from '@modelcontextprotocol/client';
import type { Transport, ClientCapabilities, JSONRPCMessage } from '@modelcontextprotocol/client';
import { SignInError } from '../auth/provider';
import { clientInfoOf } from '../util/product';
import { sleep } from '../util/events';
import type { ConnectionConfig, StdioConfig } from './config';
import { explain, ExplainedError, unsupportedVersion } from './errors';
import { DEFAULT_MAX_ROUNDS, EraWatch, eraOf, LEGACY, negotiationFor, type ProtocolChoice } from './era';
import { expandStdio } from './expand';
import { compose, FetchLike, HttpFailure, HttpRecorder, ownSignals } from './fetch';
import { ConnectionHost, defaultTimeouts } from './host';
import { ObservedTransport } from './observe';
import { HttpPlan, planHttp, PlanResolver } from './plan';
import type { SessionInfo, TransportKind } from './state';
import { StdioTransport } from './stdio';
import { Redactor, TrafficFrame } from './traffic';


export interface Live {
  readonly client: Client;
  readonly transport: Transport;
  readonly kind: TransportKind;
  readonly info: SessionInfo;
  readonly recorder?: HttpRecorder;
  readonly stdio?: StdioTransport;
  readonly plan?: HttpPlan;
}

export interface OpenOptions {
  readonly config: ConnectionConfig;
  readonly host: ConnectionHost;
  readonly redactor: Redactor;
  /** Installs request and notification handlers on a fresh Client before it connects. */
  readonly setup: (client: Client) => void;
  readonly resolveAgentCorePlan?: PlanResolver;
  readonly fetch?: FetchLike;
}

export function clientCapabilities(host: ConnectionHost): ClientCapabilities {
  const caps: ClientCapabilities = {};
  if (host.roots) caps.roots = { listChanged: true };
  if (host.sample) caps.sampling = {};
  if (host.elicit) {
    const modes = host.elicitationModes ?? { form: true, url: false };
    caps.elicitation = { ...(modes.form ? { form: { applyDefaults: true } } : {}), ...(modes.url ? { url: {} } : {}) };
  }
  // 2026-07-28: tool calls can run as tasks of the io.modelcontextprotocol/tasks extension (core/tasks).
  (caps as { extensions?: Record<string, object> }).extensions = { 'io.modelcontextprotocol/tasks': {} };
  return caps;
}

const stateful = new Set(['elicitation/create', 'sampling/createMessage', 'notifications/progress', 'notifications/elicitation/complete']);
const brief = (v: unknown) => { const t = JSON.stringify(v) ?? ''; return t.length > 300 ? `${t.slice(0, 300)}…` : t; };

/**
 * Watches messages: every one goes to the traffic view, the negotiated protocol version is read from the
 * initialize result, and the stateful features (elicitation, sampling, progress) are written to the
 * connection's log with the answers we gave.
 */
function observer(host: ConnectionHost, redactor: Redactor, seen: EraWatch) {
  const asked = new Map<string | number, string>();
  return (direction: 'in' | 'out', message: JSONRPCMessage) => {
    seen.see(direction, message);
    if (direction === 'in' && 'method' in message && stateful.has(message.method)) {
      const m = redactor.json(message);
      if ('id' in m && m.id !== undefined) asked.set(m.id, m.method);
      host.log(m.method === 'notifications/progress' ? 'trace' : 'info', `← ${m.method}${'id' in m && m.id !== undefined ? ` #${m.id}` : ''} ${brief(m.params)}`);
    } else if (direction === 'out' && 'id' in message && message.id !== undefined && !('method' in message) && asked.has(message.id)) {
      const method = asked.get(message.id);
      asked.delete(message.id);
      const m = redactor.json(message);
      host.log('info', `→ answered ${method} #${message.id}: ${'error' in m ? `error ${brief(m.error)}` : brief('result' in m ? m.result : undefined)}`);
    }
    host.traffic?.(new TrafficFrame({ kind: 'message', time: Date.now(), direction, message }, redactor));
  };
}

const expandAll = (config: StdioConfig, host: ConnectionHost): StdioConfig => expandStdio(config, v => host.expand?.(v) ?? v);

const choiceOf = (o: OpenOptions): ProtocolChoice => o.config.protocol ?? 'auto';

async function connectClient(o: OpenOptions, transport: Transport, kind: TransportKind, seen: EraWatch, timeoutMs: number, choice = choiceOf(o)): Promise<Client> {
  const versionNegotiation = negotiationFor(choice, kind, timeoutMs);
  const client = new Client(clientInfoOf(o.host.clientName), {
    capabilities: clientCapabilities(o.host), inputRequired: { maxRounds: o.host.maxInputRounds ?? DEFAULT_MAX_ROUNDS },
    ...(versionNegotiation ? { versionNegotiation } : {}),
  });
  o.setup(client);
  await receiveTasks(client, o.host);
  await client.connect(new ObservedTransport(transport, observer(o.host, o.redactor, seen)), { timeout: timeoutMs });
  return client;
}

/**
 * 2025-11-25: a server may ask for elicitation or sampling as a task (task-augmented requests): the
 * client answers at once with a task, asks the person or the model as usual, and the server polls
 * tasks/get and tasks/result. ext-tasks' receiver owns that task state; plain requests still go to the
 * handlers `setup` installed. Bound before connecting, so the capability is declared in initialize.
 */
async function receiveTasks(client: Client, host: ConnectionHost): Promise<void> {
  if (!host.elicit && !host.sample) return;
  const { bindTaskReceiver } = await import('@modelcontextprotocol/ext-tasks/receiver');
  const ask = (run: (params: never, signal: AbortSignal) => Promise<unknown>) =>
    (request: { params: unknown }, ctx: { signal: AbortSignal }) => run(request.params as never, ctx.signal) as Promise<never>;
  // The receiver re-installs elicitation/create through the SDK's schema, which drops keywords the SDK
  // does not model (`pattern`) from plain requests too. So plain requests keep going to the handlers
  // `setup` installed, exactly as before, and only task-augmented ones (params.task) go to the receiver.
  type Handler = (request: { params?: { task?: unknown } }, ctx: unknown) => Promise<unknown>;
  const handlers = (client as unknown as { _requestHandlers?: Map<string, Handler> })._requestHandlers;
  const methods = [...(host.elicit ? ['elicitation/create'] : []), ...(host.sample ? ['sampling/createMessage'] : [])];
  const plain = new Map(methods.map(m => [m, handlers?.get(m)]));
  const receiver = bindTaskReceiver(client as never, {
    methods: { 'elicitation/create': !!host.elicit, 'sampling/createMessage': !!host.sample },
    ...(host.elicit ? { elicitation: ask((params, signal) => host.elicit!(params, { signal })) } : {}),
    ...(host.sample ? { sampling: ask((params, signal) => host.sample!(params, { signal })) } : {}),
    onError: (e: unknown, ctx: { method: string; taskId?: string }) => host.log('warn', `Answering the server's ${ctx.method}${ctx.taskId ? ` for task ${ctx.taskId}` : ''} as a task failed: ${(e as Error).message ?? String(e)}`),
  });
  for (const [method, ours] of plain) {
    const task = handlers?.get(method);
    if (ours && task && task !== ours) handlers!.set(method, (request, ctx) => (request.params?.task !== undefined ? task : ours)(request, ctx));
  }
  client.registerCapabilities({ tasks: receiver.capabilities } as never);
  receivers.set(client, receiver.capabilities as unknown as NonNullable<ClientCapabilities["tasks"]>);
}

/** The tasks capability each client declared as a receiver (for the session's client capabilities). */
const receivers = new WeakMap<Client, NonNullable<ClientCapabilities["tasks"]>>();

function sessionInfo(client: Client, kind: TransportKind, o: OpenOptions, seen: EraWatch, extra: Partial<SessionInfo> & { probeStatus?: number; choice?: ProtocolChoice; reason?: string }): SessionInfo {
  const instructions = client.getInstructions();
  const server = client.getServerVersion();
  const serverCapabilities = client.getServerCapabilities();
  const { probeStatus, choice, reason, ...rest } = extra;
  const era = eraOf(client, choice ?? choiceOf(o), seen, kind, probeStatus);
  return {
    transport: kind, clientCapabilities: { ...clientCapabilities(o.host), ...(receivers.has(client) ? { tasks: receivers.get(client) } : {}) }, startedAt: Date.now(), stateless: false,
    ...era, ...(reason ? { eraReason: reason } : {}),
    ...(server ? { server } : {}), ...(serverCapabilities ? { serverCapabilities } : {}), ...(instructions ? { instructions } : {}),
    ...rest,
  };
}

// The era probe runs on the server's own process (one start, and the probe visible in traffic), not on a
// throwaway sibling as the SDK's stdio transport would. A server that exits when it gets server/discover
// before initialize (some SDKs do) is started once more with the 2025 handshake, and the log says so.
async function openStdio(o: OpenOptions, config: StdioConfig, timeoutMs: number): Promise<Live> {
  const c = expandAll(config, o.host);
  const start = () => new StdioTransport({ command: c.command, args: c.args, env: c.env, ...(c.cwd ? { cwd: c.cwd } : {}), onStderr: line => o.host.log('info', `[stderr] ${line}`) });
  let stdio = start();
  let seen = new EraWatch();
  try {
    let client: Client;
    try {
      client = await connectClient(o, stdio, 'stdio', seen, timeoutMs);
    } catch (e) {
      if (choiceOf(o) !== 'auto' || !seen.probed || !stdio.exit) throw e;
      const why = `The server exited (${stdio.exit.signal ?? `code ${stdio.exit.code}`}) when it got server/discover before initialize; started it again with the ${LEGACY} handshake.`;
      o.host.log('warn', why);
      await stdio.close().catch(() => undefined);
      stdio = start();
      seen = new EraWatch();
      client = await connectClient(o, stdio, 'stdio', seen, timeoutMs, LEGACY);
      return { client, transport: stdio, kind: 'stdio', stdio, info: sessionInfo(client, 'stdio', o, seen, { choice: LEGACY, reason: `auto: ${why}` }) };
    }
    return { client, transport: stdio, kind: 'stdio', stdio, info: sessionInfo(client, 'stdio', o, seen, {}) };
  } catch (e) {
    // Let a dying process finish writing stderr and exiting before we explain it.
    for (let i = 0; i < 20 && !stdio.exit && !(e as { code?: string }).code; i++) await sleep(25);
    const exit = stdio.exit; // before close(), which ends a process that is still running
    await stdio.close().catch(() => undefined);
    const x = explain(e, { config, phase: 'connect', timeoutMs, stderr: stdio.lastStderr, ...(exit ? { exit } : {}) });
    throw new ExplainedError(x.message, x.nextStep, undefined, { cause: e });
  }
}

/** A sign-in that failed, said as such (not as the 401 that started it). */
function signInFailed(connection: string, e: Error): SignInError {
  if (e instanceof SignInError) return e;
  if (e instanceof ExplainedError) return new SignInError(e.message, e.nextStep, { cause: e });
  return new SignInError(`Signing in to "${connection}" failed: ${e.message.replace(/[.\s]*$/, '.')}`, 'Check the connection\'s OAuth settings (client id, scopes), then sign in again.', { cause: e });
}

const fallbackStatus = (e: unknown) => e instanceof SdkHttpError && e.status !== undefined && e.status >= 400 && e.status < 500 && e.status !== 401 && e.status !== 403;

type StreamableOutcome = Live | { readonly fallback: HttpFailure | undefined };

async function tryStreamable(o: OpenOptions, plan: HttpPlan, recorder: HttpRecorder, fetchImpl: FetchLike, timeoutMs: number): Promise<StreamableOutcome> {
  const { config, host } = o;
  for (let attempt = 0; ; attempt++) {
    const seen = new EraWatch();
    recorder.clearFailure();
    const streamable = new StreamableHTTPClientTransport(plan.url, { fetch: fetchImpl });
    try {
      const client = await connectClient(o, streamable, 'streamable-http', seen, timeoutMs);
      const sessionId = streamable.sessionId;
      const runtimeSessionId = recorder.lastResponseHeaders?.get('x-amzn-bedrock-agentcore-runtime-session-id') ?? undefined;
      const probeStatus = recorder.firstStatus;
      // A 2026-07-28 connection has no session by design; only a 2025 one without a session id is "stateless".
      const modern = client.getProtocolEra() === 'modern';
      const info = sessionInfo(client, 'streamable-http', o, seen, {
        stateless: !modern && !sessionId, ...(sessionId ? { sessionId } : {}), ...(runtimeSessionId ? { runtimeSessionId } : {}),
        ...(probeStatus && probeStatus >= 400 ? { probeStatus } : {}),
      });
      return { client, transport: streamable, kind: 'streamable-http', recorder, plan, info };
    } catch (e) {
      await streamable.close().catch(() => undefined);
      const delay = plan.retryDelay?.(e, attempt);
      if (delay !== undefined) {
        host.log('info', `initialize failed (${(e as Error).message}); retrying in ${delay} ms`);
        await sleep(delay);
        continue;
      }
      if (plan.oauth?.failure) throw signInFailed(config.name, plan.oauth.failure);
      // A 400 with −32022 is an answer about the protocol version, not a server from before Streamable HTTP.
      if (plan.sseFallback && fallbackStatus(e) && !unsupportedVersion(recorder.lastFailure?.body ?? '')) return { fallback: recorder.lastFailure };
      const x = explain(e, { config, phase: 'connect', timeoutMs, ...(recorder.lastFailure ? { httpFailure: recorder.lastFailure } : {}), ...(plan.explain ? { special: plan.explain } : {}) });
      throw new ExplainedError(x.message, x.nextStep, undefined, { cause: e });
    }
  }
}

async function openHttp(o: OpenOptions, plan: HttpPlan, timeoutMs: number): Promise<Live> {
  const { config, host } = o;
  plan.oauth?.reset();
  for (const s of plan.secrets) o.redactor.addSecret(s);
  const recorder = new HttpRecorder(o.redactor, host.traffic ? f => host.traffic?.(f) : undefined);
  const fetchImpl = compose(o.fetch ?? globalThis.fetch, ...plan.middlewares, recorder.middleware, ownSignals());
  const outcome = await tryStreamable(o, plan, recorder, fetchImpl, timeoutMs);
  if (!('fallback' in outcome)) return outcome;
  // The spec's backwards compatibility: a 4xx to the first POST means try the 2024-11-05 HTTP+SSE transport.
  const first = outcome.fallback;
  host.log('info', `POST ${plan.url} answered ${first?.status ?? 'an error'}; trying the legacy HTTP+SSE transport`);
  recorder.clearFailure();
  const seen = new EraWatch();
  const sse = new SSEClientTransport(plan.url, { fetch: fetchImpl });
  try {
    const client = await connectClient(o, sse, 'sse', seen, timeoutMs);
    return { client, transport: sse, kind: 'sse', recorder, plan, info: sessionInfo(client, 'sse', o, seen, {}) };
  } catch (e) {
    await sse.close().catch(() => undefined);
    const sseFailure: HttpFailure | undefined = recorder.lastFailure; // set again by the SSE attempt
    const failure = first ?? sseFailure;
    const x = explain(e, { config, phase: 'connect', timeoutMs, ...(failure ? { httpFailure: failure } : {}) });
    const sseToo = first && sseFailure ? ` The legacy SSE endpoint answered ${sseFailure.status} too.` : '';
    throw new ExplainedError(`${x.message}${sseToo}`, x.nextStep, undefined, { cause: e });
  }
}

export async function openSession(o: OpenOptions): Promise<Live> {
  const timeoutMs = o.host.timeouts?.connectMs ?? defaultTimeouts.connectMs;
  const { config } = o;
  if (config.type === 'stdio') return openStdio(o, config, timeoutMs);
  let plan: HttpPlan;
  try {
    const extras = { onSecret: (v: string) => o.redactor.addSecret(v), ...(o.fetch ? { fetch: o.fetch } : {}) };
    if (config.type === 'http') plan = await planHttp(config, o.host, extras);
    else if (o.resolveAgentCorePlan) plan = await o.resolveAgentCorePlan(config, o.host, extras);
    else throw new ExplainedError('AgentCore connections are not available in this build.');
  } catch (e) {
    if (e instanceof ExplainedError) throw e;
    const x = explain(e, { config, phase: 'connect' });
    throw new ExplainedError(x.message, x.nextStep, undefined, { cause: e });
  }
  return openHttp(o, plan, timeoutMs);
}
