/**
 * `waba-kit/quota`: messaging tiers, the quota tracker, the conversation-window tracker, throughput limiters
 * and their stores (memory, Redis).
 *
 * This file is the entry's public export list, recorded in `api/quota.api.md` (`npm run api:report`).
 * @module waba-kit/quota
 */
export {
  type ConversationWindowTracker,
  createConversationWindowTracker,
  createQuotaTracker,
  createRecipientPacer,
  createRedisQuotaStore,
  createRedisRateLimiter,
  createRedisRecipientPacer,
  createTokenBucket,
  MESSAGING_TIERS,
  MemoryQuotaStore,
  nextTier,
  type QuotaDecision,
  type QuotaStore,
  type QuotaTracker,
  type RecipientPacer,
  type TokenBucket,
  tierLimit,
} from '../quota/index.js';
