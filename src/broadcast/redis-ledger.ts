/**
 * A {@link BroadcastLedger} on Redis: several processes run one campaign at once and split it, and a run after a
 * crash (SIGKILL) knows who was sent. Accepts an `ioredis` or `redis` (node-redis v4+) client. Every step is one
 * Lua script (atomic, one round trip), on Redis's own clock for run leases. Keys, all in one cluster slot per
 * campaign: `<keyPrefix>broadcast:{<campaignId>}:entries` (hash recipient -> entry), `...:counts` (hash kind ->
 * number, kept in the same scripts so a report is O(1)), `...:runs` (sorted set run -> lease expiry). They do
 * not expire: delete them when the campaign is reconciled.
 * @module
 */
import * as redis from '../core/redis.js';
import {
  type BroadcastLedger,
  decodeClaim,
  encodeOutcome,
  type LedgerClaim,
  reportFromCounts,
} from './ledger.js';

/**
 * Options of {@link createRedisBroadcastLedger}.
 * @inline
 */
export interface RedisBroadcastLedgerOptions {
  /** Prefix of every key. Default `'waba-kit:'`. */
  keyPrefix?: string | undefined;
}

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** Moves entry KEYS[1][field] from `old` (or nothing) to `value`, keeping the counts of KEYS[2]. */
const MOVE = `local function move(field, old, value)
  redis.call('HSET', KEYS[1], field, value)
  if old then redis.call('HINCRBY', KEYS[2], string.sub(old, 1, 1), -1) end
  redis.call('HINCRBY', KEYS[2], string.sub(value, 1, 1), 1)
end`;

/**
 * Claim. KEYS: entries, counts, runs. ARGV: recipient, run id, clientRef, retryUnknown (1/0).
 * Returns 'claimed' or the entry that prevents the claim.
 */
const CLAIM = redis.redisScript(`
${NOW}
${MOVE}
local cur = redis.call('HGET', KEYS[1], ARGV[1])
local kind = cur and string.sub(cur, 1, 1)
local mine = 'f|' .. ARGV[2] .. '|' .. ARGV[3]
if not cur or kind == 'n' or kind == 'r' or kind == 'k' then move(ARGV[1], cur, mine) return 'claimed' end
if kind == 'f' then
  local owner, ref = string.match(cur, '^f|([^|]*)|(.*)$')
  local lease = redis.call('ZSCORE', KEYS[3], owner)
  if owner ~= ARGV[2] and lease and tonumber(lease) > now then return cur end
  if ARGV[4] == '1' then move(ARGV[1], cur, mine) return 'claimed' end
  local unknown = 'u|' .. (ref or '')
  move(ARGV[1], cur, unknown)
  return unknown
end
if kind == 'u' and ARGV[4] == '1' then move(ARGV[1], cur, mine) return 'claimed' end
return cur
`);

/** Record. KEYS: entries, counts. ARGV: recipient, entry, mode ('any' | 'soft': only over n, k, r or nothing). */
const RECORD = redis.redisScript(`
${MOVE}
local cur = redis.call('HGET', KEYS[1], ARGV[1])
local kind = cur and string.sub(cur, 1, 1)
if ARGV[3] == 'soft' and cur and kind ~= 'n' and kind ~= 'k' and kind ~= 'r' then return 0 end
move(ARGV[1], cur, ARGV[2])
return 1
`);

/** Register never-attempted recipients. KEYS: entries, counts. ARGV: recipients. */
const REGISTER = redis.redisScript(`
local added = 0
for i = 1, #ARGV do added = added + redis.call('HSETNX', KEYS[1], ARGV[i], 'n') end
if added > 0 then redis.call('HINCRBY', KEYS[2], 'n', added) end
return added
`);

/** Heartbeat. KEYS: runs. ARGV: run id, lease ms. Also forgets runs whose lease ended a day ago. */
const HEARTBEAT = redis.redisScript(`
${NOW}
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - 86400000)
return 1
`);

/** Largest number of recipients registered per script call. */
const REGISTER_BATCH = 1000;

