import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/sandbox/index.js';
import { PlatformRules } from '../../src/sandbox/rules.js';

describe('PlatformRules', () => {
  it('opens the window on inbound, refreshes it on the next one, and closes it 24 h after the last', () => {
    const clock = createManualClock(0);
    const rules = new PlatformRules(clock, {});
    expect(rules.windowOpen('biz', 'ana')).toBe(false);
    rules.recordInbound('biz', 'ana');
    clock.advance(20 * 3_600_000);
    rules.recordInbound('biz', 'ana');
    clock.advance(20 * 3_600_000);
    expect(rules.windowOpen('biz', 'ana')).toBe(true);
    expect(rules.windowOpen('other-biz', 'ana')).toBe(false);
    clock.advance(4 * 3_600_000);
    expect(rules.windowOpen('biz', 'ana')).toBe(false);
  });

  it('refuses free-form outside the window, lets templates through, and never counts messages inside it', () => {
    const clock = createManualClock(0);
    const rules = new PlatformRules(clock, { tier: 1 });
    expect(rules.deliver('biz', 'ana', 'free-form')).toBe('window');
    rules.recordInbound('biz', 'bob');
    expect(rules.deliver('biz', 'bob', 'free-form')).toBeUndefined();
    expect(rules.deliver('biz', 'bob', 'template')).toBeUndefined();
    expect(rules.reachedCount('biz')).toBe(0);
    expect(rules.deliver('biz', 'ana', 'template')).toBeUndefined();
    expect(rules.deliver('biz', 'ana', 'template')).toBeUndefined(); // the same recipient again: not a new one
    expect(rules.deliver('biz', 'cy', 'template')).toBe('tier');
    expect(rules.reachedCount('biz')).toBe(1);
  });

  it('counts the tier in a moving 24 h: a slot frees when the oldest recipient leaves the window', () => {
    const clock = createManualClock(0);
    const rules = new PlatformRules(clock, { tier: 2 });
    expect(rules.deliver('biz', 'a', 'template')).toBeUndefined();
    clock.advance(12 * 3_600_000);
    expect(rules.deliver('biz', 'b', 'template')).toBeUndefined();
    expect(rules.deliver('biz', 'c', 'template')).toBe('tier');
    clock.advance(12 * 3_600_000);
    expect(rules.deliver('biz', 'c', 'template')).toBeUndefined();
    expect(rules.deliver('biz', 'd', 'template')).toBe('tier');
    expect(new PlatformRules(clock, { tier: 'unlimited' }).deliver('biz', 'z', 'template')).toBeUndefined();
  });

  it('limits throughput per business number over a sliding second', () => {
    const clock = createManualClock(0);
    const rules = new PlatformRules(clock, { throughputPerSecond: 2, pairRate: false });
    expect([rules.admit('biz', '1'), rules.admit('biz', '2'), rules.admit('biz', '3')]).toEqual([
      undefined,
      undefined,
      'throughput',
    ]);
    expect(rules.admit('other', '1')).toBeUndefined();
    clock.advance(999);
    expect(rules.admit('biz', '4')).toBe('throughput');
    clock.advance(1);
    expect(rules.admit('biz', '4')).toBeUndefined();
  });

  it('limits the pair rate with a burst, refilling one message per interval (fractions carry over)', () => {
    const clock = createManualClock(0);
    const rules = new PlatformRules(clock, {
      pairRate: { burst: 3, intervalMs: 6000 },
      throughputPerSecond: false,
    });
    expect([0, 1, 2, 3].map(() => rules.admit('biz', 'ana'))).toEqual([
      undefined,
      undefined,
      undefined,
      'pair-rate',
    ]);
    expect(rules.admit('biz', 'bob')).toBeUndefined();
    clock.advance(3000);
    expect(rules.admit('biz', 'ana')).toBe('pair-rate');
    clock.advance(3000);
    expect(rules.admit('biz', 'ana')).toBeUndefined();
    expect(rules.admit('biz', 'ana')).toBe('pair-rate');
    clock.advance(60_000);
    expect([0, 1, 2, 3].map(() => rules.admit('biz', 'ana'))).toEqual([
      undefined,
      undefined,
      undefined,
      'pair-rate',
    ]);
  });

  it('turns rules off when asked', () => {
    const clock = createManualClock(0);
    const rules = new PlatformRules(clock, {
      window: false,
      throughputPerSecond: false,
      pairRate: false,
      tier: 'unlimited',
    });
    for (let i = 0; i < 500; i++) expect(rules.admit('biz', 'ana')).toBeUndefined();
    expect(rules.deliver('biz', 'ana', 'free-form')).toBeUndefined();
  });
});
