/**
 * @internal Resolves after `ms`, or rejects with `signal.reason` the moment `signal` aborts (the timer
 * is cleared then, so nothing outlives the caller). `unref: true` lets a Node process exit while it
 * waits: for waits nobody must see to the end (a polling client, a simulated latency). A wait the caller
 * is awaiting for its own work (a rate limit inside a sweep) keeps the process alive.
 */
export function abortableSleep(
  ms: number,
  signal?: AbortSignal,
  { unref = false }: { unref?: boolean } = {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (unref) (timer as { unref?: () => void }).unref?.();
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
