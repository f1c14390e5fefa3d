/**
 * Cross-check against the `whatsapp-api-js` package: for the same text and template message, the request
 * MetaCloudClient sends (method, path, bearer token, JSON body) equals the one whatsapp-api-js sends. Both go to a
 * real node:http server on 127.0.0.1 that records them.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WhatsAppAPI } from 'whatsapp-api-js';
import {
  BodyComponent,
  BodyParameter,
  HeaderComponent,
  HeaderParameter,
  Image,
  Language,
  Template,
  Text,
  URLComponent,
} from 'whatsapp-api-js/messages';
import { MetaCloudClient } from '../../../src/providers/meta/index.js';

interface Recorded {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

const TOKEN = 'EAAJBcrossCheckToken0123456789abcdef';
const PHONE_ID = '106540352242922';
const TO = '447700900123';
let server: Server;
let base: string;
let recorded: Recorded[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => {
      text += c;
    });
    req.on('end', () => {
      recorded.push({
        method: req.method ?? '',
        path: req.url ?? '',
        authorization: req.headers.authorization,
        body: JSON.parse(text),
      });
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          messaging_product: 'whatsapp',
          contacts: [{ input: TO, wa_id: TO }],
          messages: [{ id: 'wamid.X' }],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function theirs(): WhatsAppAPI {
  return new WhatsAppAPI({
    token: TOKEN,
    v: 'v23.0',
    secure: false,
    // whatsapp-api-js always calls https://graph.facebook.com; point it at the local recorder.
    ponyfill: {
      fetch: ((url: string | URL, init?: RequestInit) =>
        fetch(String(url).replace('https://graph.facebook.com', base), init)) as typeof fetch,
    },
  });
}

function ours(): MetaCloudClient {
  return new MetaCloudClient({
    accessToken: TOKEN,
    phoneNumberId: PHONE_ID,
    apiVersion: 'v23.0',
    baseUrl: base,
  });
}

async function both(send: {
  ours: (c: MetaCloudClient) => Promise<unknown>;
  theirs: (c: WhatsAppAPI) => Promise<unknown>;
}): Promise<[Recorded, Recorded]> {
  recorded = [];
  await send.ours(ours());
  await send.theirs(theirs());
  expect(recorded).toHaveLength(2);
  return [recorded[0] as Recorded, recorded[1] as Recorded];
}

describe('MetaCloudClient vs whatsapp-api-js', () => {
  it('sends the same text request', async () => {
    const [a, b] = await both({
      ours: (c) =>
        c.send({
          type: 'text',
          to: `+${TO}`,
          text: 'Your order has shipped',
          previewUrl: true,
          replyTo: 'wamid.CTX',
          clientRef: 'order-42',
        }),
      theirs: (c) =>
        c.sendMessage(PHONE_ID, TO, new Text('Your order has shipped', true), 'wamid.CTX', 'order-42'),
    });
    expect(a).toEqual(b);
    expect(a.path).toBe(`/v23.0/${PHONE_ID}/messages`);
    expect(a.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('sends the same template request (image header, positional body)', async () => {
    const [a, b] = await both({
      ours: (c) =>
        c
          .sendTemplate(
            `+${TO}`,
            {
              name: 'order_update',
              language: 'en_US',
              header: { type: 'image', url: 'https://cdn.example.com/h.jpg' },
              body: ['Ana', 'A-42'],
            },
            {},
          )
          .then(() => undefined),
      theirs: (c) =>
        c.sendMessage(
          PHONE_ID,
          TO,
          new Template(
            'order_update',
            new Language('en_US'),
            new HeaderComponent(new HeaderParameter(new Image('https://cdn.example.com/h.jpg'))),
            new BodyComponent(new BodyParameter('Ana'), new BodyParameter('A-42')),
          ),
        ),
    });
    // whatsapp-api-js sends biz_opaque_callback_data only when given; MetaCloudClient always sends the clientRef.
    const { biz_opaque_callback_data: ref, ...ourBody } = a.body as Record<string, unknown>;
    expect(ref).toEqual(expect.any(String));
    expect({ ...a, body: ourBody }).toEqual(b);
  });

  it('differs on a URL button only in the type of `index` (string per Meta reference, number in whatsapp-api-js)', async () => {
    const [a, b] = await both({
      ours: (c) =>
        c.sendTemplate(`+${TO}`, {
          name: 'track',
          language: 'en',
          buttons: [{ index: 0, type: 'url', text: 'order/42' }],
          clientRef: 'r',
        } as never),
      theirs: (c) =>
        c.sendMessage(
          PHONE_ID,
          TO,
          new Template('track', new Language('en'), new URLComponent('order/42')),
          undefined,
          'r',
        ),
    });
    const ourButton =
      (a.body as { template: { components: Record<string, unknown>[] } }).template.components[0] ?? {};
    const theirButton =
      (b.body as { template: { components: Record<string, unknown>[] } }).template.components[0] ?? {};
    expect(ourButton.index).toBe('0');
    expect(theirButton.index).toBe(0);
    expect({ ...ourButton, index: 0 }).toEqual(theirButton);
  });
});
