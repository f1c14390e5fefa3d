import { createHmac } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../../src/index.js';
import { CleverTapClient, type CleverTapConfig } from '../../../src/providers/clevertap/index.js';
import { capture, caught, sent } from '../meta/helpers.js';

const TOKEN = 'EAAJBctUnitToken0123456789abcdefSECRET';
const PASSCODE = 'ct-passcode-SECRET-123456';
const config: CleverTapConfig = {
  accessToken: TOKEN,
  phoneNumberId: '209876543210987',
  wabaId: '102290129340399',
  region: 'in1',
  accountId: 'W9R-486-4W5Z',
  passcode: PASSCODE,
  appSecret: 'ct-app-secret-0123456789',
  retry: { baseDelayMs: 1, maxDelayMs: 2, jitter: 0 },
};
const client = (overrides: Partial<CleverTapConfig> = {}) => new CleverTapClient({ ...config, ...overrides });
const REST = 'https://in1.api.clevertap.com/1';

describe('config', () => {
  it('requires a known region and lists the valid ones', () => {
    expect(() => new CleverTapClient({ ...config, region: undefined } as never)).toThrow(/region/);
    expect(() => client({ region: 'eu2' as never })).toThrow(/eu1, in1, sg1, us1, aps3, mec1/);
  });

  it('is built by createClient and redacts the passcode and token', () => {
    const c = createClient({ provider: 'clevertap', ...config });
    expect(c).toBeInstanceOf(CleverTapClient);
    for (const view of [JSON.stringify(c), inspect(c, { depth: 5 })]) {
      expect(view).not.toContain(PASSCODE);
      expect(view).not.toContain(TOKEN);
      expect(view).toContain('W9R-486-4W5Z');
    }
  });
});

describe('sending on the Cloud API', () => {
  it('sends through graph.facebook.com with the bearer token and reports clevertap', async () => {
    const seen = capture(() => ({ body: sent('wamid.CT1') }));
    const c = client();
    const failed: unknown[] = [];
    c.on('message.failed', (e) => failed.push(e));
    const result = await c.sendText('+919812345678', 'Namaste');
    expect(result).toMatchObject({ provider: 'clevertap', messageId: 'wamid.CT1', to: '+919812345678' });
    expect(seen[0]?.url.href).toBe('https://graph.facebook.com/v23.0/209876543210987/messages');
    expect(seen[0]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(seen[0]?.headers.get('x-clevertap-passcode')).toBeNull();
    expect(failed).toEqual([]);
  });
});

describe('webhooks', () => {
  it('verifies Cloud API deliveries with the app secret and reports clevertap', async () => {
    const raw = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '102290129340399',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '919800000000', phone_number_id: '209876543210987' },
                statuses: [
                  { id: 'wamid.CT9', status: 'read', timestamp: '1750263773', recipient_id: '919812345678' },
                ],
              },
            },
          ],
        },
      ],
    });
    const signature = `sha256=${createHmac('sha256', 'ct-app-secret-0123456789').update(raw).digest('hex')}`;
    const c = client();
    const statuses: string[] = [];
    c.on('message.status', (e) => statuses.push(`${e.provider}:${e.event.provider}:${e.event.status}`));
    const events = await c.parseWebhook({ rawBody: raw, headers: { 'x-hub-signature-256': signature } });
    expect(events).toEqual([
      expect.objectContaining({ kind: 'status', provider: 'clevertap', messageId: 'wamid.CT9' }),
    ]);
    expect(statuses).toEqual(['clevertap:clevertap:read']);
    const refused = await caught(
      c.parseWebhook({ rawBody: raw, headers: { 'x-hub-signature-256': 'sha256=00' } }),
    );
    expect(refused.name).toBe('WebhookVerificationError');
  });
});

