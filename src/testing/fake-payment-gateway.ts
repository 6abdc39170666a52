import { recommendPhonePeSchedule } from '../phonepe/phonepe-schedule';
import type { GatewayCallOptions, GatewayPaymentStatus, PaymentGateway } from '../ports/payment-gateway';

/** One scripted answer: a status, an error to throw, or a function computing either. */
export type FakeGatewayAnswer =
  | GatewayPaymentStatus
  | Error
  | ((
      merchantOrderId: string,
      options: GatewayCallOptions,
    ) => GatewayPaymentStatus | Promise<GatewayPaymentStatus>);

/** A scriptable `PaymentGateway` for tests. */
export interface FakePaymentGateway extends PaymentGateway {
  /** Answers for one merchant order id, used in turn; the last one repeats. */
  script(merchantOrderId: string, ...answers: FakeGatewayAnswer[]): this;
  /** The answer for ids with no script. @default { state: 'PENDING' } */
  setDefault(answer: FakeGatewayAnswer): this;
  /** Merchant order ids asked, in order. */
  readonly calls: string[];
}

/**
 * A `PaymentGateway` whose answers a test scripts per merchant order id. An `Error` answer is thrown
 * (use the package's `GatewayError` classes to mimic real failures); a function answer can delay,
 * honour the abort signal, or count.
 *
 * It stands in for a PhonePe gateway, so like them it recommends PhonePe's reconcile schedule
 * (`recommendedSchedule()`: orders younger than 20 s are not due, then PhonePe's cadence). To model a
 * gateway that recommends none (the core default: each pending order once a minute), delete it:
 * `delete gateway.recommendedSchedule`.
 * @example
 * ```ts
 * const gateway = createFakePaymentGateway()
 *   .script('1', { state: 'COMPLETED', transactionId: 'TXN789456123', amount: 49900 });
 * ```
 */
export function createFakePaymentGateway(): FakePaymentGateway {
  const scripts = new Map<string, FakeGatewayAnswer[]>();
  let fallback: FakeGatewayAnswer = { state: 'PENDING' };
  const calls: string[] = [];
  return {
    calls,
    script(merchantOrderId, ...answers) {
      if (answers.length === 0) throw new TypeError('script: give at least one answer');
      scripts.set(merchantOrderId, answers);
      return this;
    },
    setDefault(answer) {
      fallback = answer;
      return this;
    },
    async getPaymentStatus(merchantOrderId, options = {}) {
      calls.push(merchantOrderId);
      const queue = scripts.get(merchantOrderId);
      const answer = queue ? (queue.length > 1 ? queue.shift()! : queue[0]!) : fallback;
      if (answer instanceof Error) throw answer;
      if (typeof answer === 'function') return answer(merchantOrderId, options);
      return structuredClone(answer);
    },
    recommendedSchedule: recommendPhonePeSchedule,
  };
}
