/**
 * A WhatsApp webhook endpoint in Hono, served on Node by @hono/node-server. The same `app` runs unchanged on
 * Bun, Deno and Cloudflare Workers, since the handler is `(Request) => Promise<Response>`.
 *
 *   GUPSHUP_WEBHOOK_SECRET=... npx tsx examples/webhooks/hono.ts
 *
 * Gupshup does not sign webhooks: attach a shared secret header to the subscription (or a `?token=` to the
 * callback URL) and check it here.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createWebhookHandler } from 'waba-kit/webhooks';

const webhook = createWebhookHandler({
  provider: 'gupshup',
  sharedSecret: process.env.GUPSHUP_WEBHOOK_SECRET,
  on: {
    message: (m) => console.log(`inbound ${m.type} from ${m.from}: ${m.text ?? ''}`),
    status: (s) => console.log(`${s.messageId}: ${s.status}`),
    user: (u) => console.log(`${u.phone} ${u.event}`), // opt-ins and opt-outs
  },
});

export const app = new Hono();
app.all('/webhooks/gupshup', (c) => webhook(c.req.raw));

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000) }, (info) =>
  console.log(`listening on http://localhost:${info.port}/webhooks/gupshup`),
);
