// One PaymentSync per server process, shared by both route files. Created on the first request (not at
// import: `next build` imports route modules) and kept on globalThis so dev-mode reloads reuse it.
import { createPaymentSyncFromEnv, type ExampleWiring } from '../../shared/payment-sync-from-env';

const key = Symbol.for('phonepe-order-sync.example.wiring');
const store = globalThis as typeof globalThis & { [key]?: Promise<ExampleWiring> };

/** The shared wiring (database, PhonePe or its simulator, webhook credentials, auth check). */
export function getPaymentSync(): Promise<ExampleWiring> {
  store[key] ??= createPaymentSyncFromEnv().catch((error: unknown) => {
    delete store[key]; // a failed start is retried by the next request
    throw error;
  });
  return store[key];
}

/** Closes the database and the simulator. Next.js never calls this; serve-without-next.ts does on shutdown. */
export async function closePaymentSync(): Promise<void> {
  const wiring = store[key];
  delete store[key];
  if (wiring) await (await wiring).close();
}
