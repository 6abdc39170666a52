import { assertKnownKeys, unknownOptionMessage } from '../core/options-error';
import type { OrderId, OrderPayment, PaymentChange } from '../core/order-payment';
import type { OrderRepository } from '../ports/order-repository';
import { buildOrderPayment, type OrderPaymentFixture } from './fixtures';
import {
  type ContractSubject,
  ORDER_REPOSITORY_CONTRACT_CASES,
  type OrderRepositoryContractCase,
  type OrderRepositoryContractContext,
  type OrderRepositoryContractOptions,
} from './order-repository-contract-options';

const WHERE = 'runOrderRepositoryContract';
const OPTION_KEYS = ['name', 'setup', 'makeId', 'concurrency', 'timeoutMs', 'skip', 'additionalTests'];
const GROUPS = [...new Set(ORDER_REPOSITORY_CONTRACT_CASES.map((id) => id.slice(0, id.indexOf('/'))))];
const NO_CLAIMS =
  'optional capability absent (no claimPendingOrders/releaseOrderClaim): the reconciler lists with listPendingOrders and relies on in-process single-flight; give your own reason with skip: { claims: ... }';

/** What a case body may do with vitest's test context (typed here so the `.d.ts` needs no vitest). */
type CaseBody = (context: { skip(note?: string): never }) => Promise<void> | void;

/** The checked `skip` option: a known case id or group and a written reason for each entry. */
function skipReasons(skip: unknown): Map<string, string> {
  const reasons = new Map<string, string>();
  if (skip === undefined) return reasons;
  if (typeof skip !== 'object' || skip === null) {
    throw new TypeError(`${WHERE}: \`skip\` must be an object of case ids (or groups) and reasons`);
  }
  const known: readonly string[] = [...ORDER_REPOSITORY_CONTRACT_CASES, ...GROUPS];
  for (const [key, reason] of Object.entries(skip)) {
    if (!known.includes(key)) throw new TypeError(unknownOptionMessage(WHERE, `skip.${key}`, known));
    if (reason === undefined) continue;
    if (typeof reason !== 'string' || reason.trim() === '') {
      throw new TypeError(`${WHERE}: \`skip.${key}\` needs a written reason (a non-empty string)`);
    }
    reasons.set(key, reason.trim());
  }
  return reasons;
}

/** What the contract says a store keeps of an order and its payment (ids compared as strings). */
function persisted({ order, payment }: OrderPayment) {
  return {
    order: {
      id: String(order.id),
      paymentStatus: order.paymentStatus,
      orderStatus: order.orderStatus,
      amount: order.amount,
    },
    payment: {
      orderId: String(payment.orderId),
      paymentStatus: payment.paymentStatus,
      transactionId: payment.transactionId ?? null,
      additionalInfo: payment.additionalInfo,
    },
  };
}

/**
 * Registers the `OrderRepository` contract as a vitest suite: what every repository MUST do for the
 * library to be correct (reads, compare-and-set wins and losses, exactly one winner among concurrent
 * writers, `additional_info` merges that keep foreign keys, immutable terminal states, the pending
 * list's order, ties, limit and `after` keyset cursor, and the optional claim pair). Run it in your own
 * test file; it needs `vitest`.
 *
 * Each case's name ends with its id (`[update/one-winner]`): pass `skip` to leave a case or a group out
 * with a reason, which then shows in the case's name. Give `read` on the subject to have every stored
 * state checked in the store itself, not only through the repository's own getter; add your own cases
 * with `additionalTests`.
 *
 * @throws TypeError for an unknown option, an unknown `skip` id, or a skip without a reason.
 * @example
 * ```ts
 * // my-repository.test.ts
 * import { runOrderRepositoryContract } from 'phonepe-order-sync/testing';
 * import { expect, it } from 'vitest';
 *
 * await runOrderRepositoryContract({
 *   name: 'my repository',
 *   setup: async () => {
 *     await resetTables(); // e.g. TRUNCATE orders, payments
 *     return {
 *       repository: createMyRepository(db),
 *       insert: (rows) => insertRows(db, rows),
 *       read: (id) => readStoredRow(db, id), // optional: check the store itself, not the getter
 *     };
 *   },
 *   skip: { claims: 'one reconciler process: no lease columns' },
 *   additionalTests: (context) => {
 *     it('keeps our audit column', async () => {
 *       const [row] = await context.seed({});
 *       expect(await context.stored(row!.order.id)).toMatchObject({ order: { orderStatus: 'PLACED' } });
 *     });
 *   },
 * });
 * ```
 */
