/**
 * `waba-kit/quota`: messaging tiers, the quota tracker, the conversation-window tracker, throughput limiters
 * and their stores (memory, Redis).
 * @module
 */
export type { EventSink, QuotaEventMap, QuotaEvents } from './events.js';
export {
  createRecipientPacer,
  createTokenBucket,
  DEFAULT_MESSAGES_PER_SECOND,
  DEFAULT_PAIR_INTERVAL_MS,
  gcra,
  type RecipientPacer,
  type RecipientPacerOptions,
  type TokenBucket,
  type TokenBucketOptions,
} from './rate-limit.js';
export { recipientKey } from './recipient.js';
export {
  createRedisRateLimiter,
  createRedisRecipientPacer,
  type RedisRateLimiterOptions,
  type RedisRecipientPacerOptions,
} from './redis-limiters.js';
export type { QuotaStore, StoreAcquireRequest, StoreDecision, StoreUsage } from './store.js';
export { MemoryQuotaStore } from './stores/memory.js';
export {
  createRedisQuotaStore,
  type IoRedisLike,
  type NodeRedisLike,
  type RedisQuotaStoreOptions,
} from './stores/redis.js';
export {
  MESSAGING_TIERS,
  type MessagingTier,
  type MessagingTierName,
  type NextTierAdvice,
  type NextTierInput,
  nextTier,
  type QualityRating,
  tierLimit,
  tierName,
} from './tiers.js';
export { type Clock, DAY_MS } from './time.js';
export {
  type AcquireOptions,
  createQuotaTracker,
  QUOTA_WARNING_THRESHOLDS,
  type QuotaDecision,
  type QuotaTracker,
  type QuotaTrackerOptions,
  type QuotaUsage,
} from './tracker.js';
export {
  type ConversationWindowTracker,
  type ConversationWindowTrackerOptions,
  createConversationWindowTracker,
  FREE_ENTRY_POINT_WINDOW_MS,
  type RecordInboundOptions,
  SERVICE_WINDOW_MS,
} from './window.js';
