/** @internal A pending deadline; `cancel` removes it once the guarded work settles. */
export interface Deadline {
  cancel(): void;
}

class Entry implements Deadline {
  done = false;
  constructor(
    readonly queue: DeadlineQueue,
    readonly at: number,
    readonly expire: () => void,
  ) {}
  cancel(): void {
    if (this.done) return;
    this.done = true;
    this.queue.settled();
  }
}

/**
 * @internal Deadlines for many concurrent calls over ONE timer per timeout length.
 *
 * A `setTimeout`/`clearTimeout` pair per gateway call costs more than the rest of an in-memory sync.
 * With one timeout length, deadlines arrive in increasing order, so a FIFO array holds them sorted and
 * the timer only ever fires at the oldest live one; cancelled entries are dropped from the head. The
 * timer is re-armed only when it fires, and it holds the process open only while a call is pending
 * (ref'd then, unref'd as soon as the queue drains), exactly like one timer per call would.
 */
export class DeadlineQueue {
  #queue: Entry[] = [];
  #head = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly timeoutMs: number) {}

  /** Calls `expire` after `timeoutMs` unless the returned deadline is cancelled first. */
  start(expire: () => void): Deadline {
    const entry = new Entry(this, performance.now() + this.timeoutMs, expire);
    const wasEmpty = this.#head === this.#queue.length;
    this.#queue.push(entry);
    if (!this.#timer) this.#arm(entry.at);
    else if (wasEmpty) keepAlive(this.#timer, true);
    return entry;
  }

  /** @internal Called by an entry when it is cancelled. */
  settled(): void {
    this.#dropSettled();
  }

  #arm(at: number): void {
    this.#timer = setTimeout(() => this.#fire(), Math.max(0, at - performance.now()));
  }

  #fire(): void {
    this.#timer = undefined;
    // Timers may fire a hair early; anything within a millisecond is due.
    const due = performance.now() + 1;
    for (; this.#head < this.#queue.length; this.#head++) {
      const entry = this.#queue[this.#head]!;
      if (entry.done) continue;
      if (entry.at > due) break;
      entry.done = true;
      entry.expire();
    }
    this.#dropSettled();
    const next = this.#queue[this.#head];
    if (next) this.#arm(next.at);
  }

  #dropSettled(): void {
    while (this.#head < this.#queue.length && this.#queue[this.#head]!.done) this.#head++;
    if (this.#head === this.#queue.length) {
      this.#queue.length = 0;
      this.#head = 0;
      keepAlive(this.#timer, false);
    } else if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
  }
}

/**
 * Node and Bun timers are objects with `ref`/`unref`; Deno, Cloudflare Workers and browsers hand back a
 * number, and calling `unref` on it would throw inside the settle path and leave the check hanging. Those
 * runtimes do not keep a process alive for a timer in the first place, so there is nothing to do there.
 */
function keepAlive(timer: unknown, on: boolean): void {
  if (typeof timer !== 'object' || timer === null) return;
  const handle = timer as { ref?: unknown; unref?: unknown };
  const method = on ? handle.ref : handle.unref;
  if (typeof method === 'function') method.call(timer);
}

const queues = new Map<number, DeadlineQueue>();

/** @internal The shared queue for one timeout length. */
export function deadlineQueueFor(timeoutMs: number): DeadlineQueue {
  let queue = queues.get(timeoutMs);
  if (!queue) {
    queue = new DeadlineQueue(timeoutMs);
    queues.set(timeoutMs, queue);
  }
  return queue;
}
