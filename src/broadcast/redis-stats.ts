/**
 * {@link CampaignStats} on Redis: every instance receiving a campaign's webhooks folds them into one set of
 * counters, each message's transitions counted once even when a status arrives twice, out of order (read before
 * delivered) or at another instance. Accepts an `ioredis` or `redis` (node-redis v4+) client. Each update is one
 * Lua script (atomic, one round trip). Keys, in one cluster slot per campaign:
 * `<keyPrefix>stats:{<campaignId>}:counts` (hash counter -> number; `billable:<category>` per category),
 * `...:messages` (hash message id -> rank 1 sent, 2 delivered, 3 read, -1 failed), `...:billed` (set of message
 * ids counted as billable), `...:recipients` (set of recipient keys), `...:replies` (set of inbound message ids
 * counted as replies). They do not expire: delete them when the campaign is reported.
 * @module
 */
import { identitiesOf } from '../core/identity.js';
import * as redis from '../core/redis.js';
import {
  attachStats,
  type CampaignStats,
  type CampaignStatsSnapshot,
  emptySnapshot,
  isBillable,
  trackingKey,
} from './stats.js';

/**
 * Options of {@link createRedisCampaignStats}.
 * @inline
 */
export interface RedisCampaignStatsOptions {
  /** The campaign's id: every stats object given the same id (and prefix) shares the counters. */
  campaignId: string;
  /** Prefix of every key. Default `'waba-kit:'`. */
  keyPrefix?: string | undefined;
  /**
   * Called when an update made through `attach()` fails (Redis unreachable): that update is not counted. To
   * never lose one, `await stats.record(event)` in the webhook handler instead, so the provider redelivers.
   */
  onError?: ((error: unknown) => void) | undefined;
}

/** A send. KEYS: counts, messages, recipients. ARGV: message id, recipient key ('' when none). */
const SENT = redis.redisScript(`
redis.call('HINCRBY', KEYS[1], 'sent', 1)
local cur = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
if cur < 1 then redis.call('HSET', KEYS[2], ARGV[1], 1) end
if ARGV[2] ~= '' then redis.call('SADD', KEYS[3], ARGV[2]) end
return 1
`);

/**
 * A status. KEYS: counts, messages, billed. ARGV: message id, status, billable (1/0), category.
 * Mirrors the memory stats: unknown messages are not ours; billable once per message; nothing after failed.
 */
const STATUS = redis.redisScript(`
local raw = redis.call('HGET', KEYS[2], ARGV[1])
if not raw then return 0 end
local rank = tonumber(raw)
if ARGV[3] == '1' and redis.call('SADD', KEYS[3], ARGV[1]) == 1 then
  redis.call('HINCRBY', KEYS[1], 'billable:' .. ARGV[4], 1)
end
if rank < 0 then return 0 end
if ARGV[2] == 'failed' then
  redis.call('HSET', KEYS[2], ARGV[1], -1)
  redis.call('HINCRBY', KEYS[1], 'errors', 1)
  return 1
end
local nxt = rank
if ARGV[2] == 'read' then nxt = 3 elseif ARGV[2] == 'delivered' then nxt = 2 end
if rank < 2 and nxt >= 2 then redis.call('HINCRBY', KEYS[1], 'delivered', 1) end
if rank < 3 and nxt >= 3 then redis.call('HINCRBY', KEYS[1], 'viewed', 1) end
if nxt > rank then redis.call('HSET', KEYS[2], ARGV[1], nxt) end
return 1
`);

/**
 * An inbound message. KEYS: counts, messages, recipients, replies. ARGV: inbound id, replied-to id ('' when none),
 * then the sender's recipient keys. Counted once per inbound id, when it replies to a campaign message or comes
 * from a campaign recipient.
 */
const REPLY = redis.redisScript(`
local ours = ARGV[2] ~= '' and redis.call('HEXISTS', KEYS[2], ARGV[2]) == 1
for i = 3, #ARGV do
  if not ours and redis.call('SISMEMBER', KEYS[3], ARGV[i]) == 1 then ours = true end
end
if not ours then return 0 end
if redis.call('SADD', KEYS[4], ARGV[1]) == 0 then return 0 end
redis.call('HINCRBY', KEYS[1], 'replied', 1)
return 1
`);

