import * as z from 'zod';
import { abortableSleep } from '../core/abortable-sleep';
import { parseOptions } from '../core/options-error';
import type { AssertNoDrift, OptionsSchemaDrift } from '../core/options-schema-drift';
import { isInvalidOrderIdError } from '../errors/invalid-order-id-error';
import { isOrderClientError } from '../errors/order-client-error';
import { isOrderNotFoundError } from '../errors/order-not-found-error';
import type { OrderDetails } from './order-details';

/** What {@link WatchOrderOptions.onUpdate} learns besides the snapshot. */
export interface OrderWatchUpdate {
  /** 1 for the first request of this watch, counting failed ones too. */
  attempt: number;
  /** True for the first snapshot and whenever payment status, order status or transaction id differ from the previous one. */
  changed: boolean;
  /**
   * True exactly once per watch, on the snapshot where this watch saw the payment leave `PENDING`:
   * either an earlier snapshot was `PENDING`, or the first one reports `status_updated: true`. An order
   * that was already paid or failed when the watch started is not a transition.
   */
  transitioned: boolean;
}

/** What {@link WatchOrderOptions.onError} learns besides the error. */
export interface OrderWatchErrorInfo {
  /** Which request failed (1 for the first). */
  attempt: number;
  /**
   * Whether the watch goes on: true for a network error, a timeout, 408, 429, 5xx; false for an unknown
   * order, a refused id, another 4xx, a body that is not the wire shape, or an error from your own code.
   */
  willRetry: boolean;
}

/** Options of `client.watchOrder(id, options)`. */
export interface WatchOrderOptions {
  /** Called with every snapshot the watch fetches, in order. Keep it quick; a throw ends the watch. */
  onUpdate: (details: OrderDetails, update: OrderWatchUpdate) => void;
  /** Called for every failed request. A throw ends the watch. @default errors are only reported in `done` when they end the watch */
  onError?: (error: unknown, info: OrderWatchErrorInfo) => void;
  /** Ends the watch when aborted: the request in flight is cancelled and no more are made. */
  signal?: AbortSignal;
  /** Wait after the first request before the second, in ms. @default 2000 */
  intervalMs?: number;
  /** Longest wait between two requests, in ms. @default 30000 */
  maxIntervalMs?: number;
  /** Each wait is the previous one times this, up to `maxIntervalMs`. @default 1.5 */
  backoffFactor?: number;
}

/** How a watch ended; `done` resolves with it and never rejects. */
export interface OrderWatchResult {
  /** `settled`: the payment is `COMPLETED` or `FAILED`; `aborted`: `signal` or `stop()`; `failed`: an error that retrying cannot fix. */
  reason: 'settled' | 'aborted' | 'failed';
  /** The last snapshot fetched, if any. */
  details: OrderDetails | undefined;
  /** The error that ended a `failed` watch. */
  error?: unknown;
}

/** A running watch. */
export interface OrderWatch {
  /** Ends the watch, like aborting `signal`. Safe to call more than once. */
  stop(): void;
  /** Resolves once the watch has ended; never rejects, so an ignored watch cannot cause an unhandled rejection. */
  readonly done: Promise<OrderWatchResult>;
}

/** Default wait after the first poll, in ms. */
export const DEFAULT_WATCH_INTERVAL_MS = 2000;
/** Default longest wait between two polls, in ms. */
export const DEFAULT_WATCH_MAX_INTERVAL_MS = 30_000;
/** Default growth of the wait after each poll. */
export const DEFAULT_WATCH_BACKOFF_FACTOR = 1.5;

const MAX_MS = 2_147_483_647;
const isFunction = (value: unknown) => typeof value === 'function';
// Built on first use (see order-details.ts): no zod call at import time.
let schema: ReturnType<typeof makeSchema> | undefined;
const makeSchema = () =>
  z.object({
    onUpdate: z.custom(isFunction, 'must be a function'),
    onError: z.custom(isFunction, 'must be a function').optional(),
    signal: z
      .custom(
        (v) => typeof (v as { aborted?: unknown } | null)?.aborted === 'boolean',
        'must be an AbortSignal',
      )
      .optional(),
    intervalMs: z.number().int().min(1).max(MAX_MS).optional(),
    maxIntervalMs: z.number().int().min(1).max(MAX_MS).optional(),
    backoffFactor: z.number().min(1).max(100).optional(),
  });
