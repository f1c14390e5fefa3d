/**
 * A WhatsApp webhook server on Bun: `bun examples/webhooks/bun.ts`.
 *
 * Bun.serve takes a `(Request) => Response` function, which is exactly what `createWebhookHandler` returns.
 */
import { createWebhookHandler } from 'waba-kit/webhooks';

/** The part of Bun's API this example uses (so it typechecks without bun-types). */
declare const Bun: {
  serve(options: { port: number; fetch(request: Request): Response | Promise<Response> }): { port: number };
  env: Record<string, string | undefined>;
};

const webhook = createWebhookHandler({
  provider: 'meta',
  appSecret: Bun.env.META_APP_SECRET,
  verifyToken: Bun.env.META_VERIFY_TOKEN,
  on: {
    message: (m) => console.log(`message from ${m.from}: ${m.text ?? m.type}`),
    status: (s) => console.log(`${s.messageId}: ${s.status}`),
  },
});

const server = Bun.serve({
  port: Number(Bun.env.PORT ?? 3000),
  fetch(request) {
    const { pathname } = new URL(request.url);
    if (pathname === '/webhooks/whatsapp') return webhook(request);
    return new Response('not found', { status: 404 });
  },
});
console.log(`listening on http://localhost:${server.port}/webhooks/whatsapp`);
