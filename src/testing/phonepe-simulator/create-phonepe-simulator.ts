import { assertKnownKeys } from '../../core/options-error';
import { handleRequest } from './handle-request';
import { move, newOrder, type OrderRecord } from './order-record';
import { orderView } from './order-view';
import type { PhonePeSimulator } from './phonepe-simulator';
import { createSimulatorState, type SimulatorState } from './state';
import { webhookFor } from './webhook-for';

/** Options of {@link createPhonePeSimulator}. */
export interface PhonePeSimulatorOptions {
  /** When set, only these credentials get tokens (others get 401). @default any credentials */
  clients?: Array<{ clientId: string; clientSecret: string; clientVersion?: number | string }>;
  /** Token lifetime in seconds (`expires_at` = `issued_at` + this). @default 3600 */
  tokenTtlSeconds?: number;
  /** Credentials of the legacy v1 API; X-VERIFY is checked against them. */
  v1?: { merchantId: string; saltKey: string; saltIndex: number };
  /** HTTP status for an unknown order (PhonePe: 400; some fakes: 404). @default 400 */
  unknownOrderStatus?: 400 | 404;
  /** Time source in epoch ms (token expiry, scheduled transitions). @default Date.now */
  now?: () => number;
}

/**
 * A stateful PhonePe for tests and demos: orders whose state changes over time (and that fail with
 * `EXPIRED` when still pending at their `expireAt`), OAuth tokens that expire, and injectable faults (latency, 5xx, 429, 401, malformed or HTML bodies, dropped
 * connections), with counts of token and status requests. Serve it through msw with
 * `phonePeHandlers(simulator, { baseUrl })`, or on a real port with `servePhonePeSimulator(simulator)`.
 * Endpoints are matched by path suffix, so any base URL works:
 * `POST …/v1/oauth/token`, `GET …/checkout/v2/order/{id}/status`, `POST …/checkout/v2/pay`,
 * `GET …/pg/v1/status/{merchantId}/{id}`.
 *
 * @example
 * ```ts
 * const phonepe = createPhonePeSimulator()
 *   .createOrder('42', { amount: 49900, transitions: [{ afterChecks: 1, state: 'COMPLETED', transactionId: 'TXN789456123' }] });
 * const server = await servePhonePeSimulator(phonepe);
 * const gateway = createPhonePeGateway({ clientId: 'id', clientSecret: 's', clientVersion: 1,
 *   environment: 'sandbox', baseUrl: server.url });
 * ```
 */
export function createPhonePeSimulator(options: PhonePeSimulatorOptions = {}): PhonePeSimulator {
  assertKnownKeys('createPhonePeSimulator', options, [
    'clients',
    'tokenTtlSeconds',
    'v1',
    'unknownOrderStatus',
    'now',
  ]);
  const state = createSimulatorState(options);
  // A plain object whose methods return `this`: tests spread it (`{ ...simulator, handle }`) to wrap it.
  return {
    counts: state.log.counts,
    get requests() {
      return state.log.recent();
    },
    createOrder(merchantOrderId, order) {
      state.orders.set(merchantOrderId, newOrder(state, merchantOrderId, order));
      return this;
    },
    setOrderState(merchantOrderId, to, detail = {}) {
      move(state, known(state, merchantOrderId), to, detail);
      return this;
    },
    getOrder(merchantOrderId, query) {
      const order = state.orders.get(merchantOrderId);
      return order ? orderView(state, order, query) : undefined;
    },
    inject(fault, scope = {}) {
      state.faults.inject(fault, scope);
      return this;
    },
    clearFaults() {
      state.faults.clear();
      return this;
    },
    expireTokens() {
      state.tokens.clear();
      return this;
    },
    resetCounts() {
      state.log.reset();
      return this;
    },
    webhookFor(merchantOrderId, credentials) {
      return webhookFor(state, known(state, merchantOrderId), credentials);
    },
    handle(request) {
      return handleRequest(state, request);
    },
  };
}

function known(state: SimulatorState, merchantOrderId: string): OrderRecord {
  const order = state.orders.get(merchantOrderId);
  if (!order) throw new Error(`PhonePe simulator: no order ${JSON.stringify(merchantOrderId)}`);
  return order;
}
