import type { PhonePeSimulator, SimulatedOrderInput } from 'phonepe-order-sync/testing';
import type { DemoDatabase, NewDemoOrder } from './demo-database';

/**
 * The rows of the specification's transition table, each seeded as one order: what the shop's database
 * holds before, what PhonePe (the simulator) says, and whether PhonePe is down when the order is read.
 */
export interface Scenario {
  key: 'completes' | 'fails' | 'stays-pending' | 'already-completed' | 'outage';
  title: string;
  /** What the specification says must happen. */
  expect: string;
  stored: NewDemoOrder;
  phonepe: SimulatedOrderInput;
  /** PhonePe answers 503 to every status call during the read, then recovers. */
  outage?: boolean;
}

const AMOUNT = 49_900;
const placed: NewDemoOrder = { amount: AMOUNT, paymentStatus: 'PENDING', orderStatus: 'PLACED' };

export const SCENARIOS: readonly Scenario[] = [
  {
    key: 'completes',
    title: 'Payment completes',
    expect: 'COMPLETED/CONFIRMED, transaction id stored, status_updated true',
    stored: placed,
    phonepe: { amount: AMOUNT, state: 'COMPLETED', transactionId: 'TXN-DEMO-0001' },
  },
  {
    key: 'fails',
    title: 'Payment fails',
    expect: 'FAILED/CANCELLED, status_updated true',
    stored: placed,
    phonepe: { amount: AMOUNT, state: 'FAILED', transactionId: 'TXN-DEMO-0002', errorCode: 'INVALID_MPIN' },
  },
  {
    key: 'stays-pending',
    title: 'Payment stays pending',
    expect: 'still PENDING, only last_checked recorded, status_updated false',
    stored: placed,
    phonepe: { amount: AMOUNT, state: 'PENDING' },
  },
  {
    key: 'already-completed',
    title: 'Already completed',
    expect: 'PhonePe not asked, nothing changes, status_updated false',
    stored: {
      amount: AMOUNT,
      paymentStatus: 'COMPLETED',
      orderStatus: 'CONFIRMED',
      transactionId: 'TXN-DEMO-0004',
    },
    phonepe: { amount: AMOUNT, state: 'COMPLETED', transactionId: 'TXN-DEMO-0004' },
  },
  {
    key: 'outage',
    title: 'PhonePe outage',
    expect: 'read answers from the database (PENDING), failure logged; next read after recovery confirms',
    stored: placed,
    phonepe: { amount: AMOUNT, state: 'COMPLETED', transactionId: 'TXN-DEMO-0005' },
    outage: true,
  },
];

/** One line of a scenario's before/after table. */
export interface ScenarioStep {
  step: 'before' | 'after read' | 'during outage' | 'after recovery';
  orderStatus: string;
  paymentStatus: string;
  transactionId: string | null;
  /** `status_updated` of the order route's answer; `null` for the stored state before any read. */
  statusUpdated: boolean | null;
  /** What the simulator answered the status calls of this step: `200 COMPLETED`, `503 x3`, `not asked`. */
  phonepe: string;
}

/** A scenario and what happened to its order. */
export interface ScenarioResult {
  scenario: Scenario;
  orderId: number;
  steps: ScenarioStep[];
}

/** The order-details route's body, as far as the table needs it. */
interface OrderDetailsBody {
  order: { order_status: string; payment_status: string };
  payment: { transaction_id: string | null };
  status_updated: boolean;
}

/** Inserts the scenario's order into the shop's database and PhonePe's (the simulator). */
export async function seedScenario(
  scenario: Scenario,
  database: DemoDatabase,
  simulator: PhonePeSimulator,
): Promise<number> {
  const orderId = await database.insertOrder(scenario.stored);
  // No merchant_order_id column value: PhonePe knows the order as String(id), the library's default.
  simulator.createOrder(String(orderId), scenario.phonepe);
  return orderId;
}

/**
 * Runs one scenario end to end: reads the order through the real route (`GET /api/common/orders/:id/`,
 * Express, the real PhonePe gateway over HTTP to the simulator) and records the state before and after.
 */
export async function runScenario(
  scenario: Scenario,
  deps: { baseUrl: string; database: DemoDatabase; simulator: PhonePeSimulator },
): Promise<ScenarioResult> {
  const { baseUrl, database, simulator } = deps;
  const orderId = await seedScenario(scenario, database, simulator);
  const stored = (await database.listOrders()).find((row) => row.id === orderId)!;
  const steps: ScenarioStep[] = [
    {
      step: 'before',
      orderStatus: stored.order_status,
      paymentStatus: stored.payment_status,
      transactionId: stored.transaction_id,
      statusUpdated: null,
      phonepe: '',
    },
  ];

  const read = async (step: ScenarioStep['step']) => {
    const seen = simulator.requests.length;
    const response = await fetch(`${baseUrl}/api/common/orders/${orderId}/`);
    if (!response.ok) throw new Error(`GET order ${orderId} answered HTTP ${response.status}`);
    const body = (await response.json()) as OrderDetailsBody;
    steps.push({
      step,
      orderStatus: body.order.order_status,
      paymentStatus: body.order.payment_status,
      transactionId: body.payment.transaction_id,
      statusUpdated: body.status_updated,
      phonepe: describeCalls(simulator, seen, String(orderId)),
    });
  };

  if (scenario.outage) {
    // Every status call fails while the outage lasts, the gateway's own retries included.
    simulator.inject({ type: 'http-error', status: 503 }, { endpoint: 'status', times: 1_000 });
    try {
      await read('during outage');
    } finally {
      simulator.clearFaults();
    }
    await read('after recovery');
  } else {
    await read('after read');
  }
  return { scenario, orderId, steps };
}

/** The status calls the simulator received for one order since `seen`, summarised. */
function describeCalls(simulator: PhonePeSimulator, seen: number, merchantOrderId: string): string {
  // By path: the simulator records no merchantOrderId for a request it answered with an injected fault.
  const path = `/checkout/v2/order/${encodeURIComponent(merchantOrderId)}/status`;
  const calls = simulator.requests
    .slice(seen)
    .filter((r) => r.endpoint === 'status' && r.path.endsWith(path));
  if (calls.length === 0) return 'not asked';
  const last = calls.at(-1)!;
  const state = last.status === 200 ? ` ${String(simulator.getOrder(merchantOrderId)?.state)}` : '';
  return calls.length === 1 ? `${last.status}${state}` : `${last.status}${state} x${calls.length}`;
}
