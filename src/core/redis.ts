/**
 * The one Redis adapter behind every shared store (quota, webhook dedupe, rate limiters, broadcast ledger,
 * campaign stats). It accepts an `ioredis` client (or cluster) or a `redis` (node-redis v4+) client, told apart
 * by shape; neither is imported, both are optional peer dependencies. Every decision is one Lua script run with
 * `EVALSHA`, falling back to `EVAL` once when the server does not know the script yet: atomic, one round trip.
 * No Node API is used (script digests come from `crypto.subtle`), so it runs wherever the client does.
 * @module
 */
import { ConfigError, StoreUnavailableError } from './errors.js';
import { toHex } from './hex.js';

/** The part of an `ioredis` client the Redis stores use. */
export interface IoRedisLike {
  /** Sends a raw command (`client.call('EVAL', ...)`). */
  call(command: string, ...args: (string | number)[]): Promise<unknown>;
  /** Runs a cached script by its SHA-1; its presence tells an ioredis client apart. */
  evalsha(...args: unknown[]): unknown;
}

/** The part of a `redis` (node-redis v4+) client the Redis stores use. */
export interface NodeRedisLike {
  /** Sends a raw command as an argument array (`client.sendCommand(['EVALSHA', ...])`). */
  sendCommand(args: string[]): Promise<unknown>;
}

/** Runs one raw command on whichever client was given. */
export type RedisRunner = (args: string[]) => Promise<unknown>;

/** A Lua script and its SHA-1, computed once on first use. */
export interface RedisScript {
  readonly source: string;
  sha: Promise<string> | undefined;
}

/**
 * The runner for `client`. Throws {@link ConfigError} (code `<area>.redis_client_invalid`) naming `factory` when
 * the client is neither library's.
 */
export function redisRunner(client: unknown, factory: string, area: string): RedisRunner {
  const c = client as Partial<IoRedisLike & NodeRedisLike> | null;
  if (c && typeof c.call === 'function' && typeof c.evalsha === 'function') {
    const io = c as IoRedisLike;
    return ([command, ...args]) => io.call(command as string, ...args);
  }
  if (c && typeof c.sendCommand === 'function') {
    const nr = c as NodeRedisLike;
    return (args) => nr.sendCommand(args);
  }
  throw new ConfigError(
    `${factory} needs a connected ioredis client (new Redis(url)) or a node-redis v4+ client (createClient({ url }) after connect()).`,
    {
      issues: [
        {
          code: `${area}.redis_client_invalid`,
          path: ['client'],
          message: 'expected an ioredis or node-redis client',
        },
      ],
    },
  );
}

/** Checks a `keyPrefix` option; returns it or the default `'waba-kit:'`. */
export function redisKeyPrefix(prefix: unknown, area: string): string {
  const value = prefix ?? 'waba-kit:';
  if (typeof value !== 'string') {
    throw new ConfigError('Invalid keyPrefix: expected a string such as "waba-kit:".', {
      issues: [{ code: `${area}.key_prefix_invalid`, path: ['keyPrefix'], message: 'expected a string' }],
    });
  }
  return value;
}

/** Declares a script (its digest is computed on first use). */
export function redisScript(source: string): RedisScript {
  return { source, sha: undefined };
}

async function sha1(source: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(source));
  return toHex(new Uint8Array(digest));
}

/** Runs `script` with `EVALSHA`, loading it with `EVAL` when the server answers `NOSCRIPT`. */
export async function evalScript(
  run: RedisRunner,
  script: RedisScript,
  keys: readonly string[],
  args: readonly string[],
): Promise<unknown> {
  try {
    script.sha ??= sha1(script.source);
    return await run(['EVALSHA', await script.sha, String(keys.length), ...keys, ...args]);
  } catch (error) {
    if (!String((error as Error)?.message ?? error).includes('NOSCRIPT')) throw error;
    return run(['EVAL', script.source, String(keys.length), ...keys, ...args]);
  }
}

/** A Redis reply as a finite number, or `undefined` (nil, false, not a number). */
export function redisNumber(value: unknown): number | undefined {
  if (value === null || value === undefined || value === false) return undefined;
  const n = typeof value === 'number' ? value : Number(String(value));
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Runs one Redis call of a shared store, failing closed: any failure (unreachable, timed out, refused) becomes a
 * {@link StoreUnavailableError} whose message names the store, the cause and what was therefore not done.
 */
export async function failClosed<T>(store: string, consequence: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const reason = String((error as Error)?.message ?? error).slice(0, 200);
    throw new StoreUnavailableError(`The ${store} could not reach Redis (${reason}); ${consequence}`, {
      cause: error,
    });
  }
}
