import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type Generated, Kysely, SqliteDialect } from 'kysely';
import { migrateOrderSyncSchema } from 'phonepe-order-sync/kysely';

/** The default tables `migrateOrderSyncSchema` creates, as Kysely sees them. */
export interface DemoTables {
  orders: {
    id: Generated<number>;
    payment_status: string;
    order_status: string;
    amount: number;
    merchant_order_id: string | null;
    created_at: Generated<string>;
  };
  payments: {
    id: Generated<number>;
    order_id: number;
    payment_status: string;
    transaction_id: string | null;
    additional_info: string;
  };
}

/** An order as the demo seeds it (the checkout your app already has would write these rows). */
export interface NewDemoOrder {
  amount: number;
  paymentStatus: 'PENDING' | 'COMPLETED' | 'FAILED';
  orderStatus: string;
  transactionId?: string | null;
}

/** One row of the orders list the demo page shows. */
export interface DemoOrderRow {
  id: number;
  amount: number;
  order_status: string;
  payment_status: string;
  transaction_id: string | null;
  /** Which path settled the payment (`read`, `webhook`, `reconcile`), from `gateway_response.received_via`. */
  received_via: string | null;
  last_checked: string | null;
}

/** An embedded SQLite file in a fresh temp directory, migrated; `close()` deletes it. */
export interface DemoDatabase {
  readonly db: Kysely<DemoTables>;
  readonly file: string;
  insertOrder(order: NewDemoOrder): Promise<number>;
  listOrders(): Promise<DemoOrderRow[]>;
  close(): Promise<void>;
}

/** Opens (and migrates) the demo's SQLite database: nothing to install, nothing left behind. */
export async function openDemoDatabase(): Promise<DemoDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'phonepe-order-sync-demo-'));
  const file = join(dir, 'shop.sqlite');
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<DemoTables>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateOrderSyncSchema(db);

  return {
    db,
    file,
    insertOrder: (order) =>
      db.transaction().execute(async (trx) => {
        const { id } = await trx
          .insertInto('orders')
          .values({
            payment_status: order.paymentStatus,
            order_status: order.orderStatus,
            amount: order.amount,
            merchant_order_id: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('payments')
          .values({
            order_id: id,
            payment_status: order.paymentStatus,
            transaction_id: order.transactionId ?? null,
            additional_info: JSON.stringify({ redirect_url: `https://shop.example/pay/${id}` }),
          })
          .execute();
        return id;
      }),
    async listOrders() {
      const rows = await db
        .selectFrom('orders as o')
        .innerJoin('payments as p', 'p.order_id', 'o.id')
        .select([
          'o.id',
          'o.amount',
          'o.order_status',
          'p.payment_status',
          'p.transaction_id',
          'p.additional_info',
        ])
        .orderBy('o.id')
        .execute();
      return rows.map(({ additional_info, ...row }) => {
        const info = JSON.parse(additional_info) as {
          last_checked?: string;
          gateway_response?: { received_via?: string };
        };
        return {
          ...row,
          received_via: info.gateway_response?.received_via ?? null,
          last_checked: info.last_checked ?? null,
        };
      });
    },
    async close() {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
