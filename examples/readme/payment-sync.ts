// payment-sync.ts
import type { OrderPayment } from 'phonepe-order-sync';
import { createPaymentSync } from 'phonepe-order-sync';
import { createKyselyOrderRepository } from 'phonepe-order-sync/kysely';
import { createPhonePeGateway } from 'phonepe-order-sync/phonepe';
import { db } from './database'; // your Kysely instance (see "SQL repository")

// `customer_id` is your own column: read along with every order (never written), for `ownsOrder`.
export const repository = createKyselyOrderRepository(db, {
  orders: { extraColumns: { customerId: 'customer_id' } },
});

export const paymentSync = createPaymentSync({
  repository,
  gateway: createPhonePeGateway({
    clientId: process.env.PHONEPE_CLIENT_ID!,
    clientSecret: process.env.PHONEPE_CLIENT_SECRET!,
    clientVersion: 1,
    environment: 'sandbox',
  }),
});
export const webhookCredentials = {
  username: process.env.PHONEPE_WEBHOOK_USERNAME!, // as configured on PhonePe's dashboard
  password: process.env.PHONEPE_WEBHOOK_PASSWORD!,
};

// For `authorize`: does the signed-in user own this order? `authorize` gets the order as the repository
// read it, your extra columns included. (Another repository? Look the owner up; `authorize` may be async.)
export function ownsOrder(userId: string | undefined, orderPayment: OrderPayment): boolean {
  const { customerId } = repository.extraOf(orderPayment);
  return userId !== undefined && customerId != null && String(customerId) === userId;
}
