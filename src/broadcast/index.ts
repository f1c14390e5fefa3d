/**
 * `waba-kit/broadcast`: campaign sending through any client (concurrency, rate, consent, control group, quota)
 * and campaign statistics.
 *
 * Call it as `broadcast(client, recipients, build, options)`. There is no `client.broadcast()` method: clients
 * would then carry this module even when they never broadcast; as a function it is tree-shaken away.
 * @module
 */
export {
  type BroadcastError,
  type BroadcastOptions,
  type BroadcastProgress,
  type BroadcastRecipient,
  type BroadcastReport,
  type BroadcastUnknownSend,
  broadcast,
  type QuotaPolicy,
} from './broadcast.js';
export {
  type ConsentCheck,
  type ConsentPredicate,
  type ConsentStore,
  createConsentStore,
  type MemoryConsentStore,
} from './consent.js';
export { type ControlGroup, inControlGroup, stableFraction } from './control-group.js';
export {
  type BroadcastLedger,
  type BroadcastLedgerReport,
  createMemoryBroadcastLedger,
  type LedgerClaim,
  type LedgerOutcome,
} from './ledger.js';
export { createRedisBroadcastLedger, type RedisBroadcastLedgerOptions } from './redis-ledger.js';
export { createRedisCampaignStats, type RedisCampaignStatsOptions } from './redis-stats.js';
export {
  type CampaignStats,
  type CampaignStatsSnapshot,
  createCampaignStats,
  type StatsSource,
} from './stats.js';
