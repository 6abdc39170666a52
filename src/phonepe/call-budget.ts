import { GatewayTimeoutError } from '../errors/index';

/**
 * @internal One gateway call's time: every attempt, token wait, rate-limit wait and back-off of the call
 * fit in it. Its `signal` reaches each `fetch` (the request and its body read), the back-off and the
 * hooks' waits, so all of them stop the moment the budget ends.
 */
export interface CallBudget {
  /** Aborts when `timeoutMs` has passed or the caller's signal aborted, whichever comes first. */
  readonly signal: AbortSignal;
  /** When the budget ends, in `Date.now()` milliseconds (a back-off that would end later is not started). */
  readonly deadline: number;
  /** The `GatewayTimeoutError` for a failure seen after the budget ended, naming who ended it. */
  expired(cause: unknown): GatewayTimeoutError;
  /** Clears the timer and unhooks the caller's signal; called once the call settles. */
  end(): void;
}

/**
 * @internal Starts a budget of `timeoutMs`, cut short by `callerSignal`. One cleared timer per call, as
 * ky's own `timeout` (ky's per-attempt timeout cannot bound the attempts and back-offs together, which is
 * what `timeoutMs` promises). `AbortSignal.timeout` is not used: it cannot be cleared, and under load
 * thousands of them would sit in the timer list for `timeoutMs` each.
 * @throws GatewayTimeoutError when `callerSignal` has already aborted (no request is made then).
 */
export function startCallBudget(timeoutMs: number, callerSignal?: AbortSignal): CallBudget {
  if (callerSignal?.aborted) throw timeoutError(timeoutMs, callerSignal.reason);
  const controller = new AbortController();
  const abort = () => controller.abort(callerSignal?.aborted ? callerSignal.reason : undefined);
  const timer = setTimeout(abort, timeoutMs);
  // Deno, Workers and browsers hand back a number: nothing to unref there, no process to keep alive.
  (timer as { unref?: () => void }).unref?.();
  callerSignal?.addEventListener('abort', abort, { once: true });
  return {
    signal: controller.signal,
    deadline: Date.now() + timeoutMs,
    expired: (cause) =>
      cause instanceof GatewayTimeoutError
        ? cause
        : callerSignal?.aborted
          ? new GatewayTimeoutError(
              "PhonePe did not answer within the caller's time budget (its signal aborted)",
              { cause },
            )
          : timeoutError(timeoutMs, cause),
    end() {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', abort);
    },
  };
}

function timeoutError(timeoutMs: number, cause: unknown): GatewayTimeoutError {
  return new GatewayTimeoutError(`PhonePe did not answer within the time budget (timeoutMs ${timeoutMs})`, {
    cause,
  });
}
