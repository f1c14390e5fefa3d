import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { type Collector, startCollector } from './helpers.js';

let sandbox: Sandbox;
let hooks: Collector;
beforeEach(async () => {
  hooks = await startCollector();
  sandbox = await startSandbox({
    webhooks: { clevertap: { url: `${hooks.url}/ct` } },
    statuses: { delayMs: 1 },
  });
});
afterEach(async () => {
  await sandbox.stop();
  await hooks.close();
});

const rest = (path: string, body: unknown, passcode = sandbox.credentials.clevertap.passcode) =>
  fetch(`${sandbox.url}/1/${path}`, {
    method: 'POST',
    headers: {
      'x-clevertap-account-id': sandbox.credentials.clevertap.accountId,
      'x-clevertap-passcode': passcode,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });

describe('CleverTap REST endpoints', () => {
  it('uploads profiles and records MSG-whatsapp; bad records come back as unprocessed', async () => {
    const res = await rest('upload', {
      d: [
        { identity: 'user-1', type: 'profile', profileData: { 'MSG-whatsapp': true } },
        { identity: 'user-2', type: 'event' },
      ],
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'success',
      processed: 1,
      unprocessed: [
        expect.objectContaining({ status: 'fail', index: 1, record: { identity: 'user-2', type: 'event' } }),
      ],
    });
    expect(sandbox.profiles.get('user-1')).toEqual({ 'MSG-whatsapp': true });
  });

  it('refuses a wrong passcode with {status: fail} 401', async () => {
    const res = await rest('upload', { d: [] }, 'wrong');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ status: 'fail', code: 401 });
  });

  it('records External Trigger calls and refuses non-string personalisation values', async () => {
    const ok = await rest('send/externaltrigger.json', {
      to: { identity: ['user-1'] },
      campaign_id: 1700000000,
      ExternalTrigger: { order: 'A1' },
    });
    expect(await ok.json()).toEqual({ status: 'success', processed: 1 });
    expect(sandbox.triggers).toEqual([
      { campaignId: '1700000000', identities: ['user-1'], vars: { order: 'A1' } },
    ]);
    const bad = await rest('send/externaltrigger.json', {
      to: { identity: ['user-1'] },
      campaign_id: 1,
      ExternalTrigger: { n: 1 },
    });
    expect(bad.status).toBe(400);
  });

  it('serves the Cloud API for the CleverTap number and posts its webhooks to the CleverTap target', async () => {
    const c = sandbox.credentials.clevertap;
    await sandbox.inbound('clevertap', '+919876543210', 'hi');
    const res = await fetch(`${sandbox.url}/v23.0/${c.phoneNumberId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${c.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        messaging_product: 'whatsapp',
        to: '919876543210',
        type: 'text',
        text: { body: 'Hi' },
      }),
    });
    expect(res.status).toBe(200);
    await sandbox.idle();
    expect(sandbox.messages[0]).toMatchObject({ provider: 'clevertap', status: 'read' });
    expect(hooks.received.every((r) => r.path === '/ct')).toBe(true);
    expect(hooks.received).toHaveLength(4);
    const metaToken = await fetch(`${sandbox.url}/v23.0/${c.phoneNumberId}/messages`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${sandbox.credentials.meta.accessToken}`,
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(metaToken.status).toBe(401);
  });
});
