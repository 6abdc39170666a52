import { type Clock, systemClock } from '../ports/clock';
import { type Logger, silentLogger } from '../ports/logger';
import type { OrderRepository } from '../ports/order-repository';
import type { PaymentGateway } from '../ports/payment-gateway';
import type { AssertNoDrift, OptionsSchemaDrift } from './options-schema-drift';
import type { OrderStatusMapping } from './order-status-mapping';
import type { StatusChangeListener, SyncSource } from './sync-result';

/** Default bound on one gateway call, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 3000;

/** What {@link syncOrderPaymentStatus} needs. */
export interface SyncDeps {
  repository: OrderRepository;
  gateway: PaymentGateway;
  /** pino-compatible logger. @default a silent logger */
  logger?: Logger;
  /** Time source for `last_checked`. @default the system clock */
  clock?: Clock;
  /** Bound on one gateway call, in ms; past it the stored state is returned. @default 3000 */
  timeoutMs?: number;
  /** Order status per terminal payment status. @default { COMPLETED: 'CONFIRMED', FAILED: 'CANCELLED' } */
  orderStatusFor?: OrderStatusMapping;
  /** Called once per real transition, after the write, by the winner only. Errors are logged. */
  onStatusChange?: StatusChangeListener;
  /** Which path this call is, for audit and events. @default 'read' */
  source?: SyncSource;
}

const KEYS = [
  'repository',
  'gateway',
  'logger',
  'clock',
  'timeoutMs',
  'orderStatusFor',
  'onStatusChange',
  'source',
] as const;
/** @internal The keys {@link SyncDeps} may have. */
export const SYNC_DEPS_KEYS: readonly string[] = KEYS;
// Compile-time: the list and SyncDeps name the same keys (a new dependency goes in both).
type _KeysMatchOptions = AssertNoDrift<
  OptionsSchemaDrift<SyncDeps, Partial<Record<(typeof KEYS)[number], unknown>>>
>;

/** @internal Throws `TypeError`/`RangeError` naming the bad dependency. Cheap enough for every call. */
export function assertSyncDeps(deps: SyncDeps, where: string): void {
  if (typeof deps !== 'object' || deps === null) throw new TypeError(`${where}: deps must be an object`);
  const { repository, gateway, timeoutMs, onStatusChange } = deps;
  for (const method of ['findOrderPayment', 'updatePendingPayment', 'listPendingOrders'] as const) {
    if (typeof repository?.[method] !== 'function') {
      throw new TypeError(`${where}: \`repository.${method}\` must be a function`);
    }
  }
  if (typeof gateway?.getPaymentStatus !== 'function') {
    throw new TypeError(`${where}: \`gateway.getPaymentStatus\` must be a function`);
  }
  if (timeoutMs !== undefined) {
    if (typeof timeoutMs !== 'number') throw new TypeError(`${where}: \`timeoutMs\` must be a number`);
    if (!(timeoutMs > 0 && timeoutMs <= 2_147_483_647)) {
      throw new RangeError(`${where}: \`timeoutMs\` must be between 1 and 2147483647, got ${timeoutMs}`);
    }
  }
  if (onStatusChange !== undefined && typeof onStatusChange !== 'function') {
    throw new TypeError(`${where}: \`onStatusChange\` must be a function`);
  }
}

/** @internal {@link SyncDeps} with defaults filled in, resolved once per service (not per read). */
export interface ResolvedSyncDeps {
  repository: OrderRepository;
  gateway: PaymentGateway;
  logger: Logger;
  clock: Clock;
  timeoutMs: number;
  orderStatusFor: OrderStatusMapping | undefined;
  onStatusChange: StatusChangeListener | undefined;
}

/** @internal */
export function resolveSyncDeps(deps: SyncDeps): ResolvedSyncDeps {
  return {
    repository: deps.repository,
    gateway: deps.gateway,
    logger: deps.logger ?? silentLogger,
    clock: deps.clock ?? systemClock,
    timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    orderStatusFor: deps.orderStatusFor,
    onStatusChange: deps.onStatusChange,
  };
}
