/**
 * Cross-check against the official SDK: for the same WhatsApp messages, the JSON body NexmoClient posts to
 * `/v1/messages` equals the one `@vonage/messages` posts. Both are captured on a real node:http server.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Messages,
  WhatsAppCustom,
  WhatsAppFile,
  WhatsAppImage,
  WhatsAppLanguageCode,
  WhatsAppReaction,
  WhatsAppTemplate,
  WhatsAppText,
} from '@vonage/messages';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../../src/index.js';
import { NexmoClient } from '../../../src/providers/nexmo/index.js';

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const APP_ID = '2d6bd0a8-7c43-4f0e-9a8f-2c59f8f0c111';
const FROM = '447700900001';
const TO = '447700900000';

let server: Server;
let baseUrl: string;
const captured: { path: string; auth: string | undefined; body: unknown }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let data = '';
    req.on('data', (chunk) => {
      data += chunk;
    });
    req.on('end', () => {
      captured.push({ path: req.url ?? '', auth: req.headers.authorization, body: JSON.parse(data) });
      res.writeHead(202, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message_uuid: `uuid-${captured.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function both(official: Parameters<Messages['send']>[0], ours: OutboundMessage) {
  captured.length = 0;
  const vonage = new Messages({ applicationId: APP_ID, privateKey }, { apiHost: baseUrl });
  await vonage.send(official);
  const client = new NexmoClient({ applicationId: APP_ID, privateKey, from: `+${FROM}`, baseUrl });
  await client.send(ours);
  expect(captured).toHaveLength(2);
  const [theirs, mine] = captured;
  expect(mine!.path).toBe('/v1/messages');
  expect(theirs!.path).toBe('/v1/messages');
  expect(theirs!.auth).toMatch(/^Bearer /);
  expect(mine!.auth).toMatch(/^Bearer /);
  return { theirs: theirs!.body, mine: mine!.body };
}

describe('NexmoClient body equals @vonage/messages body', () => {
  it('text', async () => {
    const { theirs, mine } = await both(
      new WhatsAppText({ to: TO, from: FROM, text: 'Hello from waba-kit', clientRef: 'ref-text' }),
      { type: 'text', to: `+${TO}`, text: 'Hello from waba-kit', clientRef: 'ref-text' },
    );
    expect(mine).toEqual(theirs);
    expect(mine).toMatchObject({ message_type: 'text', channel: 'whatsapp' });
  });

  it('image', async () => {
    const { theirs, mine } = await both(
      new WhatsAppImage({
        to: TO,
        from: FROM,
        image: { url: 'https://example.com/image.jpg', caption: 'An image' },
        clientRef: 'ref-image',
      }),
      {
        type: 'image',
        to: TO,
        url: 'https://example.com/image.jpg',
        caption: 'An image',
        clientRef: 'ref-image',
      },
    );
    expect(mine).toEqual(theirs);
  });

  it('template', async () => {
    const { theirs, mine } = await both(
      new WhatsAppTemplate({
        to: TO,
        from: FROM,
        whatsapp: { policy: 'deterministic', locale: WhatsAppLanguageCode.ENGLISH_UK },
        template: { name: 'ns_1234:order_update', parameters: ['Daisy', 'A123'] },
        clientRef: 'ref-template',
      }),
      {
        type: 'template',
        to: TO,
        name: 'order_update',
        namespace: 'ns_1234',
        language: 'en_GB',
        body: ['Daisy', 'A123'],
        clientRef: 'ref-template',
      },
    );
    expect(mine).toEqual(theirs);
  });

  it('file (document), reply context and reaction', async () => {
    const file = await both(
      new WhatsAppFile({
        to: TO,
        from: FROM,
        file: { url: 'https://example.com/a.pdf', caption: 'Invoice', name: 'invoice.pdf' },
        context: { messageUUID: 'uuid-quoted' },
        clientRef: 'ref-file',
      }),
      {
        type: 'document',
        to: TO,
        url: 'https://example.com/a.pdf',
        caption: 'Invoice',
        filename: 'invoice.pdf',
        replyTo: 'uuid-quoted',
        clientRef: 'ref-file',
      },
    );
    expect(file.mine).toEqual(file.theirs);
    const reaction = await both(
      new WhatsAppReaction({
        to: TO,
        from: FROM,
        reaction: { action: 'react', emoji: '😀' },
        context: { messageUUID: 'uuid-react' },
        clientRef: 'ref-reaction',
      }),
      { type: 'reaction', to: TO, messageId: 'uuid-react', emoji: '😀', clientRef: 'ref-reaction' },
    );
    expect(reaction.mine).toEqual(reaction.theirs);
  });

  it('location as custom', async () => {
    const { theirs, mine } = await both(
      new WhatsAppCustom({
        to: TO,
        from: FROM,
        custom: {
          type: 'location',
          location: { longitude: -0.1276, latitude: 51.5072, name: 'London', address: 'UK' },
        },
        clientRef: 'ref-location',
      }),
      {
        type: 'location',
        to: TO,
        latitude: 51.5072,
        longitude: -0.1276,
        name: 'London',
        address: 'UK',
        clientRef: 'ref-location',
      },
    );
    expect(mine).toEqual(theirs);
  });
});
