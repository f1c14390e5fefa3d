/**
 * The Lua scripts of the Redis quota store. Each decision is one script, so it is atomic on the server and costs
 * one round trip. Times are epoch milliseconds passed as strings (exact up to 2^53); the caller computes the
 * cutoff so Lua never formats a large number.
 * @module
 */

/**
 * Quota decision. KEYS[1]: the budget's sorted set (member = recipient, score = when counted); KEYS[2]: the
 * scope's stored limit (set by `setLimit`; when present it replaces ARGV's).
 * ARGV: recipient, now, cutoff (= now - window; scores <= cutoff have left the window), limit (-1 = unlimited),
 * window in ms (the key's time to live after a count).
 * Returns { allowed (0/1), counted (0/1), used, oldest score or false, stored limit or false }.
 */
export const ACQUIRE_SCRIPT = `
local key = KEYS[1]
local stored = redis.call('GET', KEYS[2])
local limit = tonumber(stored or ARGV[4])
redis.call('ZREMRANGEBYSCORE', key, '-inf', ARGV[3])
local used = redis.call('ZCARD', key)
local function oldest()
  local o = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  if o[2] then return o[2] end
  return false
end
if redis.call('ZSCORE', key, ARGV[1]) then
  return {1, 0, used, oldest(), stored}
end
if limit >= 0 and used >= limit then
  return {0, 0, used, oldest(), stored}
end
redis.call('ZADD', key, ARGV[2], ARGV[1])
redis.call('PEXPIRE', key, ARGV[5])
return {1, 1, used + 1, oldest(), stored}
`;

/** Usage. KEYS[1]: the budget's sorted set. ARGV: cutoff. Returns { used, oldest score or false }. */
export const USAGE_SCRIPT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
local o = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {redis.call('ZCARD', KEYS[1]), o[2] or false}
`;

/**
 * Opens or extends a window. KEYS[1]: the window's string key (value = expiry). ARGV: expiry, time to live in ms.
 * A later expiry already stored wins. Returns the resulting expiry as a string.
 */
export const OPEN_WINDOW_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if current and tonumber(current) >= tonumber(ARGV[1]) then
  return current
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return ARGV[1]
`;
