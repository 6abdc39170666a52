import express, { type Request, type Response, type Router } from 'express';
import type { PaymentSync, ReconcileSchedule } from 'phonepe-order-sync';
import type { PhonePeSimulator } from 'phonepe-order-sync/testing';
import type { DemoDatabase } from './demo-database';

/** What the demo page's buttons act on. */
export interface DemoState {
  database: DemoDatabase;
  simulator: PhonePeSimulator;
  paymentSync: PaymentSync;
  /** The PhonePe dashboard's webhook credentials (here: made up, shared with the simulator). */
  webhookCredentials: { username: string; password: string };
  /** Scenario names shown beside order ids. */
  labels: Map<number, string>;
  /** Where this app listens (the simulated PhonePe delivers its webhooks there). */
  baseUrl(): string;
  /** Resolves once no read of the order is in flight (see read-tracker.ts). */
  readsIdle(orderId: string): Promise<void>;
}

/** "Reconcile now": every pending order is due (the default schedule follows PhonePe's cadence instead). */
const everyPendingOrder: ReconcileSchedule = () => ({ due: true, reason: 'demo-reconcile-now' });

type Settle = 'read' | 'webhook' | 'reconcile';

/**
 * The demo page and its buttons. These routes are the demo's, not the library's: they play PhonePe
 * (the simulator decides a payment) and the shop (a retry creates a new order). The library's own routes
 * (`/api/common/orders/:id/`, `/webhooks/phonepe`) are mounted beside them in start-demo.ts.
 */
export function createDemoRoutes(state: DemoState, page: { html: string; script: string }): Router {
  const { database, simulator, paymentSync, labels } = state;
  const router = express.Router();
  router.use(express.json());

  router.get('/', (_req, res) => {
    res.type('html').send(page.html);
  });
  router.get('/demo/page.js', (_req, res) => {
    res.type('js').send(page.script);
  });

  router.get('/demo/orders', async (_req, res) => {
    const rows = await database.listOrders();
    res.json(rows.map((row) => ({ ...row, label: labels.get(row.id) ?? '' })));
  });

  const pendingOrder = async (req: Request, res: Response) => {
    const id = Number(req.params.id);
    const row = (await database.listOrders()).find((r) => r.id === id);
    if (row?.payment_status !== 'PENDING') {
      res
        .status(409)
        .json({ error: { code: 'NOT_PENDING', message: `Order ${req.params.id} is not pending` } });
      return undefined;
    }
    return row;
  };

  // PhonePe decides the payment; then, as asked, nothing else (the page's watch reads it: the read path),
  // a signed webhook to this app (the webhook path), or a reconcile sweep (the reconciler path).
  const decide = (outcome: 'COMPLETED' | 'FAILED') => async (req: Request, res: Response) => {
    const row = await pendingOrder(req, res);
    if (!row) return;
    const via: Settle = ['webhook', 'reconcile'].includes(req.body?.via) ? req.body.via : 'read';
    // The page stopped watching this order; its last read finishes before PhonePe changes its mind.
    if (via !== 'read') await state.readsIdle(String(row.id));
    simulator.setOrderState(
      String(row.id),
      outcome,
      outcome === 'FAILED' ? { errorCode: 'PAYMENT_DECLINED' } : {},
    );
    if (via === 'webhook') {
      const hook = simulator.webhookFor(String(row.id), state.webhookCredentials);
      const delivered = await fetch(`${state.baseUrl()}/webhooks/phonepe`, {
        method: 'POST',
        headers: hook.headers,
        body: hook.body,
      });
      res.json({ via, webhook: { status: delivered.status, body: await delivered.json() } });
      return;
    }
    if (via === 'reconcile') {
      res.json({ via, summary: await paymentSync.reconcile({ schedule: everyPendingOrder }) });
      return;
    }
    res.json({ via });
  };
  router.post('/demo/orders/:id/complete', decide('COMPLETED'));
  router.post('/demo/orders/:id/fail', decide('FAILED'));

  // The customer pays again: the shop creates a new pending order (and PhonePe a new checkout for it).
  router.post('/demo/orders/:id/retry', async (req, res) => {
    const id = Number(req.params.id);
    const failed = (await database.listOrders()).find((r) => r.id === id);
    if (failed?.payment_status !== 'FAILED') {
      res.status(409).json({ error: { code: 'NOT_FAILED', message: `Order ${req.params.id} did not fail` } });
      return;
    }
    const retry = await database.insertOrder({
      amount: failed.amount,
      paymentStatus: 'PENDING',
      orderStatus: 'PLACED',
    });
    simulator.createOrder(String(retry), { amount: failed.amount });
    labels.set(retry, `Retry of #${id}`);
    res.status(201).json({ id: retry });
  });

  router.post('/demo/reconcile', async (_req, res) => {
    res.json(await paymentSync.reconcile({ schedule: everyPendingOrder }));
  });

  return router;
}
