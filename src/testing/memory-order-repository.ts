import { lastCheckedMs, parseLastChecked } from '../core/last-checked';
import type { OrderId, OrderPayment, PaymentChange } from '../core/order-payment';
import type {
  ClaimPendingOrdersQuery,
  OrderClaimRelease,
  OrderRepository,
  PendingOrdersQuery,
} from '../ports/order-repository';

/** The in-memory reference repository, with helpers for tests and demos. */
export interface MemoryOrderRepository extends OrderRepository {
  /** Adds or replaces orders (deep-copied). */
  insert(...orderPayments: OrderPayment[]): void;
  /** A deep copy of one stored order, or `null`. Synchronous, for assertions. */
  get(orderId: string | number): OrderPayment | null;
  /** Deep copies of every stored order, in insertion order. */
  all(): OrderPayment[];
  /** How many times each method was called (for asserting "no write happened"). */
  readonly calls: Readonly<
    Record<
      | 'findOrderPayment'
      | 'updatePendingPayment'
      | 'listPendingOrders'
      | 'claimPendingOrders'
      | 'releaseOrderClaim',
      number
    >
  >;
  /** The reconciler lease on one order (`null` when it never had one). For assertions. */
  leaseOf(orderId: string | number): { workerId: string | null; until: Date } | null;
  claimPendingOrders(query: ClaimPendingOrdersQuery): Promise<OrderPayment[]>;
  releaseOrderClaim(orderId: string, release: OrderClaimRelease): Promise<void>;
}

const copy = <T>(value: T): T => structuredClone(value);

/**
 * A correct, in-memory `OrderRepository`: atomic compare-and-set, deep copies in and out (callers
 * cannot mutate stored state), `additional_info` merged key by key. The reference every other
 * repository is measured against by `runOrderRepositoryContract`, and a handy store for tests.
 *
 * @param seed - Orders to start with.
 * @example
 * ```ts
 * const repository = createMemoryOrderRepository([buildOrderPayment({ id: 1 })]);
 * const paymentSync = createPaymentSync({ repository, gateway });
 * ```
 */
export function createMemoryOrderRepository(seed: OrderPayment[] = []): MemoryOrderRepository {
  const rows = new Map<string, OrderPayment>();
  // Leases live beside the rows, as a SQL repository keeps them in their own columns: user data untouched.
  const leases = new Map<string, { workerId: string | null; until: number }>();
  const calls = {
    findOrderPayment: 0,
    updatePendingPayment: 0,
    listPendingOrders: 0,
    claimPendingOrders: 0,
    releaseOrderClaim: 0,
  };
  const insert = (...orderPayments: OrderPayment[]) => {
    for (const op of orderPayments) rows.set(String(op.order.id), copy(op));
  };
  insert(...seed);

  return {
    calls,
    insert,
    get: (orderId) => {
      const row = rows.get(String(orderId));
      return row ? copy(row) : null;
    },
    all: () => [...rows.values()].map(copy),
    leaseOf: (orderId) => {
      const lease = leases.get(String(orderId));
      return lease ? { workerId: lease.workerId, until: new Date(lease.until) } : null;
    },

    async findOrderPayment(orderId) {
      calls.findOrderPayment += 1;
      await Promise.resolve();
      const row = rows.get(orderId);
      return row ? copy(row) : null;
    },

    async findOrderPaymentByMerchantOrderId(merchantOrderId) {
      await Promise.resolve();
      for (const row of rows.values()) {
        if ((row.order.merchantOrderId ?? String(row.order.id)) === merchantOrderId) return copy(row);
      }
      return null;
    },

    async updatePendingPayment(orderId, change: PaymentChange) {
      calls.updatePendingPayment += 1;
      // Yield first, so concurrent callers genuinely interleave; the check-and-write below is one
      // synchronous step, which is what makes it a compare-and-set on a single-threaded event loop.
      await Promise.resolve();
      const row = rows.get(orderId);
      if (row?.payment.paymentStatus !== 'PENDING') return null;
      // The stored row is private and replaced whole, so the new one may share its untouched parts.
      const next: OrderPayment = {
        order: { ...row.order, paymentStatus: change.paymentStatus },
        payment: {
          ...row.payment,
          paymentStatus: change.paymentStatus,
          additionalInfo: { ...row.payment.additionalInfo, ...copy(change.additionalInfo) },
        },
      };
      if (change.orderStatus !== undefined) next.order.orderStatus = change.orderStatus;
      if (change.transactionId !== undefined) next.payment.transactionId = change.transactionId;
      rows.set(orderId, next);
      return copy(next);
    },

    async listPendingOrders({ limit, checkedBefore, after }: PendingOrdersQuery) {
      calls.listPendingOrders += 1;
      await Promise.resolve();
      const before = checkedBefore?.getTime();
      const from = after && {
        checked: parseLastChecked(after.lastChecked) ?? Number.NEGATIVE_INFINITY,
        id: after.orderId,
      };
      return [...rows.values()]
        .map((row) => ({ row, checked: checkedMs(row), id: row.order.id }))
        .filter(
          (entry) =>
            entry.row.payment.paymentStatus === 'PENDING' &&
            (before === undefined || entry.checked < before) &&
            (from === undefined || comparePosition(entry, from) > 0),
        )
        .sort(comparePosition)
        .slice(0, limit)
        .map(({ row }) => copy(row));
    },

    async claimPendingOrders({ limit, workerId, leaseMs, now, checkedBefore }: ClaimPendingOrdersQuery) {
      calls.claimPendingOrders += 1;
      await Promise.resolve();
      // From here to the return is one synchronous step: the pick and the lease are atomic.
      const nowMs = now.getTime();
      const before = checkedBefore?.getTime();
      const picked = [...rows.entries()]
        .filter(([id, row]) => {
          if (row.payment.paymentStatus !== 'PENDING') return false;
          const lease = leases.get(id);
          if (lease && lease.until > nowMs) return false;
          return before === undefined || checkedMs(row) < before;
        })
        .map(([id, row]) => ({ id, row, checked: checkedMs(row) }))
        .sort((a, b) => comparePosition({ ...a, id: a.row.order.id }, { ...b, id: b.row.order.id }))
        .slice(0, limit);
      for (const { id } of picked) leases.set(id, { workerId, until: nowMs + leaseMs });
      return picked.map(({ row }) => copy(row));
    },

    async releaseOrderClaim(orderId, { workerId, notBefore }: OrderClaimRelease) {
      calls.releaseOrderClaim += 1;
      await Promise.resolve();
      const lease = leases.get(orderId);
      if (lease?.workerId !== workerId) return;
      leases.set(orderId, { workerId: null, until: notBefore.getTime() });
    },
  };
}

/** Never-checked orders sort first. */
function checkedMs(row: OrderPayment): number {
  return lastCheckedMs(row.payment) ?? Number.NEGATIVE_INFINITY;
}

/** The list's order: least recently checked first, ties by order id (as a SQL store sorts its key). */
function comparePosition(a: { checked: number; id: OrderId }, b: { checked: number; id: OrderId }): number {
  if (a.checked !== b.checked) return a.checked < b.checked ? -1 : 1;
  return compareIds(a.id, b.id);
}

/** Numeric ids numerically (a cursor carries them as strings), any other id by code units. */
function compareIds(a: OrderId, b: OrderId): number {
  if (typeof a === 'number' || typeof b === 'number') {
    const x = Number(a);
    const y = Number(b);
    if (!Number.isNaN(x) && !Number.isNaN(y)) return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
