import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../src/index';
import { createManualClock } from '../../support/manual-clock';

function recordingSleep(clock: ReturnType<typeof createManualClock>) {
  const waits: number[] = [];
  return {
    waits,
    // Sequential callers only: each wait moves the clock by itself.
    sleep: async (ms: number) => {
      waits.push(ms);
      clock.advance(ms);
    },
  };
}

describe('createRateLimiter', () => {
  it('spaces calls 1/rate apart with the default burst of 1', async () => {
    const clock = createManualClock();
    const { sleep, waits } = recordingSleep(clock);
    const limiter = createRateLimiter({ ratePerSecond: 4, clock, sleep });
    const times: number[] = [];
    for (let i = 0; i < 9; i++) {
      await limiter.acquire();
      times.push(clock.now().getTime());
    }
    expect(times.slice(1).map((t, i) => t - times[i]!)).toEqual(Array(8).fill(250));
    expect(waits).toEqual(Array(8).fill(250));
  });

  it('lets `burst` calls through back to back after an idle spell, then the sustained rate', async () => {
    const clock = createManualClock();
    const { sleep, waits } = recordingSleep(clock);
    const limiter = createRateLimiter({ ratePerSecond: 10, burst: 3, clock, sleep });
    for (let i = 0; i < 5; i++) await limiter.acquire();
    expect(waits).toEqual([100, 100]);
    clock.advance(10_000);
    waits.length = 0;
    for (let i = 0; i < 3; i++) await limiter.acquire();
    expect(waits).toEqual([]);
  });

  it('reserves slots for concurrent callers without a lock: n callers wait 0, 1/rate, 2/rate, ...', async () => {
    const clock = createManualClock();
    const asked: number[] = [];
    const limiter = createRateLimiter({ ratePerSecond: 5, clock, sleep: async (ms) => void asked.push(ms) });
    await Promise.all(Array.from({ length: 5 }, () => limiter.acquire()));
    expect(asked).toEqual([200, 400, 600, 800]);
  });

  it('pause(ms) holds every caller for that long (a 429 with Retry-After)', async () => {
    const clock = createManualClock();
    const { sleep, waits } = recordingSleep(clock);
    const limiter = createRateLimiter({ ratePerSecond: 100, clock, sleep });
    await limiter.acquire();
    limiter.pause(5_000);
    await limiter.acquire();
    expect(waits).toEqual([5_000]);
  });

  it('rejects with the abort reason, and the default timer is cleared on abort', async () => {
    const limiter = createRateLimiter({ ratePerSecond: 0.001 });
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('shutting down'));
    await expect(waiting).rejects.toThrow('shutting down');
    await expect(limiter.acquire(AbortSignal.abort(new Error('already')))).rejects.toThrow('already');
  });

  it('Infinity never waits', async () => {
    const limiter = createRateLimiter({
      ratePerSecond: Number.POSITIVE_INFINITY,
      sleep: () => Promise.reject(new Error('should not sleep')),
    });
    for (let i = 0; i < 100; i++) await limiter.acquire();
  });

  it.each([
    [{ ratePerSecond: 0 }, RangeError, /ratePerSecond/],
    [{ ratePerSecond: '5' }, TypeError, /ratePerSecond/],
    [{ ratePerSecond: 5, burst: 0 }, RangeError, /burst/],
    [{ ratePerSecond: 5, clock: {} }, TypeError, /clock/],
  ])('rejects %o naming the option', (bad, Err, name) => {
    expect(() => createRateLimiter(bad as never)).toThrow(Err);
    expect(() => createRateLimiter(bad as never)).toThrow(name);
  });
});
