import { describe, expect, it } from 'vitest';
import type { OrderPayment, PaymentGateway, ReconcileSchedule } from '../../../src/index';
import {
  createPhonePeGateway,
  createPhonePeSchedule,
  createPhonePeV1Gateway,
} from '../../../src/phonepe/index';
import { buildOrderPayment, createFakePaymentGateway } from '../../../src/testing/index';

const T0 = Date.parse('2024-01-01T10:00:00.000Z');
const s = (seconds: number) => T0 + seconds * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

function order(info: Record<string, unknown> = {}, createdAt: Date | null = new Date(T0)): OrderPayment {
  return buildOrderPayment({ id: 1, createdAt, additionalInfo: info });
}

describe('createPhonePeSchedule (default cadence)', () => {
  const schedule = createPhonePeSchedule();
  const at = (op: OrderPayment, seconds: number) => schedule(op, new Date(s(seconds)));

  it('waits 20 s before the first check', () => {
    expect(at(order(), 19.999)).toMatchObject({
      due: false,
      reason: 'too-young',
      nextCheckAt: new Date(s(20)),
    });
    expect(at(order(), 20)).toMatchObject({ due: true });
  });

  it.each([
    [20, 3],
    [49, 3],
    [50, 6],
    [109, 6],
    [110, 10],
    [169, 10],
    [170, 30],
    [229, 30],
    [230, 60],
    [1000, 60],
  ])('at age %i s, checks every %i s', (age, every) => {
    const op = order({ last_checked: iso(s(age)) });
    expect(at(op, age + every - 0.001).due).toBe(false);
    expect(at(op, age + every)).toMatchObject({ due: true, reason: 'cadence' });
    expect(at(op, age + 1).nextCheckAt).toEqual(new Date(s(age + every)));
  });

  it('treats a last_checked in the future (clock skew) as just checked', () => {
    expect(at(order({ last_checked: iso(s(100)) }), 30).due).toBe(false);
  });

  it('expiry: createdAt + 20 min by default; one final check 30 s after it, then every 5 min; stuck after 1 h', () => {
    const expire = 20 * 60;
    const justBefore = order({ last_checked: iso(s(expire - 1)) });
    expect(at(justBefore, expire + 10)).toMatchObject({ due: false, reason: 'awaiting-final-check' });
    expect(at(justBefore, expire + 30)).toMatchObject({ due: true, reason: 'final-check' });
    const afterFinal = order({ last_checked: iso(s(expire + 30)) });
    expect(at(afterFinal, expire + 31).due).toBe(false);
    expect(at(afterFinal, expire + 330)).toMatchObject({ due: true, reason: 'after-expiry' });
    const stuck = at(order({ last_checked: iso(s(expire + 3000)) }), expire + 3600);
    expect(stuck).toMatchObject({ due: false, stuck: true, expireAt: new Date(s(expire)) });
    expect(stuck.nextCheckAt).toEqual(new Date(s(expire + 3600 + 3600)));
  });

  it('never sleeps through the final check', () => {
    const op = order({ expire_at: iso(s(240)), last_checked: iso(s(239)) });
    expect(at(op, 241).nextCheckAt).toEqual(new Date(s(270)));
  });

  it("prefers the gateway's expire_at, then additional_info.expire_at (ISO or epoch ms), then the lifetime", () => {
    const gw = order({
      expire_at: iso(s(9000)),
      gateway_response: { expire_at: iso(s(300)) },
      last_checked: iso(s(299)),
    });
    expect(at(gw, 330)).toMatchObject({ reason: 'final-check', expireAt: new Date(s(300)) });
    const epoch = order({ expire_at: s(400), last_checked: iso(s(399)) });
    expect(at(epoch, 430)).toMatchObject({ reason: 'final-check', expireAt: new Date(s(400)) });
    const lifetime = createPhonePeSchedule({ orderLifetimeMs: 600_000 });
    expect(lifetime(order({ last_checked: iso(s(599)) }), new Date(s(630)))).toMatchObject({
      due: true,
      reason: 'final-check',
    });
  });

  it('without createdAt: every 60 s until the known expiry; never stuck without one', () => {
    const op = order({ last_checked: iso(s(0)) }, null);
    expect(at(op, 59).due).toBe(false);
    expect(at(op, 60)).toMatchObject({ due: true, reason: 'unknown-age' });
    expect(at(order({ last_checked: iso(s(1e6)) }, null), 1e6 + 60).stuck).toBeUndefined();
  });

  it('rejects bad options naming them', () => {
    expect(() => createPhonePeSchedule({ stuckAfterMs: -1 })).toThrow(RangeError);
    expect(() => createPhonePeSchedule({ stuckAfterMs: -1 })).toThrow(/stuckAfterMs/);
    expect(() => createPhonePeSchedule({ firstCheckAfterMs: '1' as unknown as number })).toThrow(TypeError);
    expect(() => createPhonePeSchedule({ nope: 1 } as never)).toThrow(/nope/);
    expect(() => createPhonePeSchedule({ cadence: [{ untilAgeMs: 10, everyMs: 0 }] })).toThrow(/cadence/);
  });
});

describe("PhonePe's schedule is what the PhonePe gateways recommend", () => {
  // Placed at T0: too young until 20 s, then PhonePe's 3 s step; past expiry and the give-up point, stuck.
  const probes: Array<[OrderPayment, number]> = [
    [order(), 10],
    [order(), 20],
    [order({ last_checked: iso(s(20)) }), 22],
    [order({ last_checked: iso(s(20)) }), 23],
    [order({ last_checked: iso(s(1230)) }), 20 * 60 + 3601],
  ];
  const decisions = (schedule: ReconcileSchedule) => probes.map(([op, at]) => schedule(op, new Date(s(at))));
  const expected = decisions(createPhonePeSchedule());

  it('holds the probes apart (too young, due, not yet, due, stuck)', () => {
    expect(expected.map((d) => [d.due, d.stuck ?? false, d.reason])).toEqual([
      [false, false, 'too-young'],
      [true, false, 'cadence'],
      [false, false, 'cadence'],
      [true, false, 'cadence'],
      [false, true, 'stuck'],
    ]);
  });

  it.each([
    [
      'v2',
      () =>
        createPhonePeGateway({ clientId: 'c', clientSecret: 's', clientVersion: 1, environment: 'sandbox' }),
    ],
    [
      'v1',
      () => createPhonePeV1Gateway({ merchantId: 'M', saltKey: 'k', saltIndex: 1, environment: 'sandbox' }),
    ],
    ['the testing fake', () => createFakePaymentGateway()],
  ] as const)('%s', (_name, create) => {
    const gateway: PaymentGateway = create();
    const recommended = gateway.recommendedSchedule?.();
    expect(typeof recommended).toBe('function');
    expect(decisions(recommended!)).toEqual(expected);
  });
});
