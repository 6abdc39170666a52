// Express 5 app: the order-details route and the PhonePe webhook over the Kysely repository.
//   npm run build && npx tsx examples/express/server.ts          # PORT (default 3000), see README.md
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createOrderDetailsHandler, createPhonePeWebhookHandler } from 'phonepe-order-sync/express';
import { closeHttpServer } from '../shared/close-http-server';
import { onShutdown } from '../shared/on-shutdown';
import { createPaymentSyncFromEnv } from '../shared/payment-sync-from-env';

const { paymentSync, credentials, isAllowed, logger, close } = await createPaymentSyncFromEnv();
const app = express();

// The webhook reads the raw body itself: mount it BEFORE any JSON body parser.
app.post('/webhooks/phonepe', createPhonePeWebhookHandler({ paymentSync, credentials, logger }));

app.use(express.json());
app.get(
  '/api/common/orders/:id/',
  createOrderDetailsHandler({
    paymentSync,
    logger,
    idPattern: /^\d+$/,
    // Your auth middleware runs first; here a bearer-token stand-in. A refusal answers 404.
    authorize: (req) => isAllowed(req.get('authorization')),
  }),
);

const server = app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1', () => {
  const { address, port } = server.address() as AddressInfo;
  logger.info(
    { event: 'listening', url: `http://${address}:${port}` },
    `listening on http://${address}:${port}`,
  );
});

onShutdown(logger, async () => {
  await closeHttpServer(server); // stops accepting; requests in flight finish first
  await close();
});
