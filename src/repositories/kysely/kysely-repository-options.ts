import * as z from 'zod';
import { parseOptions } from '../../core/options-error';
import type { AssertNoDrift, OptionsSchemaDrift } from '../../core/options-schema-drift';

/** Names of the orders table and the columns this library reads and writes on it. */
export interface OrdersTableMapping {
  /** Table name; may be schema-qualified (`shop.orders`). @default 'orders' */
  table: string;
  /** Primary key column. @default 'id' */
  id: string;
  /** Mirror of the payment status (`PENDING`, `COMPLETED`, `FAILED`). @default 'payment_status' */
  paymentStatus: string;
  /** The user's own order status (`PLACED`, `CONFIRMED`, ...). @default 'order_status' */
  orderStatus: string;
  /** Amount in minor units (paise). @default 'amount' */
  amount: string;
  /**
   * The merchant order id PhonePe knows the order by (nullable: `NULL` means `String(id)`); `null` when
   * the table has no such column. @default 'merchant_order_id'
   */
  merchantOrderId: string | null;
  /** When the order was created; `null` when the table has no such column. @default 'created_at' */
  createdAt: string | null;
  /**
   * Your own columns of the orders table to read along (never written), by the name you want them under:
   * `{ customerId: 'customer_id' }`. Their values come back on the order as `order.extra.customerId`,
   * typed through `repository.extraOf(orderPayment)`, so `authorize` can check ownership without a second
   * query. Values are what your driver returns (a `bigint` column is a string with `pg`). Keys are
   * JavaScript identifiers of at most 50 characters. @default none
   */
  extraColumns?: Readonly<Record<string, string>>;
}

/** Names of the payments table and its columns. One payment row per order. */
export interface PaymentsTableMapping {
  /** Table name; may be schema-qualified. @default 'payments' */
  table: string;
  /** Column referencing the order's id. @default 'order_id' */
  orderId: string;
  /** `PENDING`, `COMPLETED` or `FAILED`. @default 'payment_status' */
  paymentStatus: string;
  /** The gateway's transaction id (nullable). @default 'transaction_id' */
  transactionId: string;
  /** A JSON object (jsonb/json on PostgreSQL, JSON on MariaDB/MySQL, TEXT on SQLite). @default 'additional_info' */
  additionalInfo: string;
  /**
   * The reconciler lease's holder: a nullable `varchar(200)` (the `workerId` of the sweep that claimed the
   * row), beside the payment row so that claims never touch your data. With {@link leaseUntil} it gives
   * the repository `claimPendingOrders`/`releaseOrderClaim`, so several reconcilers can share the table.
   * Set both to `null` when your table has no such columns: the repository then has no claim methods and
   * the reconciler falls back to `listPendingOrders` (run one reconciler process then).
   * `migrateOrderSyncSchema` adds both columns to the default `payments` table.
   * @default 'reconcile_lease_owner'
   */
  leaseOwner: string | null;
  /**
   * When the reconciler lease ends (or, after a release, when the order may be claimed again): a nullable
   * `bigint` of epoch milliseconds, compared with the reconciler's clock. `null` together with
   * {@link leaseOwner}, or not at all.
   * @default 'reconcile_lease_until'
   */
  leaseUntil: string | null;
}

/** How order ids are stored: see {@link KyselyOrderRepositoryOptions.idType}. */
export type OrderIdType = 'integer' | 'uuid' | 'string';

/** SQL dialects the repository speaks. */
export type OrderSyncDialect = 'postgres' | 'mysql' | 'sqlite';

/**
 * Options of `createKyselyOrderRepository` (and of `migrateOrderSyncSchema`/`checkOrderSyncSchema`, which
 * check the same mapping). Every key is optional; each overrides one default. `Extra` is inferred from
 * `orders.extraColumns`' keys.
 */
export interface KyselyOrderRepositoryOptions<Extra extends string = string> {
  /**
   * Overrides of the orders table's names, e.g. `{ table: 'orders_order' }`, and your own columns to read
   * along (`extraColumns`).
   */
  orders?: Partial<Omit<OrdersTableMapping, 'extraColumns'>> & {
    extraColumns?: Readonly<Record<Extra, string>>;
  };
  /** Overrides of the payments table's names, e.g. `{ table: 'payments_payment' }`. */
  payments?: Partial<PaymentsTableMapping>;
  /**
   * The kind of order id. Ids reach the repository as strings: with `'integer'` a string that is not a
   * whole number (or is outside the safe integer range) is answered with `null` without a query, and ids
   * are returned as numbers (also from `bigint` columns); with `'uuid'` only canonical UUIDs are looked
   * up; `'string'` takes any non-empty string.
   * @default 'integer'
   */
  idType?: OrderIdType;
  /**
   * The SQL dialect. Detected from the Kysely instance's adapter (`PostgresDialect`, `MysqlDialect`,
   * `SqliteDialect`, or an adapter extending theirs), without `instanceof`, so an instance from the
   * CommonJS copy of kysely is recognised by this package's ESM build and vice versa; set it when you use
   * a third-party dialect built on one of these databases.
   * @default detected
   */
  dialect?: OrderSyncDialect;
}

