/**
 * A durable campaign shared by several workers (issue "beyond one process"): 20 000 recipients, 3 worker processes
 * running the same campaign on one Redis ledger, one of them killed with SIGKILL at about 30 %, then a fresh run
 * of the same campaign. The sandbox accepted no recipient twice, and the ledger's report accounts for all 20 000
 * (sent, or unknown: the killed worker's sends in flight, at most its concurrency).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { broadcast, createRedisBroadcastLedger } from '../../src/broadcast/index.js';
import { createClient } from '../../src/create-client.js';
import { campaignRecipients } from './fixtures/campaign-recipients.js';
import { type Fixture, startFixture, stopFixture } from './processes.js';
import { freshPrefix, redisClient, redisUrl } from './redis.js';
import { CAMPAIGN_TEMPLATE, useCampaignSandbox } from './sandbox.js';

const RECIPIENTS = 20_000;
const WORKERS = 3;
const CONCURRENCY = 16;
const LEASE_MS = 2_000;

const sandboxOf = useCampaignSandbox();
const fixtures: Fixture[] = [];
afterAll(async () => {
  await Promise.all(fixtures.map(stopFixture));
});

describe('a campaign on the Redis ledger, 3 workers, one killed', () => {
  it('messages nobody twice and accounts for all 20 000 recipients after a fresh run', async () => {
    const started = Date.now();
    const sandbox = sandboxOf();
    const url = redisUrl();
    const keyPrefix = freshPrefix('campaign');
    const campaignId = 'spring-2026';
    const env = { WABA_TEST_CONFIG: JSON.stringify(sandbox.config('meta')) };
    for (let w = 0; w < WORKERS; w++) {
      fixtures.push(
        startFixture(
          'campaign-worker',
          [url, keyPrefix, campaignId, String(RECIPIENTS), String(LEASE_MS)],
          env,
        ),
      );
    }
    await Promise.all(fixtures.map((f) => f.ready));
    for (const f of fixtures) f.child.stdin?.write('go\n');

    // Kill the first worker once the campaign is about 30 % through.
    const victim = fixtures[0] as Fixture;
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (sandbox.messages.length >= RECIPIENTS * 0.3) {
          clearInterval(poll);
          resolve();
        }
      }, 5);
    });
    victim.child.kill('SIGKILL');
    const killedAt = sandbox.messages.length;
    expect((await victim.exited).signal).toBe('SIGKILL');
    const survivors = await Promise.all(fixtures.slice(1).map((f) => f.waitForLine((l) => 'report' in l)));
    for (const { report } of survivors) expect(report.total).toBe(RECIPIENTS);
    const survivorsDone = Date.now();

    // A fresh run of the same campaign, once the killed worker's lease has run out.
    await new Promise((r) => setTimeout(r, LEASE_MS + 200));
    const redis = redisClient();
    const ledger = createRedisBroadcastLedger(redis, { keyPrefix });
    const client = createClient({ ...sandbox.config('meta'), maxRetries: 0 });
    const fresh = await broadcast(
      client,
      campaignRecipients(RECIPIENTS),
      (to) => ({ type: 'template', to, ...CAMPAIGN_TEMPLATE }),
      { consent: () => true, ledger, campaignId, concurrency: CONCURRENCY, ratePerSecond: 1_000_000 },
    );
    const summary = await ledger.report(campaignId);
    await redis.quit();

    // The sandbox accepted nobody twice.
    expect([...sandbox.counts.repeated()]).toEqual([]);
    const accepted = sandbox.counts.perRecipient.size;
    // The ledger accounts for every recipient: sent, or unknown (in flight when the worker died).
    expect(summary.total).toBe(RECIPIENTS);
    expect(summary.sent + summary.unknown).toBe(RECIPIENTS);
    expect(summary.failed + summary.skipped + summary.unsent + summary.inFlight).toBe(0);
    expect(summary.unknown).toBeLessThanOrEqual(CONCURRENCY);
    // Each unknown one was either accepted (its response lost) or never reached the platform.
    expect(accepted).toBeGreaterThanOrEqual(summary.sent);
    expect(accepted).toBeLessThanOrEqual(summary.sent + summary.unknown);
    // The fresh run sent nothing new (the survivors finished the list) and reported the unknown ones.
    expect(fresh.total).toBe(RECIPIENTS);
    expect(fresh.sent).toBe(0);
    expect(fresh.unknown).toBe(summary.unknown);
    expect(fresh.unknownSends.every((u) => typeof u.clientRef === 'string')).toBe(true);
    const refs = new Map(sandbox.messages.map((m) => [`+${m.to}`, m.clientRef]));
    for (const u of fresh.unknownSends)
      if (refs.has(u.recipient)) expect(refs.get(u.recipient)).toBe(u.clientRef);
    const sentBy = survivors.map(({ report }) => report.sent);
    console.info(
      `campaign: ${RECIPIENTS} recipients, ${WORKERS} workers, killed at ${killedAt} accepted; survivors sent ${sentBy.join(' + ')}, ledger ${JSON.stringify(summary)}, accepted ${accepted}, survivors done in ${survivorsDone - started} ms, total ${Date.now() - started} ms`,
    );
  }, 180_000);
});
