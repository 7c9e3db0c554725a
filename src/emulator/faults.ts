// Fault switches: make the emulator answer like AgentCore does when things go wrong (docs/agentcore-runtime.md,
// "Errors come back as HTTP 200 with a JSON-RPC error", "Request ids"), so clients can be tested against
// throttling, conflicts, cold starts, string ids and cut streams. Settable from code and POST /_emulator/faults.

export interface FaultState {
  /** The next N invocations get −32003; `perSecond` throttles any POST beyond that many per rolling second. */
  throttle: { next: number; perSecond?: number };
  /** The next N invocations get −32005 (Session operation in progress). */
  conflict: { next: number };
  /** The next N session starts (initialize without a session) hit a cold start: −32010, or a delay when delayMs > 0. */
  coldStart: { next: number; delayMs: number };
  /** The next N invocations get −32603. */
  internal: { next: number };
  /** Numeric ids of upstream responses come back as strings ("3" for 3), in JSON bodies and SSE events. */
  stringIds: boolean;
  /** The next N SSE responses are cut after `afterEvents` events. */
  dropSse: { next: number; afterEvents: number };
  /** Control-plane calls (ListAgentRuntimes & co.) are refused with AccessDeniedException, as for a role without the permission. */
  controlAccessDenied: boolean;
}

type Counted = number | { next?: number };
/** A change to the switches; a bare number means "the next N requests" (for dropSse: cut the next one after N events). */
export interface FaultPatch {
  /** perSecond: null or 0 turns rate throttling off. */
  throttle?: number | { next?: number; perSecond?: number | null };
  conflict?: Counted;
  coldStart?: number | { next?: number; delayMs?: number };
  internal?: Counted;
  stringIds?: boolean;
  /** `{ afterEvents }` alone cuts the next SSE response; add `next` for more. */
  dropSse?: number | { next?: number; afterEvents?: number };
  controlAccessDenied?: boolean;
  /** Clears every switch before applying the rest. */
  reset?: boolean;
}

const PATCH_KEYS = ['throttle', 'conflict', 'coldStart', 'internal', 'stringIds', 'dropSse', 'controlAccessDenied', 'reset'];

export type RequestFault = 'throttle' | 'conflict' | 'internal' | 'coldStart' | 'coldStartDelay';

const initial = (): FaultState => ({
  throttle: { next: 0 }, conflict: { next: 0 }, coldStart: { next: 0, delayMs: 0 }, internal: { next: 0 },
  stringIds: false, dropSse: { next: 0, afterEvents: 0 }, controlAccessDenied: false,
});

function count(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new Error(`"${what}" must be a whole number ≥ 0`);
  return v;
}

function nextOf(v: Counted | undefined, current: number, what: string): number {
  if (v === undefined) return current;
  if (typeof v === 'number') return count(v, what);
  return v.next === undefined ? current : count(v.next, `${what}.next`);
}

export class Faults {
  private state = initial();
  private recent: number[] = [];

  current(): FaultState { return JSON.parse(JSON.stringify(this.state)) as FaultState; }

  reset(): FaultState { this.state = initial(); this.recent = []; return this.current(); }

  /** Applies a patch; throws with a readable message (and changes nothing) when a value is wrong. */
  set(patch: FaultPatch): FaultState {
    const unknown = Object.keys(patch).filter(k => !PATCH_KEYS.includes(k));
    if (unknown.length) throw new Error(`unknown fault switch ${unknown.map(k => `"${k}"`).join(', ')}; known: ${PATCH_KEYS.join(', ')}`);
    const s = patch.reset ? initial() : this.current();
    s.throttle.next = nextOf(patch.throttle, s.throttle.next, 'throttle');
    if (typeof patch.throttle === 'object' && patch.throttle.perSecond !== undefined) {
      if (patch.throttle.perSecond === null || patch.throttle.perSecond === 0) delete s.throttle.perSecond;
      else s.throttle.perSecond = count(patch.throttle.perSecond, 'throttle.perSecond');
    }
    s.conflict.next = nextOf(patch.conflict, s.conflict.next, 'conflict');
    s.internal.next = nextOf(patch.internal, s.internal.next, 'internal');
    s.coldStart.next = nextOf(patch.coldStart, s.coldStart.next, 'coldStart');
    if (typeof patch.coldStart === 'object' && patch.coldStart.delayMs !== undefined) s.coldStart.delayMs = count(patch.coldStart.delayMs, 'coldStart.delayMs');
    for (const k of ['stringIds', 'controlAccessDenied'] as const) {
      if (patch[k] === undefined) continue;
      if (typeof patch[k] !== 'boolean') throw new Error(`"${k}" must be true or false`);
      s[k] = patch[k];
    }
    if (typeof patch.dropSse === 'number') s.dropSse = { next: 1, afterEvents: count(patch.dropSse, 'dropSse') };
    else if (patch.dropSse) {
      s.dropSse.afterEvents = patch.dropSse.afterEvents === undefined ? s.dropSse.afterEvents : count(patch.dropSse.afterEvents, 'dropSse.afterEvents');
      s.dropSse.next = patch.dropSse.next === undefined ? Math.max(1, s.dropSse.next) : count(patch.dropSse.next, 'dropSse.next');
    }
    this.state = s;
    return this.current();
  }

  /** Decides (and uses up) the fault for one POST invocation. Throttling comes first: it is the front door's. */
  takeForRequest(sessionStart: boolean, now = Date.now()): RequestFault | undefined {
    const s = this.state;
    this.recent = this.recent.filter(t => t > now - 1000);
    this.recent.push(now);
    if (s.throttle.next > 0) { s.throttle.next--; return 'throttle'; }
    if (s.throttle.perSecond !== undefined && this.recent.length > s.throttle.perSecond) return 'throttle';
    if (sessionStart && s.coldStart.next > 0) { s.coldStart.next--; return s.coldStart.delayMs > 0 ? 'coldStartDelay' : 'coldStart'; }
    if (s.conflict.next > 0) { s.conflict.next--; return 'conflict'; }
    if (s.internal.next > 0) { s.internal.next--; return 'internal'; }
    return undefined;
  }

  get coldStartDelayMs(): number { return this.state.coldStart.delayMs; }
  get stringIds(): boolean { return this.state.stringIds; }
  get controlAccessDenied(): boolean { return this.state.controlAccessDenied; }

  /** For an SSE response about to stream: after how many events to cut it, if this one is to be cut. */
  takeDropSse(): number | undefined {
    if (this.state.dropSse.next <= 0) return undefined;
    this.state.dropSse.next--;
    return this.state.dropSse.afterEvents;
  }
}
