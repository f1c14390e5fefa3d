/**
 * A WhatsApp webhook as a Cloudflare Worker (module syntax). Deploy with wrangler; set the secrets with
 * `wrangler secret put META_APP_SECRET` and `wrangler secret put META_VERIFY_TOKEN`.
 *
 * `waitUntil` lets the Worker answer 200 at once (Meta retries slow endpoints) and run the handlers after the
 * response. The handler is built per request because `env` and `ctx.waitUntil` belong to the request; the
 * default in-memory dedupe store therefore only catches repeats within one delivery (pass a `dedupe.store`
 * backed by KV or a Durable Object to drop redeliveries across requests).
 */
import { createWebhookHandler } from 'waba-kit/webhooks';

/** The Worker bindings this example reads. */
interface Env {
  META_APP_SECRET: string;
  META_VERIFY_TOKEN: string;
}

/** The part of the Workers execution context this example uses (so it typechecks without workers-types). */
interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname !== '/webhooks/whatsapp') return new Response('not found', { status: 404 });
    const webhook = createWebhookHandler({
      provider: 'meta',
      appSecret: env.META_APP_SECRET,
      verifyToken: env.META_VERIFY_TOKEN,
      waitUntil: (promise) => ctx.waitUntil(promise),
      on: {
        message: (m) => console.log(`message from ${m.from}: ${m.text ?? m.type}`),
        status: (s) => console.log(`${s.messageId}: ${s.status}`),
      },
    });
    return webhook(request);
  },
};
