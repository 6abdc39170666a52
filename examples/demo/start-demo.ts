import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createPaymentSync, type Logger, type PaymentSync } from 'phonepe-order-sync';
import { createOrderDetailsHandler, createPhonePeWebhookHandler } from 'phonepe-order-sync/express';
import { createKyselyOrderRepository } from 'phonepe-order-sync/kysely';
import { createPhonePeGateway } from 'phonepe-order-sync/phonepe';
import {
  createPhonePeSimulator,
  type PhonePeSimulator,
  type ServedPhonePeSimulator,
  servePhonePeSimulator,
} from 'phonepe-order-sync/testing';
import { type DemoDatabase, openDemoDatabase } from './demo-database';
import { createDemoLogger } from './demo-logger';
import { createDemoRoutes } from './demo-routes';
import { bundlePage } from './page/bundle-page';
import { createReadTracker } from './read-tracker';
import { runScenario, SCENARIOS, type ScenarioResult } from './scenarios';

/** Options of {@link startDemo}. */
export interface DemoOptions {
  /** Port of the shop app. @default 0 (any free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Log the library's debug and info lines too. @default false */
  verbose?: boolean;
  /** Where log lines go. @default stderr */
  write?: (line: string) => void;
  /** Seed two more pending orders to play with on the page. @default false */
  playground?: boolean;
}

/** A running demo. */
export interface Demo {
  /** The shop app (the page is at `/`). */
  url: string;
  /** The simulated PhonePe. */
  phonepeUrl: string;
  /** The SQLite file (deleted by `close()`). */
  databaseFile: string;
  /** The scenarios, run once at start. */
  results: ScenarioResult[];
  simulator: PhonePeSimulator;
  paymentSync: PaymentSync;
  /** Stops both servers and deletes the database. */
  close(): Promise<void>;
}

// Made-up credentials: the simulator accepts any client, and signs webhooks with these.
const WEBHOOK_CREDENTIALS = { username: 'demo-webhook-user', password: 'demo-webhook-password' };

/**
 * Starts the whole demo on this machine: the PhonePe simulator on a local port, an Express shop over
 * the Kysely repository on an SQLite file, with the real PhonePe gateway pointed at the simulator. Then
 * it runs each scenario once through the real order route and returns what happened.
 */
export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const host = options.host ?? '127.0.0.1';
  const logger: Logger = createDemoLogger({ verbose: options.verbose ?? false, write: options.write });
  const cleanup: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const step of cleanup.reverse()) await step();
  };
  try {
    const simulator = createPhonePeSimulator();
    const phonepe: ServedPhonePeSimulator = await servePhonePeSimulator(simulator, { host });
    cleanup.push(() => phonepe.close());
    const database: DemoDatabase = await openDemoDatabase();
    cleanup.push(() => database.close());

    const paymentSync = createPaymentSync({
      repository: createKyselyOrderRepository(database.db),
      gateway: createPhonePeGateway({
        clientId: 'DEMO_CLIENT',
        clientSecret: 'demo-client-secret',
        clientVersion: 1,
        environment: 'sandbox',
        baseUrl: phonepe.url,
      }),
      logger,
    });
    paymentSync.on('statusChange', (event) => {
      (options.write ?? ((line: string) => process.stderr.write(`${line}\n`)))(
        `[event] order ${event.orderId} ${event.paymentStatus} -> ${event.orderStatus} via ${event.source}`,
      );
    });

    const labels = new Map<number, string>();
    let url = '';
    const app = express();
    // The webhook reads the raw body itself: mounted before any JSON parser.
    app.post(
      '/webhooks/phonepe',
      createPhonePeWebhookHandler({ paymentSync, credentials: WEBHOOK_CREDENTIALS, logger }),
    );
    // Demo only: every visitor may see every order. In your app, check the session here.
    const reads = createReadTracker();
    app.get(
      '/api/common/orders/:id/',
      reads.track,
      createOrderDetailsHandler({ paymentSync, authorize: () => true, logger }),
    );
    app.use(
      createDemoRoutes(
        {
          database,
          simulator,
          paymentSync,
          webhookCredentials: WEBHOOK_CREDENTIALS,
          labels,
          baseUrl: () => url,
          readsIdle: reads.idle,
        },
        await bundlePage(),
      ),
    );
    const server: Server = app.listen(options.port ?? 0, host);
    await once(server, 'listening');
    cleanup.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    );
    const { port } = server.address() as AddressInfo;
    url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

    const results: ScenarioResult[] = [];
    for (const scenario of SCENARIOS) {
      const result = await runScenario(scenario, { baseUrl: url, database, simulator });
      labels.set(result.orderId, scenario.title);
      results.push(result);
    }
    if (options.playground) {
      for (const name of ['Playground A', 'Playground B']) {
        const id = await database.insertOrder({
          amount: 129_900,
          paymentStatus: 'PENDING',
          orderStatus: 'PLACED',
        });
        simulator.createOrder(String(id), { amount: 129_900 });
        labels.set(id, name);
      }
    }
    return {
      url,
      phonepeUrl: phonepe.url,
      databaseFile: database.file,
      results,
      simulator,
      paymentSync,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
