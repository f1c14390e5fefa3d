/**
 * End-to-end harness: the sandbox, a webhook server on node:http built from `createWebhookHandler` +
 * `toNodeListener` (one route per provider, each verifying that provider's signing), and the events received.
 */
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProviderId } from '../../src/core/provider.js';
import type { WebhookEvent } from '../../src/core/webhook-event.js';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../src/sandbox/index.js';
import { createWebhookHandler } from '../../src/webhooks/index.js';
import { toNodeListener } from '../../src/webhooks/node-adapter.js';

export const PROVIDERS: readonly ProviderId[] = ['nexmo', 'gupshup', 'meta', 'clevertap'];
/** The shared secret the sandbox attaches to Gupshup callbacks (Gupshup does not sign). */
export const GUPSHUP_SECRET = 'gupshup-shared-secret-0123456789';

export interface Harness {
  sandbox: Sandbox;
  /** Events dispatched by each provider's handler, in order. */
  events: Record<ProviderId, WebhookEvent[]>;
  /** Base URL of the webhook server (`/{provider}` routes). */
  webhookUrl: string;
  /** Waits until `predicate` holds on the events (polling), or throws after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(options: SandboxOptions = {}): Promise<Harness> {
  const events: Record<ProviderId, WebhookEvent[]> = { nexmo: [], gupshup: [], meta: [], clevertap: [] };
  const listeners = new Map<string, RequestListener>();
  const server = createServer((req, res) => {
    const route = new URL(req.url ?? '/', 'http://x').pathname.slice(1);
    const listener = listeners.get(route);
    if (!listener) {
      res.writeHead(404).end();
      return;
    }
    listener(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sandbox = await startSandbox({
    statuses: { delayMs: 1 },
    reviewDelayMs: 5,
    ...options,
    webhooks: {
      nexmo: { url: `${webhookUrl}/nexmo`, version: options.webhooks?.nexmo?.version ?? 'v1' },
      gupshup: { url: `${webhookUrl}/gupshup`, headers: { authorization: GUPSHUP_SECRET } },
      meta: { url: `${webhookUrl}/meta` },
      clevertap: { url: `${webhookUrl}/clevertap` },
    },
  });
  const c = sandbox.credentials;
  const record = (provider: ProviderId) => (event: WebhookEvent) => {
    events[provider].push(event);
  };
  const on = (provider: ProviderId) => ({
    message: record(provider),
    status: record(provider),
    'template-status': record(provider),
  });
  listeners.set(
    'nexmo',
    toNodeListener(
      createWebhookHandler({
        provider: 'nexmo',
        signatureSecret: c.nexmo.signatureSecret,
        verify: true,
        on: on('nexmo'),
      }),
    ),
  );
  listeners.set(
    'gupshup',
    toNodeListener(
      createWebhookHandler({
        provider: 'gupshup',
        sharedSecret: GUPSHUP_SECRET,
        verify: true,
        on: on('gupshup'),
      }),
    ),
  );
  for (const provider of ['meta', 'clevertap'] as const)
    listeners.set(
      provider,
      toNodeListener(
        createWebhookHandler({
          provider,
          appSecret: c[provider].appSecret,
          verifyToken: c[provider].verifyToken,
          verify: true,
          on: on(provider),
        }),
      ),
    );
  return {
    sandbox,
    events,
    webhookUrl,
    async waitFor(predicate, timeoutMs = 5000) {
      const started = Date.now();
      while (!predicate()) {
        if (Date.now() - started > timeoutMs) throw new Error('timed out waiting for webhook events');
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    async close() {
      await sandbox.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
