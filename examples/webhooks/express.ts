/**
 * A WhatsApp webhook endpoint in Express 5, verified and parsed by waba-kit.
 *
 *   META_APP_SECRET=... META_VERIFY_TOKEN=... npx tsx examples/webhooks/express.ts
 *
 * Mount the webhook route BEFORE `express.json()`: signatures are computed over the raw bytes, so the route
 * must receive the untouched body (the adapter explains the fix if a JSON parser ran first).
 */
import express from 'express';
import { toNodeListener } from 'waba-kit/node';
import { createWebhookHandler } from 'waba-kit/webhooks';

const webhook = createWebhookHandler({
  provider: 'meta',
  appSecret: process.env.META_APP_SECRET,
  verifyToken: process.env.META_VERIFY_TOKEN, // answers Meta's GET hub.challenge handshake
  on: {
    message: (m) => console.log(`message from ${m.from}: ${m.type} ${m.text ?? ''}`),
    status: (s) => console.log(`status of ${s.messageId}: ${s.status}`),
  },
  onError: (error) => console.error('webhook error', error),
});

const app = express();
app.all('/webhooks/whatsapp', toNodeListener(webhook));
app.use(express.json()); // other routes may parse JSON
app.get('/health', (_req, res) => {
  res.json({ ok: true });
});

const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => console.log(`listening on http://localhost:${port}/webhooks/whatsapp`));
