import { describe, expect, it } from 'vitest';
import { isConfigError } from '../../src/core/errors.js';
import { MESSAGING_TIERS, nextTier, tierLimit, tierName } from '../../src/quota/index.js';

describe('MESSAGING_TIERS', () => {
  it('holds the limits of both vocabularies (Meta today and the legacy per-number tiers)', () => {
    expect(MESSAGING_TIERS).toEqual({
      TIER_250: 250,
      TIER_1K: 1000,
      TIER_2K: 2000,
      TIER_10K: 10_000,
      TIER_100K: 100_000,
      TIER_UNLIMITED: Number.POSITIVE_INFINITY,
    });
  });

  it('accepts a tier name, a positive integer or Infinity, and names limits back', () => {
    expect(tierLimit('TIER_1K')).toBe(1000);
    expect(tierLimit(5000)).toBe(5000);
    expect(tierLimit(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(tierName(10_000)).toBe('TIER_10K');
    expect(tierName(1234)).toBeUndefined();
  });

  it.each([0, -1, 2.5, Number.NaN, 'TIER_3K', 'toString'])(
    'refuses %s with a ConfigError listing the tiers',
    (bad) => {
      let error: unknown;
      try {
        tierLimit(bad as never);
      } catch (e) {
        error = e;
      }
      expect(isConfigError(error)).toBe(true);
      expect((error as Error).message).toContain(
        'TIER_250, TIER_1K, TIER_2K, TIER_10K, TIER_100K, TIER_UNLIMITED',
      );
    },
  );
});

describe('nextTier', () => {
  it('is eligible with at least half the limit used in 7 days and quality not RED', () => {
    expect(nextTier({ tier: 'TIER_2K', usedLast7Days: 1000, quality: 'GREEN' })).toMatchObject({
      eligible: true,
      next: 'TIER_10K',
      needed: 1000,
    });
    expect(nextTier({ tier: 'TIER_10K', usedLast7Days: 5000, quality: 'YELLOW' })).toMatchObject({
      eligible: true,
      next: 'TIER_100K',
    });
    expect(nextTier({ tier: 100_000, usedLast7Days: 50_000, quality: 'UNKNOWN' })).toMatchObject({
      eligible: true,
      next: 'TIER_UNLIMITED',
    });
    expect(nextTier({ tier: 'TIER_1K', usedLast7Days: 500, quality: 'NA' })).toMatchObject({
      eligible: true,
      next: 'TIER_10K',
    });
  });

  it('is not eligible below half the limit, or with RED quality, and explains why', () => {
    const low = nextTier({ tier: 'TIER_2K', usedLast7Days: 999, quality: 'GREEN' });
    expect(low).toMatchObject({ eligible: false, next: 'TIER_10K', needed: 1000 });
    expect(low.reason).toContain('Reach 1000 unique users in 7 days');
    const red = nextTier({ tier: 'TIER_2K', usedLast7Days: 2000, quality: 'RED' });
    expect(red).toMatchObject({ eligible: false, next: 'TIER_10K' });
    expect(red.reason).toContain('RED');
  });

  it('has nothing above unlimited or a custom limit', () => {
    expect(nextTier({ tier: 'TIER_UNLIMITED', usedLast7Days: 1e9, quality: 'GREEN' })).toMatchObject({
      eligible: false,
      next: undefined,
    });
    expect(nextTier({ tier: 1234, usedLast7Days: 1e9, quality: 'GREEN' })).toMatchObject({
      eligible: false,
      next: undefined,
    });
  });

  it('from 250 points at 2K and mentions verification as the other path', () => {
    const advice = nextTier({ tier: 'TIER_250', usedLast7Days: 125, quality: 'GREEN' });
    expect(advice).toMatchObject({ eligible: true, next: 'TIER_2K' });
    expect(advice.reason).toContain('business verification');
  });
});
