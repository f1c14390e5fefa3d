import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MetaCloudClient } from '../../../src/providers/meta/index.js';

const APP_SECRET = 'handler-app-secret-0123456789';
const client = () =>
  new MetaCloudClient({
    accessToken: 'EAAJBhandlerToken0123456789abcdef',
    phoneNumberId: '106540352242922',
    appSecret: APP_SECRET,
    verifyToken: 'my-verify-token',
  });

const status = JSON.stringify({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '1',
      changes: [
        {
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '15550001234', phone_number_id: '106540352242922' },
            statuses: [
              {
                id: 'wamid.OUT1',
                status: 'delivered',
                timestamp: '1750263773',
                recipient_id: '16505551234',
                biz_opaque_callback_data: 'order-42',
              },
            ],
          },
        },
      ],
    },
  ],
});

describe('webhookHandler', () => {
  it('answers the GET handshake with the challenge only for the configured verify token', async () => {
    const handle = client().webhookHandler();
    const ok = await handle(
      new Request(
        'https://h.example/wa?hub.mode=subscribe&hub.verify_token=my-verify-token&hub.challenge=1158201444',
      ),
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const bad = await handle(
      new Request('https://h.example/wa?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1'),
    );
    expect(bad.status).toBe(403);
  });

  it('verifies a POST, emits message.status on the client and calls the on handler', async () => {
    const c = client();
    const emitted: string[] = [];
    const handled: (string | undefined)[] = [];
    c.on('message.status', (e) => emitted.push(e.event.status));
    const handle = c.webhookHandler({ on: { status: (e) => void handled.push(e.clientRef) } });
    const signature = `sha256=${createHmac('sha256', APP_SECRET).update(status).digest('hex')}`;
    const res = await handle(
      new Request('https://h.example/wa', {
        method: 'POST',
        body: status,
        headers: { 'x-hub-signature-256': signature },
      }),
    );
    expect(res.status).toBe(200);
    expect(emitted).toEqual(['delivered']);
    expect(handled).toEqual(['order-42']);
    const refused = await handle(
      new Request('https://h.example/wa', {
        method: 'POST',
        body: status,
        headers: { 'x-hub-signature-256': `sha256=${'a'.repeat(64)}` },
      }),
    );
    expect(refused.status).toBe(401);
    expect(emitted).toEqual(['delivered']);
  });
});
