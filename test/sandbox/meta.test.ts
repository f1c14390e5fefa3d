import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createManualClock,
  DAY_MS,
  type Sandbox,
  type SandboxOptions,
  startSandbox,
} from '../../src/sandbox/index.js';
import type { TemplateDefinition } from '../../src/templates/index.js';
import { type Collector, startCollector } from './helpers.js';

let sandbox: Sandbox;
let hooks: Collector;

async function start(options: SandboxOptions = {}) {
  hooks = await startCollector();
  sandbox = await startSandbox({
    webhooks: { meta: { url: `${hooks.url}/meta` } },
    statuses: { delayMs: 1 },
    reviewDelayMs: 1,
    ...options,
  });
}
afterEach(async () => {
  await sandbox.stop();
  await hooks.close();
});

const graph = (path: string, init: { method?: string; body?: unknown; token?: string } = {}) =>
  fetch(`${sandbox.url}/v23.0/${path}`, {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    headers: {
      authorization: `Bearer ${init.token ?? sandbox.credentials.meta.accessToken}`,
      'content-type': 'application/json',
    },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });

const sendText = (to = '16505551234', body = 'Hello') =>
  graph(`${sandbox.credentials.meta.phoneNumberId}/messages`, {
    body: {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to,
      type: 'text',
      text: { body },
      biz_opaque_callback_data: 'ref-1',
    },
  });

const statuses = () =>
  hooks.received.flatMap(
    (r) =>
      (r.json as { entry: { changes: { value: { statuses?: Record<string, unknown>[] } }[] }[] }).entry[0]
        ?.changes[0]?.value.statuses ?? [],
  );

const definition = (overrides: Partial<TemplateDefinition> = {}): TemplateDefinition => ({
  name: 'order_update',
  language: 'en_US',
  category: 'UTILITY',
  components: [
    {
      type: 'BODY',
      text: 'Hi {{1}}, your order {{2}} has shipped.',
      example: { body_text: [['Ana', 'A-1']] },
    },
  ],
  ...overrides,
});

