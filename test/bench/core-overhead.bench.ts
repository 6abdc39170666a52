// Core overhead: `paymentSync.sync` vs a hand-written minimal equivalent (read, call, write) over the
// same memory repository (it clones rows in and out, as a real store copies them) and an instant fake
// gateway. Target (issue 11): ours >= 0.9x the hand-written throughput.
// It measures the built package (what users run): `npm run bench` builds first.
import { createPaymentSync, type OrderPayment, type PaymentGateway } from '../../dist/index.js';
import { buildOrderPayment, createMemoryOrderRepository } from '../../dist/testing.js';
import { opsPerSecond, printRatio } from './measure';

export default async function coreOverhead(): Promise<void> {
  const repository = createMemoryOrderRepository([
    buildOrderPayment({ id: 1, paymentStatus: 'COMPLETED' }),
    buildOrderPayment({ id: 2 }),
  ]);
  const gateway: PaymentGateway = { getPaymentStatus: async () => ({ state: 'PENDING', amount: 49_900 }) };
  const paymentSync = createPaymentSync({ repository, gateway });

  // The seed's logic written by hand: read, ask, write the same audit; no validation, no timeout, no events.
  const handWritten = async (id: string) => {
    const op = (await repository.findOrderPayment(id)) as OrderPayment;
    if (op.payment.paymentStatus !== 'PENDING') return { ...op, statusUpdated: false };
    const status = await gateway.getPaymentStatus(id);
    const written = await repository.updatePendingPayment(id, {
      paymentStatus: 'PENDING',
      additionalInfo: {
        last_checked: new Date().toISOString(),
        gateway_response: {
          state: status.state,
          transaction_id: status.transactionId ?? null,
          amount: status.amount ?? null,
        },
      },
    });
    return { ...written, statusUpdated: false };
  };

  for (const [label, id] of [
    ['non-pending order', '1'],
    ['pending order, instant gateway', '2'],
  ] as const) {
    const results = await opsPerSecond([
      {
        name: 'library',
        run: async (n) => {
          for (let i = 0; i < n; i++) await paymentSync.sync(id);
        },
      },
      {
        name: 'hand-written',
        run: async (n) => {
          for (let i = 0; i < n; i++) await handWritten(id);
        },
      },
    ]);
    printRatio(`sync(), ${label}`, results.get('library')!, results.get('hand-written')!, 0.9);
  }
}
