import type { PhonePeWebhookRequest } from '../phonepe-webhook-fixtures';
import type { FaultScope, PhonePeSimulatorFault } from './faults';
import type { SimulatorEndpoint } from './route';
import type { SimulatedOrderInput, SimulatedState, SimulatedTransition } from './simulated-order';
import type { SimulatorRequest, SimulatorRequestRecord, SimulatorResponse } from './wire';

/** A stateful fake of PhonePe's token, status (v2 and v1) and pay endpoints. */
export interface PhonePeSimulator {
  /** Creates (or replaces) an order. */
  createOrder(merchantOrderId: string, order: SimulatedOrderInput): this;
  /**
   * Moves an order to `state` now (as PhonePe would after the customer paid or gave up). A new
   * `transactionId` (or, for a terminal state, none yet) starts a new attempt stamped now.
   */
  setOrderState(
    merchantOrderId: string,
    state: SimulatedState,
    detail?: Omit<SimulatedTransition, 'state' | 'afterMs' | 'afterChecks'>,
  ): this;
  /**
   * The order as the v2 status endpoint would answer it now, or `undefined`. `details: true` lists every
   * attempt (else only the latest, as `details=false`); `errorContext: true` adds `errorContext` on FAILED.
   */
  getOrder(
    merchantOrderId: string,
    query?: { details?: boolean; errorContext?: boolean },
  ): Record<string, unknown> | undefined;
  /** Injects a fault into the next matching request(s). */
  inject(fault: PhonePeSimulatorFault, scope?: FaultScope): this;
  /** Removes every pending fault. */
  clearFaults(): this;
  /** Makes every token issued so far invalid (the next PG call with one answers 401). */
  expireTokens(): this;
  /** Requests received per endpoint (including those that got a fault). */
  readonly counts: Readonly<Record<SimulatorEndpoint, number>>;
  /** The last 10,000 requests, oldest first. */
  readonly requests: readonly SimulatorRequestRecord[];
  /** Zeroes `counts` and clears `requests`. */
  resetCounts(): this;
  /**
   * A webhook (with its `Authorization` header) for the order's current state (see `buildPhonePeWebhook`). PhonePe sends order
   * webhooks only for terminal states, so this throws for an order that is still `PENDING`.
   */
  webhookFor(
    merchantOrderId: string,
    credentials: { username: string; password: string },
  ): PhonePeWebhookRequest;
  /** Answers one request. Used by `phonePeHandlers` (msw) and `servePhonePeSimulator` (node:http). */
  handle(request: SimulatorRequest): Promise<SimulatorResponse>;
}
