/**
 * The BullMQ recipe (examples/bullmq/), run as users run it: the producer and the workers are real child
 * processes on one real Redis.
 * 1. Error mapping, against a 127.0.0.1 Graph stand-in that counts every send: a 429 (nothing sent) becomes a BullMQ
 *    retry and the message goes out on the next attempt; a refused template fails the job without a retry; a 500
 *    (the message may have gone out) fails the job as unknown, never sent again; queuing the campaign again adds
 *    nobody.
 * 2. A crash: 3 workers on the sandbox, one killed with SIGKILL mid-run. Its jobs come back to the others (BullMQ's
 *    stalled-job check) and the ledger keeps them from being sent twice: the sandbox accepted nobody twice, and
 *    every recipient was either accepted once or reported unknown with the clientRef to reconcile.
 * No timing assertions: every wait is on a condition, with generous limits.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisBroadcastLedger } from '../../src/broadcast/index.js';
import { freshPrefix, redisUrl } from './redis.js';
import { CAMPAIGN_TEMPLATE, useCampaignSandbox } from './sandbox.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const script = (name: string) => join(root, 'examples/bullmq', `${name}.ts`);

/** A child process running an example script, its output lines collected. */
interface Script {
  child: ChildProcess;
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: () => string;
}

const running: Script[] = [];
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'waba-bullmq-'));
});
afterAll(async () => {
  for (const s of running)
    if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  await Promise.all(running.map((s) => s.exited));
  await rm(dir, { recursive: true, force: true });
});

function run(name: string, args: string[], env: Record<string, string>): Script {
  const child = spawn(process.execPath, ['--import', 'tsx', script(name), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TSX_TSCONFIG_PATH: join(root, 'examples/tsconfig.json'), ...env },
  });
  const lines: string[] = [];
  let out = '';
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    buffer += chunk.toString();
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      lines.push(buffer.slice(0, nl));
      buffer = buffer.slice(nl + 1);
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const s = { child, lines, exited, output: () => out };
  running.push(s);
  return s;
}

/** Resolves once `condition()` holds, checking every 50 ms; rejects with `what` after `limitMs`. */
async function until(what: string, condition: () => boolean | Promise<boolean>, limitMs = 90_000) {
  const end = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stop(s: Script) {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  s.child.kill('SIGTERM');
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 10_000);
  await s.exited;
  clearTimeout(timer);
}

const number = (n: number) => `+4477009${String(n).padStart(5, '0')}`;

async function produce(env: Record<string, string>, campaignId: string, recipients: string[]) {
  const file = join(dir, `${campaignId}.txt`);
  await writeFile(file, `${recipients.join('\n')}\n`);
  const producer = run('producer', [campaignId, file], env);
  const { code } = await producer.exited;
  expect(code, producer.output()).toBe(0);
}

/** Every job of the queue, by recipient, once none is waiting, active or delayed any more. */
async function settled(queue: Queue, total: number) {
  await until(`${total} jobs completed or failed`, async () => {
    const c = await queue.getJobCounts('completed', 'failed');
    return (c.completed ?? 0) + (c.failed ?? 0) >= total;
  });
  const jobs = [...(await queue.getJobs(['completed'])), ...(await queue.getJobs(['failed']))];
  return new Map(jobs.map((j) => [j.data.to as string, j]));
}

describe('examples/bullmq: waba-kit errors become BullMQ outcomes', () => {
  let server: Server;
  const attempts = new Map<string, number>();
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        const to = `+${String((JSON.parse(body) as { to: string }).to).replace(/^\+/, '')}`;
        const n = (attempts.get(to) ?? 0) + 1;
        attempts.set(to, n);
        const graphError = (status: number, code: number, message: string) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { message, type: 'OAuthException', code, fbtrace_id: 'T' } }));
        };
        // Meta's codes: https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes
        if (to === number(1) && n === 1) return graphError(429, 130429, '(#130429) Rate limit hit');
        if (to === number(2))
          return graphError(404, 132001, '(#132001) Template name does not exist in the translation');
        if (to === number(3)) return graphError(500, 131000, '(#131000) Something went wrong');
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ messaging_product: 'whatsapp', messages: [{ id: `wamid.${to}.${n}` }] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('retries a 429, fails a refused template and an ambiguous 500 for good, and never sends twice', async () => {
    const url = redisUrl();
    const prefix = freshPrefix('bullmq-errors');
    const env = {
      REDIS_URL: url,
      QUEUE: 'sends',
      BULL_PREFIX: `${prefix}bull`,
      KEY_PREFIX: prefix,
      RATE: '1000',
      CONCURRENCY: '4',
      LEASE_MS: '3000',
      WABA_CONFIG: JSON.stringify({
        provider: 'meta',
        accessToken: 'EAAJBbullmqErrorsToken0123456789abcdef',
        phoneNumberId: '106540352242922',
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        maxRetries: 0,
      }),
    };
    const recipients = Array.from({ length: 12 }, (_, i) => number(i + 1));
    await produce(env, 'errors', recipients);
    const worker = run('worker', [], env);
    const connection = new Redis(url, { maxRetriesPerRequest: null });
    const queue = new Queue('sends', { connection, prefix: `${prefix}bull` });
    try {
      const jobs = await settled(queue, recipients.length);
      // The 429: retried by BullMQ, then sent (the server saw two attempts, below).
      const retried = jobs.get(number(1));
      expect(await retried?.getState()).toBe('completed');
      expect(retried?.returnvalue).toMatchObject({ messageId: `wamid.${number(1)}.2`, alreadySent: false });
      // The refused template: failed at once, no retry.
      const refused = jobs.get(number(2));
      expect(await refused?.getState()).toBe('failed');
      expect(refused?.failedReason).toMatch(/132001|Template name does not exist/);
      // The 500: failed for good as unknown, with the clientRef to reconcile.
      const ambiguous = jobs.get(number(3));
      expect(await ambiguous?.getState()).toBe('failed');
      expect(ambiguous?.failedReason).toMatch(/may have gone out \(server_error\).*clientRef [0-9a-f-]{36}/);
      for (const r of recipients.slice(3)) expect(await jobs.get(r)?.getState()).toBe('completed');
      expect(Object.fromEntries(attempts)).toEqual(
        Object.fromEntries(recipients.map((r) => [r, r === number(1) ? 2 : 1])),
      );

      const redis = new Redis(url);
      expect(await createRedisBroadcastLedger(redis, { keyPrefix: prefix }).report('errors')).toMatchObject({
        total: 12,
        sent: 10,
        failed: 1,
        unknown: 1,
        inFlight: 0,
      });
      redis.disconnect();

      // Queuing the same campaign again adds nobody (job ids), so nobody is sent again.
      await produce(env, 'errors', recipients);
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed');
      expect((counts.waiting ?? 0) + (counts.active ?? 0) + (counts.delayed ?? 0)).toBe(0);
      expect([...attempts.values()].reduce((a, b) => a + b, 0)).toBe(13);
    } finally {
      await stop(worker);
      await queue.close();
      connection.disconnect();
    }
  }, 120_000);
});

