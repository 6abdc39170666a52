// The store and gateway both variants run against. Demo parts so the example runs anywhere; in your app:
//   const repository = createKyselyOrderRepository(db);                  // phonepe-order-sync/kysely
//   const gateway = createPhonePeGateway({ clientId, clientSecret, clientVersion: 1, environment: 'production' });
import { createPaymentSync, type Logger, type PaymentSync } from 'phonepe-order-sync';
import {
  buildOrderPayment,
  createFakePaymentGateway,
  createMemoryOrderRepository,
} from 'phonepe-order-sync/testing';

/** One line of JSON per log call on stderr (pino-shaped, so `pino()` drops in). */
export const logger: Logger = Object.fromEntries(
  (['debug', 'info', 'warn', 'error'] as const).map((level) => [
    level,
    (obj: Record<string, unknown>, msg?: string) => {
      if (level !== 'debug') process.stderr.write(`${JSON.stringify({ level, msg, ...obj })}\n`);
    },
  ]),
) as unknown as Logger;

/** A PaymentSync over 12 pending orders placed 5 minutes ago: 4 paid, 4 failed, 4 still pending at PhonePe. */
export function createDemoPaymentSync(): PaymentSync {
  const placedAt = new Date(Date.now() - 5 * 60_000);
  const repository = createMemoryOrderRepository(
    Array.from({ length: 12 }, (_, i) =>
      buildOrderPayment({ id: i + 1, amount: 49_900, createdAt: placedAt }),
    ),
  );
  const gateway = createFakePaymentGateway();
  for (let id = 1; id <= 8; id++) {
    gateway.script(
      String(id),
      id <= 4
        ? { state: 'COMPLETED', transactionId: `TXN${id}`, amount: 49_900 }
        : { state: 'FAILED', transactionId: `TXN${id}`, amount: 49_900 },
    );
  }
  return createPaymentSync({
    repository,
    gateway,
    logger,
    onStatusChange: (e) => logger.info({ orderId: e.orderId, orderStatus: e.orderStatus }, 'order settled'),
  });
}
