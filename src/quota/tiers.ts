/**
 * WhatsApp messaging tiers: how many unique users a business may reach with business-initiated messages
 * (outside a customer-service window) in a moving 24 hours, and when it may move up.
 *
 * Meta's current model (2025 on) is per business portfolio, shared by all its numbers: 250 -> 2,000 -> 10,000 ->
 * 100,000 -> unlimited. The older per-number model still cited by BSPs (and CleverTap's guides) used 1K / 10K / 100K;
 * both vocabularies are accepted. Sources: https://developers.facebook.com/documentation/business-messaging/whatsapp/messaging-limits
 * @module
 */
import { ConfigError } from '../core/errors.js';

/** Unique-user limits of each tier in a moving 24 h. `TIER_UNLIMITED` is `Infinity`. */
export const MESSAGING_TIERS = {
  TIER_250: 250,
  TIER_1K: 1_000,
  TIER_2K: 2_000,
  TIER_10K: 10_000,
  TIER_100K: 100_000,
  TIER_UNLIMITED: Number.POSITIVE_INFINITY,
} as const;

/** A tier name as Meta's API reports it (`whatsapp_business_manager_messaging_limit`). */
export type MessagingTierName = keyof typeof MESSAGING_TIERS;

/**
 * A tier by name, or a plain limit (a positive integer, or `Infinity` for unlimited).
 * @inline
 */
export type MessagingTier = MessagingTierName | number;

/** The tier a business moves to from each tier under Meta's current model (`TIER_1K` is the legacy name). */
const NEXT: Record<MessagingTierName, MessagingTierName | undefined> = {
  TIER_250: 'TIER_2K',
  TIER_1K: 'TIER_10K',
  TIER_2K: 'TIER_10K',
  TIER_10K: 'TIER_100K',
  TIER_100K: 'TIER_UNLIMITED',
  TIER_UNLIMITED: undefined,
};

function isTierName(value: unknown): value is MessagingTierName {
  return typeof value === 'string' && Object.hasOwn(MESSAGING_TIERS, value);
}

/**
 * The unique-user limit of a tier. Throws {@link ConfigError} for anything that is not a tier name, a positive
 * integer or `Infinity`.
 *
 * @example
 * ```ts
 * tierLimit('TIER_1K'); // 1000
 * tierLimit(5000); // 5000
 * ```
 */
export function tierLimit(tier: MessagingTier): number {
  if (isTierName(tier)) return MESSAGING_TIERS[tier];
  if (
    typeof tier === 'number' &&
    (tier === Number.POSITIVE_INFINITY || (Number.isInteger(tier) && tier > 0))
  ) {
    return tier;
  }
  const value: unknown = tier;
  const shown = typeof value === 'string' ? `"${value.slice(0, 40)}"` : typeof value;
  throw new ConfigError(
    `Invalid tier ${shown}: use one of ${Object.keys(MESSAGING_TIERS).join(', ')}, a positive integer limit, or Infinity for unlimited.`,
    { issues: [{ code: 'quota.tier_invalid', path: ['tier'], message: 'unknown messaging tier' }] },
  );
}

/** The name of a tier given by name or by limit (`1000` -> `TIER_1K`); `undefined` for limits no tier has. */
export function tierName(tier: MessagingTier): MessagingTierName | undefined {
  if (isTierName(tier)) return tier;
  const limit = tierLimit(tier);
  return (Object.keys(MESSAGING_TIERS) as MessagingTierName[]).find(
    (name) => MESSAGING_TIERS[name] === limit,
  );
}

/**
 * A phone number's quality rating as Meta reports it (`NA` and `UNKNOWN` both mean "no rating yet").
 * @inline
 */
export type QualityRating = 'GREEN' | 'YELLOW' | 'RED' | 'NA' | 'UNKNOWN';

/**
 * What {@link nextTier} needs to know.
 * @inline
 */
export interface NextTierInput {
  /** The current tier. */
  tier: MessagingTier;
  /** Unique users messaged outside a customer-service window in the last 7 days. */
  usedLast7Days: number;
  /** The current quality rating; `RED` (low) blocks the upgrade. */
  quality: QualityRating;
}

/**
 * The advice of {@link nextTier}.
 * @inline
 */
export interface NextTierAdvice {
  /** The business qualifies for an automatic upgrade now. */
  eligible: boolean;
  /** The tier it would move to; `undefined` at unlimited (or for a limit no tier has). */
  next: MessagingTierName | undefined;
  /** Unique users it must reach in 7 days to qualify: half the current limit. */
  needed: number;
  /** Why, in a sentence. */
  reason: string;
}

/**
 * Advises whether a business should move to the next messaging tier: at least half of the current limit used
 * in the last 7 days and a quality rating that is not `RED`. Meta applies the upgrade itself (within about 6
 * hours); this tells you where you stand, e.g. to pace a campaign so that the next tier unlocks.
 *
 * @example
 * ```ts
 * nextTier({ tier: 'TIER_2K', usedLast7Days: 1200, quality: 'GREEN' });
 * // { eligible: true, next: 'TIER_10K', needed: 1000, reason: '...' }
 * ```
 */
export function nextTier(input: NextTierInput): NextTierAdvice {
  const limit = tierLimit(input.tier);
  const name = tierName(input.tier);
  const next = name ? NEXT[name] : undefined;
  if (!Number.isFinite(limit)) {
    return {
      eligible: false,
      next: undefined,
      needed: 0,
      reason: 'Already unlimited: there is no higher tier.',
    };
  }
  const needed = Math.ceil(limit / 2);
  if (!next) {
    return {
      eligible: false,
      next: undefined,
      needed,
      reason: `A custom limit of ${limit} has no next tier.`,
    };
  }
  if (input.quality === 'RED') {
    return {
      eligible: false,
      next,
      needed,
      reason: 'Quality rating is RED (low): upgrades are blocked until quality improves.',
    };
  }
  if (input.usedLast7Days < needed) {
    return {
      eligible: false,
      next,
      needed,
      reason: `Reach ${needed} unique users in 7 days (half of ${limit}); ${input.usedLast7Days} so far.`,
    };
  }
  const extra = name === 'TIER_250' ? ' (from 250, business verification is the other path to 2,000)' : '';
  return {
    eligible: true,
    next,
    needed,
    reason: `Half of the ${limit} limit used in 7 days with ${input.quality} quality: eligible for ${next}${extra}.`,
  };
}