/** The mapping with every default filled in. */
export interface OrderSyncSchemaMapping {
  orders: OrdersTableMapping;
  payments: PaymentsTableMapping;
}

/** The names {@link migrateOrderSyncSchema} creates, and what an empty mapping means. */
export const DEFAULT_ORDER_SYNC_SCHEMA: Readonly<OrderSyncSchemaMapping> = Object.freeze({
  orders: Object.freeze({
    table: 'orders',
    id: 'id',
    paymentStatus: 'payment_status',
    orderStatus: 'order_status',
    amount: 'amount',
    merchantOrderId: 'merchant_order_id',
    createdAt: 'created_at',
  }),
  payments: Object.freeze({
    table: 'payments',
    orderId: 'order_id',
    paymentStatus: 'payment_status',
    transactionId: 'transaction_id',
    additionalInfo: 'additional_info',
    leaseOwner: 'reconcile_lease_owner',
    leaseUntil: 'reconcile_lease_until',
  }),
});

// Names are passed to the driver as quoted identifiers, never spliced as SQL; the rule below only
// rejects what no database accepts as a name (empty, control characters, quotes).
const name = z
  .string('must be a non-empty string')
  .refine((value) => value.length > 0, 'must be a non-empty string')
  .max(128)
  .refine(
    (value) => !/["`]/.test(value) && [...value].every((c) => c.charCodeAt(0) >= 0x20),
    'must be a plain identifier (no quotes or control characters)',
  );

const schema = z.strictObject({
  orders: z
    .strictObject({
      table: name,
      id: name,
      paymentStatus: name,
      orderStatus: name,
      amount: name,
      merchantOrderId: name.nullable(),
      createdAt: name.nullable(),
      extraColumns: z.record(
        z
          .string()
          .regex(/^[A-Za-z_$][\w$]{0,49}$/, 'keys must be JavaScript identifiers of at most 50 characters'),
        name,
      ),
    })
    .partial()
    .optional(),
  payments: z
    .strictObject({
      table: name,
      orderId: name,
      paymentStatus: name,
      transactionId: name,
      additionalInfo: name,
      leaseOwner: name.nullable(),
      leaseUntil: name.nullable(),
    })
    .partial()
    .optional(),
  idType: z.enum(['integer', 'uuid', 'string']).optional(),
  dialect: z.enum(['postgres', 'mysql', 'sqlite']).optional(),
});

// Compile-time: this schema and KyselyOrderRepositoryOptions must agree, option by option (see
// core/options-schema-drift.ts).
type _SchemaMatchesOptions = AssertNoDrift<
  OptionsSchemaDrift<KyselyOrderRepositoryOptions, z.input<typeof schema>>
>;

/**
 * @internal Validates the options once and fills in the defaults; `where` names the function in errors.
 */
export function resolveKyselyOptions(
  options: KyselyOrderRepositoryOptions | undefined,
  where = 'createKyselyOrderRepository',
): {
  mapping: OrderSyncSchemaMapping;
  idType: OrderIdType;
  dialect: OrderSyncDialect | undefined;
} {
  const {
    orders = {},
    payments = {},
    idType = 'integer',
    dialect,
  } = parseOptions(where, schema, options ?? {});
  const defined = <T extends object>(o: T) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  const mapping = {
    orders: { ...DEFAULT_ORDER_SYNC_SCHEMA.orders, ...defined(orders) },
    payments: { ...DEFAULT_ORDER_SYNC_SCHEMA.payments, ...defined(payments) },
  };
  if ((mapping.payments.leaseOwner === null) !== (mapping.payments.leaseUntil === null)) {
    throw new TypeError(
      `${where}: \`payments.leaseOwner\` and \`payments.leaseUntil\` must both name a column or both be null (no reconciler claims)`,
    );
  }
  return {
    mapping,
    idType,
    dialect,
  };
}
