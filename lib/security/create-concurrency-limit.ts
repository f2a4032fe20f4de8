export interface ConcurrencyLimitOptions {
  /** Tasks running at once. */
  max: number;
  /** Tasks that may wait for a free slot; one more is refused at once. */
  maxQueue: number;
  /** Thrown (not awaited) when the queue is full. */
  onFull: () => Error;
}

export interface ConcurrencyLimit {
  /** Runs `task` when a slot is free (in arrival order), or throws `onFull()` when too many already wait. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running now and waiting now. */
  load(): { running: number; waiting: number };
}

/**
 * A counting semaphore with a bounded line. A task that would wait behind a full line is refused at once rather than
 * queued without end: under a flood, a short refusal is better than every caller timing out.
 */
export function createConcurrencyLimit({ max, maxQueue, onFull }: ConcurrencyLimitOptions): ConcurrencyLimit {
  let running = 0;
  const waiting: (() => void)[] = [];

  const release = () => {
    const next = waiting.shift();
    if (next) next(); // the slot passes straight on: `running` stays the same
    else running--;
  };

  return {
    async run(task) {
      if (running < max) running++;
      else if (waiting.length < maxQueue) await new Promise<void>((resolve) => waiting.push(resolve));
      else throw onFull();
      try {
        return await task();
      } finally {
        release();
      }
    },
    load: () => ({ running, waiting: waiting.length }),
  };
}
