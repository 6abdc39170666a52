/**
 * The ambient preamble of the documentation snippets (see ../readme-snippets.test.ts): names a snippet
 * uses without declaring, because the surrounding prose or an earlier snippet already introduced them.
 * Keep it short; a name belongs here only when several snippets take it as given.
 */
declare const repository: import('phonepe-order-sync').OrderRepository;
declare const gateway: import('phonepe-order-sync').PaymentGateway;
declare const logger: import('phonepe-order-sync').Logger;
declare const paymentSync: import('phonepe-order-sync').PaymentSync;
declare const credentials: { username: string; password: string };
declare const db: import('kysely').Kysely<Record<string, never>>;
declare const app: import('express').Express;
declare const DATABASE_URL: string;
/** vitest's, for the snippets written as tests. */
declare const expect: typeof import('vitest').expect;
/** The app's own functions that snippets call (metrics, alerting, UI). */
declare const metrics: { observe(name: string): void };
declare function alertOps(message: string): void;
declare function showStatus(status: string): void;
declare function toast(message: string): void;
/** The app's own values and functions in the "in your application" outlines. */
declare const clientId: string;
declare const clientSecret: string;
declare const requireLogin: import('express').RequestHandler;
declare const authorize: (
  request: import('express').Request,
  orderPayment: import('phonepe-order-sync').OrderPayment,
) => boolean;
/** The README's `ownsOrder` (examples/readme/payment-sync.ts), which the TSDoc examples take as given. */
declare function ownsOrder(
  userId: string | undefined,
  orderPayment: import('phonepe-order-sync').OrderPayment,
): boolean;
declare function notifyCustomer(event: import('phonepe-order-sync').StatusChangeEvent): void;
/** The contract-suite snippet's test helpers over the user's own store. */
declare function resetTables(): Promise<void>;
declare function createMyRepository(database: typeof db): import('phonepe-order-sync').OrderRepository;
declare function insertRows(
  database: typeof db,
  rows: import('phonepe-order-sync').OrderPayment[],
): Promise<void>;
declare function readStoredRow(
  database: typeof db,
  orderId: string,
): Promise<import('phonepe-order-sync').OrderPayment | null>;
