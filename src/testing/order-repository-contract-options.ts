import type { OrderId, OrderPayment } from '../core/order-payment';
import type { OrderRepository } from '../ports/order-repository';
import type { OrderPaymentFixture } from './fixtures';

/**
 * Every case of {@link runOrderRepositoryContract} by its stable id, `<group>/<case>`: the keys `skip`
 * accepts (with a group name, `claims` say, for all of a group's cases). The id is part of the test's
 * name, so a failing case tells its reader the key that would skip it.
 */
export const ORDER_REPOSITORY_CONTRACT_CASES = [
  'find/as-stored',
  'find/unknown-ids',
  'find/returns-copies',
  'update/terminal-write',
  'update/loses-on-terminal',
  'update/unknown-order',
  'update/record-check-only',
  'update/omitted-fields-unchanged',
  'update/one-winner',
  'update/concurrent-merges',
  'update/many-orders',
  'list/order-and-limit',
  'list/checked-before',
  'list/ties-by-id',
  'list/after-every-position',
  'list/paging',
  'list/after-is-a-position',
  'list/after-and-checked-before',
  'list/empty',
  'optional/claim-pair',
  'optional/find-by-merchant-order-id',
  'claims/ties-order',
  'claims/pending-in-list-order',
  'claims/checked-before',
  'claims/no-double-claim',
  'claims/lease-expiry',
  'claims/release-not-before',
  'claims/data-untouched',
  'claims/settled-and-unknown',
  'claims/release-in-the-past',
  'claims/exactly-once-paging',
] as const;

/**
 * One case of {@link runOrderRepositoryContract}, by the id shown in brackets in its test name
 * (`[claims/lease-expiry]`).
 */
export type OrderRepositoryContractCase = (typeof ORDER_REPOSITORY_CONTRACT_CASES)[number];

/**
 * A group of cases: every case whose id starts with `<group>/`. `claims` holds the cases that need the
 * optional `claimPendingOrders`/`releaseOrderClaim` pair.
 */
export type OrderRepositoryContractGroup = OrderRepositoryContractCase extends `${infer Group}/${string}`
  ? Group
  : never;

/** A fresh, empty store for one contract test. */
export interface ContractSubject {
  repository: OrderRepository;
  /** Writes orders and their payment records as they are (any status), bypassing the port. */
  insert(orderPayments: OrderPayment[]): Promise<void>;
  /**
   * Optional backdoor: reads one order and its payment record straight from the store (raw SQL, the ORM's
   * own query), bypassing the repository, in the shape `findOrderPayment` returns (numbers as numbers),
   * or `null` when there is none. When given, every stored state the suite checks is read through it as
   * well, and must agree with `findOrderPayment`: a write the getter reports but the store never got (a
   * cache, the wrong table, an uncommitted transaction) fails the suite. `orderId` is a string.
   */
  read?(orderId: string): Promise<OrderPayment | null> | OrderPayment | null;
  /** Releases what `setup` took (connections, temp tables). */
  teardown?(): Promise<void>;
}

/**
 * What {@link OrderRepositoryContractOptions.additionalTests} works with. Read its members inside a test
 * (`it`): each test gets its own subject from `setup`.
 */
export interface OrderRepositoryContractContext {
  /** The running test's subject (from `setup`). Throws when read outside a test. */
  readonly subject: ContractSubject;
  /** The running test's repository: `subject.repository`. */
  readonly repository: OrderRepository;
  /** The `makeId` option (or its default). */
  makeId(index: number): OrderId;
  /** Concurrent writers the suite uses (the `concurrency` option). */
  readonly concurrency: number;
  /**
   * Builds one `OrderPayment` per fixture (ids `makeId(0)`, `makeId(1)`, ... unless a fixture names
   * one), writes them with `subject.insert`, and returns them.
   */
  seed(...fixtures: OrderPaymentFixture[]): Promise<OrderPayment[]>;
  /**
   * The stored order, as the suite checks one: read with `findOrderPayment` (failing the test when it is
   * `null`) and, when the subject has a `read` backdoor, read through it too and compared.
   */
  stored(orderId: OrderId): Promise<OrderPayment>;
}

/** Options of {@link runOrderRepositoryContract}. */
export interface OrderRepositoryContractOptions {
  /** Shown in the `describe` title. */
  name: string;
  /** Called before every test: an empty repository and a way to seed it. */
  setup(): Promise<ContractSubject> | ContractSubject;
  /**
   * Order ids the store accepts, by index. Ids of a higher index MUST sort after those of a lower one in
   * the store's own order of ids (the `listPendingOrders` tie-break), for indexes up to 999,999: pad
   * string ids. @default (i) => i + 1
   */
  makeId?(index: number): OrderId;
  /** Concurrent writers in the "exactly one winner" tests. @default 25 */
  concurrency?: number;
  /** Per-test timeout in ms (real databases are slower than memory). @default 20000 */
  timeoutMs?: number;
  /**
   * Cases not to run, each with the reason why, by case id (`'claims/lease-expiry'`) or by group
   * (`'claims'`: every case whose id starts with `claims/`). A skipped case is still listed, its name
   * carrying the reason, so a skip is never silent. An unknown id or an empty reason is a `TypeError`.
   *
   * Without a skip, the `claims` cases skip themselves on a repository without the optional claim pair,
   * with a generic reason; name your reason here instead.
   * @default {} (run every case)
   * @example
   * ```ts
   * skip: { claims: 'one reconciler process: no lease columns, listPendingOrders is enough' }
   * ```
   */
  skip?: Partial<Record<OrderRepositoryContractCase | OrderRepositoryContractGroup, string>>;
  /**
   * Registers your own cases inside the suite, after its own: they run with the same `setup` before and
   * `teardown` after each test, and get the suite's helpers (see {@link OrderRepositoryContractContext}).
   * Call `it`/`describe` from `vitest` in it, synchronously.
   * @example
   * ```ts
   * import { expect, it } from 'vitest';
   *
   * const additionalTests = (context: OrderRepositoryContractContext) => {
   *   it('stores the currency column', async () => {
   *     const [row] = await context.seed({});
   *     expect((await context.stored(row!.order.id)).order.currency).toBe('INR');
   *   });
   * };
   * ```
   */
  additionalTests?(context: OrderRepositoryContractContext): void;
}
