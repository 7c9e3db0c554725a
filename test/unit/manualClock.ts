// A clock tests move on by hand (the emulator's SessionClock): timers fire when advance() passes their
// time, in order, so a timeout rule is checked exactly and at once. This file holds no tests.
import type { SessionClock } from '../../src/emulator/clock';

export class ManualClock implements SessionClock {
  private time = Date.parse('2026-01-01T00:00:00Z');
  private timers: { at: number; fn: () => void }[] = [];

  now(): number { return this.time; }

  after(ms: number, fn: () => void): () => void {
    const timer = { at: this.time + ms, fn };
    this.timers.push(timer);
    return () => { this.timers = this.timers.filter(t => t !== timer); };
  }

  /** Moves time on by `ms`, running every timer that falls due on the way (a timer may set another). */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter(t => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter(t => t !== due);
      this.time = due.at;
      due.fn();
    }
    this.time = end;
  }
}
