/**
 * A Cloud API phone number's health as Meta reports it, read tolerantly: the `GET /{phone-number-id}?fields=...`
 * answer (`getPhoneNumberHealth()`), and the messaging-limit changes Meta announces in webhooks (applied to the
 * client's `quota` tracker). Pure: no I/O.
 *
 * Sources:
 * - phone number node and its fields (`quality_rating` GREEN | YELLOW | RED | NA, `name_status`,
 *   `code_verification_status`, `status`, `throughput.level`):
 *   https://developers.facebook.com/documentation/business-messaging/whatsapp/reference/whatsapp-business-phone-number/whatsapp-business-account-phone-number-api
 * - messaging limits (`messaging_limit_tier` deprecated, `whatsapp_business_manager_messaging_limit` instead,
 *   e.g. `"TIER_2K"`; portfolio limits 250 -> 2,000 -> 10,000 -> 100,000 -> unlimited):
 *   https://developers.facebook.com/documentation/business-messaging/whatsapp/messaging-limits
 * - throughput (80 messages/s by default, up to 1,000 once upgraded; `throughput.level` `STANDARD` / `HIGH`):
 *   https://developers.facebook.com/documentation/business-messaging/whatsapp/throughput
 * - `phone_number_quality_update` (`event`, `current_limit` until Feb 2026, `max_daily_conversations_per_business`,
 *   tiers `TIER_50` ... `TIER_UNLIMITED`, `TIER_NOT_SET`):
 *   https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/phone_number_quality_update
 * - `business_capability_update` (`max_daily_conversations_per_business` a tier name, `max_daily_conversation_per_phone`
 *   an integer, `-1` unlimited):
 *   https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/business_capability_update/
 *
 * Tolerance, where the documents and BSP forwards disagree: a limit may be a tier name (`TIER_2K`), a number
 * (`2000`, `-1` for unlimited), a numeric string (`"2000"`) or `Unlimited`; `TIER_NOT_SET` and `0` mean "not used
 * yet" (no limit to apply). Unknown quality ratings read as `UNKNOWN`; other fields are kept as given.
 * @module
 */
import { isRecord } from '../../core/record.js';
import type { WebhookEvent } from '../../core/webhook-event.js';
import type { QualityRating } from '../../quota/tiers.js';

/**
 * A phone number's health: what `getPhoneNumberHealth()` resolves with. Plain data; `raw` is Meta's answer.
 *
 * @example
 * ```ts
 * const health = await client.getPhoneNumberHealth();
 * if (health.messagingLimit !== undefined) await quota.setLimit(health.messagingLimit);
 * if (health.qualityRating === 'RED') console.warn('quality is low: slow the campaign down');
 * ```
 */
export interface PhoneNumberHealth {
  /** The phone number id (`id`). */
  phoneNumberId: string;
  /** The number as WhatsApp shows it (`display_phone_number`). */
  displayPhoneNumber?: string | undefined;
  /** The approved display name (`verified_name`). */
  verifiedName?: string | undefined;
  /** `GREEN` (high), `YELLOW` (medium), `RED` (low), `NA` / `UNKNOWN` (not rated yet). */
  qualityRating: QualityRating;
  /** The number's status as given, e.g. `CONNECTED`, `FLAGGED`, `RESTRICTED`, `PENDING`, `BANNED`. */
  status?: string | undefined;
  /** Display-name review status as given, e.g. `APPROVED`, `PENDING_REVIEW`, `DECLINED`. */
  nameStatus?: string | undefined;
  /** Two-step verification status as given, e.g. `VERIFIED`, `NOT_VERIFIED`, `EXPIRED`. */
  codeVerificationStatus?: string | undefined;
  /** The messaging limit as Meta names it (`TIER_250`, `TIER_2K`, ..., `TIER_UNLIMITED`, `TIER_NOT_SET`). */
  messagingLimitTier?: string | undefined;
  /**
   * Unique users reachable outside a customer-service window in a moving 24 h (`Infinity` for unlimited), ready
   * for `tracker.setLimit()`; `undefined` when Meta sets none yet (`TIER_NOT_SET`) or the answer had none.
   */
  messagingLimit?: number | undefined;
  /** The throughput level as given (`STANDARD`, `HIGH`). */
  throughputLevel?: string | undefined;
  /** Messages per second of that level: 80 for `STANDARD`, 1 000 for `HIGH`; `undefined` for other levels. */
  messagesPerSecond?: number | undefined;
  /** Meta's answer. */
  raw: unknown;
}

/** The first Graph version in which the phone number has `whatsapp_business_manager_messaging_limit`. */
const PORTFOLIO_LIMIT_SINCE = 24;

/**
 * The `fields` query of `GET /{phone-number-id}` for `apiVersion`: the health fields, and the messaging-limit
 * field the version has (`whatsapp_business_manager_messaging_limit` from v24.0, the deprecated
 * `messaging_limit_tier` before; Graph refuses a field a version does not know with error 100).
 */
export function phoneNumberHealthFields(apiVersion: string): string {
  const major = Number(/^v(\d+)/.exec(apiVersion)?.[1] ?? 0);
  const limitField =
    major >= PORTFOLIO_LIMIT_SINCE ? 'whatsapp_business_manager_messaging_limit' : 'messaging_limit_tier';
  return [
    'id',
    'display_phone_number',
    'verified_name',
    'quality_rating',
    'status',
    'name_status',
    'code_verification_status',
    'throughput',
    limitField,
  ].join(',');
}