describe('Cloud API send', () => {
  it('answers the documented success body and posts signed sent/delivered/read statuses', async () => {
    await start();
    await sandbox.inbound('meta', '+16505551234', 'hi');
    const res = await sendText('+16505551234');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { messages: { id: string }[] };
    expect(body).toEqual({
      messaging_product: 'whatsapp',
      contacts: [{ input: '+16505551234', wa_id: '16505551234' }],
      messages: [{ id: expect.stringMatching(/^wamid\./), message_status: 'accepted' }],
    });
    await sandbox.idle();
    expect(statuses().map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
    expect(statuses()[0]).toMatchObject({
      id: body.messages[0]?.id,
      recipient_id: '16505551234',
      biz_opaque_callback_data: 'ref-1',
    });
    for (const r of hooks.received) {
      const expected = `sha256=${createHmac('sha256', sandbox.credentials.meta.appSecret).update(r.body).digest('hex')}`;
      expect(r.headers['x-hub-signature-256']).toBe(expected);
      expect(r.json).toMatchObject({
        object: 'whatsapp_business_account',
        entry: [{ id: sandbox.credentials.meta.wabaId }],
      });
    }
  });

  it('signs the body with non-ASCII escaped as \\uXXXX, as Meta does', async () => {
    await start();
    await sandbox.inbound('meta', '+16505551234', 'Olá 😀');
    const raw = hooks.received[0]?.body ?? '';
    expect(raw).toContain('Ol\\u00e1 \\ud83d\\ude00');
    expect(raw).not.toContain('á');
    expect(hooks.received[0]?.json).toMatchObject({
      entry: [
        {
          changes: [
            {
              field: 'messages',
              value: {
                contacts: [{ wa_id: '16505551234' }],
                messages: [{ type: 'text', text: { body: 'Olá 😀' } }],
              },
            },
          ],
        },
      ],
    });
  });

  it('refuses a bad token with a Graph 401 (code 190)', async () => {
    await start();
    const res = await graph(`${sandbox.credentials.meta.phoneNumberId}/messages`, {
      body: {},
      token: 'nope',
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      error: { code: 190, type: 'OAuthException', fbtrace_id: expect.any(String) },
    });
  });

  it('refuses a body without messaging_product with code 100', async () => {
    await start();
    const res = await graph(`${sandbox.credentials.meta.phoneNumberId}/messages`, {
      body: { to: '16505551234', type: 'text', text: { body: 'x' } },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { code: 100, message: '(#100) The parameter messaging_product is required.' },
    });
  });

  it('accepts free-form outside the window, then fails it with 131047 in the status webhook', async () => {
    await start();
    expect((await sendText()).status).toBe(200);
    await sandbox.idle();
    expect(statuses()).toEqual([
      expect.objectContaining({ status: 'failed', errors: [expect.objectContaining({ code: 131047 })] }),
    ]);
  });

  it('closes the window 24 h after the last inbound message (sandbox clock)', async () => {
    const clock = createManualClock(Date.UTC(2026, 0, 1));
    await start({ clock });
    await sandbox.inbound('meta', '+16505551234', 'hi');
    clock.advance(DAY_MS - 1);
    expect(sandbox.windowOpen('meta', '+16505551234')).toBe(true);
    clock.advance(1);
    expect(sandbox.windowOpen('meta', '+16505551234')).toBe(false);
  });

  it('answers 130429 above the throughput limit', async () => {
    const clock = createManualClock();
    await start({ clock, limits: { throughputPerSecond: 3, window: false } });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await sendText(`1650555000${i}`)).status);
    expect(codes).toEqual([200, 200, 200, 400]);
    const res = await sendText('16505550009');
    expect(await res.json()).toMatchObject({ error: { code: 130429, is_transient: true } });
    clock.advance(1000);
    expect((await sendText('16505550009')).status).toBe(200);
  });

  it('answers 131056 above the pair rate and refills one message per interval', async () => {
    const clock = createManualClock();
    await start({ clock, limits: { pairRate: { burst: 2, intervalMs: 6000 }, window: false } });
    expect((await sendText()).status).toBe(200);
    expect((await sendText()).status).toBe(200);
    const refused = await sendText();
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: 131056 } });
    expect((await sendText('16505559999')).status).toBe(200);
    clock.advance(6000);
    expect((await sendText()).status).toBe(200);
  });

  it('fails business-initiated messages to new recipients over the tier with 131049, in a moving 24 h', async () => {
    const clock = createManualClock();
    await start({ clock, limits: { tier: 2 } });
    sandbox.templates.add(definition());
    const sendTemplate = (to: string) =>
      graph(`${sandbox.credentials.meta.phoneNumberId}/messages`, {
        body: {
          messaging_product: 'whatsapp',
          to,
          type: 'template',
          template: {
            name: 'order_update',
            language: { code: 'en_US' },
            components: [
              {
                type: 'body',
                parameters: [
                  { type: 'text', text: 'A' },
                  { type: 'text', text: 'B' },
                ],
              },
            ],
          },
        },
      });
    for (const to of ['16505550001', '16505550002', '16505550001', '16505550003'])
      expect((await sendTemplate(to)).status).toBe(200);
    await sandbox.idle();
    expect(sandbox.messages.map((m) => m.status)).toEqual(['read', 'read', 'read', 'failed']);
    expect(sandbox.messages[3]?.error?.code).toBe(131049);
    expect(sandbox.reached('meta')).toBe(2);
    clock.advance(DAY_MS);
    expect((await sendTemplate('16505550003')).status).toBe(200);
    await sandbox.idle();
    expect(sandbox.messages[4]?.status).toBe('read');
  });
});

