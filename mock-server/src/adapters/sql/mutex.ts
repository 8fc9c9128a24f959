/**
 * A first-come, first-served async lock: `run(fn)` waits for its turn, runs `fn` and lets the
 * next one in when `fn` settles. Used to give one SQLite connection to one transaction at a time
 * and to queue a node's registry-wide PostgreSQL transactions before they take a connection.
 */
export class AsyncMutex {
  private locked = false;
  private readonly waiting: (() => void)[] = [];

  get isLocked(): boolean {
    return this.locked;
  }

  async run<T>(fn: () => Promise<T> | T): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (!this.locked) {
      this.locked = true;
      return Promise.resolve();
    }
    // the lock passes straight to the waiter: `locked` stays true
    return new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.locked = false;
  }
}
