import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { OrderId, OrderPayment } from '../../core/order-payment';
import { withRepositoryErrors } from '../../errors/with-repository-errors';
import type {
  ClaimPendingOrdersQuery,
  OrderClaimRelease,
  OrderRepository,
} from '../../ports/order-repository';
import { orderIdToBind, readOrderId } from './order-id';
import { type OrderPaymentRow, paymentColumn } from './read-order-payment';
import type { RepositorySql } from './repository-sql';

const WHERE = 'createKyselyOrderRepository';
const PENDING = sql.lit('PENDING');
/** Ids per `IN (...)` list (MariaDB allows 65,535 bound values a statement). */
export const IDS_PER_STATEMENT = 1000;

/** @internal What a dialect's `claim` needs: the repository's SQL and the lease's. */
export interface ClaimSql<DB> extends RepositorySql<DB> {
  /** `<leaseOwner> = :workerId, <leaseUntil> = :now + leaseMs` */
  leaseSet(query: ClaimPendingOrdersQuery): RawBuilder<unknown>;
  /**
   * Over `alias`'s payment columns: `PENDING`, lease free at `now`, due by `checkedBefore`; and that
   * alias's `last_checked` expression, to sort the candidates by.
   */
  claimable(
    alias: string,
    query: ClaimPendingOrdersQuery,
  ): { condition: RawBuilder<unknown>; lastChecked: RawBuilder<unknown> };
  /** The joined rows of these order ids, in the order of `ids` (ids it cannot find are left out). */
  readInOrder(executor: Kysely<DB>, ids: unknown[]): Promise<OrderPayment[]>;
}

type Claims = Required<Pick<OrderRepository, 'claimPendingOrders' | 'releaseOrderClaim'>>;

/**
 * @internal The reconciler lease pair over `payments.leaseOwner` / `payments.leaseUntil`, or `undefined`
 * when both are mapped to `null` (the repository then has no claim capability). How rows are picked and
 * locked is the dialect's (`claim`); checking the query and releasing are alike everywhere.
 *
 * A lease is free when `until` is null or at or before the caller's `now` (epoch ms, the reconciler's
 * clock, never the database's). A release sets `owner = null, until = notBefore`, only while the caller
 * still owns the lease. Order, payment status and `additional_info` are never written here.
 */
export function createKyselyClaims<DB>(repository: RepositorySql<DB>): Claims | undefined {
  const { db, mapping, idType, dialect, select, from, toOrderPayment } = repository;
  const { payments } = mapping;
  const { leaseOwner, leaseUntil } = payments;
  if (leaseOwner === null || leaseUntil === null) return undefined;
  const owner = sql.id(leaseOwner);
  const until = sql.id(leaseUntil);

  const claims: ClaimSql<DB> = {
    ...repository,
    leaseSet: (query) => sql`${owner} = ${query.workerId}, ${until} = ${query.now.getTime() + query.leaseMs}`,

    claimable(alias, query) {
      const column = (name: string) => sql.id(alias, name);
      const lastChecked = dialect.lastChecked(column(payments.additionalInfo));
      const nowMs = query.now.getTime();
      const due = query.checkedBefore
        ? sql`and (${lastChecked} is null or ${lastChecked} < ${query.checkedBefore.toISOString()})`
        : sql``;
      const condition = sql`${column(payments.paymentStatus)} = ${PENDING}
        and (${column(leaseUntil)} is null or ${column(leaseUntil)} <= ${nowMs}) ${due}`;
      return { condition, lastChecked };
    },

    async readInOrder(executor, ids) {
      const byId = new Map<string, OrderPayment>();
      for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) {
        const chunk = ids.slice(i, i + IDS_PER_STATEMENT);
        const { rows } = await sql<OrderPaymentRow>`select ${select} from ${from}
          where ${paymentColumn(payments.orderId)} in (${sql.join(chunk)})`.execute(executor);
        for (const row of rows) {
          const orderPayment = toOrderPayment(row);
          byId.set(String(orderPayment.order.id), orderPayment);
        }
      }
      return ids.flatMap((id) => {
        const found = byId.get(String(readOrderId(idType, id)));
        return found ? [found] : [];
      });
    },
  };

  return {
    claimPendingOrders(query) {
      const invalid = invalidClaimQuery(query);
      if (invalid) return Promise.reject(invalid);
      return withRepositoryErrors('Kysely OrderRepository.claimPendingOrders', () =>
        dialect.claim(claims, query),
      );
    },

    releaseOrderClaim(orderId: string, release: OrderClaimRelease) {
      const { workerId, notBefore } = release ?? ({} as OrderClaimRelease);
      if (typeof workerId !== 'string' || workerId === '') {
        return Promise.reject(
          new TypeError(`${WHERE}: releaseOrderClaim \`workerId\` must be a non-empty string`),
        );
      }
      if (!isValidDate(notBefore)) {
        return Promise.reject(
          new TypeError(`${WHERE}: releaseOrderClaim \`notBefore\` must be a valid Date`),
        );
      }
      const id: OrderId | undefined = orderIdToBind(idType, orderId);
      // Not such an id: no such order, nothing to release.
      if (id === undefined) return Promise.resolve();
      return withRepositoryErrors('Kysely OrderRepository.releaseOrderClaim', async () => {
        await sql`update ${sql.table(payments.table)} set ${owner} = null, ${until} = ${notBefore.getTime()}
          where ${sql.id(payments.orderId)} = ${id} and ${owner} = ${workerId}`.execute(db);
      });
    },
  };
}

function invalidClaimQuery(query: ClaimPendingOrdersQuery): Error | undefined {
  const { limit, workerId, leaseMs, now, checkedBefore } = query ?? ({} as ClaimPendingOrdersQuery);
  if (!Number.isSafeInteger(limit) || limit < 1) {
    return new RangeError(`${WHERE}: claimPendingOrders \`limit\` must be a positive integer`);
  }
  if (typeof workerId !== 'string' || workerId === '') {
    return new TypeError(`${WHERE}: claimPendingOrders \`workerId\` must be a non-empty string`);
  }
  if (!Number.isSafeInteger(leaseMs) || leaseMs < 1) {
    return new RangeError(`${WHERE}: claimPendingOrders \`leaseMs\` must be a positive integer`);
  }
  if (!isValidDate(now)) return new TypeError(`${WHERE}: claimPendingOrders \`now\` must be a valid Date`);
  if (checkedBefore !== undefined && !isValidDate(checkedBefore)) {
    return new TypeError(`${WHERE}: claimPendingOrders \`checkedBefore\` must be a valid Date`);
  }
  return undefined;
}

function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}
