/**
 * `waba-kit/broadcast`: campaign sending through any client (concurrency, rate, consent, control group, quota)
 * and campaign statistics.
 *
 * Call it as `broadcast(client, recipients, build, options)`. There is no `client.broadcast()` method: clients
 * would then carry this module even when they never broadcast; as a function it is tree-shaken away.
 *
 * This file is the entry's public export list, recorded in `api/broadcast.api.md` (`npm run api:report`).
 * @module waba-kit/broadcast
 */
export {
  type BroadcastLedger,
  type BroadcastOptions,
  type BroadcastRecipient,
  type BroadcastReport,
  broadcast,
  type CampaignStats,
  type ConsentStore,
  createCampaignStats,
  createConsentStore,
  createMemoryBroadcastLedger,
  createRedisBroadcastLedger,
  createRedisCampaignStats,
} from '../broadcast/index.js';
