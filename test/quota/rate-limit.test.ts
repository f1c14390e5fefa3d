import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isAbortError, isConfigError } from '../../src/core/errors.js';
import { createRecipientPacer, createTokenBucket, gcra } from '../../src/quota/index.js';

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 4, 1) });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Starts `n` takes at once and records the fake time each one resolves at. */
async function releaseTimes(n: number, take: () => Promise<void>): Promise<number[]> {
  const start = Date.now();
  const times: number[] = [];
  const all = Promise.all(Array.from({ length: n }, () => take().then(() => times.push(Date.now() - start))));
  await vi.runAllTimersAsync();
  await all;
  return times;
}

describe('gcra', () => {
  it('lets `burst` go at once, then one per interval', () => {
    let tat = Number.NEGATIVE_INFINITY;
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const step = gcra(tat, 1000, 100, 3);
      tat = step.tat;
      waits.push(step.waitMs);
    }
    expect(waits).toEqual([0, 0, 0, 100, 200]);
  });
});

describe('createTokenBucket', () => {
  it('spaces 80/s evenly by default: 161 takes span exactly 2 s of (fake) time', async () => {
    const bucket = createTokenBucket();
    expect(bucket.ratePerSecond).toBe(80);
    const times = await releaseTimes(161, () => bucket.take());
    expect(times[0]).toBe(0);
    expect(Math.max(...times)).toBe(2000);
    // No 1 s window holds more than 80 + 1 releases.
    for (const t of times) expect(times.filter((o) => o >= t && o < t + 1000).length).toBeLessThanOrEqual(81);
  });

  it('honours a burst and a configured rate (20/s coexistence numbers)', async () => {
    const bucket = createTokenBucket({ ratePerSecond: 20, burst: 5 });
    const times = await releaseTimes(10, () => bucket.take());
    expect(times.sort((a, b) => a - b)).toEqual([0, 0, 0, 0, 0, 50, 100, 150, 200, 250]);
  });

  it('tryTake does not wait', () => {
    const bucket = createTokenBucket({ ratePerSecond: 10 });
    expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(false);
    vi.advanceTimersByTime(100);
    expect(bucket.tryTake()).toBe(true);
  });

  it('rejects a waiting take with AbortError when its signal aborts', async () => {
    const bucket = createTokenBucket({ ratePerSecond: 1 });
    await bucket.take();
    const controller = new AbortController();
    const waiting = bucket.take(controller.signal).catch((e: unknown) => e);
    controller.abort();
    expect(isAbortError(await waiting)).toBe(true);
    expect(isAbortError(await bucket.take(controller.signal).catch((e: unknown) => e))).toBe(true);
  });

  it('refuses a bad rate with ConfigError', () => {
    expect(() => createTokenBucket({ ratePerSecond: 0 })).toThrow(/ratePerSecond/);
    try {
      createTokenBucket({ burst: 1.5 });
    } catch (e) {
      expect(isConfigError(e)).toBe(true);
    }
  });
});

describe('createRecipientPacer', () => {
  it('paces one user to one message per 6 s, after the burst, without slowing other users', async () => {
    const pacer = createRecipientPacer({ burst: 2 });
    const start = Date.now();
    const log: [string, number][] = [];
    const send = (to: string) => pacer.wait(to).then(() => log.push([to, Date.now() - start]));
    const all = Promise.all([
      send('+447700900001'),
      send('447700900001'),
      send('+447700900001'),
      send('+447700900001'),
      send('+447700900002'),
    ]);
    await vi.runAllTimersAsync();
    await all;
    expect(log.filter(([to]) => to.endsWith('01')).map(([, t]) => t)).toEqual([0, 0, 6000, 12_000]);
    expect(log.find(([to]) => to.endsWith('02'))?.[1]).toBe(0);
  });

  it('forgets users whose interval has passed', async () => {
    const pacer = createRecipientPacer({ intervalMs: 10 });
    for (let i = 0; i < 3000; i++) {
      await pacer.wait(`+4477009${String(i).padStart(5, '0')}`);
      vi.advanceTimersByTime(1);
    }
    expect(pacer.size).toBeLessThan(1100);
  });

  it('stops waiting on abort', async () => {
    const pacer = createRecipientPacer();
    await pacer.wait('+447700900001');
    const controller = new AbortController();
    const waiting = pacer.wait('+447700900001', controller.signal).catch((e: unknown) => e);
    controller.abort(new Error('shutdown'));
    expect(isAbortError(await waiting)).toBe(true);
  });
});