const QUALITY: ReadonlySet<string> = new Set(['GREEN', 'YELLOW', 'RED', 'NA', 'UNKNOWN']);
const THROUGHPUT: Readonly<Record<string, number>> = { STANDARD: 80, HIGH: 1_000 };

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

/**
 * The unique-user limit a Meta messaging-limit value names: `TIER_250` -> 250, `TIER_2K` -> 2000,
 * `TIER_UNLIMITED` / `-1` / `Unlimited` -> `Infinity`, a positive integer (or its string) as is; `undefined` for
 * `TIER_NOT_SET`, `0` and anything unreadable. Consistent with `MESSAGING_TIERS` of `waba-kit/quota` (`TIER_1K` is
 * 1000) and with tiers it does not list (`TIER_50`).
 */
export function messagingLimitOf(value: unknown): number | undefined {
  if (typeof value === 'number') {
    if (value === -1 || value === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
    return Number.isSafeInteger(value) && value > 0 ? value : undefined;
  }
  // One level only: `{ tier }` or `{ limit }` (deeper nesting is not a limit, and must not cost a stack frame each).
  if (isRecord(value)) {
    const inner = value.tier ?? value.limit;
    return isRecord(inner) ? undefined : messagingLimitOf(inner);
  }
  if (typeof value !== 'string') return undefined;
  const name = value.trim().toUpperCase();
  if (name === 'TIER_UNLIMITED' || name === 'UNLIMITED') return Number.POSITIVE_INFINITY;
  if (/^-?\d{1,15}$/.test(name)) return messagingLimitOf(Number(name));
  const tier = /^TIER_(\d{1,9})(K?)$/.exec(name);
  if (!tier) return undefined;
  const limit = Number(tier[1]) * (tier[2] === 'K' ? 1_000 : 1);
  return limit > 0 ? limit : undefined;
}

/** The tier name a messaging-limit value carries, when it is one (`TIER_2K`); numbers have none. */
function tierNameOf(value: unknown): string | undefined {
  const name = isRecord(value) ? value.tier : value;
  return typeof name === 'string' && /^TIER_/i.test(name.trim()) ? name.trim().toUpperCase() : undefined;
}

/** Reads a `GET /{phone-number-id}` answer into a {@link PhoneNumberHealth}. Never throws. */
export function parsePhoneNumberHealth(body: unknown, phoneNumberId: string): PhoneNumberHealth {
  const b = isRecord(body) ? body : {};
  const limitValue = b.whatsapp_business_manager_messaging_limit ?? b.messaging_limit_tier;
  const quality = text(b.quality_rating)?.toUpperCase();
  const throughput = isRecord(b.throughput) ? text(b.throughput.level) : text(b.throughput);
  const level = throughput?.toUpperCase();
  return {
    phoneNumberId: text(b.id) ?? phoneNumberId,
    displayPhoneNumber: text(b.display_phone_number),
    verifiedName: text(b.verified_name),
    qualityRating: quality && QUALITY.has(quality) ? (quality as QualityRating) : 'UNKNOWN',
    status: text(b.status),
    nameStatus: text(b.name_status),
    codeVerificationStatus: text(b.code_verification_status),
    messagingLimitTier: tierNameOf(limitValue),
    messagingLimit: messagingLimitOf(limitValue),
    throughputLevel: level,
    messagesPerSecond: level === undefined ? undefined : THROUGHPUT[level],
    raw: body,
  };
}

/**
 * A messaging-limit change read from a webhook event.
 * @inline
 */
export interface MessagingLimitUpdate {
  /** The new limit (`Infinity` for unlimited). */
  limit: number;
  /** The webhook field it came from (`phone_number_quality_update`, `business_capability_update`, ...). */
  field: string;
  /** Meta's `event` (`UPGRADE`, `DOWNGRADE`, `ONBOARDING`, ...), when the field has one. */
  event?: string | undefined;
}

/** Webhook fields that can announce a messaging limit. */
const LIMIT_FIELDS: ReadonlySet<string> = new Set([
  'phone_number_quality_update',
  'business_capability_update',
  'account_update',
]);

/**
 * The messaging limit a Meta account webhook announces, or `undefined`:
 * - `phone_number_quality_update`: `max_daily_conversations_per_business`, else `current_limit` (its `UPGRADE`,
 *   `DOWNGRADE` after a quality drop, `ONBOARDING`); a `THROUGHPUT_UPGRADE` names the throughput level, not a
 *   messaging limit (it needs an unlimited portfolio already), so it announces none;
 * - `business_capability_update`: `max_daily_conversations_per_business` (v24.0+), else
 *   `max_daily_conversation_per_phone` (`-1` unlimited);
 * - `account_update`: the same fields when a forward carries them (Meta's reference puts limits in the two above).
 */
export function messagingLimitUpdate(event: WebhookEvent): MessagingLimitUpdate | undefined {
  if (event.kind !== 'account' || !LIMIT_FIELDS.has(event.event) || !isRecord(event.detail)) return undefined;
  const value = event.detail;
  const metaEvent = text(value.event);
  if (metaEvent?.toUpperCase() === 'THROUGHPUT_UPGRADE') return undefined;
  const limit =
    messagingLimitOf(value.max_daily_conversations_per_business) ??
    messagingLimitOf(value.current_limit) ??
    messagingLimitOf(value.max_daily_conversation_per_phone);
  if (limit === undefined) return undefined;
  return { limit, field: event.event, ...(metaEvent ? { event: metaEvent } : {}) };
}