describe('setWhatsAppOptIn', () => {
  it('uploads MSG-whatsapp for one identity with the account headers and no bearer token', async () => {
    const seen = capture(() => ({ body: { status: 'success', processed: 1, unprocessed: [] } }));
    const result = await client().setWhatsAppOptIn('user-42', true);
    expect(result).toEqual({ processed: 1, unprocessed: [], batches: 1 });
    expect(seen).toHaveLength(1);
    const req = seen[0];
    expect(req?.method).toBe('POST');
    expect(req?.url.href).toBe(`${REST}/upload`);
    expect(req?.headers.get('x-clevertap-account-id')).toBe('W9R-486-4W5Z');
    expect(req?.headers.get('x-clevertap-passcode')).toBe(PASSCODE);
    expect(req?.headers.get('content-type')).toBe('application/json');
    expect(req?.headers.get('authorization')).toBeNull();
    expect(req?.json).toEqual({
      d: [{ identity: 'user-42', type: 'profile', profileData: { 'MSG-whatsapp': true } }],
    });
  });

  it('batches many identities at 1000 records per call and sums the results', async () => {
    const seen = capture((req) => {
      const records = (req.json as { d: unknown[] }).d.length;
      return { body: { status: 'success', processed: records, unprocessed: [] } };
    });
    const ids = Array.from({ length: 2500 }, (_, i) => `u${i}`);
    const result = await client().setWhatsAppOptIn(ids, false);
    expect(seen.map((r) => (r.json as { d: unknown[] }).d.length)).toEqual([1000, 1000, 500]);
    expect((seen[2]?.json as { d: unknown[] } | undefined)?.d[0]).toEqual({
      identity: 'u2000',
      type: 'profile',
      profileData: { 'MSG-whatsapp': false },
    });
    expect(result).toEqual({ processed: 2500, unprocessed: [], batches: 3 });
  });

  it('returns the records CleverTap did not process', async () => {
    capture(() => ({
      body: {
        status: 'partial',
        processed: 1,
        unprocessed: [{ status: 'fail', code: 509, error: 'Invalid identity', index: 1 }],
      },
    }));
    const result = await client().setWhatsAppOptIn(['a', ' b'], true);
    expect(result.unprocessed).toEqual([
      expect.objectContaining({ identity: ' b', error: 'Invalid identity' }),
    ]);
  });

  it('uses restBaseUrl and the region host', async () => {
    const seen = capture(() => ({ body: { status: 'success', processed: 1 } }));
    await client({ region: 'us1' }).setWhatsAppOptIn('x', true);
    await client({ restBaseUrl: 'https://ct-proxy.example.com/1' }).setWhatsAppOptIn('x', true);
    expect(seen.map((r) => r.url.href)).toEqual([
      'https://us1.api.clevertap.com/1/upload',
      'https://ct-proxy.example.com/1/upload',
    ]);
  });

  it('refuses bad input and missing credentials before any request', async () => {
    const seen = capture(() => ({ body: {} }));
    expect((await caught(client().setWhatsAppOptIn([], true))).name).toBe('ValidationError');
    expect((await caught(client().setWhatsAppOptIn(['ok', ''], true))).name).toBe('ValidationError');
    expect((await caught(client().setWhatsAppOptIn('x', 'yes' as never))).name).toBe('ValidationError');
    const missing = await caught(client({ passcode: undefined }).setWhatsAppOptIn('x', true));
    expect(missing.name).toBe('ConfigError');
    expect(missing.message).toContain('passcode');
    expect(seen).toHaveLength(0);
  });

  it('maps a 200 "fail" answer to a typed error without leaking the passcode', async () => {
    capture(() => ({ body: { status: 'fail', error: `Invalid passcode ${PASSCODE}`, code: 401 } }));
    const error = await caught(client().setWhatsAppOptIn('x', true));
    expect(error.name).toBe('AuthenticationError');
    expect(error.message).toContain('Invalid passcode');
    expect(inspect(error, { depth: 6 })).not.toContain(PASSCODE);
  });
});

describe('triggerCampaign', () => {
  it('posts the External Trigger body', async () => {
    const seen = capture(() => ({ body: { status: 'success' } }));
    const result = await client().triggerCampaign('1695721550', ['user-1', 'user-2'], {
      orderId: 'A-42',
      eta: 'Monday',
    });
    expect(result).toEqual({ batches: 1, responses: [{ status: 'success' }] });
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.url.href).toBe(`${REST}/send/externaltrigger.json`);
    expect(seen[0]?.headers.get('x-clevertap-account-id')).toBe('W9R-486-4W5Z');
    expect(seen[0]?.headers.get('x-clevertap-passcode')).toBe(PASSCODE);
    expect(seen[0]?.json).toEqual({
      to: { identity: ['user-1', 'user-2'] },
      campaign_id: '1695721550',
      ExternalTrigger: { orderId: 'A-42', eta: 'Monday' },
    });
  });

  it('refuses non-string vars and a non-numeric campaign id before any request', async () => {
    const seen = capture(() => ({ body: {} }));
    const error = await caught(client().triggerCampaign(17, 'u', { total: 12 as never }));
    expect(error.name).toBe('ValidationError');
    expect(error.message).toContain('total');
    expect((await caught(client().triggerCampaign('abc', 'u'))).name).toBe('ValidationError');
    expect(seen).toHaveLength(0);
  });

  it('does not retry a trigger answered 500 (the campaign may have fired)', async () => {
    const seen = capture(() => ({ status: 500, body: { status: 'fail', error: 'oops' } }));
    expect((await caught(client().triggerCampaign(17, 'u'))).name).toBe('InternalServerError');
    expect(seen).toHaveLength(1);
  });
});

// ---------------------------------------------------------------- templates

const body = { type: 'BODY', text: 'Hi {{1}}, your order is ready.', example: { body_text: [['Ana']] } };

