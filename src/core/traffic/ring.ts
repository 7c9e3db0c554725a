// A list of fixed size that drops its oldest item for each new one past the size: the recent traffic of
// a connection. Adding is O(1) (no shift of every stored item per new one), and a chatty server costs no
// more memory than the size allows.
export class Ring<T> {
  private readonly items: T[] = [];
  private start = 0;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`A ring needs a size of at least 1, got ${size}`);
  }

  get length(): number { return this.items.length; }

  push(item: T): void {
    if (this.items.length < this.size) this.items.push(item);
    else { this.items[this.start] = item; this.start = (this.start + 1) % this.size; }
  }

  /** Oldest first. */
  toArray(): T[] { return this.start === 0 ? [...this.items] : [...this.items.slice(this.start), ...this.items.slice(0, this.start)]; }
}
