// One MCP connection: its state, its live session, and every request the person starts, with the
// recovery rules (a 404 for a known session opens a new session; AgentCore's retryable codes are
// retried by the plan's policy). connect() never throws: failure becomes the error state.
import { LOG_LEVEL_META_KEY, SdkHttpError, type Client, type RequestOptions } from '@modelcontextprotocol/client';
import { Disposable, Emitter, sleep } from '../util/events';
import type { ConnectionConfig } from './config';
import { CancelledError, explain, ExplainedError } from './errors';
import type { FetchLike } from './fetch';
import { ConnectionHost, defaultTimeouts, ElicitParams, HostLogLevel, SamplingParams, Timeouts } from './host';
import type { ProtocolChoice } from './era';
import { installHandlers } from './handlers';
import { Listener } from './listen';
import { Coalescer } from './coalesce';
import { LogFlood } from './logFlood';
import { Live, openSession } from './open';
import type { PlanResolver } from './plan';
import { ConnectionState, starting, statelessNote, stopped } from './state';
import type { SignedIn } from '../auth/middleware';
import { SignInError } from '../auth/provider';
import { Redactor } from './traffic';
import { TaskRegistry } from './taskRegistry';
import { clientInfoOf, type ClientInfo } from '../util/product';

export type ListKind = 'tools' | 'resources' | 'prompts';

export interface CallOptions {
  readonly signal?: AbortSignal;
  readonly onprogress?: (p: { progress: number; total?: number; message?: string }) => void;
  readonly timeoutMs?: number;
  /** How messages name this request (default: the method), e.g. "tools/call plan_trip". */
  readonly label?: string;
}

export interface ConnectionDeps {
  readonly resolveAgentCorePlan?: PlanResolver;
  readonly fetch?: FetchLike;
}


export class McpConnection implements Disposable {
  private _state: ConnectionState = stopped;
  private live?: Live;
  private opening?: Promise<ConnectionState>;
  private restarting?: Promise<ConnectionState>;
  private renewing?: Promise<Live>;
  /** Requests waiting for an answer, per session: an expired session is closed only once they settle. */
  private readonly inflight = new Map<Live, { count: number; idle?: () => void }>();
  /** 2026-07-28: the open subscriptions/listen stream, and the resources watched through it. */
  private listener?: { live: Live; listener: Listener };
  private readonly watched = new Set<string>();
  /** Errors our own handlers threw (a refused or impossible answer), to tell them from the server's. */
  private readonly ownErrors = new WeakSet<object>();
  private closing = false;
  /** Server log messages, at most MAX_LINES_PER_SECOND shown. */
  private readonly lists = new Coalescer<ListKind>(kind => this.listEmitter.fire(kind));
  private readonly serverLog = new LogFlood((level, line) => this.host.log(level, line));
  readonly redactor: Redactor;
  /** The tasks this connection started (tool calls that ran as MCP tasks). */
  readonly tasks = new TaskRegistry();
  private readonly stateEmitter = new Emitter<ConnectionState>();
  private readonly listEmitter = new Emitter<ListKind>();
  private readonly updatedEmitter = new Emitter<string>();
  private readonly completeEmitter = new Emitter<string>();
  readonly onDidChangeState = this.stateEmitter.event;
  readonly onListChanged = this.listEmitter.event;
  readonly onResourceUpdated = this.updatedEmitter.event;
  readonly onElicitationComplete = this.completeEmitter.event;

  private readonly host: ConnectionHost;

  constructor(readonly config: ConnectionConfig, host: ConnectionHost, private readonly deps: ConnectionDeps = {}) {
    const redactor = new Redactor(config.type === 'http' ? config.secretHeaders : []);
    this.redactor = redactor;
    // Every line and notice goes out redacted: server log messages, stderr and error texts can quote a
    // secret this connection sent (a header value, a token), and hosts write them where people look.
    this.host = Object.assign(Object.create(host) as ConnectionHost, {
      log: (level: HostLogLevel, message: string) => host.log(level, redactor.text(message)),
      ...(host.notify ? { notify: (level: 'info' | 'warning' | 'error', message: string) => host.notify!(level, redactor.text(message)) } : {}),
    });
  }

  get name(): string { return this.config.name; }
  /** The clientInfo this connection introduces itself with. */
  get clientInfo(): ClientInfo { return clientInfoOf(this.host.clientName); }

  /** A line in this connection's log (redacted like every other). */
  log(level: HostLogLevel, message: string): void { this.host.log(level, message); }

  /** The era this connection was switched to for now (reconnectIn), over its protocol setting. */
  protocolOverride?: ProtocolChoice;
  private get effective(): ConnectionConfig { return this.protocolOverride ? { ...this.config, protocol: this.protocolOverride } : this.config; }

