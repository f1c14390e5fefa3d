/**
 * A WhatsApp webhook endpoint in Fastify 5, verified and parsed by waba-kit.
 *
 *   VONAGE_SIGNATURE_SECRET=... npx tsx examples/webhooks/fastify.ts
 *
 * Fastify parses JSON by default, which loses the raw bytes a signature is computed over: register a buffer
 * parser in the webhook's own plugin scope so other routes keep the default.
 */
import Fastify from 'fastify';
import { toNodeListener } from 'waba-kit/node';
import { createWebhookHandler } from 'waba-kit/webhooks';

const listener = toNodeListener(
  createWebhookHandler({
    provider: 'nexmo',
    signatureSecret: process.env.VONAGE_SIGNATURE_SECRET, // Vonage signed webhooks (HS256 JWT)
    on: {
      message: (m) => console.log(`inbound ${m.type} from ${m.from}`),
      status: (s) => console.log(`${s.messageId} is ${s.status} (${s.providerStatus})`),
    },
  }),
);

const app = Fastify({ logger: true });
await app.register(async (scope) => {
  scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, body),
  );
  scope.all('/webhooks/vonage', (request, reply) => listener(request, reply));
});

await app.listen({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? '127.0.0.1' });
