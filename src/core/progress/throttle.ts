// Turns a stream of notifications/progress (possibly thousands a second) into a few UI updates a second:
// each update carries the newest message and the increment since the last update (VS Code's progress
// API is incremental), computed from progress/total; with no total the bar is indeterminate. flush() at
// the end makes the final state exact.

export interface ProgressNote { readonly progress: number; readonly total?: number; readonly message?: string }
export interface ProgressUpdate { readonly message: string; readonly increment?: number }

export class ProgressThrottle {
  private shownPercent = 0;
  private pending?: ProgressNote;
  private timer?: ReturnType<typeof setTimeout>;
  /** How many notifications arrived and how many updates went out (for tests and benchmarks). */
  received = 0;
  emitted = 0;
  last?: ProgressNote;

  constructor(private readonly report: (u: ProgressUpdate) => void, private readonly intervalMs = 100) {}

  push(note: ProgressNote): void {
    this.received++;
    this.pending = note;
    this.last = note;
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    if (this.timer) { clearTimeout(this.timer); this.timer = undefined; }
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    this.emitted++;
    const message = p.message ?? (p.total ? `${p.progress} of ${p.total}` : `${p.progress}`);
    if (p.total && p.total > 0) {
      const percent = Math.max(0, Math.min(100, (p.progress / p.total) * 100));
      const increment = Math.max(0, percent - this.shownPercent);
      this.shownPercent = Math.max(this.shownPercent, percent);
      this.report({ message, increment });
    } else {
      this.report({ message });
    }
  }

  /** The percentage the bar shows now. */
  get percent(): number { return this.shownPercent; }

  dispose(): void { if (this.timer) clearTimeout(this.timer); this.timer = undefined; }
}
