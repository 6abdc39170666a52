// Type tests, checked by `tsc -p .` (`npm run typecheck`, part of `npm test`); nothing here runs.
import { describe, expectTypeOf, it } from 'vitest';
import {
  type ClaimPendingOrdersQuery,
  type Clock,
  createPaymentSync,
  type GatewayCallOptions,
  type GatewayPaymentStatus,
  type Logger,
  type OrderClaimRelease,
  type OrderPayment,
  type OrderRepository,
  type PaymentGateway,
  syncOrderPaymentStatus,
} from '../../src/index';
import { createPhonePeGateway } from '../../src/phonepe/index';
import { createKyselyOrderRepository } from '../../src/repositories/kysely/index';
import { createFakePaymentGateway, createMemoryOrderRepository } from '../../src/testing/index';

/** The three required methods and nothing else: what a custom repository must write. */
const minimalRepository = {
  findOrderPayment: async (_orderId: string): Promise<OrderPayment | null> => null,
  updatePendingPayment: async () => null,
  listPendingOrders: async () => [],
};
const minimalGateway = {
  getPaymentStatus: async (): Promise<GatewayPaymentStatus> => ({ state: 'PENDING' }),
};

describe('ports', () => {
  it('a repository with the three required methods is an OrderRepository', () => {
    expectTypeOf(minimalRepository).toExtend<OrderRepository>();
    createPaymentSync({ repository: minimalRepository, gateway: minimalGateway });
    void syncOrderPaymentStatus({} as OrderPayment, {
      repository: minimalRepository,
      gateway: minimalGateway,
    });
  });

  it('a repository missing a required method is not', () => {
    const { listPendingOrders: _, ...noList } = minimalRepository;
    expectTypeOf(noList).not.toExtend<OrderRepository>();
    const { updatePendingPayment: __, ...noUpdate } = minimalRepository;
    expectTypeOf(noUpdate).not.toExtend<OrderRepository>();
    // @ts-expect-error listPendingOrders is required
    createPaymentSync({ repository: noList, gateway: minimalGateway });
  });

  it('a method with the wrong shape is refused', () => {
    const syncFind = { ...minimalRepository, findOrderPayment: (_id: string) => null };
    expectTypeOf(syncFind).not.toExtend<OrderRepository>();
    const numericId = { ...minimalRepository, findOrderPayment: async (_id: number) => null };
    expectTypeOf(numericId).not.toExtend<OrderRepository>();
    const wrongState = { getPaymentStatus: async () => ({ state: 'SUCCESS' as const }) };
    expectTypeOf(wrongState).not.toExtend<PaymentGateway>();
  });

  it('the claim pair is optional, and typed when given', () => {
    expectTypeOf<OrderRepository['claimPendingOrders']>().toEqualTypeOf<
      ((query: ClaimPendingOrdersQuery) => Promise<OrderPayment[]>) | undefined
    >();
    expectTypeOf<OrderRepository['releaseOrderClaim']>().toEqualTypeOf<
      ((orderId: string, release: OrderClaimRelease) => Promise<void>) | undefined
    >();
    const withClaims = {
      ...minimalRepository,
      claimPendingOrders: async (_query: ClaimPendingOrdersQuery) => [] as OrderPayment[],
      releaseOrderClaim: async (_orderId: string, _release: OrderClaimRelease) => {},
    };
    expectTypeOf(withClaims).toExtend<OrderRepository>();
    const claimsWithoutLease = {
      ...minimalRepository,
      claimPendingOrders: async (_query: { limit: number }) => [] as OrderPayment[],
      releaseOrderClaim: async (_orderId: string, _release: { workerId: number }) => {},
    };
    expectTypeOf(claimsWithoutLease).not.toExtend<OrderRepository>();
  });

  it('a gateway needs getPaymentStatus only; checkCredentials is optional', () => {
    expectTypeOf(minimalGateway).toExtend<PaymentGateway>();
    expectTypeOf({}).not.toExtend<PaymentGateway>();
    expectTypeOf<PaymentGateway['checkCredentials']>().toEqualTypeOf<(() => Promise<void>) | undefined>();
    expectTypeOf<PaymentGateway['getPaymentStatus']>()
      .parameter(1)
      .toEqualTypeOf<GatewayCallOptions | undefined>();
  });

  it("the library's own implementations satisfy the ports", () => {
    expectTypeOf(createMemoryOrderRepository).returns.toExtend<
      Required<Pick<OrderRepository, 'claimPendingOrders' | 'releaseOrderClaim'>> & OrderRepository
    >();
    expectTypeOf(createKyselyOrderRepository).returns.toExtend<OrderRepository>();
    expectTypeOf(createPhonePeGateway).returns.toExtend<Required<PaymentGateway>>();
    expectTypeOf(createFakePaymentGateway).returns.toExtend<PaymentGateway>();
  });

  it('Logger and Clock take the plain objects users already have', () => {
    expectTypeOf(console).toExtend<Logger>();
    expectTypeOf({ now: () => new Date() }).toExtend<Clock>();
    expectTypeOf({ now: () => Date.now() }).not.toExtend<Clock>();
  });
});