describe('Cloud API templates', () => {
  it('creates a template PENDING, approves it after review with a template-status webhook, and lists it', async () => {
    await start();
    const res = await graph(`${sandbox.credentials.meta.wabaId}/message_templates`, { body: definition() });
    expect(res.status).toBe(200);
    const created = (await res.json()) as { id: string; status: string; category: string };
    expect(created).toEqual({ id: expect.stringMatching(/^\d+$/), status: 'PENDING', category: 'UTILITY' });
    await sandbox.idle();
    expect(hooks.received.map((r) => r.json)).toEqual([
      {
        object: 'whatsapp_business_account',
        entry: [
          {
            id: sandbox.credentials.meta.wabaId,
            changes: [
              {
                field: 'message_template_status_update',
                value: {
                  event: 'APPROVED',
                  message_template_id: Number(created.id),
                  message_template_name: 'order_update',
                  message_template_language: 'en_US',
                  reason: 'NONE',
                },
              },
            ],
          },
        ],
      },
    ]);
    const list = (await (
      await graph(`${sandbox.credentials.meta.wabaId}/message_templates?status=APPROVED`)
    ).json()) as { data: { id: string; status: string }[] };
    expect(list.data).toEqual([
      expect.objectContaining({ id: created.id, status: 'APPROVED', name: 'order_update' }),
    ]);
    const one = (await (await graph(created.id)).json()) as { status: string };
    expect(one.status).toBe('APPROVED');
  });

  it('rejects an invalid template with INVALID_FORMAT and the validator findings', async () => {
    await start();
    const bad = definition({
      components: [{ type: 'BODY', text: '{{1}} leading variable and missing example' }],
    });
    await graph(`${sandbox.credentials.meta.wabaId}/message_templates`, { body: bad });
    await sandbox.idle();
    const value = (hooks.received[0]!.json as { entry: { changes: { value: Record<string, unknown> }[] }[] })
      .entry[0]?.changes[0]?.value;
    expect(value).toMatchObject({
      event: 'REJECTED',
      reason: 'INVALID_FORMAT',
      rejection_info: { reason: expect.stringContaining('variable.leading') },
    });
    expect(sandbox.templates.list()[0]?.rejectionDetails).toEqual([
      expect.stringMatching(/^variable\.leading: /),
      expect.stringMatching(/^example\.missing: /),
    ]);
  });

  it('refuses a duplicate name + language', async () => {
    await start();
    await graph(`${sandbox.credentials.meta.wabaId}/message_templates`, { body: definition() });
    const again = await graph(`${sandbox.credentials.meta.wabaId}/message_templates`, { body: definition() });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: { code: 100 } });
  });

  it('limits edits of an approved template to one per 24 h and ten per 30 days, and refuses PENDING edits', async () => {
    const clock = createManualClock();
    await start({ clock, reviewDelayMs: 'manual' });
    const t = sandbox.templates.add(definition());
    const edit = () => graph(t.id, { body: { components: definition().components } });
    expect((await edit()).status).toBe(200);
    const pending = await edit();
    expect(pending.status).toBe(400);
    expect(((await pending.json()) as { error: { message: string } }).error.message).toContain('PENDING');
    sandbox.templates.review(t.id);
    expect(sandbox.templates.get(t.id)?.status).toBe('APPROVED');
    const tooSoon = await edit();
    expect(((await tooSoon.json()) as { error: { message: string } }).error.message).toContain(
      'once per 24 hours',
    );
    for (let i = 0; i < 9; i++) {
      clock.advance(DAY_MS);
      expect((await edit()).status).toBe(200);
      sandbox.templates.review(t.id);
    }
    clock.advance(DAY_MS);
    const eleventh = await edit();
    expect(((await eleventh.json()) as { error: { message: string } }).error.message).toContain(
      '10 times per 30 days',
    );
  });

  it('refuses sends of a paused template (132015), a wrong parameter count (132000) and an unknown one (132001)', async () => {
    await start({ limits: { window: false } });
    const t = sandbox.templates.add(definition());
    const send = (name: string, params: number) =>
      graph(`${sandbox.credentials.meta.phoneNumberId}/messages`, {
        body: {
          messaging_product: 'whatsapp',
          to: '16505551234',
          type: 'template',
          template: {
            name,
            language: { code: 'en_US' },
            components: [
              {
                type: 'body',
                parameters: Array.from({ length: params }, () => ({ type: 'text', text: 'x' })),
              },
            ],
          },
        },
      });
    const mismatch = await send('order_update', 1);
    expect(mismatch.status).toBe(400);
    expect(await mismatch.json()).toMatchObject({ error: { code: 132000 } });
    const unknown = await send('nope', 2);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 132001 } });
    sandbox.templates.setStatus(t.id, 'PAUSED');
    const paused = await send('order_update', 2);
    expect(await paused.json()).toMatchObject({ error: { code: 132015 } });
    expect(sandbox.messages).toHaveLength(0);
  });

  it('deletes by name and blocks reuse of an approved name for 30 days', async () => {
    const clock = createManualClock();
    await start({ clock });
    sandbox.templates.add(definition());
    const del = await graph(`${sandbox.credentials.meta.wabaId}/message_templates?name=order_update`, {
      method: 'DELETE',
    });
    expect(await del.json()).toEqual({ success: true });
    const reuse = await graph(`${sandbox.credentials.meta.wabaId}/message_templates`, { body: definition() });
    expect(reuse.status).toBe(400);
    clock.advance(30 * DAY_MS);
    expect(
      (await graph(`${sandbox.credentials.meta.wabaId}/message_templates`, { body: definition() })).status,
    ).toBe(200);
  });
});
