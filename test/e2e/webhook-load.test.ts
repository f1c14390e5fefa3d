/**
 * Webhook delivery under load: 5 000 status webhooks, signed by the sandbox the way each provider signs them,
 * posted concurrently (bounded) to `createWebhookHandler` behind the Node adapter on node:http, with 10 %
 * duplicate deliveries and 5 % bad signatures. Every valid event is dispatched exactly once; every bad one is
 * refused with 401 and never dispatched.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ProviderId } from '../../src/core/provider.js';
import { buildWebhookRequest, type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { createWebhookHandler } from '../../src/webhooks/index.js';
import { toNodeListener } from '../../src/webhooks/node-adapter.js';
import { server as msw } from '../setup/msw.js';
import { GUPSHUP_SECRET } from './harness.js';

const TOTAL = 5_000;
const DUPLICATES = TOTAL * 0.1;
const BAD = TOTAL * 0.05;
const UNIQUE = TOTAL - DUPLICATES - BAD;
const CONCURRENCY = 32;
const PROVIDERS: ProviderId[] = ['nexmo', 'gupshup', 'meta', 'clevertap'];

let sandbox: Sandbox;
let url: string;
let close: () => Promise<void>;
const dispatched = new Map<string, number>();

beforeAll(async () => {
  msw.close(); // real sockets on 127.0.0.1 only; the setup file's afterAll closes it again
  sandbox = await startSandbox();
  const c = sandbox.credentials;
  const count = (e: { messageId: string }) =>
    dispatched.set(e.messageId, (dispatched.get(e.messageId) ?? 0) + 1);
  const listeners: Record<string, RequestListener> = {
    nexmo: toNodeListener(
      createWebhookHandler({
        provider: 'nexmo',
        signatureSecret: c.nexmo.signatureSecret,
        verify: true,
        on: { status: count },
      }),
    ),
    gupshup: toNodeListener(
      createWebhookHandler({
        provider: 'gupshup',
        sharedSecret: GUPSHUP_SECRET,
        verify: true,
        on: { status: count },
      }),
    ),
    meta: toNodeListener(
      createWebhookHandler({
        provider: 'meta',
        appSecret: c.meta.appSecret,
        verify: true,
        on: { status: count },
      }),
    ),
    clevertap: toNodeListener(
      createWebhookHandler({
        provider: 'clevertap',
        appSecret: c.clevertap.appSecret,
        verify: true,
        on: { status: count },
      }),
    ),
  };
  const server = createServer((req, res) => {
    const listener = listeners[(req.url ?? '/').slice(1)];
    if (listener) listener(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
});
afterAll(async () => {
  await close();
  await sandbox.stop();
});

/** A `delivered` status for message `id` in `provider`'s wire format. */
function statusPayload(provider: ProviderId, id: string, i: number): unknown {
  const c = sandbox.credentials;
  const to = `4477009${String(i).padStart(5, '0')}`;
  const now = Date.now();
  switch (provider) {
    case 'nexmo':
      return {
        message_uuid: id,
        to,
        from: c.nexmo.from,
        timestamp: new Date(now).toISOString(),
        status: 'delivered',
        channel: 'whatsapp',
      };
    case 'gupshup':
      return {
        app: c.gupshup.appName,
        timestamp: now,
        version: 2,
        type: 'message-event',
        payload: {
          id: `gBEG${i}`,
          gsId: id,
          type: 'delivered',
          destination: to,
          payload: { ts: Math.floor(now / 1000) },
        },
      };
    default: {
      const k = provider as 'meta' | 'clevertap';
      return {
        object: 'whatsapp_business_account',
        entry: [
          {
            id: c[k].wabaId,
            changes: [
              {
                field: 'messages',
                value: {
                  messaging_product: 'whatsapp',
                  metadata: {
                    display_phone_number: c[k].displayPhoneNumber,
                    phone_number_id: c[k].phoneNumberId,
                  },
                  statuses: [
                    { id, status: 'delivered', timestamp: String(Math.floor(now / 1000)), recipient_id: to },
                  ],
                },
              },
            ],
          },
        ],
      };
    }
  }
}

interface Delivery {
  provider: ProviderId;
  messageId: string;
  body: string;
  headers: Record<string, string>;
  valid: boolean;
}

function delivery(i: number, valid: boolean): Delivery {
  const provider = PROVIDERS[i % PROVIDERS.length] as ProviderId;
  const messageId = provider === 'meta' || provider === 'clevertap' ? `wamid.load${i}` : randomUUID();
  const signed = buildWebhookRequest(provider, statusPayload(provider, messageId, i), sandbox.credentials, {
    gupshup: { url, headers: { authorization: GUPSHUP_SECRET } },
  });
  if (valid) return { provider, messageId, valid, ...signed };
  // A bad signature: the body is altered after signing (Gupshup: the shared secret is wrong).
  const headers =
    provider === 'gupshup' ? { ...signed.headers, authorization: 'not-the-secret' } : signed.headers;
  return { provider, messageId, valid, headers, body: signed.body.replace('delivered', 'read') };
}

it(`${TOTAL} concurrent status webhooks: valid ones dispatched exactly once, duplicates dropped, bad signatures 401`, {
  timeout: 120_000,
}, async () => {
  const unique = Array.from({ length: UNIQUE }, (_, i) => delivery(i, true));
  const bad = Array.from({ length: BAD }, (_, i) => delivery(UNIQUE + i, false));
  const duplicates = Array.from({ length: DUPLICATES }, (_, i) => unique[(i * 7) % UNIQUE] as Delivery);
  // Interleave deterministically so duplicates race their originals.
  const all = [...unique, ...bad, ...duplicates]
    .map((d, i) => ({ d, k: (i * 2654435761) % 4294967296 }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.d);
  expect(all).toHaveLength(TOTAL);

  const answers: { d: Delivery; status: number }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < all.length) {
        const d = all[next++] as Delivery;
        const res = await fetch(`${url}/${d.provider}`, { method: 'POST', headers: d.headers, body: d.body });
        await res.arrayBuffer();
        answers.push({ d, status: res.status });
      }
    }),
  );

  const statusCounts = answers.reduce<Record<string, number>>((acc, a) => {
    const key = `${a.d.valid ? 'valid' : 'bad'} -> ${a.status}`;
    acc[key] = (acc[key] ?? 0) + 1;
    return acc;
  }, {});
  console.log(
    `webhook load (${TOTAL} posts: ${UNIQUE} unique, ${DUPLICATES} duplicates, ${BAD} bad signatures):`,
    statusCounts,
    `dispatched ${[...dispatched.values()].reduce((a, b) => a + b, 0)}`,
  );

  expect(answers.filter((a) => !a.d.valid).every((a) => a.status === 401)).toBe(true);
  expect(answers.filter((a) => a.d.valid).every((a) => a.status === 200)).toBe(true);
  for (const d of unique) expect(dispatched.get(d.messageId), d.provider).toBe(1);
  for (const d of bad) expect(dispatched.has(d.messageId)).toBe(false);
  expect([...dispatched.values()].reduce((a, b) => a + b, 0)).toBe(UNIQUE);
});
