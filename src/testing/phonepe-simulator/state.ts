import type { PhonePeSimulatorOptions } from './create-phonepe-simulator';
import { createFaultQueue, type FaultQueue } from './fault-queue';
import type { OrderClock, OrderRecord } from './order-record';
import { createRequestLog, type RequestLog } from './request-log';
import type { SimulatorEndpoint } from './route';
import { ROUTES } from './routes';

/** An access token the simulator issued. */
export interface IssuedToken {
  clientId: string;
  expiresAtMs: number;
}

/** Everything one simulator knows; the endpoints read and change it. */
export interface SimulatorState extends OrderClock {
  /** As given: `clients` and `v1` are read on each request. */
  readonly options: PhonePeSimulatorOptions;
  /** @default 3600 */
  readonly tokenTtlSeconds: number;
  /** @default 400 */
  readonly unknownOrderStatus: 400 | 404;
  /** By merchant order id. */
  readonly orders: Map<string, OrderRecord>;
  /** By access token; cleared by `expireTokens()`. */
  readonly tokens: Map<string, IssuedToken>;
  readonly faults: FaultQueue;
  readonly log: RequestLog;
}

export function createSimulatorState(options: PhonePeSimulatorOptions): SimulatorState {
  const now = options.now ?? Date.now;
  let sequence = 0;
  return {
    options,
    now: () => now(),
    nextSequence: () => ++sequence,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    unknownOrderStatus: options.unknownOrderStatus ?? 400,
    orders: new Map(),
    tokens: new Map(),
    faults: createFaultQueue(),
    log: createRequestLog(Object.keys(ROUTES) as SimulatorEndpoint[]),
  };
}
