/** How a PhonePe gateway retries 429, 5xx and network failures (never 400s, never past the time budget). */
export interface PhonePeRetryOptions {
  /** Retries after the first attempt. `0` disables retrying. @default 2 */
  limit?: number;
  /** Back-off before the first retry; doubled each time, with jitter. @default 100 */
  baseDelayMs?: number;
  /** Upper bound of one back-off. @default 2000 */
  maxDelayMs?: number;
}

/** @internal */
export interface ResolvedRetry {
  limit: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** @internal */
export const DEFAULT_RETRY: ResolvedRetry = Object.freeze({ limit: 2, baseDelayMs: 100, maxDelayMs: 2000 });

/**
 * @internal Exponential back-off with "equal jitter": half the step is fixed, half random, so that
 * concurrent callers hit by one outage do not come back in lockstep.
 */
export function backoffDelay(retry: ResolvedRetry, retryNumber: number, random: () => number): number {
  const step = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** retryNumber);
  return step / 2 + random() * (step / 2);
}
