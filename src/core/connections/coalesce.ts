// Passes a repeated signal on at once, then at most once more per window: a server that sends thousands
// of list_changed would otherwise have every list fetched and redrawn thousands of times.

/** How often one kind of list_changed is passed on at most. */
export const LIST_CHANGED_MS = 250;

export class Coalescer<K> {
  private readonly held = new Map<K, { again: boolean; timer: ReturnType<typeof setTimeout> }>();

  constructor(private readonly fire: (kind: K) => void, private readonly windowMs = LIST_CHANGED_MS) {}

  /** Fires `kind` now, or once when its window ends if it came again meanwhile. */
  add(kind: K): void {
    const held = this.held.get(kind);
    if (held) { held.again = true; return; }
    this.fire(kind);
    const entry = { again: false, timer: setTimeout(() => {
      this.held.delete(kind);
      if (entry.again) this.add(kind);
    }, this.windowMs) };
    entry.timer.unref?.();
    this.held.set(kind, entry);
  }

  dispose(): void {
    for (const h of this.held.values()) clearTimeout(h.timer);
    this.held.clear();
  }
}