  /** Reconnects in another protocol era, leaving the setting as it is (the person tries the other path). */
  async reconnectIn(protocol: ProtocolChoice): Promise<ConnectionState> {
    this.protocolOverride = protocol;
    this.host.log('info', `Reconnecting in protocol ${protocol} (the connection's setting is unchanged).`);
    return this.restart();
  }
  get state(): ConnectionState { return this._state; }
  /** Who is signed in to the running session's server (MCP authorization), if anyone. */
  signedIn(): SignedIn | undefined { return this.live?.plan?.oauth?.status(); }
  /** The SDK client of the running session (for advanced use: tests, benchmarks). */
  get client(): Client | undefined { return this.live?.client; }
  get timeouts(): Timeouts { return { ...defaultTimeouts, ...this.host.timeouts }; }

  private setState(s: ConnectionState): void {
    if (s.kind === 'error') s = { ...s, message: this.redactor.text(s.message), ...(s.nextStep ? { nextStep: this.redactor.text(s.nextStep) } : {}) };
    this._state = s;
    this.stateEmitter.fire(s);
  }

  /** Connects if not running. Never throws: returns the resulting state (running or error). */
  connect(): Promise<ConnectionState> {
    if (this._state.kind === 'running') return Promise.resolve(this._state);
    if (this.opening) return this.opening;
    this.setState(starting);
    this.opening = this.open().then(live => {
      this.live = live;
      this.afterOpen(live);
      this.setState({ kind: 'running', session: live.info });
      return this._state;
    }, (e: unknown) => {
      const x = e instanceof ExplainedError ? { message: e.message, nextStep: e.nextStep } : explain(e, { config: this.config, phase: 'connect' });
      this.host.log('error', `Could not connect: ${x.message}${x.nextStep ? ` ${x.nextStep}` : ''}`);
      this.setState({ kind: 'error', message: x.message, ...(x.nextStep ? { nextStep: x.nextStep } : {}), ...(e instanceof SignInError ? { signIn: true } : {}) });
      return this._state;
    }).finally(() => { this.opening = undefined; });
    return this.opening;
  }

  /**
   * The host as the session sees it: every secret value read through it (a header value, a bearer token
   * read afresh for each request) is from then on also redacted by value wherever it appears, so a token
   * set while connected, or a server echoing one back, does not show in the traffic or the log.
   */
  private sessionHost(): ConnectionHost {
    const { host, redactor } = this;
    if (!host.secret) return host;
    const read = host.secret.bind(host);
    return Object.assign(Object.create(host) as ConnectionHost, {
      secret: async (key: string, config: ConnectionConfig) => {
        const value = await read(key, config);
        redactor.addSecret(value?.trim());
        return value;
      },
    });
  }

  private async open(): Promise<Live> {
    await this.host.admit?.(this.effective);
    const live = await openSession({
      config: this.effective, host: this.sessionHost(), redactor: this.redactor, setup: c => installHandlers(c, {
        host: this.host, serverLog: this.serverLog, listChanged: k => this.lists.add(k), resourceUpdated: u => this.updatedEmitter.fire(u),
        elicitationComplete: id => this.completeEmitter.fire(id), ours: e => this.ownErrors.add(e),
      }),
      resolveAgentCorePlan: this.deps.resolveAgentCorePlan ?? this.host.agentcorePlan,
      ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
    });
    const o = this.protocolOverride;
    return o ? { ...live, info: { ...live.info, eraReason: `reconnected in ${o} for now (the connection's protocol setting is ${this.config.protocol ?? 'auto'})` } } : live;
  }

