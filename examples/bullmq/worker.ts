/**
 * A worker of the BullMQ recipe: sends the campaign jobs `producer.ts` queued, through one throughput limit shared
 * by every worker (Redis) and the broadcast ledger (Redis), so no recipient is messaged twice even when a worker
 * is killed mid-job. Run as many as you like:
 *
 *   REDIS_URL=redis://127.0.0.1:6379 WABA_CONFIG='{"provider":"meta","accessToken":"...","phoneNumberId":"..."}' \
 *     npx tsx examples/bullmq/worker.ts
 *
 * Offline, point WABA_CONFIG at the sandbox (`npx waba sandbox` prints a config). Environment: QUEUE
 * (default `whatsapp-sends`), CONCURRENCY (8), RATE (messages per second for the number, all workers together: 80),
 * LEASE_MS (15 000), LOCK_MS (BullMQ's lock, 30 000), KEY_PREFIX (waba-kit's Redis keys, `waba-kit:`).
 */
import { hostname } from 'node:os';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { type ClientConfig, createClient } from 'waba-kit';
import { createRedisBroadcastLedger } from 'waba-kit/broadcast';
import { createRedisRateLimiter } from 'waba-kit/quota';
import { createSendProcessor, type SendJobData, type SendJobResult, sendBackoff } from './send-job.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const keyPrefix = process.env.KEY_PREFIX ?? 'waba-kit:';
const config = JSON.parse(process.env.WABA_CONFIG ?? '{}') as ClientConfig;

// BullMQ's connection blocks and must retry forever; waba-kit's fails fast, so an outage stops sends at once.
const connection = new Redis(url, { maxRetriesPerRequest: null });
const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
await redis.connect();

const rateLimiter = createRedisRateLimiter(redis, {
  key: 'phoneNumberId' in config ? config.phoneNumberId : config.provider,
  ratePerSecond: env('RATE', 80),
  keyPrefix,
});
// The client's own retries handle short 429 bursts; BullMQ's backoff handles the rest.
const client = createClient({ ...config, rateLimiter });
const runId = `${hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
const sender = createSendProcessor({
  client,
  ledger: createRedisBroadcastLedger(redis, { keyPrefix }),
  runId,
  leaseMs: env('LEASE_MS', 15_000),
});

const worker = new Worker<SendJobData, SendJobResult>(process.env.QUEUE ?? 'whatsapp-sends', sender.process, {
  connection,
  prefix: process.env.BULL_PREFIX ?? 'bull',
  concurrency: env('CONCURRENCY', 8),
  lockDuration: env('LOCK_MS', 30_000),
  stalledInterval: Math.min(30_000, env('LOCK_MS', 30_000)),
  settings: { backoffStrategy: sendBackoff },
});
worker.on('completed', (job, result) =>
  console.log(`${result.alreadySent ? 'already sent' : 'sent'} ${job.data.to} ${result.messageId ?? ''}`),
);
worker.on('failed', (job, error) => console.log(`failed ${job?.data.to ?? '?'} ${error.message}`));
worker.on('error', (error) => console.error('worker error', error.message));
await worker.waitUntilReady();
console.log(`worker ${runId} ready`);

const shutdown = async () => {
  await worker.close();
  await sender.stop();
  connection.disconnect();
  redis.disconnect();
};
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());
