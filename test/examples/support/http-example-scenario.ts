// The smoke scenario every HTTP example (Express, Fastify, Next.js route files) must pass over real
// HTTP: the process starts the PhonePe simulator, seeds two pending orders, and then
// - a read of the order PhonePe says is paid turns it CONFIRMED (once), behind the auth check;
// - a signed webhook settles the other order, a redelivery is a no-op, a bad signature is refused;
// - SIGTERM stops it cleanly (exit 0) with every change persisted in the database file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { DEMO_API_TOKEN } from '../../../examples/shared/api-token';
import { DEMO_AMOUNT } from '../../../examples/shared/demo-orders';
import { DEMO_WEBHOOK_CREDENTIALS } from '../../../examples/shared/webhook-credentials';
import { buildPhonePeWebhook } from '../../../src/testing/index';
import { cleanEnv, type RunningExample, runExample } from './run-example';

export interface HttpExampleRoutes {
  /** Entry file, relative to the repository root. */
  file: string;
  orderPath: (id: string | number) => string;
  webhookPath: string;
}

export async function startExample(file: string, env: Record<string, string>) {
  const run = runExample(file, cleanEnv({ PORT: '0', ...env }));
  const listening = await run.waitFor('listening');
  const demo = await run.waitFor('demo-orders');
  return {
    run,
    url: String(listening.url),
    paid: demo.paid as number,
    awaitingWebhook: demo.awaitingWebhook as number,
  };
}

const bearer = { authorization: `Bearer ${DEMO_API_TOKEN}` };

export async function expectStoppedCleanly(run: RunningExample): Promise<void> {
  expect(await run.stop('SIGTERM')).toBe(0);
  expect(run.lines().at(-1)).toMatchObject({ event: 'stopped' });
  expect(run.stderr()).toBe('');
}

export function httpExampleScenario({ file, orderPath, webhookPath }: HttpExampleRoutes): void {
  it('reads confirm a paid order, webhooks settle another, bad signatures are refused, SIGTERM stops it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-example-'));
    const sqliteFile = join(dir, 'shop.sqlite');
    try {
      const { run, url, paid, awaitingWebhook } = await startExample(file, { DATABASE_URL: sqliteFile });
      const get = (id: string | number, headers: Record<string, string> = bearer) =>
        fetch(`${url}${orderPath(id)}`, { headers });
      const postWebhook = (body: string, headers: Record<string, string>) =>
        fetch(`${url}${webhookPath}`, { method: 'POST', body, headers });

      // It says in its log that the simulator stands in for PhonePe.
      expect(run.lines()).toContainEqual(
        expect.objectContaining({ event: 'phonepe-simulator', level: 'warn' }),
      );

      // Without the token: 404, the same answer as a missing order.
      const hidden = await get(paid, {});
      expect(hidden.status).toBe(404);
      expect(await hidden.json()).toEqual({
        error: { code: 'ORDER_NOT_FOUND', message: expect.any(String) },
      });

      // The read asks PhonePe (the simulator says COMPLETED) and confirms the order, once.
      const first = await get(paid);
      expect(first.status).toBe(200);
      expect(first.headers.get('cache-control')).toBe('no-store');
      expect(await first.json()).toMatchObject({
        order: { id: paid, payment_status: 'COMPLETED', order_status: 'CONFIRMED', amount: DEMO_AMOUNT },
        payment: { payment_status: 'COMPLETED', transaction_id: `TXN${paid}` },
        status_updated: true,
      });
      expect(await (await get(paid)).json()).toMatchObject({
        order: { order_status: 'CONFIRMED' },
        status_updated: false,
      });

      // Still pending at PhonePe: the read answers PENDING.
      expect(await (await get(awaitingWebhook)).json()).toMatchObject({
        order: { id: awaitingWebhook, payment_status: 'PENDING', order_status: 'PLACED' },
        status_updated: false,
      });
      expect((await get('not-a-number')).status).toBe(400);

      // A webhook signed with other credentials: 401, nothing written.
      const hook = (authorization?: 'wrong') =>
        buildPhonePeWebhook({
          credentials: DEMO_WEBHOOK_CREDENTIALS,
          merchantOrderId: String(awaitingWebhook),
          state: 'COMPLETED',
          amount: DEMO_AMOUNT,
          transactionId: 'TXN-FROM-WEBHOOK',
          ...(authorization && { authorization }),
        });
      const forged = hook('wrong');
      const refused = await postWebhook(forged.body, forged.headers);
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ error: { code: 'WEBHOOK_UNAUTHORIZED' } });
      expect(await (await get(awaitingWebhook)).json()).toMatchObject({ order: { order_status: 'PLACED' } });

      // The signed webhook settles the order; a redelivery is acknowledged and changes nothing.
      const signed = hook();
      const accepted = await postWebhook(signed.body, signed.headers);
      expect(accepted.status).toBe(200);
      expect(await accepted.json()).toEqual({ acknowledged: true, reason: 'updated' });
      const again = await postWebhook(signed.body, signed.headers);
      expect(await again.json()).toEqual({ acknowledged: true, reason: 'already-settled' });
      expect(await (await get(awaitingWebhook)).json()).toMatchObject({
        order: { payment_status: 'COMPLETED', order_status: 'CONFIRMED' },
        payment: { transaction_id: 'TXN-FROM-WEBHOOK' },
        status_updated: false,
      });

      // Each transition announced once, with its source.
      const changes = run.lines().filter((l) => l.event === 'status-change');
      expect(changes).toEqual([
        expect.objectContaining({ orderId: paid, orderStatus: 'CONFIRMED', source: 'read' }),
        expect.objectContaining({ orderId: awaitingWebhook, orderStatus: 'CONFIRMED', source: 'webhook' }),
      ]);

      await expectStoppedCleanly(run);

      // What the process wrote is in the database file.
      const sqlite = new Database(sqliteFile, { readonly: true });
      try {
        expect(
          sqlite
            .prepare(
              'select o.id, o.order_status, p.payment_status, p.transaction_id from orders o join payments p on p.order_id = o.id order by o.id',
            )
            .all(),
        ).toEqual([
          { id: paid, order_status: 'CONFIRMED', payment_status: 'COMPLETED', transaction_id: `TXN${paid}` },
          {
            id: awaitingWebhook,
            order_status: 'CONFIRMED',
            payment_status: 'COMPLETED',
            transaction_id: 'TXN-FROM-WEBHOOK',
          },
        ]);
      } finally {
        sqlite.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
