// HTTP adapters: throughput of the order-details route for a settled (non-pending) order against a
// hand-written route doing the same repository read and JSON answer, in the same app and run (target
// ours >= 0.95x), for Express and Fastify; then the p50 latency of a pending order whose gateway takes
// L ms (target p50 <= L + 5 ms), twice: through a fake gateway that waits L ms (the adapter's own cost),
// and through the real PhonePe gateway against the simulator served on a local port with L ms of injected
// latency (adds fetch, the token and the JSON parse). Loopback only, bounded durations. Measures the
// built package.
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import express from 'express';
import Fastify from 'fastify';
import { createOrderDetailsHandler } from '../../dist/express.js';
import { phonePeOrderSync } from '../../dist/fastify.js';
import { createPaymentSync, type OrderPayment, type PaymentGateway } from '../../dist/index.js';
import { createPhonePeGateway } from '../../dist/phonepe.js';
import {
  buildOrderPayment,
  createMemoryOrderRepository,
  createPhonePeSimulator,
  servePhonePeSimulator,
} from '../../dist/testing.js';
import { median } from './measure';

const L = 20;
const ROUNDS = 9;
const SECONDS = 1.5;

/** The real PhonePe gateway against the simulator on a local port, order `3` pending, status L ms late. */
async function simulatorGateway() {
  const simulator = createPhonePeSimulator()
    .createOrder('3', { amount: 49_900 })
    .inject({ type: 'latency', ms: L }, { endpoint: 'status', times: Number.POSITIVE_INFINITY });
  const served = await servePhonePeSimulator(simulator);
  const gateway = createPhonePeGateway({
    clientId: 'bench',
    clientSecret: 'bench-secret',
    clientVersion: 1,
    environment: 'sandbox',
    baseUrl: served.url,
  });
  return { gateway, close: () => served.close() };
}

async function setup() {
  const repository = createMemoryOrderRepository([
    buildOrderPayment({ id: 1, paymentStatus: 'COMPLETED', transactionId: 'TXN1' }),
    buildOrderPayment({ id: 2 }),
    buildOrderPayment({ id: 3 }),
  ]);
  const fake: PaymentGateway = {
    getPaymentStatus: () =>
      new Promise((resolve) => setTimeout(() => resolve({ state: 'PENDING', amount: 49_900 }), L)),
  };
  const phonePe = await simulatorGateway();
  // Order 3 goes to the simulator, the others to the fake.
  const gateway: PaymentGateway = {
    getPaymentStatus: (id, options) => (id === '3' ? phonePe.gateway : fake).getPaymentStatus(id, options),
  };
  const paymentSync = createPaymentSync({ repository, gateway });
  return { repository, paymentSync, authorize: () => true, close: phonePe.close };
}

async function pendingLatency(label: string, url: string, via: string) {
  await autocannon({ url, connections: 1, duration: 0.5 }); // warm-up (token, connections)
  const pending = await autocannon({ url, connections: 1, duration: 3 });
  if (pending.non2xx || pending.errors)
    throw new Error(`${url}: ${pending.non2xx} non-2xx, ${pending.errors} errors`);
  const p50 = pending.latency.p50;
  console.log(
    `${label} order details, pending order, ${via} latency ${L} ms: p50 ${p50} ms, p99 ${pending.latency.p99} ms ` +
      `(target p50 <= ${L + 5} ms: ${p50 <= L + 5 ? 'meets' : 'ABOVE'}; ${pending.requests.total} requests)`,
  );
}

/** What a careful hand-written route answers: the same read, the same snake_case body. */
function handBody(op: OrderPayment) {
  return {
    order: {
      id: op.order.id,
      payment_status: op.order.paymentStatus,
      order_status: op.order.orderStatus,
      amount: op.order.amount,
    },
    payment: {
      payment_status: op.payment.paymentStatus,
      transaction_id: op.payment.transactionId,
      additional_info: op.payment.additionalInfo,
    },
    status_updated: false,
  };
}

interface Sample {
  /** Requests per second. */
  rate: number;
  /** Main-thread busy time per request, in µs (event-loop utilization): the server's own cost, and far
   *  steadier than req/s on a shared VM, where stolen CPU moves throughput between rounds. */
  busyUs: number;
}

async function throughput(url: string): Promise<Sample> {
  const before = performance.eventLoopUtilization();
  // Load from a worker thread: the server under test keeps the main thread to itself.
  const r = await autocannon({ url, connections: 10, duration: SECONDS, workers: 1 });
  const busy = performance.eventLoopUtilization(before);
  if (r.non2xx || r.errors) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rate: r.requests.average, busyUs: (busy.active * 1000) / Math.max(1, r.requests.total) };
}

async function compare(label: string, base: string) {
  await throughput(`${base}/api/common/orders/1/`); // warm-up (JIT, connection pools)
  await throughput(`${base}/hand/1`);
  const ours: Sample[] = [];
  const hand: Sample[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const order = i % 2 ? (['hand', 'ours'] as const) : (['ours', 'hand'] as const);
    for (const who of order) {
      if (who === 'ours') ours.push(await throughput(`${base}/api/common/orders/1/`));
      else hand.push(await throughput(`${base}/hand/1`));
    }
  }
  const rate = (samples: Sample[]) => median(samples.map((s) => s.rate));
  const busy = (samples: Sample[]) => median(samples.map((s) => s.busyUs));
  const ratio = rate(ours) / rate(hand);
  const costRatio = busy(hand) / busy(ours);
  console.log(
    `${label} order details, settled order: ours ${Math.round(rate(ours))} req/s, hand-written ${Math.round(rate(hand))} req/s, ` +
      `ratio ${ratio.toFixed(2)}x (target >= 0.95x: ${ratio >= 0.95 ? 'meets' : 'BELOW'}); ` +
      `server main-thread cost ours ${busy(ours).toFixed(1)} µs/request, hand-written ${busy(hand).toFixed(1)} µs/request, ` +
      `ratio ${costRatio.toFixed(2)}x`,
  );
  await pendingLatency(label, `${base}/api/common/orders/2/`, 'fake gateway');
  await pendingLatency(label, `${base}/api/common/orders/3/`, 'PhonePe gateway -> simulator');
}

async function expressBench() {
  const { repository, paymentSync, authorize, close } = await setup();
  const app = express();
  app.get('/api/common/orders/:id/', createOrderDetailsHandler({ paymentSync, authorize }));
  app.get('/hand/:id', async (req, res) => {
    const op = await repository.findOrderPayment(req.params.id);
    if (!op)
      return void res.status(404).json({ error: { code: 'ORDER_NOT_FOUND', message: 'Order not found' } });
    res.json(handBody(op));
  });
  const server = app.listen(0, '127.0.0.1') as unknown as Server;
  await once(server, 'listening');
  try {
    await compare('Express 5', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    server.close();
    await close();
  }
}

async function fastifyBench() {
  const { repository, paymentSync, authorize, close } = await setup();
  const app = Fastify();
  await app.register(phonePeOrderSync, { paymentSync, authorize, webhookRoute: false });
  app.get<{ Params: { id: string } }>('/hand/:id', async (req, reply) => {
    const op = await repository.findOrderPayment(req.params.id);
    if (!op) return reply.code(404).send({ error: { code: 'ORDER_NOT_FOUND', message: 'Order not found' } });
    return handBody(op);
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    await compare('Fastify 5', url);
  } finally {
    await app.close();
    await close();
  }
}

export default async function httpAdapters(): Promise<void> {
  await expressBench();
  await fastifyBench();
}
