// A complete OrderRepository over plain `pg` (no ORM), for the tables of schema.sql (the default tables of
// `migrateOrderSyncSchema` plus two lease columns for the optional multi-worker reconcile claim). Run by
// test/contract/plain-pg-example.test.ts against a real server with the published contract suite.
// Copy it and change the table and column names.
import type { Pool, PoolClient } from 'pg';
import type { OrderPayment, OrderRepository, PaymentStatus } from 'phonepe-order-sync';

const SELECT = `
  SELECT o.id, o.payment_status AS order_payment_status, o.order_status, o.amount, o.merchant_order_id,
         o.created_at, p.payment_status, p.transaction_id, p.additional_info
  FROM orders o JOIN payments p ON p.order_id = o.id`;

interface Row {
  id: string; // bigint comes back as a string from pg
  order_payment_status: PaymentStatus;
  order_status: string;
  amount: string;
  merchant_order_id: string | null;
  created_at: Date;
  payment_status: PaymentStatus;
  transaction_id: string | null;
  additional_info: Record<string, unknown>;
}

/** Ids arrive as strings; one that is not an integer key is an unknown order, not an error. */
const toId = (raw: string): number | null => (/^\d{1,15}$/.test(raw) ? Number(raw) : null);

const toOrderPayment = (row: Row): OrderPayment => ({
  order: {
    id: Number(row.id),
    paymentStatus: row.order_payment_status,
    orderStatus: row.order_status,
    amount: Number(row.amount),
    merchantOrderId: row.merchant_order_id,
    createdAt: row.created_at,
  },
  payment: {
    orderId: Number(row.id),
    paymentStatus: row.payment_status,
    transactionId: row.transaction_id,
    additionalInfo: row.additional_info ?? {},
  },
});

