// Koa 3 app over phonepe-order-sync/http (no Koa adapter ships with the package: koa-adapter.ts is
// the few lines of translation): the order-details route and the PhonePe webhook, Kysely repository.
//   npm run build && npx tsx examples/koa/server.ts          # PORT (default 3000), see README.md
import type { AddressInfo } from 'node:net';
import Router from '@koa/router';
import Koa, { type Context } from 'koa';
import {
  createOrderDetailsHttpHandler,
  createPhonePeWebhookHttpHandler,
  orderRoutePattern,
} from 'phonepe-order-sync/http';
import { verifyPhonePeWebhook } from 'phonepe-order-sync/phonepe';
import { closeHttpServer } from '../shared/close-http-server';
import { onShutdown } from '../shared/on-shutdown';
import { createPaymentSyncFromEnv } from '../shared/payment-sync-from-env';
import { koaOrderRoute, koaWebhookRoute } from './koa-adapter';

const { paymentSync, credentials, isAllowed, logger, close } = await createPaymentSyncFromEnv();

const orderDetails = createOrderDetailsHttpHandler<Context>({
  paymentSync,
  logger,
  idPattern: /^\d+$/,
  // Your auth middleware runs first (ctx.state.user); here a bearer-token stand-in. A refusal answers 404.
  authorize: (ctx) => isAllowed(ctx.get('authorization')),
});
// `/http` knows no gateway: the verifier is PhonePe's, passed in (the shipped adapters default to it).
const phonePeWebhook = createPhonePeWebhookHttpHandler<Context>({
  paymentSync,
  credentials,
  logger,
  verify: verifyPhonePeWebhook,
});

const router = new Router();
// orderRoutePattern(): the trailing slash optional, and an empty id reaches the handler (400), as in
// the shipped adapters; a string path would leave `/orders//` to Koa's plain-text 404.
router.get(orderRoutePattern('/api/common/orders/:id/'), koaOrderRoute(orderDetails));
router.post('/webhooks/phonepe', koaWebhookRoute(phonePeWebhook));

const app = new Koa();
// The handlers answer every failure themselves; what still throws (a client aborting its upload) goes to
// the app's logger instead of Koa's stderr printer.
app.on('error', (error: unknown) =>
  logger.error({ event: 'koa-error', err: String(error) }, 'request failed'),
);
app.use(router.routes()).use(router.allowedMethods());

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