// Compile-time: this schema and WatchOrderOptions must agree, option by option (see
// core/options-schema-drift.ts).
type _SchemaMatchesOptions = AssertNoDrift<
  OptionsSchemaDrift<WatchOrderOptions, z.input<ReturnType<typeof makeSchema>>>
>;

const isTerminal = (details: OrderDetails) => details.payment.payment_status !== 'PENDING';

/** Transient failures: asking again later may succeed. */
function willRetry(error: unknown): boolean {
  if (isOrderNotFoundError(error) || isInvalidOrderIdError(error)) return false;
  if (!isOrderClientError(error)) return false;
  if (error.code === 'INVALID_RESPONSE') return false;
  const { status } = error;
  return status === undefined || status >= 500 || status === 408 || status === 429;
}

function sameState(a: OrderDetails, b: OrderDetails): boolean {
  return (
    a.payment.payment_status === b.payment.payment_status &&
    a.order.order_status === b.order.order_status &&
    a.payment.transaction_id === b.payment.transaction_id
  );
}

/** Resolves after `ms`, or early when `signal` aborts. The timer never keeps a Node process alive. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return abortableSleep(ms, signal, { unref: true }).catch(() => {});
}

/**
 * @internal Polls `fetchDetails` while the payment is `PENDING`, waiting longer after each request,
 * until a terminal state, an abort, or an error that retrying cannot fix. One request at a time.
 */
export function watchOrderDetails(
  fetchDetails: (signal: AbortSignal) => Promise<OrderDetails>,
  options: WatchOrderOptions,
): OrderWatch {
  schema ??= makeSchema();
  parseOptions('watchOrder', schema, options, ' with onUpdate');
  const intervalMs = options.intervalMs ?? DEFAULT_WATCH_INTERVAL_MS;
  const maxIntervalMs = Math.max(options.maxIntervalMs ?? DEFAULT_WATCH_MAX_INTERVAL_MS, intervalMs);
  const factor = options.backoffFactor ?? DEFAULT_WATCH_BACKOFF_FACTOR;

  const controller = new AbortController();
  const stop = () => controller.abort();
  const outer = options.signal;
  if (outer?.aborted) stop();
  else outer?.addEventListener('abort', stop, { once: true });

  const run = async (): Promise<OrderWatchResult> => {
    let last: OrderDetails | undefined;
    let transitionReported = false;
    let wait = intervalMs;
    for (let attempt = 1; ; attempt++) {
      if (controller.signal.aborted) return { reason: 'aborted', details: last };
      let details: OrderDetails;
      try {
        details = await fetchDetails(controller.signal);
      } catch (error) {
        if (controller.signal.aborted) return { reason: 'aborted', details: last };
        const retry = willRetry(error);
        try {
          options.onError?.(error, { attempt, willRetry: retry });
        } catch (thrown) {
          return { reason: 'failed', details: last, error: thrown };
        }
        if (!retry) return { reason: 'failed', details: last, error };
        await sleep(wait, controller.signal);
        wait = Math.min(wait * factor, maxIntervalMs);
        continue;
      }
      if (controller.signal.aborted) return { reason: 'aborted', details: last };
      const leftPending: boolean = isTerminal(details) && (last ? !isTerminal(last) : details.status_updated);
      const transitioned: boolean = leftPending && !transitionReported;
      transitionReported ||= transitioned;
      const changed = last === undefined || !sameState(last, details);
      last = details;
      try {
        options.onUpdate(details, { attempt, changed, transitioned });
      } catch (thrown) {
        return { reason: 'failed', details, error: thrown };
      }
      if (isTerminal(details)) return { reason: 'settled', details };
      await sleep(wait, controller.signal);
      wait = Math.min(wait * factor, maxIntervalMs);
    }
  };

  const done = run()
    .catch((error: unknown): OrderWatchResult => ({ reason: 'failed', details: undefined, error }))
    .finally(() => outer?.removeEventListener('abort', stop));
  return { stop, done };
}
