import * as z from 'zod';
import type { CircuitBreakerOptions } from './circuit-breaker';
import { parseOptions } from './options-error';
import type { AssertNoDrift, OptionsSchemaDrift } from './options-schema-drift';
import { assertSyncDeps, type SyncDeps } from './sync-deps';

/** Options of {@link createPaymentSync}. */
export interface PaymentSyncOptions extends Omit<SyncDeps, 'source'> {
  /**
   * Minimum time between two gateway checks of one order, in ms, measured from the stored
   * `additional_info.last_checked`. Reads inside the interval answer from the store with outcome
   * `throttled`. `0` checks on every read.
   * @default 0
   */
  minCheckIntervalMs?: number;
  /**
   * After `failureThreshold` consecutive gateway failures, no gateway calls for `cooldownMs` (reads
   * answer from the store with outcome `circuit-open`), then one probe decides. `false` turns it off.
   * An unknown order at the gateway is not a failure.
   * @default { failureThreshold: 5, cooldownMs: 30000 }
   */
  circuitBreaker?: CircuitBreakerOptions | false;
}

const MAX_MS = 2_147_483_647;
const isFunction = (value: unknown) => typeof value === 'function';

// `repository`, `gateway`, `timeoutMs` and `onStatusChange` are listed so an unknown key is refused;
// assertSyncDeps checks them with messages that name the missing method.
const schema = z.strictObject({
  repository: z.unknown().optional(),
  gateway: z.unknown().optional(),
  timeoutMs: z.unknown().optional(),
  onStatusChange: z.unknown().optional(),
  minCheckIntervalMs: z.number().int().min(0).max(MAX_MS).optional(),
  circuitBreaker: z
    .union([
      z.literal(false),
      z.strictObject({
        failureThreshold: z.number().int().min(1).max(1_000_000).optional(),
        cooldownMs: z.number().int().min(1).max(MAX_MS).optional(),
      }),
    ])
    .optional(),
  logger: z
    .custom((v) => {
      const l = v as Record<string, unknown> | null;
      return (
        typeof l === 'object' &&
        l !== null &&
        ['debug', 'info', 'warn', 'error'].every((m) => isFunction(l[m]))
      );
    }, 'must have debug, info, warn and error methods')
    .optional(),
  clock: z
    .custom((v) => isFunction((v as { now?: unknown } | null)?.now), 'must have a now() method')
    .optional(),
  orderStatusFor: z
    .union([
      z.custom<(...args: unknown[]) => string>(isFunction),
      z.strictObject({ COMPLETED: z.string().min(1).optional(), FAILED: z.string().min(1).optional() }),
    ])
    .optional(),
});

/** @internal The option names of `createPaymentSync`. */
export const PAYMENT_SYNC_OPTION_KEYS: readonly string[] = Object.keys(schema.shape);

// Compile-time: this schema and PaymentSyncOptions must agree, option by option (see
// core/options-schema-drift.ts).
type _SchemaMatchesOptions = AssertNoDrift<OptionsSchemaDrift<PaymentSyncOptions, z.input<typeof schema>>>;

/** @internal Validates `createPaymentSync` options once, at construction. */
export function assertPaymentSyncOptions(options: PaymentSyncOptions): void {
  parseOptions('createPaymentSync', schema, options);
  assertSyncDeps(options, 'createPaymentSync');
}