/**
 * Creates a Redis-backed broadcast ledger for `broadcast(..., { ledger, campaignId })`. The client must already be
 * connected. When Redis is unreachable every step rejects with `StoreUnavailableError`: `broadcast()` then stops
 * starting sends and rejects with it (nothing is sent that the ledger has not claimed).
 *
 * @example
 * ```ts
 * import Redis from 'ioredis';
 * import { broadcast, createRedisBroadcastLedger } from 'waba-kit/broadcast';
 *
 * const ledger = createRedisBroadcastLedger(new Redis(process.env.REDIS_URL), { keyPrefix: 'shop:' });
 * // Run this in as many workers as you like, and again after a crash: nobody is messaged twice.
 * await broadcast(client, customers, build, { consent, ledger, campaignId: 'spring-2026' });
 * console.log(await ledger.report('spring-2026'));
 * ```
 */
export function createRedisBroadcastLedger(
  client: unknown,
  options: RedisBroadcastLedgerOptions = {},
): BroadcastLedger {
  const run = redis.redisRunner(client, 'createRedisBroadcastLedger', 'broadcast');
  const prefix = redis.redisKeyPrefix(options.keyPrefix, 'broadcast');
  const keys = (campaignId: string) => {
    const base = `${prefix}broadcast:{${campaignId}}:`;
    return { entries: `${base}entries`, counts: `${base}counts`, runs: `${base}runs` };
  };
  const store = 'broadcast ledger';
  const notSent = 'nothing was sent to this recipient.';
  const notRecorded = 'the outcome is not recorded; a later run reports the recipient as unknown.';
  return {
    async claim(campaignId, recipient, request): Promise<LedgerClaim> {
      const k = keys(campaignId);
      const reply = await redis.failClosed(store, notSent, () =>
        redis.evalScript(
          run,
          CLAIM,
          [k.entries, k.counts, k.runs],
          [recipient, request.runId, request.clientRef, request.retryUnknown ? '1' : '0'],
        ),
      );
      const entry = String(reply);
      return entry === 'claimed' ? { status: 'claimed' } : decodeClaim(entry);
    },
    async record(campaignId, recipient, outcome) {
      const k = keys(campaignId);
      const { value, mode } = encodeOutcome(outcome);
      await redis.failClosed(store, notRecorded, () =>
        redis.evalScript(run, RECORD, [k.entries, k.counts], [recipient, value, mode]),
      );
    },
    async registerUnsent(campaignId, recipients) {
      const k = keys(campaignId);
      for (let i = 0; i < recipients.length; i += REGISTER_BATCH) {
        const batch = recipients.slice(i, i + REGISTER_BATCH);
        await redis.failClosed(store, 'the unsent recipients are not recorded.', () =>
          redis.evalScript(run, REGISTER, [k.entries, k.counts], batch),
        );
      }
    },
    async heartbeat(campaignId, runId, leaseMs) {
      await redis.failClosed(store, 'the run could not renew its lease.', () =>
        redis.evalScript(run, HEARTBEAT, [keys(campaignId).runs], [runId, String(Math.ceil(leaseMs))]),
      );
    },
    async endRun(campaignId, runId) {
      await redis.failClosed(store, 'the run could not mark itself finished.', () =>
        run(['ZREM', keys(campaignId).runs, runId]),
      );
    },
    async report(campaignId) {
      const reply = (await redis.failClosed(store, 'no report could be read.', () =>
        run(['HGETALL', keys(campaignId).counts]),
      )) as unknown;
      const counts: Record<string, number> = {};
      if (Array.isArray(reply)) {
        for (let i = 0; i + 1 < reply.length; i += 2)
          counts[String(reply[i])] = redis.redisNumber(reply[i + 1]) ?? 0;
      } else if (reply && typeof reply === 'object') {
        for (const [kind, n] of Object.entries(reply)) counts[kind] = redis.redisNumber(n) ?? 0;
      }
      return reportFromCounts(campaignId, counts);
    },
  };
}
