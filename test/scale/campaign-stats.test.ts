/**
 * createRedisCampaignStats on real Redis (ioredis and node-redis): the counters of createCampaignStats, shared by
 * every stats object of one campaign, each message's transitions counted once when status webhooks arrive twice,
 * out of order, or at different instances at the same time.
 */
import { describe, expect, it } from 'vitest';
import { createCampaignStats, createRedisCampaignStats } from '../../src/broadcast/index.js';
import type { CampaignStats } from '../../src/broadcast/stats.js';
import { isStoreUnavailableError } from '../../src/core/errors.js';
import type { MessageEvent, StatusEvent, WebhookEvent } from '../../src/core/webhook-event.js';
import { sent, status } from '../broadcast/fixtures/stats-events.js';
import { freshPrefix, unreachableRedis, useBothRedisClients } from './redis.js';

const clients = useBothRedisClients();

const reply = (id: string, ids: { from?: string; userId?: string; context?: string }): MessageEvent => ({
  kind: 'message',
  provider: 'meta',
  id,
  ...(ids.from ? { from: ids.from } : {}),
  ...(ids.userId ? { userId: ids.userId } : {}),
  ...(ids.context ? { context: { messageId: ids.context } } : {}),
  timestamp: new Date(),
  type: 'text',
  text: 'hi',
  raw: {},
});
const marketing = { billable: true, category: 'marketing' } as StatusEvent['pricing'];

/** Duplicates, out of order, after failure, not ours, billable twice, replies (one delivered twice). */
const EVENTS: WebhookEvent[] = [
  status('m-1', 'sent'),
  status('m-1', 'delivered', marketing),
  status('m-1', 'read', marketing),
  status('m-1', 'read'),
  status('m-2', 'read'),
  status('m-2', 'delivered'),
  status('m-3', 'delivered', { type: 'regular', category: 'utility' } as StatusEvent['pricing']),
  status('m-4', 'failed'),
  status('m-4', 'failed'),
  status('m-4', 'delivered'),
  status('other', 'delivered', marketing),
  reply('in-1', { from: '447700900002' }),
  reply('in-1', { from: '447700900002' }),
  reply('in-2', { userId: 'GB.999', context: 'm-3' }),
  reply('in-3', { from: '447700900099' }),
];

async function run(record: (i: number) => CampaignStats): Promise<void> {
  for (const [i, to] of ['+447700900001', '+447700900002', '+447700900003', '+447700900004'].entries()) {
    await record(i).recordSent(sent(`m-${i + 1}`, to));
  }
  await record(0).recordError('+447700900005');
  await record(1).recordControlGroup('+447700900006');
  for (const [i, e] of EVENTS.entries()) await record(i).record(e);
}

describe.each([
  ['ioredis', clients.io],
  ['node-redis', clients.nodeRedis],
])('createRedisCampaignStats (%s)', (_name, client) => {
  it('counts what the memory stats count, across two stats objects on one campaign', async () => {
    const memory = createCampaignStats();
    await run(() => memory);
    const options = { campaignId: 'spring', keyPrefix: freshPrefix('stats') };
    const a = createRedisCampaignStats(client(), options);
    const b = createRedisCampaignStats(client(), options);
    await run((i) => (i % 2 === 0 ? a : b));
    const expected = {
      sent: 4,
      delivered: 3,
      viewed: 2,
      replied: 2,
      errors: 2,
      controlGroup: 1,
      billable: { marketing: 1, utility: 1 },
    };
    expect(await memory.snapshot()).toEqual({ ...expected, replied: 3 }); // memory counts a redelivered reply twice
    expect(await a.snapshot()).toEqual(expected);
    expect(await b.snapshot()).toEqual(expected);
    const other = createRedisCampaignStats(client(), { ...options, campaignId: 'autumn' });
    expect((await other.snapshot()).sent).toBe(0);
  });

  it('counts each transition once when duplicated, shuffled webhooks hit two instances at once', async () => {
    const options = { campaignId: 'flood', keyPrefix: freshPrefix('stats') };
    const a = createRedisCampaignStats(client(), options);
    const b = createRedisCampaignStats(client(), options);
    const ids = Array.from({ length: 200 }, (_, i) => `w-${i}`);
    await Promise.all(
      ids.map((id, i) => (i % 2 ? a : b).recordSent(sent(id, `+4477009${String(i).padStart(5, '0')}`))),
    );
    const events = ids.flatMap((id) =>
      [status(id, 'read', marketing), status(id, 'delivered', marketing), status(id, 'sent')].flatMap((e) => [
        e,
        e,
      ]),
    );
    // A fixed shuffle (no randomness in the test): every 7th event of the list, cycling.
    const order = events.map((_, i) => events[(i * 7) % events.length] as WebhookEvent);
    await Promise.all(order.map((e, i) => (i % 3 ? a : b).record(e)));
    expect(await a.snapshot()).toEqual({
      sent: 200,
      delivered: 200,
      viewed: 200,
      replied: 0,
      errors: 0,
      controlGroup: 0,
      billable: { marketing: 200 },
    });
  });
});

describe('createRedisCampaignStats without Redis', () => {
  it('rejects with StoreUnavailableError, and attach() hands the failure to onError', async () => {
    const errors: unknown[] = [];
    const stats = createRedisCampaignStats(unreachableRedis(), {
      campaignId: 'down',
      onError: (e) => errors.push(e),
    });
    const failure = await Promise.resolve(stats.snapshot()).catch((e: unknown) => e);
    expect(isStoreUnavailableError(failure)).toBe(true);
    const listeners = new Map<string, (p: { event: WebhookEvent }) => void>();
    const stop = stats.attach({
      on: (name: string, l: (p: { event: WebhookEvent }) => void) => listeners.set(name, l),
      off: (name: string) => listeners.delete(name),
    } as never);
    listeners.get('message.status')?.({ event: status('m-1', 'delivered') });
    await expect.poll(() => errors.length).toBe(1);
    expect(isStoreUnavailableError(errors[0])).toBe(true);
    stop();
    expect(listeners.size).toBe(0);
  });

  it('refuses a missing campaignId', () => {
    expect(() => createRedisCampaignStats(unreachableRedis(), { campaignId: '' })).toThrow(/campaignId/);
  });
});
