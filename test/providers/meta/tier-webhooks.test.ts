/**
 * The tier follows Meta: the messaging limits Meta announces in webhooks reach the client's `quota` tracker
 * (`tracker.setLimit`), through `parseWebhook()` and through `webhookHandler()`, on Meta and CleverTap. Payload
 * shapes from Meta's references:
 * - https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/phone_number_quality_update
 *   (`event`, `old_limit` only for messaging-limit changes, `current_limit` until Feb 2026,
 *   `max_daily_conversations_per_business`; THROUGHPUT_UPGRADE example with TIER_UNLIMITED)
 * - https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/business_capability_update/
 *   (example `{ max_daily_conversations_per_business: 2000, max_phone_numbers_per_waba: 25 }`; `-1` unlimited)
 * - account_update (PARTNER_REMOVED with `waba_info`), which announces no limit:
 *   https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/account_update
 */
import { describe, expect, it } from 'vitest';
import { CleverTapClient } from '../../../src/providers/clevertap/index.js';
import { MetaCloudClient, messagingLimitUpdate } from '../../../src/providers/meta/index.js';
import { createQuotaTracker, createRedisQuotaStore } from '../../../src/quota/index.js';
import { parseWebhook, signWebhookForTest } from '../../../src/webhooks/index.js';
import { unreachableRedis } from '../../scale/redis.js';
import {
  APP_SECRET,
  capability,
  capabilityLegacy,
  delivery,
  downgrade,
  flagged,
  partnerRemoved,
  throughputUpgrade,
  upgradeLegacy,
} from './tier-payloads.js';

const config = {
  accessToken: 'EAAJBtierWebhookToken0123456789abcdef',
  phoneNumberId: '106540352242922',
  appSecret: APP_SECRET,
};

const post = async (body: string) =>
  new Request('https://hooks.example/wa', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await signWebhookForTest('meta', body, APP_SECRET)) },
    body,
  });

describe('messagingLimitUpdate reads what the webhooks parser emits', () => {
  const limitOf = (body: string) => parseWebhook('meta', body).map(messagingLimitUpdate);

  it('phone_number_quality_update: the new limit of an UPGRADE or a quality DOWNGRADE', () => {
    expect(limitOf(downgrade)).toEqual([
      { limit: 2000, field: 'phone_number_quality_update', event: 'DOWNGRADE' },
    ]);
    expect(limitOf(upgradeLegacy)).toEqual([
      { limit: 10_000, field: 'phone_number_quality_update', event: 'UPGRADE' },
    ]);
  });

  it('business_capability_update: max_daily_conversations_per_business, or the legacy per-phone -1 (unlimited)', () => {
    expect(limitOf(capability)).toEqual([{ limit: 2000, field: 'business_capability_update' }]);
    expect(limitOf(capabilityLegacy)).toEqual([
      { limit: Number.POSITIVE_INFINITY, field: 'business_capability_update' },
    ]);
  });

  it('announces nothing for a throughput upgrade, a FLAGGED number without a limit, account_update or messages', () => {
    expect(limitOf(throughputUpgrade)).toEqual([undefined]);
    expect(limitOf(flagged)).toEqual([undefined]);
    expect(limitOf(partnerRemoved)).toEqual([undefined]);
    expect(
      limitOf(
        delivery('messages', {
          messaging_product: 'whatsapp',
          metadata: { display_phone_number: '15550783881', phone_number_id: config.phoneNumberId },
          statuses: [{ id: 'wamid.X', status: 'sent', timestamp: '1750263773', recipient_id: '16505551234' }],
        }),
      ),
    ).toEqual([undefined]);
  });

  it('reads a limit that an account_update forward carries, tolerantly', () => {
    expect(
      limitOf(delivery('account_update', { event: 'ACCOUNT_UPDATE', current_limit: 'TIER_100K' })),
    ).toEqual([{ limit: 100_000, field: 'account_update', event: 'ACCOUNT_UPDATE' }]);
  });
});

describe('the client applies announced limits to its quota tracker', () => {
  it('parseWebhook(): a downgrade lowers the limit before the next send decision', async () => {
    const quota = createQuotaTracker({ tier: 'TIER_10K' });
    const client = new MetaCloudClient({ ...config, quota });
    const events = await client.parseWebhook(await post(downgrade));
    expect(events[0]).toMatchObject({ kind: 'account', event: 'phone_number_quality_update' });
    expect(quota.limit).toBe(2000);
    await client.parseWebhook(await post(throughputUpgrade));
    expect(quota.limit).toBe(2000);
    await client.parseWebhook(await post(capabilityLegacy));
    expect(quota.limit).toBe(Number.POSITIVE_INFINITY);
  });

  it('webhookHandler(): applied before your account handler runs; unhandled account events still reach onUnhandled', async () => {
    const quota = createQuotaTracker({ tier: 'TIER_250' });
    const client = new CleverTapClient({
      ...config,
      region: 'in1',
      accountId: 'W9R-486-4W5Z',
      passcode: 'ct-passcode-SECRET-123456',
      quota,
    });
    const seen: number[] = [];
    const handle = client.webhookHandler({ on: { account: () => void seen.push(quota.limit) } });
    expect((await handle(await post(capability))).status).toBe(200);
    expect(seen).toEqual([2000]);
    const unhandled: string[] = [];
    const bare = client.webhookHandler({ onUnhandled: (e) => void unhandled.push(e.kind) });
    expect((await bare(await post(upgradeLegacy))).status).toBe(200);
    expect(quota.limit).toBe(10_000);
    expect(unhandled).toEqual(['account']);
  });

  it('a client without a quota tracker (or with a gate that has no setLimit) parses the same events', async () => {
    const plain = new MetaCloudClient(config);
    expect((await plain.parseWebhook(await post(downgrade)))[0]?.kind).toBe('account');
    const acquire = async () => ({ allowed: true, counted: false, used: 0, limit: 5, remaining: 5 });
    const gated = new MetaCloudClient({ ...config, quota: { acquire } });
    expect((await gated.parseWebhook(await post(downgrade)))[0]?.kind).toBe('account');
  });

  it('fails closed when the quota store is down: parseWebhook rejects, the handler answers 5xx so Meta retries', async () => {
    const redis = unreachableRedis();
    redis.on('error', () => {});
    const quota = createQuotaTracker({
      tier: 'TIER_10K',
      store: createRedisQuotaStore(redis),
      storeTimeoutMs: 500,
    });
    const client = new MetaCloudClient({ ...config, quota });
    const received: unknown[] = [];
    client.on('message.status', (e) => received.push(e));
    await expect(client.parseWebhook(await post(downgrade))).rejects.toThrow(/quota store|Redis/i);
    const response = await client.webhookHandler({ dedupe: false })(await post(downgrade));
    expect(response.status).toBeGreaterThanOrEqual(500);
    expect(quota.limit).toBe(10_000);
    redis.disconnect();
  });
});
