// The wiring every HTTP example shares: database + Kysely repository, PhonePe gateway (or the
// simulator), webhook credentials, the stand-in auth check, and one PaymentSync over them.
import { createPaymentSync, type Logger, type PaymentSync } from 'phonepe-order-sync';
import { createKyselyOrderRepository } from 'phonepe-order-sync/kysely';
import { apiTokenCheck } from './api-token';
import { openDatabase } from './database';
import { seedDemoOrders } from './demo-orders';
import { createLogger } from './logger';
import { connectPhonePe } from './phonepe';
import { webhookCredentials } from './webhook-credentials';

export interface ExampleWiring {
  paymentSync: PaymentSync;
  logger: Logger;
  /** For the webhook route. */
  credentials: { username: string; password: string };
  /** The order route's stand-in auth: is this `Authorization` header value allowed? */
  isAllowed: (authorization: string | null | undefined) => boolean;
  /** Closes the database and the simulator (call after the HTTP server stopped). */
  close(): Promise<void>;
}

export async function createPaymentSyncFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<ExampleWiring> {
  const logger = createLogger(env);
  const database = await openDatabase(env, logger);
  const phonepe = await connectPhonePe(env, logger).catch(async (error) => {
    await database.close();
    throw error;
  });
  const demo = phonepe.simulator !== undefined;
  try {
    const credentials = webhookCredentials(env, { demo, logger });
    const isAllowed = apiTokenCheck(env, { demo, logger });
    if (phonepe.simulator) await seedDemoOrders(database.db, phonepe.simulator, logger);
    const paymentSync = createPaymentSync({
      repository: createKyselyOrderRepository(database.db),
      gateway: phonepe.gateway,
      logger,
      onStatusChange: (event) =>
        logger.info(
          {
            event: 'status-change',
            orderId: event.orderId,
            orderStatus: event.orderStatus,
            source: event.source,
          },
          'order settled',
        ),
    });
    return {
      paymentSync,
      logger,
      credentials,
      isAllowed,
      close: async () => {
        await phonepe.close();
        await database.close();
      },
    };
  } catch (error) {
    await phonepe.close();
    await database.close();
    throw error;
  }
}
