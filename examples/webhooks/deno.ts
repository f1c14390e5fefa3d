/**
 * A WhatsApp webhook server on Deno:
 *
 *   deno run --allow-net --allow-env examples/webhooks/deno.ts
 *
 * With `npm:waba-kit` (or a package.json and node_modules) the import below resolves as in Node.
 */
import { createWebhookHandler } from 'waba-kit/webhooks';

/** The part of Deno's API this example uses (so it typechecks without Deno's types). */
declare const Deno: {
  serve(options: { port: number }, handler: (request: Request) => Response | Promise<Response>): unknown;
  env: { get(name: string): string | undefined };
};

const webhook = createWebhookHandler({
  provider: 'nexmo',
  signatureSecret: Deno.env.get('VONAGE_SIGNATURE_SECRET'),
  on: {
    message: (m) => console.log(`inbound ${m.type} from ${m.from}`),
    status: (s) => console.log(`${s.messageId}: ${s.status}`),
  },
});

Deno.serve({ port: Number(Deno.env.get('PORT') ?? 3000) }, (request) => {
  const { pathname } = new URL(request.url);
  return pathname === '/webhooks/vonage' ? webhook(request) : new Response('not found', { status: 404 });
});
