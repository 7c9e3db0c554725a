// One question at a time: quick inputs are modal to the window, so server requests that arrive while
// another is being answered (another connection, or a server that asks in parallel) wait their turn.
export class Queue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.tail.then(task, task);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
