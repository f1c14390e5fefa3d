/**
 * The tier follows Meta across instances: a messaging-limit webhook received by one instance's client
 * (`webhookHandler()` or `parseWebhook()`) is applied to its quota tracker on the Redis store, and another
 * process's tracker on the same store, configured with a stale tier, decides by the new limit from its next
 * decision. Payload shapes: see test/providers/meta/tier-webhooks.test.ts (Meta's phone_number_quality_update and
 * business_capability_update references).
 */
import { createClient as createNodeRedis, type RedisClientType } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { MetaCloudClient } from '../../src/providers/meta/index.js';
import { createQuotaTracker, createRedisQuotaStore } from '../../src/quota/index.js';
import { signWebhookForTest } from '../../src/webhooks/index.js';
import { delivery } from '../providers/meta/tier-payloads.js';
import { type Fixture, startFixture, stopFixture } from './processes.js';
import { freshPrefix, redisUrl } from './redis.js';

const APP_SECRET = 'tier-instances-secret-0123456789';
const to = (n: number) => `+4477009${String(n).padStart(5, '0')}`;

const fixtures: Fixture[] = [];
let nodeRedis: RedisClientType | undefined;
afterAll(async () => {
  await Promise.all(fixtures.map(stopFixture));
  await nodeRedis?.quit();
});

describe('a limit announced to one instance holds on every instance (Redis quota store)', () => {
  it('a downgrade received by instance A refuses on process B; an upgrade lets B send again', async () => {
    const keyPrefix = freshPrefix('tier');
    const scope = 'portfolio-1';
    nodeRedis = createNodeRedis({ url: redisUrl() }) as RedisClientType;
    await nodeRedis.connect();
    const quota = createQuotaTracker({
      tier: 'TIER_1K',
      store: createRedisQuotaStore(nodeRedis, { keyPrefix }),
      scope,
    });
    const client = new MetaCloudClient({
      accessToken: 'EAAJBtierInstancesToken0123456789abcdef',
      phoneNumberId: '106540352242922',
      appSecret: APP_SECRET,
      quota,
    });
    for (let n = 1; n <= 50; n++) expect((await quota.acquire(to(n))).counted).toBe(true);

    const b = startFixture('quota-instance', [redisUrl(), keyPrefix, scope, 'TIER_1K']);
    fixtures.push(b);
    await b.ready;
    const decisions = () => b.lines.filter((l) => 'to' in l);
    const decide = async (recipient: string) => {
      const before = decisions().length;
      b.child.stdin?.write(`${recipient}\n`);
      await b.waitForLine(() => decisions().length > before);
      return decisions()[before];
    };
    expect(await decide(to(51))).toMatchObject({ allowed: true, counted: true, limit: 1000 });

    const signed = async (body: string) =>
      new Request('https://a.example/wa', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(await signWebhookForTest('meta', body, APP_SECRET)),
        },
        body,
      });
    const handle = client.webhookHandler();
    const downgrade = delivery('phone_number_quality_update', {
      display_phone_number: '15550783881',
      event: 'DOWNGRADE',
      old_limit: 'TIER_1K',
      current_limit: 'TIER_50',
      max_daily_conversations_per_business: 'TIER_50',
    });
    expect((await handle(await signed(downgrade))).status).toBe(200);
    expect(await nodeRedis.get(`${keyPrefix}limit:${scope}`)).toBe('50');
    expect(await decide(to(52))).toMatchObject({ allowed: false, limit: 50 });
    // Someone already counted in the window is still allowed (not counted twice).
    expect(await decide(to(7))).toMatchObject({ allowed: true, counted: false, limit: 50 });

    await client.parseWebhook(
      await signed(
        delivery('business_capability_update', {
          max_daily_conversations_per_business: 'TIER_2K',
          max_phone_numbers_per_waba: 25,
        }),
      ),
    );
    expect(await decide(to(52))).toMatchObject({ allowed: true, counted: true, limit: 2000 });
    expect(quota.limit).toBe(2000);
  });
});