const COUNTERS = ['sent', 'delivered', 'viewed', 'replied', 'errors', 'controlGroup'] as const;

/** The counters hash (a flat [field, value, ...] reply or an object) as a snapshot. */
function snapshotOf(reply: unknown): CampaignStatsSnapshot {
  const entries: [string, unknown][] = Array.isArray(reply)
    ? Array.from({ length: Math.floor(reply.length / 2) }, (_, i) => [String(reply[2 * i]), reply[2 * i + 1]])
    : Object.entries((reply ?? {}) as Record<string, unknown>);
  const snapshot = emptySnapshot();
  const billable = new Map<string, number>();
  for (const [field, value] of entries) {
    const n = redis.redisNumber(value) ?? 0;
    if (field.startsWith('billable:')) billable.set(field.slice('billable:'.length), n);
    else if ((COUNTERS as readonly string[]).includes(field))
      snapshot[field as (typeof COUNTERS)[number]] = n;
  }
  snapshot.billable = Object.fromEntries(billable);
  return snapshot;
}

/**
 * Campaign statistics shared on Redis by every process of a campaign: the broadcast workers record sends and the
 * webhook instances record statuses and replies, and any of them reads one `snapshot()`. The same interface as
 * {@link createCampaignStats}; every member returns a promise (await it). When Redis is unreachable the calls
 * reject with `StoreUnavailableError`.
 *
 * @example
 * ```ts
 * import Redis from 'ioredis';
 * import { createRedisCampaignStats } from 'waba-kit/broadcast';
 *
 * const stats = createRedisCampaignStats(new Redis(process.env.REDIS_URL), { campaignId: 'spring-sale' });
 * stats.attach(client); // on every webhook instance
 * await broadcast(client, recipients, build, { consent, stats });
 * await stats.snapshot(); // { sent, delivered, viewed, replied, errors, controlGroup, billable }
 * ```
 */
export function createRedisCampaignStats(client: unknown, options: RedisCampaignStatsOptions): CampaignStats {
  const run = redis.redisRunner(client, 'createRedisCampaignStats', 'broadcast');
  const prefix = redis.redisKeyPrefix(options?.keyPrefix, 'broadcast');
  const campaignId = options?.campaignId;
  if (typeof campaignId !== 'string' || campaignId === '') {
    throw new TypeError(
      'createRedisCampaignStats needs campaignId: the same non-empty string in every process of the campaign.',
    );
  }
  const base = `${prefix}stats:{${campaignId}}:`;
  const k = {
    counts: `${base}counts`,
    messages: `${base}messages`,
    billed: `${base}billed`,
    recipients: `${base}recipients`,
    replies: `${base}replies`,
  };
  const store = 'Redis campaign stats';
  const lost = 'this update was not counted.';
  const call = (args: string[]) => redis.failClosed(store, lost, () => run(args));
  const script = (s: redis.RedisScript, keys: string[], args: string[]) =>
    redis.failClosed(store, lost, () => redis.evalScript(run, s, keys, args));

  const stats: CampaignStats = {
    async recordSent(result) {
      await script(
        SENT,
        [k.counts, k.messages, k.recipients],
        [result.messageId, trackingKey(result.to) ?? ''],
      );
    },
    async recordError() {
      await call(['HINCRBY', k.counts, 'errors', '1']);
    },
    async recordControlGroup() {
      await call(['HINCRBY', k.counts, 'controlGroup', '1']);
    },
    async record(event) {
      if (event.kind === 'status') {
        const billable = isBillable(event.pricing) ? '1' : '0';
        const category = event.pricing?.category ?? 'unknown';
        await script(
          STATUS,
          [k.counts, k.messages, k.billed],
          [event.messageId, event.status, billable, category],
        );
      } else if (event.kind === 'message') {
        const senders = identitiesOf(event).flatMap((id) => trackingKey(id) ?? []);
        await script(
          REPLY,
          [k.counts, k.messages, k.recipients, k.replies],
          [event.id, event.context?.messageId ?? '', ...new Set(senders)],
        );
      }
    },
    attach(source) {
      return attachStats(stats, source, options.onError);
    },
    async snapshot() {
      return snapshotOf(await call(['HGETALL', k.counts]));
    },
  };
  return stats;
}