export async function runOrderRepositoryContract(options: OrderRepositoryContractOptions): Promise<void> {
  if (typeof options !== 'object' || options === null)
    throw new TypeError(`${WHERE}: options must be an object`);
  assertKnownKeys(WHERE, options, OPTION_KEYS);
  if (typeof options.setup !== 'function') throw new TypeError(`${WHERE}: \`setup\` must be a function`);
  const { additionalTests } = options;
  if (additionalTests !== undefined && typeof additionalTests !== 'function') {
    throw new TypeError(`${WHERE}: \`additionalTests\` must be a function`);
  }
  const skip = skipReasons(options.skip);
  const { describe, it, expect, beforeEach, afterEach } = await import('vitest');
  const makeId = options.makeId ?? ((i: number) => i + 1);
  const concurrency = options.concurrency ?? 25;
  const timeout = options.timeoutMs ?? 20_000;
  let subject: ContractSubject;
  let inTest = false;
  const live = () => {
    if (!inTest)
      throw new Error(`${WHERE}: the subject exists only while a test runs (use it inside \`it\`)`);
    return subject;
  };

  const test = (id: OrderRepositoryContractCase, title: string, body: CaseBody) => {
    const reason = skip.get(id) ?? skip.get(id.slice(0, id.indexOf('/')));
    if (reason === undefined) it(`${title} [${id}]`, body);
    else it.skip(`${title} [${id}] (skipped: ${reason})`, body);
  };
  const seed = async (...fixtures: OrderPaymentFixture[]) => {
    const rows = fixtures.map((f, i) => buildOrderPayment({ id: makeId(i), ...f }));
    await live().insert(rows);
    return rows;
  };
  const idOf = (op: OrderPayment) => String(op.order.id);
  /** The stored state, through the getter and, when the subject has one, through the backdoor too. */
  const storedState = async (target: OrderPayment | OrderId) => {
    const orderId = typeof target === 'object' ? idOf(target) : String(target);
    const { repository, read } = live();
    const found = await repository.findOrderPayment(orderId);
    expect(found, `findOrderPayment('${orderId}')`).not.toBeNull();
    if (read) {
      const raw = await read.call(subject, orderId);
      expect(raw, `read('${orderId}') found nothing in the store, findOrderPayment did`).not.toBeNull();
      expect(persisted(raw!), `read('${orderId}'): the store disagrees with findOrderPayment`).toEqual(
        persisted(found!),
      );
    }
    return found!;
  };
  /** With a backdoor: the store holds no such order (a refused write created nothing). */
  const absentFromStore = async (orderId: string) => {
    const { read } = live();
    if (read) expect(await read.call(subject, orderId), `read('${orderId}')`).toBeNull();
  };
  const completed = (transactionId = 'TXN1'): PaymentChange => ({
    paymentStatus: 'COMPLETED',
    orderStatus: 'CONFIRMED',
    transactionId,
    additionalInfo: { last_checked: '2024-01-01T10:05:00.000Z', gateway_response: { state: 'COMPLETED' } },
  });
  const context: OrderRepositoryContractContext = {
    get subject() {
      return live();
    },
    get repository() {
      return live().repository;
    },
    makeId,
    concurrency,
    seed,
    stored: storedState,
  };

  describe(`OrderRepository contract: ${options.name}`, { timeout }, () => {
    beforeEach(async () => {
      subject = await options.setup();
      inTest = true;
    });
    afterEach(async () => {
      if (!inTest) return; // setup failed: nothing to release
      inTest = false;
      await subject.teardown?.();
    });

    describe('findOrderPayment', () => {
      test(
        'find/as-stored',
        'returns the order and its payment record as stored, the id keeping its type',
        async () => {
          const [row] = await seed({
            amount: 12_345,
            orderStatus: 'PLACED',
            additionalInfo: { redirect_url: 'https://shop.example/pay', nested: { a: [1, 'two', null] } },
          });
          const found = await storedState(row!);
          expect(typeof found.order.id).toBe(typeof row!.order.id);
          expect(String(found.order.id)).toBe(idOf(row!));
          expect(found.order).toMatchObject({
            paymentStatus: 'PENDING',
            orderStatus: 'PLACED',
            amount: 12_345,
          });
          expect(found.payment).toMatchObject({ paymentStatus: 'PENDING', transactionId: null });
          expect(String(found.payment.orderId)).toBe(idOf(row!));
          expect(found.payment.additionalInfo).toEqual({
            redirect_url: 'https://shop.example/pay',
            nested: { a: [1, 'two', null] },
          });
        },
      );

      test('find/unknown-ids', 'answers null, without throwing, for unknown and malformed ids', async () => {
        await seed({});
        for (const id of [String(makeId(999_999)), 'no-such-order', '../1', ' ', '1 OR 1=1']) {
          await expect(subject.repository.findOrderPayment(id)).resolves.toBeNull();
        }
      });

      test(
        'find/returns-copies',
        'hands out copies: mutating a result does not change the store',
        async () => {
          const [row] = await seed({});
          const found = await storedState(row!);
          found.payment.additionalInfo.injected = true;
          found.order.orderStatus = 'MUTATED';
          const again = await storedState(row!);
          expect(again.payment.additionalInfo.injected).toBeUndefined();
          expect(again.order.orderStatus).toBe('PLACED');
        },
      );
    });

    describe('updatePendingPayment', () => {
      test(
        'update/terminal-write',
        'moves a PENDING order and its payment together and returns the result',
        async () => {
          const [row] = await seed({});
          const updated = await subject.repository.updatePendingPayment(
            idOf(row!),
            completed('TXN789456123'),
          );
          expect(updated).not.toBeNull();
          expect(updated!.order).toMatchObject({ paymentStatus: 'COMPLETED', orderStatus: 'CONFIRMED' });
          expect(updated!.payment).toMatchObject({
            paymentStatus: 'COMPLETED',
            transactionId: 'TXN789456123',
          });
          const stored = await storedState(row!);
          expect(stored.order).toMatchObject({
            paymentStatus: 'COMPLETED',
            orderStatus: 'CONFIRMED',
            amount: row!.order.amount,
          });
          expect(stored.payment).toMatchObject({ paymentStatus: 'COMPLETED', transactionId: 'TXN789456123' });
          expect(stored.payment.additionalInfo).toEqual({
            ...row!.payment.additionalInfo,
            last_checked: '2024-01-01T10:05:00.000Z',
            gateway_response: { state: 'COMPLETED' },
          });
        },
      );

      test(
        'update/loses-on-terminal',
        'loses the compare-and-set on a terminal payment: null, nothing written',
        async () => {
          const [done, failed] = await seed(
            { paymentStatus: 'COMPLETED', transactionId: 'T-OLD', additionalInfo: { keep: 1 } },
            { paymentStatus: 'FAILED', orderStatus: 'CANCELLED' },
          );
          const before = [await storedState(done!), await storedState(failed!)];
          for (const change of [completed('T-NEW'), { ...completed(), paymentStatus: 'FAILED' as const }]) {
            await expect(subject.repository.updatePendingPayment(idOf(done!), change)).resolves.toBeNull();
            await expect(subject.repository.updatePendingPayment(idOf(failed!), change)).resolves.toBeNull();
          }
          await expect(
            subject.repository.updatePendingPayment(idOf(done!), {
              paymentStatus: 'PENDING',
              additionalInfo: { x: 1 },
            }),
          ).resolves.toBeNull();
          expect([await storedState(done!), await storedState(failed!)]).toEqual(before);
        },
      );

      test('update/unknown-order', 'answers null for an order that does not exist', async () => {
        await seed({});
        await expect(
          subject.repository.updatePendingPayment(String(makeId(999_999)), completed()),
        ).resolves.toBeNull();
        await absentFromStore(String(makeId(999_999)));
      });

      test(
        'update/record-check-only',
        'records a check only (PENDING): statuses and transaction id kept, additional_info merged',
        async () => {
          const [row] = await seed({
            transactionId: 'T-ATTEMPT-1',
            additionalInfo: { redirect_url: 'r', expire_at: 'e', callback_url: 'c', last_checked: 'old' },
          });
          const updated = await subject.repository.updatePendingPayment(idOf(row!), {
            paymentStatus: 'PENDING',
            additionalInfo: {
              last_checked: '2024-01-01T10:05:00.000Z',
              gateway_response: { state: 'PENDING' },
            },
          });
          expect(updated).not.toBeNull();
          const stored = await storedState(row!);
          expect(stored.order).toMatchObject({ paymentStatus: 'PENDING', orderStatus: 'PLACED' });
          expect(stored.payment).toMatchObject({ paymentStatus: 'PENDING', transactionId: 'T-ATTEMPT-1' });
          expect(stored.payment.additionalInfo).toEqual({
            redirect_url: 'r',
            expire_at: 'e',
            callback_url: 'c',
            last_checked: '2024-01-01T10:05:00.000Z',
            gateway_response: { state: 'PENDING' },
          });
        },
      );

      test(
        'update/omitted-fields-unchanged',
        'leaves order status and transaction id unchanged when the change omits them',
        async () => {
          const [row] = await seed({ transactionId: 'T-KEEP', orderStatus: 'PLACED' });
          await subject.repository.updatePendingPayment(idOf(row!), {
            paymentStatus: 'FAILED',
            additionalInfo: {},
          });
          const stored = await storedState(row!);
          expect(stored.order).toMatchObject({ paymentStatus: 'FAILED', orderStatus: 'PLACED' });
          expect(stored.payment).toMatchObject({ paymentStatus: 'FAILED', transactionId: 'T-KEEP' });
        },
      );

      test(
        'update/one-winner',
        `lets exactly one of ${concurrency} concurrent terminal writers win`,
        async () => {
          const [row] = await seed({});
          const changes = Array.from(
            { length: concurrency },
            (_, i): PaymentChange =>
              i % 2 === 0
                ? completed(`TXN-${i}`)
                : {
                    paymentStatus: 'FAILED',
                    orderStatus: 'CANCELLED',
                    transactionId: `TXN-${i}`,
                    additionalInfo: { writer: i },
                  },
          );
          const results = await Promise.all(
            changes.map((c) => subject.repository.updatePendingPayment(idOf(row!), c)),
          );
          const winners = results.flatMap((r, i) => (r ? [i] : []));
          expect(winners).toHaveLength(1);
          const winner = changes[winners[0]!]!;
          const stored = await storedState(row!);
          expect(stored.payment.paymentStatus).toBe(winner.paymentStatus);
          expect(stored.order.paymentStatus).toBe(winner.paymentStatus);
          expect(stored.order.orderStatus).toBe(winner.orderStatus);
          expect(stored.payment.transactionId).toBe(winner.transactionId);
        },
      );

      test(
        'update/concurrent-merges',
        'keeps every key when concurrent check-recordings merge different keys',
        async () => {
          const [row] = await seed({ additionalInfo: { redirect_url: 'r' } });
          const keys = Array.from({ length: Math.min(concurrency, 10) }, (_, i) => `k${i}`);
          const results = await Promise.all(
            keys.map((key) =>
              subject.repository.updatePendingPayment(idOf(row!), {
                paymentStatus: 'PENDING',
                additionalInfo: { [key]: key },
              }),
            ),
          );
          expect(results.every((r) => r !== null)).toBe(true);
          const stored = await storedState(row!);
          expect(stored.payment.additionalInfo).toEqual(
            Object.fromEntries([['redirect_url', 'r'], ...keys.map((k) => [k, k])]),
          );
        },
      );

      test('update/many-orders', 'settles many orders concurrently, each exactly once', async () => {
        const rows = await seed(...Array.from({ length: 20 }, () => ({})));
        const attempts = rows.flatMap((row) =>
          [completed(), { ...completed(), paymentStatus: 'FAILED' as const }].map((c) => ({ row, c })),
        );
        const results = await Promise.all(
          attempts.map(({ row, c }) => subject.repository.updatePendingPayment(idOf(row), c)),
        );
        for (const row of rows) {
          const wins = results.filter((r, i) => r !== null && attempts[i]!.row === row);
          expect(wins).toHaveLength(1);
          const stored = await storedState(row);
          expect(stored.order.paymentStatus).toBe(stored.payment.paymentStatus);
          expect(stored.payment.paymentStatus).toBe(wins[0]!.payment.paymentStatus);
        }
      });
    });

    describe('listPendingOrders', () => {
      test(
        'list/order-and-limit',
        'lists only PENDING orders, never-checked first, then least recently checked, up to limit',
        async () => {
          const rows = await seed(
            { additionalInfo: { last_checked: '2024-01-01T10:03:00.000Z' } },
            { paymentStatus: 'COMPLETED' },
            { additionalInfo: { last_checked: '2024-01-01T10:01:00.000Z' } },
            { additionalInfo: {} },
            { paymentStatus: 'FAILED' },
            { additionalInfo: { last_checked: '2024-01-01T10:02:00.000Z' } },
          );
          const all = await subject.repository.listPendingOrders({ limit: 10 });
          expect(all.map((op) => String(op.order.id))).toEqual(
            [rows[3], rows[2], rows[5], rows[0]].map((r) => idOf(r!)),
          );
          expect(
            all.every((op) => op.payment.paymentStatus === 'PENDING' && op.order.paymentStatus === 'PENDING'),
          ).toBe(true);
          const two = await subject.repository.listPendingOrders({ limit: 2 });
          expect(two.map((op) => String(op.order.id))).toEqual([rows[3], rows[2]].map((r) => idOf(r!)));
        },
      );

      test(
        'list/checked-before',
        'filters by checkedBefore (never-checked orders always qualify)',
        async () => {
          const rows = await seed(
            { additionalInfo: { last_checked: '2024-01-01T10:00:00.000Z' } },
            { additionalInfo: { last_checked: '2024-01-01T12:00:00.000Z' } },
            { additionalInfo: {} },
          );
          const due = await subject.repository.listPendingOrders({
            limit: 10,
            checkedBefore: new Date('2024-01-01T11:00:00Z'),
          });
          expect(due.map((op) => String(op.order.id))).toEqual([rows[2], rows[0]].map((r) => idOf(r!)));
        },
      );

      describe('ties by order id, and the `after` keyset cursor', () => {
        const T1 = '2024-01-01T10:01:00.000Z';
        const T2 = '2024-01-01T10:02:00.000Z';
        const positionOf = (op: OrderPayment) => ({
          lastChecked: (op.payment.additionalInfo.last_checked as string | undefined) ?? null,
          orderId: idOf(op),
        });
        /** Pending rows with ties in both places (never checked, equal last_checked), stored out of id order. */
        const seedTies = async () => {
          const fixtures: OrderPaymentFixture[] = [
            { additionalInfo: { last_checked: T2 } },
            { additionalInfo: {} },
            { additionalInfo: { last_checked: T1 } },
            { additionalInfo: {} },
            { additionalInfo: { last_checked: T1 } },
            { paymentStatus: 'COMPLETED' },
            { additionalInfo: { last_checked: T2 } },
            { additionalInfo: {} },
          ];
          const rows = fixtures.map((f, i) => buildOrderPayment({ id: makeId(i), ...f }));
          await subject.insert([...rows].reverse());
          // Never checked by id, then T1 by id, then T2 by id (ids ascend with their index).
          return [1, 3, 7, 2, 4, 0, 6].map((i) => rows[i]!);
        };

        test(
          'list/ties-by-id',
          'orders ties by order id: never-checked ones, and equal last_checked',
          async () => {
            const expected = await seedTies();
            const all = await subject.repository.listPendingOrders({ limit: 10 });
            expect(all.map(idOf)).toEqual(expected.map(idOf));
          },
        );

        test(
          'claims/ties-order',
          'claimPendingOrders (when offered) hands out ties in the same order',
          async (context) => {
            const r = subject.repository;
            if (typeof r.claimPendingOrders !== 'function') {
              return context.skip(NO_CLAIMS);
            }
            const expected = await seedTies();
            const first = await r.claimPendingOrders({
              limit: 4,
              workerId: 'w1',
              leaseMs: 60_000,
              now: new Date('2024-01-01T12:00:00.000Z'),
            });
            const rest = await r.claimPendingOrders({
              limit: 10,
              workerId: 'w1',
              leaseMs: 60_000,
              now: new Date('2024-01-01T12:00:00.000Z'),
            });
            expect([...first, ...rest].map(idOf)).toEqual(expected.map(idOf));
          },
        );

        test(
          'list/after-every-position',
          'returns only rows strictly after `after`, from every position (null lastChecked and ties included)',
          async () => {
            const expected = await seedTies();
            for (let k = 0; k < expected.length; k++) {
              const after = positionOf(expected[k]!);
              const page = await subject.repository.listPendingOrders({ limit: 10, after });
              expect(page.map(idOf), `after ${JSON.stringify(after)}`).toEqual(
                expected.slice(k + 1).map(idOf),
              );
            }
          },
        );

        test(
          'list/paging',
          'pages through every pending order exactly once, in order, with limit and `after`',
          async () => {
            const expected = await seedTies();
            const seen: string[] = [];
            let after: ReturnType<typeof positionOf> | undefined;
            for (let pages = 0; pages < 20; pages++) {
              const page = await subject.repository.listPendingOrders(
                after ? { limit: 2, after } : { limit: 2 },
              );
              seen.push(...page.map(idOf));
              if (page.length < 2) break;
              after = positionOf(page.at(-1)!);
            }
            expect(seen).toEqual(expected.map(idOf));
          },
        );

        test(
          'list/after-is-a-position',
          'takes `after` as a position, not a row: it need not exist or be pending',
          async () => {
            const expected = await seedTies();
            const settled = String(makeId(5)); // the COMPLETED one
            const between = { lastChecked: '2024-01-01T10:01:30.000Z', orderId: settled };
            const fromBetween = await subject.repository.listPendingOrders({ limit: 10, after: between });
            expect(fromBetween.map(idOf)).toEqual(expected.slice(5).map(idOf));
            const pastNulls = { lastChecked: null, orderId: String(makeId(999_999)) };
            const fromNulls = await subject.repository.listPendingOrders({ limit: 10, after: pastNulls });
            expect(fromNulls.map(idOf)).toEqual(expected.slice(3).map(idOf));
            const past = { lastChecked: T2, orderId: String(makeId(999_999)) };
            await expect(subject.repository.listPendingOrders({ limit: 10, after: past })).resolves.toEqual(
              [],
            );
          },
        );

        test('list/after-and-checked-before', 'applies `after` and checkedBefore together', async () => {
          const expected = await seedTies();
          const page = await subject.repository.listPendingOrders({
            limit: 10,
            after: positionOf(expected[1]!),
            checkedBefore: new Date(T2),
          });
          // Strictly after the second never-checked one, and not the T2 ones (checked at the bound).
          expect(page.map(idOf)).toEqual(expected.slice(2, 5).map(idOf));
        });
      });

      test('list/empty', 'answers an empty list when nothing is pending', async () => {
        await seed({ paymentStatus: 'COMPLETED' });
        await expect(subject.repository.listPendingOrders({ limit: 5 })).resolves.toEqual([]);
      });
    });

    describe('claimPendingOrders / releaseOrderClaim (optional, multi-worker reconcile)', () => {
      const t0 = new Date('2024-01-01T10:00:00.000Z');
      const at = (ms: number) => new Date(t0.getTime() + ms);
      const ids = (rows: OrderPayment[]) => rows.map((op) => String(op.order.id));
      /** The repository when it has the pair; otherwise the test is skipped, with the reason in the report. */
      const capable = (context: Parameters<CaseBody>[0]) => {
        const r = subject.repository;
        if (typeof r.claimPendingOrders === 'function' && typeof r.releaseOrderClaim === 'function') return r;
        return context.skip(NO_CLAIMS);
      };
      const claim = (r: OrderRepository, workerId: string, now: Date, limit = 10, leaseMs = 60_000) =>
        r.claimPendingOrders!({ limit, workerId, leaseMs, now });

      test(
        'optional/claim-pair',
        'implements both methods or neither (absent: the reconciler falls back to listing)',
        () => {
          const r = subject.repository;
          expect(typeof r.claimPendingOrders).toBe(typeof r.releaseOrderClaim);
        },
      );

      test(
        'claims/pending-in-list-order',
        'claims only PENDING orders, in listPendingOrders order, up to limit, as currently stored',
        async (context) => {
          const r = capable(context);
          const rows = await seed(
            { additionalInfo: { last_checked: '2024-01-01T09:03:00.000Z' } },
            { paymentStatus: 'COMPLETED' },
            { additionalInfo: { last_checked: '2024-01-01T09:01:00.000Z' } },
            { additionalInfo: { note: 'never checked' } },
            { paymentStatus: 'FAILED' },
          );
          await r.updatePendingPayment(idOf(rows[0]!), {
            paymentStatus: 'PENDING',
            additionalInfo: { fresh: 1 },
          });
          const two = await claim(r, 'w1', t0, 2);
          expect(ids(two)).toEqual([rows[3], rows[2]].map((x) => idOf(x!)));
          const rest = await claim(r, 'w1', t0, 10);
          expect(ids(rest)).toEqual([idOf(rows[0]!)]);
          expect(rest[0]!.payment.additionalInfo.fresh).toBe(1);
          expect(rest[0]!.payment.paymentStatus).toBe('PENDING');
          await expect(claim(r, 'w2', t0, 10)).resolves.toEqual([]);
        },
      );

      test(
        'claims/checked-before',
        'honours checkedBefore (never-checked orders always qualify)',
        async (context) => {
          const r = capable(context);
          const rows = await seed(
            { additionalInfo: { last_checked: '2024-01-01T09:00:00.000Z' } },
            { additionalInfo: { last_checked: '2024-01-01T11:00:00.000Z' } },
            { additionalInfo: {} },
          );
          const got = await r.claimPendingOrders!({
            limit: 10,
            workerId: 'w1',
            leaseMs: 60_000,
            now: t0,
            checkedBefore: t0,
          });
          expect(ids(got)).toEqual([rows[2], rows[0]].map((x) => idOf(x!)));
        },
      );

      test(
        'claims/no-double-claim',
        `never hands one order to two of ${concurrency} concurrent claimers`,
        async (context) => {
          const r = capable(context);
          const rows = await seed(...Array.from({ length: 30 }, () => ({})));
          const results = await Promise.all(
            Array.from({ length: concurrency }, (_, i) => claim(r, `w${i}`, t0, 3)),
          );
          const all = results.flatMap(ids);
          expect(new Set(all).size).toBe(all.length);
          expect(all.length).toBe(Math.min(30, concurrency * 3));
          expect(new Set(all).size <= rows.length).toBe(true);
        },
      );

      test(
        'claims/lease-expiry',
        "lets a crashed worker's lease expire at now + leaseMs, not before",
        async (context) => {
          const r = capable(context);
          const [row] = await seed({});
          expect(ids(await claim(r, 'crashed', t0, 10, 30_000))).toEqual([idOf(row!)]);
          await expect(claim(r, 'w2', at(29_999))).resolves.toEqual([]);
          expect(ids(await claim(r, 'w2', at(30_000)))).toEqual([idOf(row!)]);
        },
      );

      test(
        'claims/release-not-before',
        'release keeps the order out of claims until notBefore; a stale owner cannot release',
        async (context) => {
          const r = capable(context);
          const [row] = await seed({});
          await claim(r, 'w1', t0, 10, 1_000);
          await r.releaseOrderClaim!(idOf(row!), { workerId: 'w1', notBefore: at(10_000) });
          await expect(claim(r, 'w2', at(5_000))).resolves.toEqual([]);
          expect(ids(await claim(r, 'w2', at(10_000), 10, 60_000))).toEqual([idOf(row!)]);
          // w1's lease is long gone; its late release must not free w2's lease.
          await r.releaseOrderClaim!(idOf(row!), { workerId: 'w1', notBefore: at(10_000) });
          await expect(claim(r, 'w3', at(11_000))).resolves.toEqual([]);
          await r.releaseOrderClaim!(idOf(row!), { workerId: 'w2', notBefore: at(11_000) });
          expect(ids(await claim(r, 'w3', at(11_000)))).toEqual([idOf(row!)]);
        },
      );

      test(
        'claims/data-untouched',
        'leaves order, payment and additional_info untouched, and writes still work on leased orders',
        async (context) => {
          const r = capable(context);
          const [row] = await seed({ additionalInfo: { redirect_url: 'r' } });
          const before = await storedState(row!);
          await claim(r, 'w1', t0);
          await r.releaseOrderClaim!(idOf(row!), { workerId: 'w1', notBefore: at(1_000) });
          await r.releaseOrderClaim!(String(makeId(999_999)), { workerId: 'w1', notBefore: at(1_000) });
          expect(await storedState(row!)).toEqual(before);
          await claim(r, 'w2', at(1_000));
          await expect(r.updatePendingPayment(idOf(row!), completed())).resolves.not.toBeNull();
          await expect(claim(r, 'w3', at(120_000))).resolves.toEqual([]);
        },
      );

      test(
        'claims/settled-and-unknown',
        'claims nothing once an order settles, and frees no lease early; release of unknown or malformed ids is a no-op',
        async (context) => {
          const r = capable(context);
          const [a, b] = await seed({}, {});
          await r.updatePendingPayment(idOf(a!), completed());
          expect(ids(await claim(r, 'w1', t0))).toEqual([idOf(b!)]);
          for (const id of [String(makeId(999_999)), 'no-such-order', '../1', ' ']) {
            await expect(
              r.releaseOrderClaim!(id, { workerId: 'w1', notBefore: t0 }),
            ).resolves.toBeUndefined();
          }
          await expect(claim(r, 'w2', at(59_999))).resolves.toEqual([]);
        },
      );

      test(
        'claims/release-in-the-past',
        'a release with a notBefore in the past makes the order claimable at once',
        async (context) => {
          const r = capable(context);
          const rows = await seed({ additionalInfo: { last_checked: '2024-01-01T09:00:00.000Z' } }, {});
          expect(ids(await claim(r, 'w1', t0))).toEqual([idOf(rows[1]!), idOf(rows[0]!)]);
          await r.releaseOrderClaim!(idOf(rows[0]!), { workerId: 'w1', notBefore: at(-1_000) });
          expect(ids(await claim(r, 'w2', at(1)))).toEqual([idOf(rows[0]!)]);
        },
      );

      test(
        'claims/exactly-once-paging',
        `hands out every order exactly once across ${concurrency} concurrent claimers paging until empty`,
        async (context) => {
          const r = capable(context);
          const rows = await seed(
            ...Array.from({ length: 60 }, (_, i) => ({
              additionalInfo:
                i % 3 ? { last_checked: `2024-01-01T09:${String(i).padStart(2, '0')}:00.000Z` } : {},
            })),
          );
          const claimers = Array.from({ length: Math.min(concurrency, 8) }, async (_, w) => {
            const got: string[] = [];
            for (
              let page = await claim(r, `w${w}`, t0, 4);
              page.length > 0;
              page = await claim(r, `w${w}`, t0, 4)
            ) {
              got.push(...ids(page));
            }
            return got;
          });
          const all = (await Promise.all(claimers)).flat();
          expect(all.length).toBe(rows.length);
          expect(new Set(all)).toEqual(new Set(ids(rows)));
        },
      );
    });

    describe('findOrderPaymentByMerchantOrderId (optional)', () => {
      test(
        'optional/find-by-merchant-order-id',
        'finds by merchant order id when implemented',
        async (context) => {
          const r = subject.repository;
          if (typeof r.findOrderPaymentByMerchantOrderId !== 'function') {
            return context.skip(
              'optional capability absent (no findOrderPaymentByMerchantOrderId): the core falls back to findOrderPayment',
            );
          }
          const byMerchantId = r.findOrderPaymentByMerchantOrderId.bind(r);
          const rows = await seed({ merchantOrderId: 'M-ABC-1' }, {});
          expect(String((await byMerchantId('M-ABC-1'))?.order.id)).toBe(idOf(rows[0]!));
          expect(String((await byMerchantId(idOf(rows[1]!)))?.order.id)).toBe(idOf(rows[1]!));
          await expect(byMerchantId('M-NOPE')).resolves.toBeNull();
        },
      );
    });

    if (additionalTests) describe('additional tests', () => additionalTests(context));
  });
}
