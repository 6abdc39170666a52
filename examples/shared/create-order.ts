import type { Generated, Kysely } from 'kysely';

type Status = 'PENDING' | 'COMPLETED' | 'FAILED';

/** The columns of the default tables (`migrateOrderSyncSchema`) that creating an order writes. */
export interface OrderTables {
  orders: {
    id: Generated<number | string>; // bigint: pg hands it back as a string
    payment_status: Status; // mirrors the payment: PENDING until it settles
    order_status: string; // yours; the library sets CONFIRMED / CANCELLED when the payment settles
    amount: number; // minor units (paise); PhonePe's amount must match it
    merchant_order_id: string | null; // the id you create the PhonePe payment with (NULL: String(id))
  };
  payments: {
    order_id: number | string; // exactly one payment row per order (unique)
    payment_status: Status; // PENDING: the library asks PhonePe about it
    transaction_id: string | null; // PhonePe's, written by the library
    additional_info: string; // a JSON object (as text); the library merges its own keys into it
  };
}

/**
 * Creates an order and its payment row, both PENDING, in one transaction. Both rows are needed: the
 * repository reads an order joined with its payment, so an order without one is not found at all.
 */
export async function createOrder(
  db: Kysely<OrderTables>,
  input: { amount: number; merchantOrderId: string; redirectUrl?: string },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('orders')
      .values({
        payment_status: 'PENDING',
        order_status: 'PLACED',
        amount: input.amount,
        merchant_order_id: input.merchantOrderId,
      })
      .execute();
    // Found by its unique merchant order id: no RETURNING, so the same code runs on MySQL too.
    const { id } = await trx
      .selectFrom('orders')
      .select('id')
      .where('merchant_order_id', '=', input.merchantOrderId)
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('payments')
      .values({
        order_id: id,
        payment_status: 'PENDING',
        transaction_id: null,
        additional_info: JSON.stringify(input.redirectUrl ? { redirect_url: input.redirectUrl } : {}),
      })
      .execute();
    return Number(id);
  });
}
