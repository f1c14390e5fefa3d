/**
 * The sandbox inspector in a real Chromium (playwright-core driving the system browser, installed by
 * scripts/ensure-chromium.sh when missing): what a client sends is rendered as the customer sees it, a tap in
 * the page reaches the app's webhook handler as the provider's real `reply` webhook, and a refused webhook
 * delivery shows with its status and reason. Every app here is a real HTTP server on 127.0.0.1 running the
 * package's own webhook handler, verifying the sandbox's signatures.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MessageEvent } from '../../src/core/webhook-event.js';
import { toNodeListener } from '../../src/entries/node.js';
import { createClient } from '../../src/index.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { type CreateWebhookHandlerOptions, createWebhookHandler } from '../../src/webhooks/index.js';
import { ORDER_UPDATE } from '../sandbox/helpers.js';
import { launchChromium } from './chromium.js';

let browser: Browser;
let page: Page;
let sandbox: Sandbox | undefined;
let app: Server | undefined;

beforeAll(async () => {
  browser = await launchChromium();
}, 600_000);
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await page?.close();
  await sandbox?.stop();
  await new Promise((resolve) => (app ? app.close(resolve) : resolve(undefined)));
  sandbox = undefined;
  app = undefined;
});

/** An app: the package's webhook handler on node:http, collecting the message events it dispatches. */
async function startApp(
  options: Omit<CreateWebhookHandlerOptions, 'on'>,
): Promise<{ url: string; messages: MessageEvent[] }> {
  const messages: MessageEvent[] = [];
  const handler = createWebhookHandler({ ...options, on: { message: (e) => void messages.push(e) } });
  app = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => app?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(app.address() as AddressInfo).port}/webhook`, messages };
}

async function openInspector(): Promise<Page> {
  if (!sandbox?.inspectorUrl) throw new Error('the sandbox was not started with ui: true');
  page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  await page.goto(sandbox.inspectorUrl);
  await page.getByTestId('live').getByText('live').waitFor();
  return page;
}

describe('inspector in Chromium', () => {
  it('renders a template a client sent as the customer sees it, with its status ticks', async () => {
    sandbox = await startSandbox({ ui: true, statuses: { delayMs: 1 } });
    sandbox.templates.add(ORDER_UPDATE as never);
    const view = await openInspector();
    await createClient(sandbox.config('meta')).sendTemplate('+447700900123', {
      name: 'order_update',
      language: 'en_US',
      header: { type: 'text', text: '#42' },
      body: ['Ana', '#42'],
    });
    const bubble = view.getByTestId('messages').getByTestId('outbound');
    await expect
      .poll(() => bubble.getByTestId('body').textContent())
      .toBe('Hi Ana, your order #42 ships today.');
    expect(await bubble.locator('.header-text').textContent()).toBe('Order #42');
    expect(await bubble.getByTestId('footer').textContent()).toBe('Reply STOP to opt out');
    expect(await bubble.getByTestId('reply-button').allTextContents()).toEqual(['↩ Track it']);
    // No webhook target: the statuses apply at once, and the page shows the last one (read, blue ticks).
    await expect.poll(() => bubble.getAttribute('data-status')).toBe('read');
    expect(await bubble.locator('.ticks.read').count()).toBe(1);
  });

  it("shows a refused status with the platform's code and reason", async () => {
    sandbox = await startSandbox({ ui: true });
    const view = await openInspector();
    // No inbound message first: the 24 h window is closed, so a free-form text fails with 131047.
    await createClient(sandbox.config('meta')).sendText('+447700900123', 'Hello?');
    const bubble = view.getByTestId('outbound');
    await expect.poll(() => bubble.getAttribute('data-status')).toBe('failed');
    expect(await bubble.getByTestId('failure').textContent()).toMatch(/^131047 Re-engagement message/);
    expect(await view.getByTestId('window').textContent()).toMatch(/no window yet/);
  });

  it("a tap on a reply button reaches the app's webhook handler as a signed reply event", async () => {
    const probe = await startSandbox();
    const appSecret = probe.credentials.meta.appSecret;
    await probe.stop();
    const hook = await startApp({ provider: 'meta', appSecret });
    sandbox = await startSandbox({
      ui: true,
      webhooks: { meta: { url: hook.url } },
      credentials: { meta: { appSecret } },
      statuses: { delayMs: 1 },
    });
    await sandbox.inbound('meta', '+447700900123', 'Can I change my delivery?');
    const client = createClient(sandbox.config('meta'));
    const sent = await client.send({
      type: 'interactive',
      to: '+447700900123',
      body: 'When should we come?',
      footer: 'Pick one',
      action: {
        type: 'buttons',
        buttons: [
          { id: 'slot-am', title: 'Morning' },
          { id: 'slot-pm', title: 'Afternoon' },
        ],
      },
    });
    const view = await openInspector();
    await view.getByTestId('reply-button').getByText('Afternoon').click();
    await expect.poll(() => hook.messages.filter((m) => m.type === 'reply').length).toBe(1);
    const reply = hook.messages.find((m) => m.type === 'reply');
    expect(reply).toMatchObject({
      provider: 'meta',
      from: '447700900123',
      reply: { id: 'slot-pm', title: 'Afternoon' },
      context: { messageId: sent.messageId },
    });
    // The page shows the tap as the customer's message, and every delivery as accepted.
    await expect.poll(() => view.getByTestId('inbound').last().textContent()).toContain('Afternoon');
    const statuses = await view.getByTestId('delivery-status').allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['200']));
  });

  it('a tap on a Gupshup list row arrives as a list reply', async () => {
    const hook = await startApp({ provider: 'gupshup' });
    sandbox = await startSandbox({ ui: true, webhooks: { gupshup: { url: hook.url } } });
    await sandbox.inbound('gupshup', '+919876543210', 'menu');
    await createClient(sandbox.config('gupshup')).send({
      type: 'interactive',
      to: '+919876543210',
      body: 'What would you like?',
      action: {
        type: 'list',
        button: 'Choose',
        sections: [{ title: 'Drinks', rows: [{ id: 'tea', title: 'Tea', description: 'Earl Grey' }] }],
      },
    });
    const view = await openInspector();
    await view.getByTestId('list-button').click();
    await view.getByTestId('list-row').getByText('Tea').click();
    await expect.poll(() => hook.messages.filter((m) => m.type === 'reply').length).toBe(1);
    expect(hook.messages.find((m) => m.type === 'reply')?.reply).toMatchObject({ id: 'tea', title: 'Tea' });
  });

  it('highlights a refused webhook delivery with its status and reason, and replays it', async () => {
    // The app verifies with another secret than the sandbox signs with: every delivery is a 401.
    const hook = await startApp({ provider: 'meta', appSecret: 'not-the-sandbox-secret' });
    sandbox = await startSandbox({
      ui: true,
      webhooks: { meta: { url: hook.url } },
      webhookRetry: { attempts: 2, baseDelayMs: 1 },
    });
    const view = await openInspector();
    await view.getByTestId('composer').waitFor();
    await view.locator('#new-provider').selectOption('meta');
    await view.locator('#new-from').fill('+447700900123');
    await view.locator('#new-conversation button').click();
    await view.locator('#composer-text').fill('Is anyone there?');
    await view.getByTestId('send-text').click();
    const failed = view.locator('[data-testid=delivery].failed');
    await expect.poll(() => failed.count()).toBe(2);
    expect(await failed.first().getByTestId('delivery-status').textContent()).toBe('401');
    expect(await failed.first().getByTestId('delivery-reason').textContent()).toBe('signature_mismatch');
    expect(hook.messages).toHaveLength(0);
    await failed.first().getByTestId('replay').click();
    await expect.poll(() => failed.count()).toBe(3);
    expect(sandbox.webhookDeliveries.at(-1)).toMatchObject({ status: 401, answer: 'signature_mismatch' });
  });
});
