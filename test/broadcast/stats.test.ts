import { describe, expect, it } from 'vitest';
import { createCampaignStats } from '../../src/broadcast/index.js';
import type { StatusEvent } from '../../src/core/webhook-event.js';
import { TestClient } from '../quota/fixtures/test-client.js';
import { sent, status } from './fixtures/stats-events.js';

describe('createCampaignStats', () => {
  it('folds sends and statuses into sent / delivered / viewed / errors, counting each message once', async () => {
    const stats = createCampaignStats();
    stats.recordSent(sent('m-1', '+447700900001'));
    stats.recordSent(sent('m-2', '+447700900002'));
    stats.recordSent(sent('m-3', '+447700900003'));
    stats.recordSent(sent('m-4', '+447700900004'));
    stats.recordError('+447700900005');
    stats.recordControlGroup('+447700900006');
    for (const e of [
      status('m-1', 'sent'),
      status('m-1', 'delivered'),
      status('m-1', 'read'),
      status('m-1', 'read'), // duplicate delivery of the webhook
      status('m-2', 'read'), // read before delivered...
      status('m-2', 'delivered'), // ...delivered arrives late
      status('m-3', 'delivered'),
      status('m-4', 'failed'),
      status('m-4', 'failed'),
      status('m-4', 'delivered'), // after failing: ignored
      status('other', 'delivered'), // not a campaign message
    ]) {
      stats.record(e);
    }
    expect(await stats.snapshot()).toEqual({
      sent: 4,
      delivered: 3,
      viewed: 2,
      replied: 0,
      errors: 2,
      controlGroup: 1,
      billable: {},
    });
  });

  it('sums billable campaign messages per pricing category, each message once', async () => {
    const stats = createCampaignStats();
    for (const id of ['m-1', 'm-2', 'm-3', 'm-4', 'm-5']) stats.recordSent(sent(id, '+447700900001'));
    const priced = (id: string, s: StatusEvent['status'], pricing: StatusEvent['pricing']): StatusEvent => ({
      ...status(id, s),
      pricing,
    });
    for (const e of [
      // Meta per-message pricing: billable true on sent and again on delivered, counted once.
      priced('m-1', 'sent', { billable: true, model: 'PMP', type: 'regular', category: 'marketing' }),
      priced('m-1', 'delivered', { billable: true, model: 'PMP', type: 'regular', category: 'marketing' }),
      // No `billable` (deprecated): `type: regular` means charged.
      priced('m-2', 'delivered', { model: 'PMP', type: 'regular', category: 'utility' }),
      // Free: customer-service window and free entry point.
      priced('m-3', 'read', { model: 'PMP', type: 'free_customer_service', category: 'service' }),
      priced('m-4', 'sent', { billable: false, type: 'free_entry_point', category: 'referral_conversion' }),
      // Charged without a category.
      priced('m-5', 'sent', { billable: true }),
      // Not a campaign message.
      priced('other', 'sent', { billable: true, category: 'marketing' }),
    ]) {
      stats.record(e);
    }
    expect((await stats.snapshot()).billable).toEqual({ marketing: 1, utility: 1, unknown: 1 });
  });

  it('counts a reply from a campaign recipient known by BSUID, or by the phone next to it', async () => {
    const stats = createCampaignStats();
    stats.recordSent(sent('m-1', 'US.13491208655302741918'));
    stats.recordSent(sent('m-2', '+447700900002'));
    const reply = (ids: { from?: string; userId?: string }) =>
      stats.record({
        kind: 'message',
        provider: 'meta',
        id: `in-${Math.random()}`,
        ...ids,
        timestamp: new Date(),
        type: 'text',
        raw: {},
      });
    reply({ userId: 'US.13491208655302741918' });
    reply({ from: '447700900002', userId: 'GB.999' });
    reply({ userId: 'US.0000' }); // someone else
    expect((await stats.snapshot()).replied).toBe(2);
  });

  it('counts replies from campaign recipients (and replies quoting a campaign message), through a client', async () => {
    const stats = createCampaignStats();
    stats.recordSent(sent('m-1', '+447700900001'));
    const client = new TestClient();
    const stop = stats.attach(client);
    await client.parseWebhook({
      rawBody: JSON.stringify([
        { from: '447700900001', timestamp: 1 },
        { from: '447700900001', timestamp: 2 },
        { from: '447700900999', timestamp: 3 }, // not a campaign recipient
      ]),
      headers: {},
    });
    stats.record({
      kind: 'message',
      provider: 'meta',
      id: 'in-x',
      from: '447700900888',
      timestamp: new Date(),
      type: 'text',
      context: { messageId: 'm-1' },
      raw: {},
    });
    expect((await stats.snapshot()).replied).toBe(3);
    stop();
    await client.parseWebhook({
      rawBody: JSON.stringify([{ from: '447700900001', timestamp: 4 }]),
      headers: {},
    });
    expect((await stats.snapshot()).replied).toBe(3);
  });
});
