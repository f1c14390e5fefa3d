/**
 * sandbox.setMessagingLimit(): Meta changing the messaging limit, offline. The sandbox enforces the new tier,
 * reports it on `GET /{phone-number-id}`, and posts a signed `phone_number_quality_update` webhook (shape of
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/phone_number_quality_update)
 * that a client's webhookHandler() applies to its quota tracker.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isQuotaExceededError } from '../../src/index.js';
import { MetaCloudClient } from '../../src/providers/meta/index.js';
import { createQuotaTracker } from '../../src/quota/index.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { toNodeListener } from '../../src/webhooks/node-adapter.js';
import { type Collector, startCollector } from './helpers.js';

const quota = createQuotaTracker({ tier: 'TIER_250' });
let handle: (request: Request) => Promise<Response> = async () => new Response(null, { status: 503 });
let server: Server;
let clevertapHooks: Collector;
let sandbox: Sandbox;
let client: MetaCloudClient;

beforeAll(async () => {
  server = createServer(toNodeListener((request) => handle(request)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  clevertapHooks = await startCollector();
  sandbox = await startSandbox({
    webhooks: {
      meta: { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/wa` },
      clevertap: { url: `${clevertapHooks.url}/ct` },
    },
    limits: { tier: 250 },
    statuses: { delayMs: 1 },
  });
  sandbox.templates.add({
    name: 'spring_sale',
    language: 'en',
    category: 'MARKETING',
    components: [{ type: 'BODY', text: 'Spring sale.' }],
  });
  client = new MetaCloudClient(sandbox.config('meta', { quota }));
  handle = client.webhookHandler();
});
afterAll(async () => {
  await sandbox.stop();
  await clevertapHooks.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('sandbox.setMessagingLimit', () => {
  it('announces an upgrade: the client’s tracker and the number’s fields follow', async () => {
    await sandbox.setMessagingLimit(2000);
    expect(quota.limit).toBe(2000);
    expect((await client.getPhoneNumberHealth()).messagingLimit).toBe(2000);
    const meta = sandbox.webhookDeliveries.filter((d) => d.kind === 'account' && d.provider === 'meta');
    expect(meta.map((d) => d.status)).toEqual([200]);
    expect(JSON.parse(meta[0]?.body ?? '{}')).toMatchObject({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: sandbox.credentials.meta.wabaId,
          changes: [
            {
              field: 'phone_number_quality_update',
              value: {
                event: 'UPGRADE',
                old_limit: 'TIER_250',
                current_limit: 'TIER_2K',
                max_daily_conversations_per_business: 'TIER_2K',
              },
            },
          ],
        },
      ],
    });
    // The CleverTap number behind the same sandbox is told too, signed with its own app secret.
    const ct = await clevertapHooks.waitFor((r) => r.length >= 1);
    expect(ct[0]?.headers['x-hub-signature-256']).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('announces a downgrade: the tracker refuses before the platform would', async () => {
    await sandbox.setMessagingLimit(2);
    expect(quota.limit).toBe(2);
    const send = (n: number) =>
      client.sendTemplate(`+4477009000${n}`, { name: 'spring_sale', language: 'en' });
    await send(1);
    await send(2);
    const refused = await send(3).catch((error: unknown) => error);
    expect(isQuotaExceededError(refused)).toBe(true);
    expect(sandbox.messages).toHaveLength(2);
    const last = sandbox.webhookDeliveries
      .filter((d) => d.kind === 'account' && d.provider === 'meta')
      .at(-1);
    expect(JSON.parse(last?.body ?? '{}').entry[0].changes[0].value).toMatchObject({
      event: 'DOWNGRADE',
      old_limit: 'TIER_2K',
      current_limit: 'TIER_2',
    });
  });

  it('posts nothing when the limit does not change, and refuses a tier that is not one', async () => {
    const before = sandbox.webhookDeliveries.length;
    await sandbox.setMessagingLimit(2);
    expect(sandbox.webhookDeliveries.length).toBe(before);
    for (const bad of [0, -1, 1.5, Number.NaN, 'TIER_1K'])
      await expect(sandbox.setMessagingLimit(bad as never)).rejects.toThrow(
        /positive integer or "unlimited"/,
      );
    await sandbox.setMessagingLimit('unlimited');
    expect(quota.limit).toBe(Number.POSITIVE_INFINITY);
    expect((await client.getPhoneNumberHealth()).messagingLimitTier).toBe('TIER_UNLIMITED');
  });
});
