/**
 * Regenerates docs/images/inspector-*.png: a sandbox with the inspector, a few conversations and webhook
 * deliveries (one app verifying with the right secret, one with a wrong one), photographed in Chromium.
 * Run: npx tsx scripts/inspector-screenshots.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32, deflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { toNodeListener } from '../src/entries/node.js';
import { createClient } from '../src/index.js';
import { startSandbox } from '../src/sandbox/index.js';
import { createWebhookHandler } from '../src/webhooks/index.js';
import { chromiumPath } from '../test/browser/chromium.js';

/** A small solid PNG (a parcel-brown photo stand-in), so the page shows a real image offline. */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3).fill(Buffer.from(rgb))]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function listen(handler: Parameters<typeof createServer>[1]) {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const image = png(320, 180, [196, 164, 132]);
const files = await listen((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(image));
const probe = await startSandbox();
const appSecret = probe.credentials.meta.appSecret;
await probe.stop();
const metaApp = await listen(toNodeListener(createWebhookHandler({ provider: 'meta', appSecret })));
const vonageApp = await listen(
  toNodeListener(createWebhookHandler({ provider: 'nexmo', signatureSecret: 'not-the-sandbox-secret' })),
);
const sandbox = await startSandbox({
  ui: true,
  credentials: { meta: { appSecret } },
  webhooks: {
    meta: { url: `${metaApp.url}/webhooks/meta` },
    nexmo: { url: `${vonageApp.url}/webhooks/vonage` },
  },
  webhookRetry: { attempts: 2, baseDelayMs: 5 },
  statuses: { delayMs: 5 },
});
sandbox.templates.add({
  name: 'order_update',
  language: 'en_US',
  category: 'UTILITY',
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Order {{1}}' },
    { type: 'BODY', text: 'Hi {{1}}, your order {{2}} ships today. Track it or tell us when you are home.' },
    { type: 'FOOTER', text: 'Reply STOP to opt out' },
    {
      type: 'BUTTONS',
      buttons: [
        { type: 'QUICK_REPLY', text: 'Track it' },
        { type: 'QUICK_REPLY', text: 'Change day' },
      ],
    },
  ],
} as never);
sandbox.templates.add({
  name: 'receipt',
  language: 'en',
  category: 'UTILITY',
  components: [
    { type: 'HEADER', format: 'IMAGE' },
    { type: 'BODY', text: 'Thanks {{1}}, you paid {{2}}.' },
  ],
} as never);

const meta = createClient(sandbox.config('meta'));
const customer = '+447700900123';
await meta.sendTemplate(customer, {
  name: 'order_update',
  language: 'en_US',
  header: { type: 'text', text: '#1042' },
  body: ['Ana', '#1042'],
  buttons: [
    { index: 0, type: 'quick_reply', payload: 'track-1042' },
    { index: 1, type: 'quick_reply', payload: 'reschedule-1042' },
  ],
});
await sandbox.idle();
const [first] = sandbox.messages;
await sandbox.inbound(
  'meta',
  customer,
  { type: 'reply', id: 'reschedule-1042', title: 'Change day', source: 'template', context: first?.id },
  { profileName: 'Ana' },
);
await meta.send({
  type: 'interactive',
  to: customer,
  body: 'Which day suits you?',
  footer: 'We deliver 8:00-18:00',
  action: {
    type: 'list',
    button: 'Pick a day',
    sections: [
      {
        title: 'Next week',
        rows: [
          { id: 'mon', title: 'Monday', description: 'Morning or afternoon' },
          { id: 'tue', title: 'Tuesday' },
        ],
      },
    ],
  },
});
await sandbox.inbound(
  'meta',
  customer,
  { type: 'reply', id: 'tue', title: 'Tuesday', source: 'list' },
  { profileName: 'Ana' },
);
await meta.send({
  type: 'image',
  to: customer,
  url: `${files.url}/parcel.png`,
  caption: 'Your parcel is packed',
});
await meta.send({
  type: 'location',
  to: customer,
  latitude: 51.5072,
  longitude: -0.1276,
  name: 'Pick-up point, Strand',
});
await sandbox.inbound('nexmo', '+447700900456', 'Is my refund done?', { profileName: 'Ben' });
await sandbox.idle();

const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto(sandbox.inspectorUrl as string);
await page.getByTestId(`conversation-meta-${customer.slice(1)}`).click();
await page.getByTestId('list-button').click();
await page.waitForTimeout(300);
await page.screenshot({ path: 'docs/images/inspector-conversation.png' });
await page.getByTestId('conversation-nexmo-447700900456').click();
await page
  .locator('[data-testid=delivery].failed')
  .first()
  .getByRole('button', { name: 'Body and signature' })
  .click();
await page.waitForTimeout(200);
await page.screenshot({ path: 'docs/images/inspector-webhooks.png' });
await page.getByRole('button', { name: 'Templates' }).click();
await page.waitForTimeout(200);
await page.screenshot({ path: 'docs/images/inspector-templates.png' });
await browser.close();
await sandbox.stop();
for (const s of [files, metaApp, vonageApp]) s.server.close();
