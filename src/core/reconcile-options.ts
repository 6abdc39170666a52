import * as z from 'zod';
import { parseOptions } from './options-error';
import type { AssertNoDrift, OptionsSchemaDrift } from './options-schema-drift';
import type { OrderId, OrderPayment } from './order-payment';
import type { RateLimiter } from './rate-limiter';
import type { ReconcileSchedule, ScheduleDecision } from './reconcile-schedule';
import type { SyncOutcome } from './sync-result';

/** Options of {@link PaymentSync.reconcile} (and of `reconcilePendingOrders`, beside the sync options). */
export interface ReconcileOptions {
  /** Gateway checks in flight at once. @default 4 */
  concurrency?: number;
  /**
   * Gateway calls per second across all of this sweep's workers: a number (a bucket for this sweep) or a
   * {@link RateLimiter} shared between sweeps. `Infinity` turns it off.
   * @default 20
   */
  rateLimit?: number | RateLimiter;
  /** Orders read from the repository per page (memory stays flat: one page is held at a time). @default 100 */
  pageSize?: number;
  /**
   * Which orders are due, and when to give up.
   * @default the gateway's `recommendedSchedule()` (PhonePe's cadence for the PhonePe gateways), else
   * each pending order at most once a minute, never reported stuck
   */
  schedule?: ReconcileSchedule;
  /** Stops the sweep gracefully: checks in flight finish, no new one starts, claimed orders are released. */
  signal?: AbortSignal;
  /** Stop after scanning this many orders (a bounded batch, e.g. per job run). @default unlimited */
  maxOrders?: number;
  /**
   * Multi-worker repositories only (`claimPendingOrders`): who this sweep is. Give each process its own.
   * @default a random UUID per sweep
   */
  workerId?: string;
  /**
   * Multi-worker repositories only: how long a claimed order is held before another worker may take it.
   * It must cover a page's wait for the rate limit plus one gateway call (`pageSize / rateLimit` s plus
   * `timeoutMs`); an order whose lease ran out before its turn is skipped, never checked by two workers.
   * @default 60000
   */
  leaseMs?: number;
  /** After a gateway or repository error, the order is not claimed again for this long (multi-worker). @default 10000 */
  errorBackoffMs?: number;
  /** Called after each scanned order with the running summary. Errors are logged, never thrown. */
  onProgress?: (progress: ReconcileProgress) => unknown;
  /**
   * Called for each order the schedule gives up on (also emitted as the `stuck` event and logged at
   * warn), then again at most once per the schedule's `nextCheckAt` (hourly by default) per service.
   */
  onStuck?: (event: StuckOrderEvent) => unknown;
}

/** What a sweep did. Every scanned order lands in exactly one of `checked`, `skipped`, `stuck`, `errors` (repository failures only there). */
export interface ReconcileSummary {
  /** Pending orders read from the repository and looked at. */
  scanned: number;
  /** Orders the gateway was asked about (= updated + stillPending + superseded + gateway errors). */
  checked: number;
  /** Orders this sweep moved to `COMPLETED` or `FAILED`. */
  updated: number;
  /** Orders the gateway still calls pending (an amount mismatch counts here too: no status change). */
  stillPending: number;
  /** Orders settled by another path (a read, a webhook) while this sweep asked. */
  superseded: number;
  /** Gateway errors plus repository failures. Nothing was written for these. */
  errors: number;
  /** Not due by the schedule, already settled, circuit open, lease lost, or stopped before the call. */
  skipped: number;
  /** Orders past the schedule's give-up point: logged at warn, emitted as `stuck`; still `PENDING`. */
  stuck: number;
  /** Why the sweep ended. */
  stoppedBy: 'done' | 'aborted' | 'max-orders' | 'circuit-open';
}

/** What happened to one order in a sweep. */
export type ReconcileAction = 'checked' | 'skipped' | 'stuck' | 'error';

/** Passed to {@link ReconcileOptions.onProgress} after each order. */
export interface ReconcileProgress {
  orderId: OrderId;
  action: ReconcileAction;
  /** The sync outcome when the order went through the transition. */
  outcome?: SyncOutcome;
  /** What the schedule said before the check. */
  decision?: ScheduleDecision;
  /** The running totals (a snapshot). */
  summary: ReconcileSummary;
}

/** An order the schedule gave up on. It is NOT failed: a human (or a late webhook) settles it. */
export interface StuckOrderEvent {
  orderId: OrderId;
  merchantOrderId: string;
  orderPayment: OrderPayment;
  /** The expiry the schedule used, when known. */
  expireAt: Date | null;
  /** The last gateway check, when there was one. */
  lastCheckedAt: Date | null;
  at: Date;
}

const MAX_MS = 2_147_483_647;
const isFunction = (value: unknown) => typeof value === 'function';

const schema = z.strictObject({
  concurrency: z.number().int().min(1).max(10_000).optional(),
  rateLimit: z
    .custom<number | RateLimiter>(
      (v) =>
        typeof v === 'number' ||
        (isFunction((v as RateLimiter | null)?.acquire) && isFunction((v as RateLimiter).pause)),
      'must be a number of calls per second or a RateLimiter',
    )
    .optional(),
  pageSize: z.number().int().min(1).max(100_000).optional(),
  schedule: z.custom<ReconcileSchedule>(isFunction, 'must be a function').optional(),
  signal: z
    .custom<AbortSignal>(
      (v) =>
        typeof (v as AbortSignal | null)?.aborted === 'boolean' &&
        isFunction((v as AbortSignal).addEventListener),
      'must be an AbortSignal',
    )
    .optional(),
  maxOrders: z.number().int().min(1).optional(),
  workerId: z.string().min(1).max(200).optional(),
  leaseMs: z.number().int().min(1).max(MAX_MS).optional(),
  errorBackoffMs: z.number().int().min(0).max(MAX_MS).optional(),
  onProgress: z.custom(isFunction, 'must be a function').optional(),
  onStuck: z.custom(isFunction, 'must be a function').optional(),
});

/** @internal The option names of a reconcile sweep. */
export const RECONCILE_OPTION_KEYS: readonly string[] = Object.keys(schema.shape);

// Compile-time: this schema and ReconcileOptions must agree, option by option (see
// core/options-schema-drift.ts).
type _SchemaMatchesOptions = AssertNoDrift<OptionsSchemaDrift<ReconcileOptions, z.input<typeof schema>>>;

/** @internal Validates reconcile options; a bad one throws `TypeError`/`RangeError` naming it. */
export function assertReconcileOptions(options: unknown, where: string): asserts options is ReconcileOptions {
  if (typeof options !== 'object' || options === null)
    throw new TypeError(`${where}: options must be an object`);
  const { rateLimit } = options as ReconcileOptions;
  // A number here may be Infinity ("no limit"), which zod's number() refuses.
  if (typeof rateLimit === 'number' && !(rateLimit > 0)) {
    throw new RangeError(
      `${where}: \`rateLimit\` must be > 0 calls per second (Infinity: no limit), got ${rateLimit}`,
    );
  }
  parseOptions(where, schema, options);
}
