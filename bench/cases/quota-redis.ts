import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { BEFORE_NOTE, keepsFigure } from '../lib/before.js';
import { beforeIssue16, dist } from '../lib/dist.js';
import { inTurns, interleavedRounds } from '../lib/measure.js';
import { fmt, median, ratio } from '../lib/stats.js';
import type { BenchContext, BenchResult } from '../lib/types.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts a throw-away `redis-server` (no persistence) on a free 127.0.0.1 port. */
async function startRedis(): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('error', (error) =>
      reject(new Error(`redis-server could not start (${error.message}); run scripts/ensure-redis.sh first`)),
    );
    const deadline = Date.now() + 5000;
    const probe = async () => {
      const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0 });
      client.on('error', () => {});
      try {
        await client.connect();
        await client.ping();
        client.disconnect();
        resolve();
      } catch {
        client.disconnect();
        if (Date.now() > deadline) reject(new Error('redis-server did not answer within 5 s'));
        else setTimeout(probe, 50);
      }
    };
    setTimeout(probe, 50);
  });
  return { port, child };
}

/** Quota decisions through the Redis store against one `SET NX` round trip with the same client. */
export async function quotaRedisBench(ctx: BenchContext): Promise<BenchResult> {
  const { createQuotaTracker, createRedisQuotaStore } = await dist('quota');
  const before = await beforeIssue16('quota');
  const { port, child } = await startRedis();
  const redis = new Redis({ port, host: '127.0.0.1' });
  try {
    const tracker = createQuotaTracker({
      tier: 1_000_000,
      store: createRedisQuotaStore(redis),
      scope: 'bench',
    });
    // The same client and server, its own scope: both trackers keep 10 000 recipients in their window.
    const trackerBefore = before.createQuotaTracker({
      tier: 1_000_000,
      store: before.createRedisQuotaStore(redis),
      scope: 'bench-before',
    });
    const phones = Array.from({ length: 10_000 }, (_, i) => `+4477${String(10_000_000 + i)}`);
    let i = 0;
    let h = 0;
    let j = 0;
    for (const t of [tracker, trackerBefore]) {
      const first = await t.acquire(phones[0]!);
      if (!first.allowed || !first.counted)
        throw new Error('the Redis store did not count the first recipient');
    }
    const rounds = await interleavedRounds(inTurns(ctx), {
      ours: () => tracker.acquire(phones[i++ % phones.length]!),
      before: () => trackerBefore.acquire(phones[h++ % phones.length]!),
      limit: () => redis.set(`bench:nx:${j++ % phones.length}`, '1', 'NX'),
    });
    const ops = Object.fromEntries(Object.entries(rounds).map(([k, v]) => [k, median(v)]));
    const r = ops.ours! / ops.limit!;
    return {
      id: 'quota-redis',
      title: 'Quota decision, Redis on 127.0.0.1',
      unit: 'decisions/s',
      higherIsBetter: true,
      runs: inTurns(ctx).rounds,
      figures: [
        {
          label: '`tracker.acquire(recipient)` on the Redis store, ioredis client (waba-kit)',
          role: 'ours',
          value: ops.ours!,
        },
        {
          label: '`tracker.acquire(recipient)` on the Redis store, waba-kit before issue 16',
          role: 'before',
          value: ops.before!,
        },
        {
          label: 'one `SET key 1 NX` round trip with the same ioredis client (the limit)',
          role: 'limit',
          value: ops.limit!,
        },
      ],
      goals: [
        { goal: '>= 0.7x the limit', measured: ratio(ops.ours!, ops.limit!), met: r >= 0.7 },
        keepsFigure(rounds.ours!, rounds.before!),
      ],
      notes: [
        BEFORE_NOTE,
        `A decision costs ${fmt(1e6 / ops.ours! - 1e6 / ops.limit!)} µs more than the bare round trip in this run (the code of before issue 16: ${fmt(1e6 / ops.before! - 1e6 / ops.limit!)} µs): the Lua script's work on the server and the client's reading of its answer. The round trip itself was ${fmt(1e6 / ops.limit!)} µs here, and the ratio to it moves with the machine's load for both versions alike, which is why it is read against the code of before, not against a figure of another day. The only change on this path since before issue 16 is in the script: it reads the scope's stored limit (\`tracker.setLimit\`, second turn), one \`GET\` of one more key on the server. Issue 16 changed nothing here.`,
        'A `redis-server` started by the benchmark on a free 127.0.0.1 port (no persistence), one decision at a time, so each figure is one round trip plus the server work. Our decision is one `EVALSHA` of a Lua script (ZREMRANGEBYSCORE, ZCARD, ZSCORE, ZADD/PEXPIRE, ZRANGE) on a sorted set, atomic on the server.',
      ],
    };
  } finally {
    redis.disconnect();
    child.kill('SIGTERM');
  }
}
