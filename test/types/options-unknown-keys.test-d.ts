// Type tests, checked by `tsc -p .` (`npm run typecheck`, part of `npm test`); nothing here runs.
// An options object written inline is checked for unknown keys by the compiler (excess property checks),
// at every level; one held in a variable first is not, and the factories' runtime check (a TypeError
// naming the key, test/unit/options-unknown-keys.test.ts) is what catches it then.
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { describe, expectTypeOf, it } from 'vitest';
import { createOrderDetailsHandler as createExpressOrderHandler } from '../../src/adapters/express/index';
import type { PhonePeOrderSyncPluginOptions } from '../../src/adapters/fastify/index';
import { createPhonePeWebhookHandler as createFetchWebhookHandler } from '../../src/adapters/fetch/index';
import { createOrderClient } from '../../src/client/index';
import {
  createPaymentSync,
  createRateLimiter,
  type OrderPayment,
  type OrderRepository,
  type PaymentGateway,
  type PaymentSync,
  type PaymentSyncOptions,
  syncOrderPaymentStatus,
} from '../../src/index';
import { createPhonePeGateway } from '../../src/phonepe/index';
import { createKyselyOrderRepository } from '../../src/repositories/kysely/index';
import { runOrderRepositoryContract } from '../../src/testing/index';

declare const repository: OrderRepository;
declare const gateway: PaymentGateway;
declare const paymentSync: PaymentSync;
// biome-ignore lint/suspicious/noExplicitAny: an untyped Kysely, as users without a generated schema hold
declare const db: Kysely<any>;
const credentials = { clientId: 'id', clientSecret: 's', clientVersion: 1, environment: 'sandbox' } as const;

describe('options refuse unknown keys at compile time', () => {
  it('createPaymentSync, at every level', () => {
    createPaymentSync({ repository, gateway, timeoutMs: 1000, circuitBreaker: { cooldownMs: 5 } });
    // @ts-expect-error a typo of timeoutMs
    createPaymentSync({ repository, gateway, timeoutMS: 1000 });
    // @ts-expect-error a typo inside circuitBreaker
    createPaymentSync({ repository, gateway, circuitBreaker: { threshold: 3 } });
    // @ts-expect-error orderStatusFor maps COMPLETED and FAILED only
    createPaymentSync({ repository, gateway, orderStatusFor: { PENDING: 'NEW' } });
  });

  it('syncOrderPaymentStatus deps and reconcile options', () => {
    const order = {} as OrderPayment;
    void syncOrderPaymentStatus(order, { repository, gateway, source: 'webhook' });
    // @ts-expect-error a typo of logger
    void syncOrderPaymentStatus(order, { repository, gateway, loger: console });
    void paymentSync.reconcile({ concurrency: 2, leaseMs: 1000 });
    // @ts-expect-error a typo of concurrency
    void paymentSync.reconcile({ concurency: 2 });
  });

  it('createRateLimiter', () => {
    createRateLimiter({ ratePerSecond: 5, burst: 2 });
    // @ts-expect-error a typo of burst
    createRateLimiter({ ratePerSecond: 5, bursts: 2 });
  });

  it('createPhonePeGateway, at every level', () => {
    createPhonePeGateway({ ...credentials, retry: { limit: 1 }, timeoutMs: 500 });
    // @ts-expect-error retries is not an option (retry is)
    createPhonePeGateway({ ...credentials, retries: 2 });
    // @ts-expect-error a typo inside retry
    createPhonePeGateway({ ...credentials, retry: { limt: 1 } });
    // @ts-expect-error environment is sandbox or production
    createPhonePeGateway({ ...credentials, environment: 'uat' });
  });

  it('createKyselyOrderRepository, at every level', () => {
    createKyselyOrderRepository(db, { orders: { table: 'orders_order' }, idType: 'uuid' });
    // @ts-expect-error a typo inside orders
    createKyselyOrderRepository(db, { orders: { tabel: 'orders_order' } });
    // @ts-expect-error idType is integer, uuid or string
    createKyselyOrderRepository(db, { idType: 'bigint' });
    // @ts-expect-error a typo of payments
    createKyselyOrderRepository(db, { payment: { table: 'p' } });
  });

  it('the HTTP adapters and the browser client', () => {
    const authorize = () => true;
    createExpressOrderHandler({ paymentSync, authorize, maxLength: 64 });
    // @ts-expect-error a British spelling of authorize
    createExpressOrderHandler({ paymentSync, authorise: authorize });
    const webhook = { paymentSync, credentials: { username: 'u', password: 'p' } };
    createFetchWebhookHandler({ ...webhook, confirmWithGateway: false });
    // @ts-expect-error a typo of confirmWithGateway
    createFetchWebhookHandler({ ...webhook, confirmWithGatway: false });
    // @ts-expect-error a typo inside credentials
    createFetchWebhookHandler({ paymentSync, credentials: { user: 'u', password: 'p' } });
    const plugin: PhonePeOrderSyncPluginOptions = { paymentSync, authorize, webhookRoute: false };
    // @ts-expect-error a typo of orderRoute
    const typo: PhonePeOrderSyncPluginOptions = { paymentSync, authorize, orderRoutes: '/o/:id' };
    void [plugin, typo];
    expectTypeOf<PhonePeOrderSyncPluginOptions['authorize']>().parameter(0).toEqualTypeOf<FastifyRequest>();
    createOrderClient({ baseUrl: '', retry: 2 });
    // @ts-expect-error timeout is timeoutMs
    createOrderClient({ baseUrl: '', timeout: 5000 });
  });

  it('runOrderRepositoryContract, skip ids included', () => {
    const setup = () => ({ repository, insert: async () => {} });
    void runOrderRepositoryContract({ name: 'x', setup, skip: { claims: 'no lease columns' } });
    void runOrderRepositoryContract({ name: 'x', setup, skip: { 'claims/lease-expiry': 'why' } });
    // @ts-expect-error an id that is no case
    void runOrderRepositoryContract({ name: 'x', setup, skip: { 'claims/lease-expiri': 'why' } });
    // @ts-expect-error a skip needs a written reason, not a flag
    void runOrderRepositoryContract({ name: 'x', setup, skip: { claims: true } });
    // @ts-expect-error a typo of additionalTests
    void runOrderRepositoryContract({ name: 'x', setup, additionalTest: () => {} });
  });

  it('only inline objects: a variable with extra keys passes the compiler (the runtime check refuses it)', () => {
    const fromConfig = { repository, gateway, timeoutMS: 1000 };
    expectTypeOf(fromConfig).toExtend<PaymentSyncOptions>();
  });
});
