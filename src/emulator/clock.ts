// The time the emulator's sessions live by: idle timeouts, maximum lifetimes and the −32005 windows. The
// real clock by default; tests pass their own (test/unit/manualClock.ts) and move it on, so they check
// the rules exactly instead of racing sleeps against timers.
export interface SessionClock {
  now(): number;
  /** Runs `fn` after `ms`; returns what cancels it. */
  after(ms: number, fn: () => void): () => void;
}

export const realClock: SessionClock = {
  now: () => Date.now(),
  after: (ms, fn) => {
    const t = setTimeout(fn, ms);
    t.unref();
    return () => clearTimeout(t);
  },
};