  private afterOpen(live: Live): void {
    const { info } = live;
    this.host.log('info', `Connected over ${info.transport} to ${info.server?.name ?? 'the server'} ${info.server?.version ?? ''} (protocol ${info.protocolVersion ?? '?'}; ${info.eraReason})${info.sessionId ? `, session ${info.sessionId}` : ''}.`);
    if (info.stateless) {
      const text = statelessNote.long(this.name);
      this.host.log('warn', text);
      this.host.notify?.('warning', text);
    }
    live.client.onclose = () => {
      if (this.live !== live || this.closing) return;
      this.live = undefined;
      const exit = live.stdio?.exit;
      const why = exit ? (exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`) : 'closed the connection';
      this.host.log('error', `The server ${why}.`);
      this.setState({ kind: 'error', message: `The server ${why}.`, nextStep: 'Open the log to see why, then Restart.' });
    };
    if (info.era === 'modern') {
      const listener = new Listener(live.client, info.serverCapabilities, m => this.host.log('warn', m));
      void this.listener?.listener.close();
      this.listener = { live, listener };
      void listener.update([...this.watched]);
    }
    // 2026-07-28 has no logging/setLevel (the level travels per request).
    if (info.serverCapabilities?.logging && info.era === 'legacy') {
      // Through request(): AgentCore may answer -32005 while the session is still being provisioned.
      const level = this.host.serverLogLevel ?? 'info';
      this.request('logging/setLevel', (client, options) => client.setLoggingLevel(level, options))
        .catch((e: unknown) => this.host.log('warn', `logging/setLevel failed: ${(e as Error).message}`));
    }
  }

  /** Params to add to a request: on 2026-07-28 the log level travels with each request (there is no
   *  logging/setLevel), and without it the server sends no log messages at all. */
  requestMeta(): { _meta?: Record<string, unknown> } {
    const s = this._state.kind === 'running' ? this._state.session : undefined;
    if (s?.era !== 'modern' || !s.serverCapabilities?.logging) return {};
    return { _meta: { [LOG_LEVEL_META_KEY]: this.host.serverLogLevel ?? 'info' } };
  }

  /** Answers input a task asks for (2026-07-28 tasks extension: inputRequests on tasks/get) with this
   *  connection's own elicitation, sampling and roots handlers, as for a pushed request. */
  answerInput(kind: 'elicitation' | 'sampling' | 'roots', params: unknown, signal?: AbortSignal): Promise<unknown> {
    const ctx = { signal: signal ?? new AbortController().signal };
    if (kind === 'elicitation' && this.host.elicit) return this.host.elicit(params as ElicitParams, ctx);
    if (kind === 'sampling' && this.host.sample) return this.host.sample(params as SamplingParams, ctx);
    if (kind === 'roots' && this.host.roots) return this.host.roots().then(roots => ({ roots }));
    return Promise.reject(new ExplainedError(`The task asked for ${kind}, which this client was not set up to answer.`));
  }

  /** 2026-07-28: watch a resource for notifications/resources/updated (the stream is reopened with it). */
  async watchResource(uri: string, on: boolean): Promise<void> {
    if (on) this.watched.add(uri); else this.watched.delete(uri);
    if (this.listener && this.listener.live === this.live) await this.listener.listener.update([...this.watched]);
  }

  /** Tells the server the roots changed (workspace folders added or removed). */
  async rootsChanged(): Promise<void> {
    if (this.host.roots && this.live) {
      await this.live.client.sendRootsListChanged().catch((e: unknown) => this.host.log('warn', `Telling the server that the workspace folders changed failed: ${(e as Error).message}`));
    }
  }

  async disconnect(): Promise<void> {
    // A restart under way would otherwise open its new session after this returned, and that session
    // (for stdio, a server process) would outlive the connection.
    await this.restarting?.catch(() => undefined);
    await this.opening?.catch(() => undefined);
    const live = this.live;
    this.live = undefined;
    if (live) await this.closeLive(live, true);
    this.serverLog.dispose(); // says how many were left out, and leaves no timer behind
    this.lists.dispose();
    if (this._state.kind !== 'stopped') this.setState(stopped);
  }

  private async closeLive(live: Live, terminate: boolean): Promise<void> {
    this.closing = true;
    try {
      if (this.listener?.live === live) { const { listener } = this.listener; this.listener = undefined; await listener.close(); }
      const t = live.transport as { terminateSession?: () => Promise<void>; sessionId?: string };
      if (terminate && live.kind === 'streamable-http' && t.sessionId && t.terminateSession) {
        // SDK 1.x close() sends no DELETE; 404/405 mean the session is already gone or cannot be ended.
        await t.terminateSession().catch((e: unknown) => {
          const code = e instanceof SdkHttpError ? e.status : undefined;
          if (code !== 404 && code !== 405) this.host.log('warn', `Ending the session failed: ${(e as Error).message}`);
        });
      }
      await live.client.close().catch(() => undefined);
    } finally {
      this.closing = false;
    }
  }

  /** Ends the session and opens a new one, going straight from running to starting (no "stopped" in between). */
  restart(): Promise<ConnectionState> {
    const run = (async () => {
      await this.opening?.catch(() => undefined);
      const live = this.live;
      this.live = undefined;
      if (live) await this.closeLive(live, true);
      this._state = stopped; // not announced: starting follows at once
      return this.connect();
    })();
    this.restarting = run;
    void run.finally(() => { if (this.restarting === run) this.restarting = undefined; }).catch(() => undefined);
    return run;
  }

  dispose(): void {
    void this.disconnect();
    for (const e of [this.stateEmitter, this.listEmitter, this.updatedEmitter, this.completeEmitter, this.tasks]) e.dispose();
  }

  private async ensureLive(): Promise<Live> {
    if (!this.live) {
      const s = await this.connect();
      if (s.kind === 'error') throw new ExplainedError(s.message, s.nextStep);
    }
    if (!this.live) throw new ExplainedError(`"${this.name}" is not connected.`, 'Connect it first.');
    return this.live;
  }

  private isExpiredSession(e: unknown, live: Live): boolean {
    return e instanceof SdkHttpError && e.status === 404 && live.kind === 'streamable-http' && !!live.info.sessionId;
  }

  /** The server forgot our session (idle timeout, max lifetime): open a new one, and say so and that
   *  `what`, which the old session refused, is sent again on it. */
  private renew(old: Live, what: string): Promise<Live> {
    if ((this.live && this.live !== old) || this.renewing) this.host.log('info', `${what} also found session ${old.info.sessionId} expired; it is sent again on the new session.`);
    if (this.live && this.live !== old) return Promise.resolve(this.live);
    this.renewing ??= (async () => {
      const live = await this.open();
      this.live = live;
      this.afterOpen(live);
      this.setState({ kind: 'running', session: live.info });
      const text = `The session ${old.info.sessionId} on "${this.name}" expired (the server answered 404, so ${what} did not run), so a new session was opened${live.info.sessionId ? ` (${live.info.sessionId})` : ''} and ${what} was sent again on it.`;
      this.host.log('warn', text);
      this.host.notify?.('info', text);
      // Not closed at once: a request still waiting on the old session gets its own 404 (and is sent
      // again) or its own answer; closing now would fail it with "connection closed" and lose that.
      void this.settle(old).then(() => old.client.close()).catch(() => undefined);
      return live;
    })().catch((e: unknown) => {
      this.live = undefined;
      const x = e instanceof ExplainedError ? e : new ExplainedError(explain(e, { config: this.config, phase: 'connect' }).message);
      this.setState({ kind: 'error', message: `The session expired and a new one could not be opened: ${x.message}`, ...(x.nextStep ? { nextStep: x.nextStep } : {}) });
      throw x;
    }).finally(() => { this.renewing = undefined; });
    return this.renewing;
  }

  private ownCause(e: unknown): Error | undefined {
    for (let cur = e, i = 0; cur && typeof cur === 'object' && i < 4; cur = (cur as { cause?: unknown }).cause, i++) {
      if (this.ownErrors.has(cur)) return cur as Error;
    }
    return undefined;
  }

  private settle(live: Live): Promise<void> {
    const busy = this.inflight.get(live);
    return busy ? new Promise(resolve => { busy.idle = resolve; }) : Promise.resolve();
  }

  private async tracked<T>(live: Live, run: () => Promise<T>): Promise<T> {
    const busy = this.inflight.get(live) ?? { count: 0 };
    this.inflight.set(live, busy);
    busy.count++;
    try {
      return await run();
    } finally {
      if (--busy.count === 0) {
        this.inflight.delete(live);
        busy.idle?.();
      }
    }
  }

  /** Runs one request with the recovery rules; failures come back as ExplainedError or CancelledError. */
  async request<T>(method: string, run: (client: Client, options: RequestOptions) => Promise<T>, o: CallOptions = {}): Promise<T> {
    let live = await this.ensureLive();
    let renewed = false;
    const timeout = o.timeoutMs ?? (method === 'tools/call' ? this.timeouts.toolCallMs : this.timeouts.requestMs);
    const options: RequestOptions = {
      timeout, resetTimeoutOnProgress: true,
      ...(o.signal ? { signal: o.signal } : {}), ...(o.onprogress ? { onprogress: o.onprogress } : {}),
    };
    for (let attempt = 0; ; attempt++) {
      try {
        const client = live.client;
        return await this.tracked(live, () => run(client, options));
      } catch (e) {
        if (o.signal?.aborted) throw new CancelledError();
        const own = this.ownCause(e);
        if (own) throw new ExplainedError(`${o.label ?? method} asked this client for input, and answering failed: ${own.message}`, undefined, undefined, { cause: e });
        // A 404 to a request carrying our session id: no session took it, so nothing ran, whatever the
        // method (tools/call included): repeat it once on a new session. A call whose response stream
        // broke after it started fails otherwise and is never repeated here.
        if (!renewed && this.isExpiredSession(e, live)) {
          renewed = true;
          live = await this.renew(live, o.label ?? method);
          continue;
        }
        const delay = live.plan?.retryDelay?.(e, attempt);
        if (delay !== undefined) {
          this.host.log('info', `${method} failed (${(e as Error).message}); retrying in ${delay} ms`);
          await sleep(delay, o.signal).catch(() => { throw new CancelledError(); });
          continue;
        }
        const x = explain(e, {
          config: this.config, phase: 'request', method, timeoutMs: timeout,
          ...(live.recorder?.lastFailure && e instanceof SdkHttpError ? { httpFailure: live.recorder.lastFailure } : {}),
          ...(live.plan?.explain ? { special: live.plan.explain } : {}),
        });
        throw new ExplainedError(x.message, x.nextStep, (e as { code?: number }).code, { cause: e });
      }
    }
  }
}
