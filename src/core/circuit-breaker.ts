/** Circuit breaker settings of `createPaymentSync`. */
export interface CircuitBreakerOptions {
  /** Consecutive gateway failures that open the circuit. @default 5 */
  failureThreshold?: number;
  /** How long an open circuit refuses gateway calls before one probe is let through, in ms. @default 30000 */
  cooldownMs?: number;
}

/** `closed`: calls flow; `open`: calls refused; `half-open`: one probe is out. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** @internal */
export interface CircuitBreaker {
  readonly state: CircuitState;
  /** True when a gateway call may go out now (and, when half-open, claims the single probe). */
  tryAcquire(nowMs: number): boolean;
  /** Reports how an acquired call ended. */
  record(success: boolean, nowMs: number): void;
}

/** @internal A consecutive-failure circuit breaker with a single half-open probe. Holds no timers. */
export function createCircuitBreaker({
  failureThreshold = 5,
  cooldownMs = 30_000,
}: CircuitBreakerOptions): CircuitBreaker {
  let state: CircuitState = 'closed';
  let failures = 0;
  let openedAt = 0;
  return {
    get state() {
      return state;
    },
    tryAcquire(nowMs) {
      if (state === 'closed') return true;
      if (state === 'open' && nowMs - openedAt >= cooldownMs) {
        state = 'half-open';
        return true;
      }
      return false;
    },
    record(success, nowMs) {
      if (success) {
        state = 'closed';
        failures = 0;
        return;
      }
      failures += 1;
      if (state === 'half-open' || failures >= failureThreshold) {
        state = 'open';
        openedAt = nowMs;
      }
    },
  };
}
