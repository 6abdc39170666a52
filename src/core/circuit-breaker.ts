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

/** A change of the circuit breaker's state (the `circuitChange` event of `PaymentSync`). */
export interface CircuitChangeEvent {
  from: CircuitState;
  to: CircuitState;
  /** When it changed, by the service's clock. */
  at: Date;
}

/**
 * @internal A consecutive-failure circuit breaker with a single half-open probe. Holds no timers.
 * `onChange` hears every real change of state, synchronously, once.
 */
export function createCircuitBreaker(
  { failureThreshold = 5, cooldownMs = 30_000 }: CircuitBreakerOptions,
  onChange: (from: CircuitState, to: CircuitState, nowMs: number) => void = () => {},
): CircuitBreaker {
  let state: CircuitState = 'closed';
  let failures = 0;
  let openedAt = 0;
  const move = (to: CircuitState, nowMs: number) => {
    const from = state;
    state = to;
    if (from !== to) onChange(from, to, nowMs);
  };
  return {
    get state() {
      return state;
    },
    tryAcquire(nowMs) {
      if (state === 'closed') return true;
      if (state === 'open' && nowMs - openedAt >= cooldownMs) {
        move('half-open', nowMs);
        return true;
      }
      return false;
    },
    record(success, nowMs) {
      if (success) {
        failures = 0;
        move('closed', nowMs);
        return;
      }
      failures += 1;
      if (state === 'half-open' || failures >= failureThreshold) {
        openedAt = nowMs;
        move('open', nowMs);
      }
    },
  };
}
