import { failureOf } from './failure';
import type { SimulatedOrderInput, SimulatedState, SimulatedTransition } from './simulated-order';

/** A change of an order's state, as `setOrderState` and a due transition make it. */
export type OrderChange = Omit<SimulatedTransition, 'state' | 'afterMs' | 'afterChecks'>;

/** The simulator's clock, and the sequence its generated ids share. */
export interface OrderClock {
  /** Epoch ms. */
  now(): number;
  nextSequence(): number;
}

export interface AttemptRecord {
  transactionId: string;
  /** When this attempt started (epoch ms): each attempt has its own. */
  timestamp: number;
  state: SimulatedState;
  errorCode: string | undefined;
  detailedErrorCode: string | undefined;
}

export interface OrderRecord {
  merchantOrderId: string;
  orderId: string;
  amount: number;
  state: SimulatedState;
  paymentMode: string;
  errorCode: string | undefined;
  detailedErrorCode: string | undefined;
  /** Oldest first; the last one is the latest. */
  attempts: AttemptRecord[];
  createdAt: number;
  expireAt: number;
  /** Status requests answered about it (what `afterChecks` counts). */
  checks: number;
  /** Scheduled transitions not applied yet, in order. */
  pending: SimulatedTransition[];
}

export function newOrder(
  clock: OrderClock,
  merchantOrderId: string,
  input: SimulatedOrderInput,
): OrderRecord {
  const createdAt = clock.now();
  const order: OrderRecord = {
    merchantOrderId,
    orderId: `OMO${createdAt}${String(clock.nextSequence()).padStart(6, '0')}`,
    amount: input.amount,
    state: 'PENDING',
    paymentMode: input.paymentMode ?? 'UPI_INTENT',
    errorCode: undefined,
    detailedErrorCode: undefined,
    attempts: [],
    createdAt,
    expireAt: input.expireAt ?? createdAt + 20 * 60_000,
    checks: 0,
    pending: [...(input.transitions ?? [])],
  };
  const state = input.state ?? 'PENDING';
  if (state !== 'PENDING' || input.transactionId) {
    move(clock, order, state, {
      ...(input.transactionId ? { transactionId: input.transactionId } : {}),
      ...(input.errorCode ? { errorCode: input.errorCode } : {}),
      ...(input.detailedErrorCode ? { detailedErrorCode: input.detailedErrorCode } : {}),
    });
  } else if (input.errorCode) {
    order.errorCode = input.errorCode;
  }
  return order;
}

/**
 * Moves the order, and its latest attempt or a new one. A terminal state always has an attempt behind
 * it, except an expiry (see `applyDue`), which PhonePe reports with no attempt when none was made.
 */
export function move(
  clock: OrderClock,
  order: OrderRecord,
  state: SimulatedState,
  change: OrderChange,
): void {
  const previous = order.state;
  order.state = state;
  // The order's own codes change only when the order fails; a failed attempt of an open order keeps
  // its codes on the attempt.
  if (state === 'FAILED' && change.errorCode) {
    order.errorCode = change.errorCode;
    order.detailedErrorCode = change.detailedErrorCode;
  }
  let attempt = order.attempts.at(-1);
  const startsAttempt = change.transactionId
    ? attempt?.transactionId !== change.transactionId
    : // Settling an open order starts an attempt unless one is in progress; re-setting a settled
      // order's state changes its latest attempt (tests may do that; PhonePe never does).
      state !== 'PENDING' && (!attempt || (attempt.state !== 'PENDING' && previous === 'PENDING'));
  if (startsAttempt) {
    attempt = {
      transactionId: change.transactionId ?? `OM${clock.now()}${clock.nextSequence()}`,
      timestamp: clock.now(),
      state,
      errorCode: undefined,
      detailedErrorCode: undefined,
    };
    order.attempts.push(attempt);
  }
  if (!attempt) return;
  attempt.state = change.attemptState ?? state;
  if (attempt.state === 'FAILED') {
    const failure = failureOf(order, change);
    attempt.errorCode = failure.errorCode;
    attempt.detailedErrorCode = failure.detailedErrorCode;
  }
}
