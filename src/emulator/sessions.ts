// Sessions as AgentCore keeps them (docs/agentcore-runtime.md, "Sessions"): the id the client sees (a UUID;
// mapped from the upstream's id when that is not one), idle timeout and max lifetime, a short "operation in
// progress" window while a session is provisioned or torn down, and 404 for an id that has ended.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { realClock, type SessionClock } from './clock';

export type SessionPhase = 'starting' | 'active' | 'closing' | 'closed';
export type CloseReason = 'idle' | 'lifetime' | 'deleted' | 'expired' | 'upstream-gone';

export interface SessionInfo {
  /** The id the client sees in `Mcp-Session-Id`. */
  readonly id: string;
  /** The id the upstream issued; undefined when the emulator invented one for a stateless server. */
  readonly upstreamId?: string;
  readonly runtime: string;
  readonly runtimeSessionId: string;
  readonly createdAt: number;
  readonly lastActiveAt: number;
  readonly phase: SessionPhase;
  readonly closeReason?: CloseReason;
}

export interface Session {
  readonly id: string;
  readonly upstreamId?: string;
  readonly runtime: string;
  readonly runtimeSessionId: string;
  readonly createdAt: number;
  lastActiveAt: number;
  inFlight: number;
  closingSince?: number;
  closeReason?: CloseReason;
  readonly streams: Set<ServerResponse>;
  /** Cancel the pending idle and lifetime ends. */
  cancelIdle?: () => void;
  cancelLifetime?: () => void;
}

export interface SessionTimes {
  readonly idleTimeoutMs: number;
  readonly maxLifetimeMs: number;
  /** −32005 window right after a session starts. */
  readonly startingMs: number;
  /** −32005 window while a session is torn down, before its id gets 404. */
  readonly closingMs: number;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEEP_CLOSED = 1000;

export class SessionTable {
  private readonly byId = new Map<string, Session>();

  /** `onEnd` runs when a session ends by itself (idle, lifetime, expire()): the emulator then DELETEs upstream. */
  constructor(private readonly times: SessionTimes, private readonly onEnd: (s: Session) => void, private readonly clock: SessionClock = realClock) {}

  create(runtime: string, upstreamId: string | undefined, runtimeSessionId: string | undefined, now = this.clock.now()): Session {
    const id = upstreamId !== undefined && UUID_RE.test(upstreamId) && !this.byId.has(upstreamId) ? upstreamId : randomUUID();
    const s: Session = {
      id, upstreamId, runtime, runtimeSessionId: runtimeSessionId ?? id, createdAt: now, lastActiveAt: now, inFlight: 0, streams: new Set(),
    };
    this.byId.set(id, s);
    s.cancelLifetime = this.clock.after(this.times.maxLifetimeMs, () => this.end(s, 'lifetime'));
    this.armIdle(s);
    this.prune();
    return s;
  }

  get(id: string): Session | undefined { return this.byId.get(id); }

  phase(s: Session, now = this.clock.now()): SessionPhase {
    if (s.closingSince !== undefined) return now < s.closingSince + this.times.closingMs ? 'closing' : 'closed';
    return now < s.createdAt + this.times.startingMs ? 'starting' : 'active';
  }

  /** A request on the session starts; `stream` is the response to cut if the session ends meanwhile. */
  begin(s: Session, stream?: ServerResponse, countsAsActivity = true): void {
    if (stream) s.streams.add(stream);
    if (!countsAsActivity) return;
    s.inFlight++;
    s.lastActiveAt = this.clock.now();
    s.cancelIdle?.();
  }

  finish(s: Session, stream?: ServerResponse, countsAsActivity = true): void {
    if (stream) s.streams.delete(stream);
    if (!countsAsActivity) return;
    s.inFlight = Math.max(0, s.inFlight - 1);
    s.lastActiveAt = this.clock.now();
    if (s.inFlight === 0 && s.closingSince === undefined) this.armIdle(s);
  }

  /** Ends a session: open streams (but `keep`) are cut, the id answers −32005 for `closingMs`, then 404. */
  end(s: Session, reason: CloseReason, keep?: ServerResponse): void {
    if (s.closingSince !== undefined) return;
    s.closingSince = this.clock.now();
    s.closeReason = reason;
    s.cancelIdle?.();
    s.cancelLifetime?.();
    for (const res of s.streams) if (res !== keep) res.destroy();
    s.streams.clear();
    if (reason !== 'deleted' && reason !== 'upstream-gone') this.onEnd(s);
  }

  list(now = this.clock.now()): SessionInfo[] {
    return [...this.byId.values()].map(s => ({
      id: s.id, upstreamId: s.upstreamId, runtime: s.runtime, runtimeSessionId: s.runtimeSessionId,
      createdAt: s.createdAt, lastActiveAt: s.lastActiveAt, phase: this.phase(s, now),
      ...(s.closeReason ? { closeReason: s.closeReason } : {}),
    }));
  }

  /** Stops every timer (the emulator is closing). */
  dispose(): void {
    for (const s of this.byId.values()) { s.cancelIdle?.(); s.cancelLifetime?.(); }
  }

  private armIdle(s: Session): void {
    s.cancelIdle?.();
    s.cancelIdle = this.clock.after(this.times.idleTimeoutMs, () => this.end(s, 'idle'));
  }

  /** Forgets the oldest ended sessions so a long-running emulator does not grow without bound. */
  private prune(): void {
    if (this.byId.size <= KEEP_CLOSED) return;
    for (const [id, s] of this.byId) {
      if (this.byId.size <= KEEP_CLOSED) break;
      if (s.closingSince !== undefined) this.byId.delete(id);
    }
  }
}