describe('CleverTap template rules', () => {
  it('validates with the strict profile: 4 quick replies are refused locally', async () => {
    const seen = capture(() => ({ body: { id: '1', status: 'PENDING' } }));
    const buttons = ['A', 'B', 'C', 'D'].map((text) => ({ type: 'QUICK_REPLY', text }));
    const error = await caught(
      client().createTemplate({
        name: 'promo',
        language: 'en',
        category: 'MARKETING',
        components: [body, { type: 'BUTTONS', buttons }],
      } as never),
    );
    expect(error.name).toBe('TemplateError');
    expect((error.issues as { code: string }[]).map((i) => i.code)).toContain('buttons.quick_reply_limit');
    expect(seen).toHaveLength(0);
  });

  it('refuses authentication templates and foreign click-tracking domains', async () => {
    const seen = capture(() => ({ body: { id: '1', status: 'PENDING' } }));
    const auth = await caught(
      client().createTemplate({
        name: 'otp',
        language: 'en',
        category: 'AUTHENTICATION',
        components: [body],
      } as never),
    );
    expect((auth.issues as { code: string }[]).map((i) => i.code)).toContain(
      'clevertap.category_unsupported',
    );
    const foreign = await caught(
      client().createTemplate({
        name: 'track',
        language: 'en',
        category: 'MARKETING',
        components: [
          body,
          {
            type: 'BUTTONS',
            buttons: [
              { type: 'URL', text: 'Track', url: 'https://ct1.io/{{1}}', example: ['https://ct1.io/x'] },
            ],
          },
        ],
      } as never),
    );
    expect((foreign.issues as { code: string }[]).map((i) => i.code)).toContain(
      'clevertap.click_tracking_region',
    );
    expect(seen).toHaveLength(0);
  });

  it("accepts the region's own click-tracking button", async () => {
    const seen = capture(() => ({ body: { id: '77', status: 'PENDING', category: 'MARKETING' } }));
    const c = client();
    const button = c.clickTrackingButton('Track', 'o42');
    expect(button.url).toBe('https://ct3.io/{{1}}');
    const result = await c.createTemplate({
      name: 'track',
      language: 'en',
      category: 'MARKETING',
      components: [body, { type: 'BUTTONS', buttons: [button] }],
    } as never);
    expect(result.id).toBe('77');
    expect(seen[0]?.url.href).toBe('https://graph.facebook.com/v23.0/102290129340399/message_templates');
  });

  it('warns that editing or deleting a template stops the campaigns using it', async () => {
    capture((req) =>
      req.method === 'GET'
        ? {
            body: {
              id: '594425479261596',
              name: 'order_ready',
              language: 'en',
              status: 'REJECTED',
              category: 'UTILITY',
              components: [body],
            },
          }
        : { body: { success: true } },
    );
    const c = client();
    const warnings: { code: string; message: string }[] = [];
    c.on('warning', (w) => warnings.push(w));
    await c.editTemplate('594425479261596', { components: [body] });
    await c.deleteTemplate({ name: 'order_ready' });
    expect(warnings.map((w) => w.code)).toEqual(['clevertap.template_edited', 'clevertap.template_deleted']);
    expect(warnings[0]?.message).toContain('stops every CleverTap campaign and journey');
  });

  it('does not warn when the edit is refused', async () => {
    capture(() => ({ body: { id: '5', name: 'x', language: 'en', status: 'PENDING', components: [] } }));
    const c = client();
    const warnings: unknown[] = [];
    c.on('warning', (w) => warnings.push(w));
    expect((await caught(c.editTemplate('5', { components: [body] }))).name).toBe('TemplateError');
    expect(warnings).toEqual([]);
  });
});

describe('importTemplates', () => {
  const graphList = {
    data: [
      {
        id: '1',
        name: 'promo',
        language: 'en',
        status: 'APPROVED',
        category: 'MARKETING',
        components: [body],
      },
      {
        id: '2',
        name: 'otp',
        language: 'en',
        status: 'APPROVED',
        category: 'AUTHENTICATION',
        components: [],
      },
      {
        id: '3',
        name: 'tracked',
        language: 'en',
        status: 'APPROVED',
        category: 'MARKETING',
        components: [
          { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Go', url: 'https://ct1.io/{{1}}' }] },
        ],
      },
    ],
    paging: { cursors: { after: 'END' } },
  };

  it('lists APPROVED templates from Meta, replaces, then adds, and warns about foreign tracking links', async () => {
    const seen = capture(() => ({ body: graphList }));
    const c = client();
    const warnings: string[] = [];
    c.on('warning', (w) => warnings.push(w.code));
    const first = await c.importTemplates({ mode: 'replace' });
    expect(seen[0]?.url.searchParams.get('status')).toBe('APPROVED');
    expect(seen[0]?.url.pathname).toBe('/v23.0/102290129340399/message_templates');
    expect(first.templates.map((t) => t.name)).toEqual(['promo', 'tracked']);
    expect(first.skipped.map((s) => s.reason)).toEqual(['authentication_unsupported']);
    expect(warnings).toEqual(['clevertap.click_tracking_region']);
    expect(c.templates.map((t) => t.name)).toEqual(['promo', 'tracked']);
    const second = await c.importTemplates({ mode: 'add' });
    expect(second.added).toEqual([]);
    expect(c.templates).toHaveLength(2);
  });

  it('refuses an unknown mode', async () => {
    expect((await caught(client().importTemplates({ mode: 'merge' as never }))).name).toBe('ValidationError');
  });
});