export function createPgOrderRepository(pool: Pool): OrderRepository {
  const findWhere = async (where: string, params: unknown[]) => {
    const { rows } = await pool.query<Row>(`${SELECT} WHERE ${where}`, params);
    return rows[0] ? toOrderPayment(rows[0]) : null;
  };

  const inTransaction = async <T>(work: (client: PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {}); // the original error is the one worth reporting
      throw error;
    } finally {
      client.release();
    }
  };

  return {
    findOrderPayment(orderId) {
      const id = toId(orderId);
      return id === null ? Promise.resolve(null) : findWhere('o.id = $1', [id]);
    },

    async findOrderPaymentByMerchantOrderId(merchantOrderId) {
      const found = await findWhere('o.merchant_order_id = $1', [merchantOrderId]);
      const id = toId(merchantOrderId);
      // An order without a merchant order id is known to PhonePe by String(id).
      return found ?? (id === null ? null : findWhere('o.id = $1 AND o.merchant_order_id IS NULL', [id]));
    },

    updatePendingPayment(orderId, change) {
      const id = toId(orderId);
      if (id === null) return Promise.resolve(null);
      return inTransaction(async (client) => {
        // The compare-and-set: only a PENDING payment matches. Its row lock makes a concurrent writer
        // wait, re-check, and match nothing. additional_info is merged inside the UPDATE (jsonb ||),
        // so keys written by others are kept.
        const paid = await client.query(
          `UPDATE payments SET payment_status = $2,
             transaction_id = CASE WHEN $3::boolean THEN $4 ELSE transaction_id END,
             additional_info = additional_info || $5::jsonb
           WHERE order_id = $1 AND payment_status = 'PENDING'`,
          [
            id,
            change.paymentStatus,
            change.transactionId !== undefined,
            change.transactionId ?? null,
            JSON.stringify(change.additionalInfo),
          ],
        );
        if (paid.rowCount === 0) return null; // nothing written
        if (change.paymentStatus !== 'PENDING' || change.orderStatus !== undefined) {
          await client.query(
            `UPDATE orders SET payment_status = $2, order_status = COALESCE($3, order_status) WHERE id = $1`,
            [id, change.paymentStatus, change.orderStatus ?? null],
          );
        }
        const { rows } = await client.query<Row>(`${SELECT} WHERE o.id = $1`, [id]);
        return toOrderPayment(rows[0]!);
      });
    },

    async claimPendingOrders({ limit, workerId, leaseMs, now, checkedBefore }) {
      // One statement picks and leases: FOR UPDATE SKIP LOCKED hands each row to one claimer (a row
      // another claimer holds is skipped; one it just leased is re-checked against its new lease and
      // dropped). The lease lives in its own columns, so the payment and additional_info stay as they are.
      // Times come from the caller's clock (`now`), never the database's.
      const { rows } = await pool.query<Row>(
        `WITH claimed AS (
           UPDATE payments SET reconcile_lease_owner = $3, reconcile_lease_until = $5
           WHERE order_id IN (
             SELECT order_id FROM payments
             WHERE payment_status = 'PENDING'
               AND (reconcile_lease_until IS NULL OR reconcile_lease_until <= $4)
               AND ($2::text IS NULL OR (additional_info->>'last_checked') IS NULL
                    OR (additional_info->>'last_checked') < $2::text)
             ORDER BY (additional_info->>'last_checked') ASC NULLS FIRST, order_id
             LIMIT $1
             FOR UPDATE SKIP LOCKED)
           RETURNING order_id, payment_status, transaction_id, additional_info)
         SELECT o.id, o.payment_status AS order_payment_status, o.order_status, o.amount, o.merchant_order_id,
                o.created_at, p.payment_status, p.transaction_id, p.additional_info
         FROM claimed p JOIN orders o ON o.id = p.order_id
         ORDER BY (p.additional_info->>'last_checked') ASC NULLS FIRST, p.order_id`,
        [limit, checkedBefore?.toISOString() ?? null, workerId, now, new Date(now.getTime() + leaseMs)],
      );
      return rows.map(toOrderPayment);
    },

    async releaseOrderClaim(orderId, { workerId, notBefore }) {
      const id = toId(orderId);
      if (id === null) return; // no such order: nothing to release
      // Only the lease holder's release counts: a late release from a worker whose lease expired (and
      // was claimed again) matches no row.
      await pool.query(
        `UPDATE payments SET reconcile_lease_owner = NULL, reconcile_lease_until = $3
         WHERE order_id = $1 AND reconcile_lease_owner = $2`,
        [id, workerId, notBefore],
      );
    },

    async listPendingOrders({ limit, checkedBefore, after }) {
      // Same expression as the partial index payments_pending_check_order_idx: an index scan. Ties (never
      // checked, or the same last_checked) are ordered by order_id, so `after` (the previous page's last
      // row) names one position and each page starts strictly after it.
      const params: unknown[] = [limit, checkedBefore?.toISOString() ?? null];
      let keyset = '';
      if (after) {
        const afterId = toId(after.orderId);
        if (afterId === null) throw new TypeError('listPendingOrders: `after.orderId` is not an order id');
        params.push(afterId);
        if (after.lastChecked === null) {
          keyset = `AND ((p.additional_info->>'last_checked') IS NOT NULL OR p.order_id > $3)`;
        } else {
          params.push(after.lastChecked);
          // The `>=` is a range on the indexed expression: the scan starts at the cursor.
          keyset = `AND (p.additional_info->>'last_checked') >= $4::text
                    AND ((p.additional_info->>'last_checked') > $4::text OR p.order_id > $3)`;
        }
      }
      const { rows } = await pool.query<Row>(
        `${SELECT}
         WHERE p.payment_status = 'PENDING'
           AND ($2::text IS NULL OR (p.additional_info->>'last_checked') IS NULL
                OR (p.additional_info->>'last_checked') < $2::text)
           ${keyset}
         ORDER BY (p.additional_info->>'last_checked') ASC NULLS FIRST, p.order_id
         LIMIT $1`,
        params,
      );
      return rows.map(toOrderPayment);
    },
  };
}
