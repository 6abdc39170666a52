// Fastify 5 app: the phonePeOrderSync plugin (order-details route + PhonePe webhook) over the Kysely
// repository.
//   npm run build && npx tsx examples/fastify/server.ts          # PORT (default 3000), see README.md
import Fastify from 'fastify';
import { phonePeOrderSync } from 'phonepe-order-sync/fastify';
import { onShutdown } from '../shared/on-shutdown';
import { createPaymentSyncFromEnv } from '../shared/payment-sync-from-env';

const { paymentSync, credentials, isAllowed, logger, close } = await createPaymentSyncFromEnv();
const app = Fastify();

// Registered as is (not through fastify-plugin): its raw-body parser for the webhook stays scoped to it.
await app.register(phonePeOrderSync, {
  paymentSync,
  credentials,
  logger,
  idPattern: /^\d+$/,
  // Your auth hook (e.g. @fastify/jwt) runs first; here a bearer-token stand-in. A refusal answers 404.
  authorize: (request) => isAllowed(request.headers.authorization),
  // Defaults: orderRoute '/api/common/orders/:id/', webhookRoute '/webhooks/phonepe'.
});

onShutdown(logger, async () => {
  await app.close(); // stops accepting, waits for requests in flight, runs onClose hooks
  await close();
});

const url = await app.listen({
  port: Number(process.env.PORT ?? 3000),
  host: process.env.HOST ?? '127.0.0.1',
});
logger.info({ event: 'listening', url }, `listening on ${url}`);
