/**
 * Runs the engine's writes one at a time, in the order they arrive: each apply sees the state the
 * previous one left, whether it succeeded or failed.
 */
export class WriteQueue {
  private queue: Promise<unknown> = Promise.resolve();

  /** Runs `fn` after every write queued before it; resolves or rejects as `fn` does. */
  public run<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
