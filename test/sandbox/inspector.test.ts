/**
 * The inspector's HTTP side without a browser: who may call it, the state document (each provider's wire body
 * rendered the same way), the actions, and the event stream. The page itself is tested in Chromium
 * (test/browser/inspector.test.ts).
 */
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, type TemplateMessage } from '../../src/index.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import type { InspectorState } from '../../src/sandbox/inspector/state.js';
import { ORDER_UPDATE } from './helpers.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

const RECEIPT = {
  name: 'receipt',
  language: 'en',
  category: 'UTILITY',
  components: [
    { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['https://example.com/r.png'] } },
    { type: 'BODY', text: 'Thanks {{1}}, you paid {{2}}.' },
  ],
};

async function state(): Promise<InspectorState> {
  const response = await fetch(`${sandbox?.url}/_inspector/api/state`);
  expect(response.status).toBe(200);
  return (await response.json()) as InspectorState;
}

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${sandbox?.url}/_inspector/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** A GET with a chosen Host header (fetch does not let a caller set it). */
function getWithHost(path: string, host: string): Promise<number> {
  const url = new URL(path, sandbox?.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, headers: { host } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('inspector HTTP', () => {
  it('is served only with ui: true, at / and /_inspector, with its URL on the sandbox', async () => {
    sandbox = await startSandbox();
    expect(sandbox.inspectorUrl).toBeUndefined();
    expect((await fetch(`${sandbox.url}/_inspector`)).status).toBe(404);
    await sandbox.stop();
    sandbox = await startSandbox({ ui: true });
    expect(sandbox.inspectorUrl).toBe(`${sandbox.url}/_inspector`);
    for (const path of ['/', '/_inspector', '/_inspector/']) {
      const page = await fetch(`${sandbox.url}${path}`);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await page.text()).toContain('<script src="/_inspector/inspector.js"></script>');
    }
    const js = await fetch(`${sandbox.url}/_inspector/inspector.js`);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await fetch(`${sandbox.url}/_inspector/nope.js`)).status).toBe(404);
    // Inspector requests are not counted as provider requests.
    expect(sandbox.requestCount).toBe(0);
    expect((await fetch(`${sandbox.url}/_inspector/../package.json`)).status).toBe(404);
  });

  it('refuses a Host that does not name the sandbox (DNS rebinding) and non-JSON posts (CSRF)', async () => {
    sandbox = await startSandbox({ ui: true });
    expect(await getWithHost('/_inspector/api/state', `127.0.0.1:${sandbox.port}`)).toBe(200);
    expect(await getWithHost('/_inspector/api/state', `localhost:${sandbox.port}`)).toBe(200);
    expect(await getWithHost('/_inspector/api/state', `evil.example:${sandbox.port}`)).toBe(421);
    const form = await fetch(`${sandbox.url}/_inspector/api/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ provider: 'meta', from: '+447700900123', content: 'hi' }),
    });
    expect(form.status).toBe(415);
    expect(sandbox.inboundMessages).toHaveLength(0);
  });

  it("renders each provider's wire body the same way: a template filled, header, footer, buttons", async () => {
    sandbox = await startSandbox({ ui: true });
    sandbox.templates.add(ORDER_UPDATE as never);
    const template: TemplateMessage = {
      name: 'order_update',
      language: 'en_US',
      header: { type: 'text', text: '#42' },
      body: ['Ana', '#42'],
      buttons: [{ index: 0, type: 'quick_reply', payload: 'track-42' }],
    };
    const gupshupId = sandbox.templates.list()[0]?.gupshupId as string;
    await createClient(sandbox.config('meta')).sendTemplate('+447700900001', template);
    await createClient(sandbox.config('nexmo')).sendTemplate('+447700900002', template);
    await createClient(sandbox.config('gupshup')).sendTemplate('+447700900003', {
      ...template,
      name: gupshupId,
    });
    const { conversations } = await state();
    expect(conversations.map((c) => c.provider)).toEqual(['meta', 'nexmo', 'gupshup']);
    for (const c of conversations)
      expect(c.items[0]).toMatchObject({
        direction: 'out',
        view: {
          kind: 'template',
          template: 'order_update',
          header: { type: 'text', text: 'Order #42' },
          text: 'Hi Ana, your order #42 ships today.',
          footer: 'Reply STOP to opt out',
          buttons: [{ type: 'reply', title: 'Track it', id: 'track-42' }],
        },
      });
  });

  it('renders media headers, interactive lists, media and locations', async () => {
    sandbox = await startSandbox({ ui: true });
    sandbox.templates.add(RECEIPT as never);
    const meta = createClient(sandbox.config('meta'));
    await sandbox.inbound('meta', '+447700900123', 'hi');
    await meta.sendTemplate('+447700900123', {
      name: 'receipt',
      language: 'en',
      header: { type: 'image', url: 'https://example.com/receipt-42.png' },
      body: ['Ana', '€12.00'],
    });
    await meta.send({
      type: 'image',
      to: '+447700900123',
      url: 'https://example.com/p.jpg',
      caption: 'Your parcel',
    });
    await meta.send({
      type: 'location',
      to: '+447700900123',
      latitude: 51.5,
      longitude: -0.12,
      name: 'Depot',
    });
    await meta.send({
      type: 'interactive',
      to: '+447700900123',
      body: 'Pick a slot',
      action: {
        type: 'list',
        button: 'Slots',
        sections: [{ title: 'Monday', rows: [{ id: 'mon-am', title: 'Morning', description: '8-12' }] }],
      },
    });
    const [c] = (await state()).conversations;
    expect(c?.window.open).toBe(true);
    expect(c?.items.map((i) => (i.direction === 'out' ? i.view : i.content))).toEqual([
      { type: 'text', text: 'hi' },
      expect.objectContaining({
        kind: 'template',
        header: { type: 'image', url: 'https://example.com/receipt-42.png', id: undefined },
        text: 'Thanks Ana, you paid €12.00.',
      }),
      expect.objectContaining({
        kind: 'media',
        media: expect.objectContaining({
          type: 'image',
          url: 'https://example.com/p.jpg',
          caption: 'Your parcel',
        }),
      }),
      expect.objectContaining({
        kind: 'location',
        location: expect.objectContaining({ latitude: 51.5, name: 'Depot' }),
      }),
      expect.objectContaining({
        kind: 'interactive',
        text: 'Pick a slot',
        list: {
          button: 'Slots',
          sections: [{ title: 'Monday', rows: [{ id: 'mon-am', title: 'Morning', description: '8-12' }] }],
        },
      }),
    ]);
  });

  it('acts: inbound as the customer, template approve / reject / pause, fault toggles', async () => {
    sandbox = await startSandbox({ ui: true });
    const t = sandbox.templates.add(ORDER_UPDATE as never);
    const inbound = await post('/inbound', { provider: 'gupshup', from: '+919876543210', content: 'hello' });
    expect(inbound.status).toBe(200);
    expect(sandbox.inboundMessages).toMatchObject([{ provider: 'gupshup', from: '919876543210' }]);
    expect(sandbox.windowOpen('gupshup', '919876543210')).toBe(true);
    const bad = await post('/inbound', { provider: 'nope', from: '+1', content: 'x' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'provider must be one of nexmo, gupshup, meta, clevertap' });
    for (const status of ['PAUSED', 'REJECTED', 'APPROVED'] as const) {
      const answer = await post(`/templates/${t.id}/status`, { status });
      expect(await answer.json()).toEqual({ id: t.id, status });
      expect(sandbox.templates.get(t.id)?.status).toBe(status);
    }
    expect((await post(`/templates/${t.id}/status`, { status: 'DELETED' })).status).toBe(400);
    await post('/faults', { rate: 1, kinds: { 'rate-limit': 1 } });
    const refused = await createClient({ ...sandbox.config('meta'), maxRetries: 0 })
      .sendText('+919876543210', 'x')
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 429 });
    expect((await state()).faults).toMatchObject({ rate: 1, counts: { 'rate-limit': 1 } });
    await post('/faults', { rate: 0 });
    expect((await state()).faults.rate).toBe(0);
  });

  it('streams every event of the log as Server-Sent Events', async () => {
    sandbox = await startSandbox({ ui: true });
    const controller = new AbortController();
    const response = await fetch(`${sandbox.url}/_inspector/api/events`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await sandbox.inbound('meta', '+447700900123', 'hi');
    let text = '';
    while (!text.includes('"type":"inbound"')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    expect(text).toMatch(/id: 1\ndata: \{"seq":1,"type":"inbound"\}\n\n/);
    controller.abort();
  });
});