describe('examples/bullmq: a worker killed with SIGKILL mid-run', () => {
  const sandboxOf = useCampaignSandbox();
  const RECIPIENTS = 600;
  const CONCURRENCY = 8;

  it('loses nobody and sends nobody twice', async () => {
    const sandbox = sandboxOf();
    const url = redisUrl();
    const prefix = freshPrefix('bullmq-crash');
    const env = {
      REDIS_URL: url,
      QUEUE: 'sends',
      BULL_PREFIX: `${prefix}bull`,
      KEY_PREFIX: prefix,
      RATE: '150',
      CONCURRENCY: String(CONCURRENCY),
      LEASE_MS: '2000',
      // BullMQ's lock: a live worker renews it every half; the dead one's jobs come back once it expires.
      LOCK_MS: '6000',
      TEMPLATE: CAMPAIGN_TEMPLATE.name,
      LANGUAGE: CAMPAIGN_TEMPLATE.language,
      WABA_CONFIG: JSON.stringify({ ...sandbox.config('meta'), maxRetries: 0 }),
    };
    const recipients = Array.from({ length: RECIPIENTS }, (_, i) => number(i + 1));
    await produce(env, 'spring', recipients);

    // The victim starts alone, so it is surely mid-run when it dies; the others join at 10 %.
    const victim = run('worker', [], env);
    await until('the first worker sent 10 %', () => sandbox.messages.length >= RECIPIENTS * 0.1);
    const others = [run('worker', [], env), run('worker', [], env)];
    await until('30 % sent', () => sandbox.messages.length >= RECIPIENTS * 0.3);
    victim.child.kill('SIGKILL');
    expect((await victim.exited).signal).toBe('SIGKILL');
    const victimSent = victim.lines.filter((l) => l.startsWith('sent ')).length;
    expect(victimSent).toBeGreaterThan(0);

    const connection = new Redis(url, { maxRetriesPerRequest: null });
    const queue = new Queue('sends', { connection, prefix: `${prefix}bull` });
    const redis = new Redis(url);
    try {
      const jobs = await settled(queue, RECIPIENTS);
      const report = await createRedisBroadcastLedger(redis, { keyPrefix: prefix }).report('spring');

      // Nobody twice.
      expect([...sandbox.counts.repeated()]).toEqual([]);
      expect(sandbox.messages.length).toBe(sandbox.counts.perRecipient.size);
      // Nobody lost: each recipient was accepted once, or its job failed as unknown (at most the victim's
      // concurrency: the sends it had in flight) with the clientRef that reconciles it.
      expect(report).toMatchObject({ total: RECIPIENTS, failed: 0, skipped: 0, unsent: 0, inFlight: 0 });
      expect(report.sent + report.unknown).toBe(RECIPIENTS);
      expect(report.unknown).toBeLessThanOrEqual(CONCURRENCY);
      const accepted = new Map(sandbox.messages.map((m) => [`+${m.to}`, m.clientRef]));
      const unknown = new Map<string, string>();
      for (const [to, job] of jobs) {
        if ((await job.getState()) === 'completed') {
          expect(accepted.has(to), to).toBe(true);
          continue;
        }
        const ref = /clientRef ([0-9a-f-]{36})/.exec(job.failedReason ?? '')?.[1];
        if (ref && /outcome of the send .* is unknown/.test(job.failedReason ?? '')) unknown.set(to, ref);
        // Otherwise BullMQ gave up on a job that stalled twice (a starved live worker missing its lock renewals)
        // while the ledger saw it sent: still accepted once.
        else expect(accepted.has(to), `${to}: ${job.failedReason}`).toBe(true);
      }
      expect(unknown.size).toBe(report.unknown);
      for (const r of recipients) expect(accepted.has(r) || unknown.has(r), r).toBe(true);
      // An unknown one the sandbox has was sent by the victim with exactly that clientRef (its answer was lost).
      for (const [to, ref] of unknown) if (accepted.has(to)) expect(accepted.get(to)).toBe(ref);
      console.info(
        `bullmq crash: ${RECIPIENTS} jobs, victim sent ${victimSent} before SIGKILL, ledger ${JSON.stringify(report)}, accepted ${accepted.size}`,
      );
    } finally {
      await Promise.all(others.map(stop));
      await queue.close();
      connection.disconnect();
      redis.disconnect();
    }
  }, 180_000);
});
