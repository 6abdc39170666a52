// Type tests, checked by `tsc -p .` (`npm run typecheck`, part of `npm test`); nothing here runs.
// A regression is a compile error: a failed `expectTypeOf`, or an `@ts-expect-error` with no error under it.
import { describe, expectTypeOf, it } from 'vitest';
import type { OrderPayment, PaymentSync, PaymentSyncError, SyncOutcome, SyncResult } from '../../src/index';

declare const result: SyncResult;
declare const paymentSync: PaymentSync;

describe('SyncResult', () => {
  it('is what sync, getOrderDetails and applyGatewayStatus answer', () => {
    expectTypeOf(paymentSync.sync).returns.resolves.toEqualTypeOf<SyncResult>();
    expectTypeOf(paymentSync.getOrderDetails).returns.resolves.toEqualTypeOf<SyncResult>();
    expectTypeOf(paymentSync.applyGatewayStatus).returns.resolves.toEqualTypeOf<SyncResult>();
    expectTypeOf(result.outcome).toEqualTypeOf<SyncOutcome>();
    expectTypeOf(result.statusUpdated).toEqualTypeOf<boolean>();
    expectTypeOf(result).toExtend<Pick<OrderPayment, 'order' | 'payment'>>();
  });

  it("narrows by outcome: a 'gateway-error' always carries its error", () => {
    if (result.outcome === 'gateway-error') {
      expectTypeOf(result.error).toEqualTypeOf<PaymentSyncError>();
      expectTypeOf(result.error.code).toEqualTypeOf<PaymentSyncError['code']>();
      expectTypeOf(result.statusUpdated).toEqualTypeOf<false>();
    } else {
      expectTypeOf(result.error).toEqualTypeOf<undefined>();
      expectTypeOf(result.outcome).toEqualTypeOf<Exclude<SyncOutcome, 'gateway-error'>>();
    }
  });

  it("narrows by outcome: 'updated' is the one outcome with statusUpdated true", () => {
    if (result.outcome === 'updated') expectTypeOf(result.statusUpdated).toEqualTypeOf<true>();
    if (result.outcome === 'superseded' || result.outcome === 'throttled') {
      expectTypeOf(result.statusUpdated).toEqualTypeOf<false>();
    }
    if (result.statusUpdated) {
      expectTypeOf(result.outcome).toEqualTypeOf<'updated'>();
    } else {
      expectTypeOf(result.outcome).toEqualTypeOf<Exclude<SyncOutcome, 'updated'>>();
    }
  });

  it('lets a switch over outcome prove itself exhaustive', () => {
    const describeOutcome = (r: SyncResult): string => {
      switch (r.outcome) {
        case 'updated':
          return 'settled now';
        case 'gateway-error':
          return r.error.code;
        case 'not-pending':
        case 'still-pending':
        case 'amount-mismatch':
        case 'superseded':
        case 'throttled':
        case 'circuit-open':
          return r.outcome;
        default:
          return r satisfies never;
      }
    };
    expectTypeOf(describeOutcome).returns.toEqualTypeOf<string>();
  });

  it('refuses results that contradict their outcome', () => {
    const { order, payment } = {} as OrderPayment;
    const base = { order, payment, checked: true };
    // @ts-expect-error a gateway error without the error
    const noError: SyncResult = { ...base, outcome: 'gateway-error', statusUpdated: false };
    // @ts-expect-error statusUpdated true on an outcome other than 'updated'
    const notUpdated: SyncResult = { ...base, outcome: 'superseded', statusUpdated: true };
    // @ts-expect-error an outcome that does not exist
    const unknownOutcome: SyncResult = { ...base, outcome: 'cancelled', statusUpdated: false };
    const fine: SyncResult = { ...base, outcome: 'still-pending', statusUpdated: false };
    void [noError, notUpdated, unknownOutcome, fine];
  });
});
