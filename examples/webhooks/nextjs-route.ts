/**
 * A WhatsApp webhook as a Next.js App Router route handler: save as `app/api/whatsapp/route.ts`.
 *
 * Route handlers receive a Web `Request`, so the waba-kit handler is used as is for GET (Meta's verification
 * handshake) and POST (deliveries). Set META_APP_SECRET and META_VERIFY_TOKEN in the deployment's environment.
 * On Vercel, pass `waitUntil` (from `@vercel/functions`) to answer 200 at once and run the handlers after.
 */
import { createWebhookHandler } from 'waba-kit/webhooks';

const webhook = createWebhookHandler({
  provider: 'meta',
  appSecret: process.env.META_APP_SECRET,
  verifyToken: process.env.META_VERIFY_TOKEN,
  on: {
    message: async (m) => {
      console.log(`message ${m.id} from ${m.from}: ${m.text ?? m.type}`);
    },
    status: (s) => {
      if (s.status === 'failed')
        console.warn(`${s.messageId} failed: ${s.error?.code} ${s.error?.reason ?? ''}`);
    },
  },
});

/** The body must stay raw for the signature: Next.js does not parse it for route handlers. */
export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return webhook(request);
}

export function POST(request: Request): Promise<Response> {
  return webhook(request);
}
