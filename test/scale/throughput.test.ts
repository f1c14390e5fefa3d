/**
 * One throughput limit shared by several processes (issue "beyond one process"): 3 sender processes x 1 000
 * sends through one createRedisRateLimiter at 80/s (burst 20) against the sandbox. Counted at the sandbox: no
 * sliding second saw more than 80 + burst accepted sends, and none was refused with 130429 (the sandbox is set to
 * Meta's limit plus the burst the limiter allows). No assertion on how long it took.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { type Fixture, startFixture, stopFixture } from './processes.js';
import { freshPrefix, redisUrl } from './redis.js';
import { useCampaignSandbox } from './sandbox.js';

const RATE = 80;
const BURST = 20;
const PROCESSES = 3;
const SENDS = 1_000;

const sandboxOf = useCampaignSandbox({ throughputPerSecond: RATE + BURST });
const fixtures: Fixture[] = [];
afterAll(async () => {
  await Promise.all(fixtures.map(stopFixture));
});

describe('one Redis rate limiter shared by 3 processes', () => {
  it('keeps every second at or under 80 + burst at the sandbox, with no 130429', async () => {
    const started = Date.now();
    const sandbox = sandboxOf();
    const url = redisUrl();
    const prefix = freshPrefix('throughput');
    const env = { WABA_TEST_CONFIG: JSON.stringify(sandbox.config('meta')) };
    for (let p = 0; p < PROCESSES; p++) {
      fixtures.push(startFixture('limited-sender', [url, prefix, String(p * SENDS), String(SENDS)], env));
    }
    await Promise.all(fixtures.map((f) => f.ready));
    for (const f of fixtures) f.child.stdin?.write('go\n');
    const results = await Promise.all(fixtures.map((f) => f.waitForLine((l) => 'sent' in l)));

    const counts = sandbox.counts;
    const busiest = counts.busiestSecond();
    console.info(
      `throughput: ${PROCESSES} x ${SENDS} sends at ${RATE}/s (burst ${BURST}): busiest sliding second ${busiest}, per second ${JSON.stringify([...counts.perSecond.values()])}, 130429 refusals ${counts.refused.throughput}, ${Date.now() - started} ms`,
    );
    expect(results.map((r) => r.errors)).toEqual([{}, {}, {}]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(PROCESSES * SENDS);
    expect(counts.refused.throughput).toBe(0);
    expect(busiest).toBeLessThanOrEqual(RATE + BURST);
    expect([...counts.perSecond.values()].every((n) => n <= RATE + BURST)).toBe(true);
    expect(counts.perRecipient.size).toBe(PROCESSES * SENDS);
    // Without sharing, three processes at 80/s would have reached about 240 in a second.
    expect(busiest).toBeGreaterThan(RATE / 2);
  }, 120_000);
});
