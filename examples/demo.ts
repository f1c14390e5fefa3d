/**
 * The waba-kit demo: every provider end to end, offline, in a few seconds. `npm run demo`.
 *
 * It starts the local sandbox (an emulator of Vonage, Gupshup, Meta's Cloud API and CleverTap), a webhook
 * server built from `createWebhookHandler` + `toNodeListener`, and one client per provider built with
 * `createClient`. Then it validates and submits a template, waits for its approval, exchanges messages, follows
 * the signed status webhooks, shows the 24 h window and the messaging-tier quota refusing what WhatsApp would
 * refuse, and runs a small broadcast with campaign statistics. No credentials, no network beyond 127.0.0.1.
 *
 * An application imports the same functions from the package: `waba-kit`, `waba-kit/sandbox`,
 * `waba-kit/webhooks`, `waba-kit/node`, `waba-kit/templates`, `waba-kit/quota`, `waba-kit/broadcast`. The demo
 * imports the sources so that it runs straight after `npm ci`, without a build.
 */
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { broadcast, createCampaignStats, createConsentStore } from '../src/broadcast/index.js';
import type { WhatsAppClient } from '../src/core/client.js';
import { isQuotaExceededError, isWindowClosedError } from '../src/core/errors.js';
import type { ProviderId } from '../src/core/provider.js';
import type { WebhookEvent } from '../src/core/webhook-event.js';
import { createClient, identityOf } from '../src/index.js';
import { createConversationWindowTracker, createQuotaTracker } from '../src/quota/index.js';
import { startSandbox } from '../src/sandbox/index.js';
import { type TemplateDefinition, validateTemplate } from '../src/templates/index.js';
import { createWebhookHandler } from '../src/webhooks/index.js';
import { toNodeListener } from '../src/webhooks/node-adapter.js';

const PROVIDERS: readonly ProviderId[] = ['nexmo', 'gupshup', 'meta', 'clevertap'];
const NAMES: Record<ProviderId, string> = {
  nexmo: 'Vonage',
  gupshup: 'Gupshup',
  meta: 'Meta Cloud API',
  clevertap: 'CleverTap',
};
const CUSTOMER: Record<ProviderId, string> = {
  nexmo: '+447700900123',
  gupshup: '+919876543210',
  meta: '+16505551234',
  clevertap: '+971501234567',
};
const GUPSHUP_SECRET = 'demo-gupshup-shared-secret';

const started = Date.now();
const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
const paint = (code: string, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
const say = (line = '') => process.stdout.write(`${line}\n`);
const step = (n: number, title: string) => say(`\n${paint('1', `${n}. ${title}`)}`);
const ok = (line: string) => say(`   ${paint('32', '✓')} ${line}`);
/** A refusal the demo sets out to show: the check worked, so it is marked as expected, not as a failure. */
const expected = (line: string) => say(`   ${paint('36', '○ expected:')} ${line}`);
const short = (id: string) => (id.length > 22 ? `${id.slice(0, 20)}…` : id);

async function waitFor(what: string, predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function main(): Promise<void> {
  say(
    `${paint('1', 'waba-kit demo')}: four providers end to end against the local sandbox (offline, no credentials)`,
  );

  // ------------------------------------------------------------------ 1. sandbox + webhook server
  step(1, 'Sandbox and webhook server');
  const events: Record<ProviderId, WebhookEvent[]> = { nexmo: [], gupshup: [], meta: [], clevertap: [] };
  const stats = createCampaignStats();
  const window = createConversationWindowTracker();
  const routes = new Map<string, RequestListener>();
  const server = createServer((req, res) => {
    const listener = routes.get(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (listener) listener(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const hooks = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sandbox = await startSandbox({
    webhooks: {
      nexmo: { url: `${hooks}/webhooks/nexmo`, version: 'v1' },
      gupshup: { url: `${hooks}/webhooks/gupshup`, headers: { authorization: GUPSHUP_SECRET } },
      meta: { url: `${hooks}/webhooks/meta` },
      clevertap: { url: `${hooks}/webhooks/clevertap` },
    },
    statuses: { delayMs: 25 },
    reviewDelayMs: 300,
  });
  const secrets = sandbox.credentials;
  for (const provider of PROVIDERS) {
    const handler = createWebhookHandler({
      provider,
      verify: true,
      ...(provider === 'nexmo' ? { signatureSecret: secrets.nexmo.signatureSecret } : {}),
      ...(provider === 'gupshup' ? { sharedSecret: GUPSHUP_SECRET } : {}),
      ...(provider === 'meta' || provider === 'clevertap'
        ? { appSecret: secrets[provider].appSecret, verifyToken: secrets[provider].verifyToken }
        : {}),
      on: {
        message: async (m) => {
          events[provider].push(m);
          stats.record(m);
          // The stable key: the BSUID when the payload has one, else the phone number.
          const customer = identityOf(m);
          if (customer) await window.recordInbound(customer, m.timestamp);
        },
        status: (s) => {
          events[provider].push(s);
          stats.record(s);
        },
        'template-status': (t) => {
          events[provider].push(t);
        },
      },
    });
    routes.set(`/webhooks/${provider}`, toNodeListener(handler));
  }
  ok(`sandbox on ${sandbox.url} (Vonage, Gupshup, Cloud API and CleverTap endpoints)`);
  ok(
    `webhook server on ${hooks}/webhooks/{provider}: signatures verified (Vonage JWT, X-Hub-Signature-256, shared secret)`,
  );

  const clients = {} as Record<ProviderId, WhatsAppClient>;
  for (const provider of PROVIDERS) {
    clients[provider] = createClient(sandbox.config(provider) as Parameters<typeof createClient>[0]);
    ok(
      `createClient({ provider: '${provider}', baseUrl: sandbox.url, ... }) -> ${clients[provider].constructor.name}`,
    );
  }

  // ------------------------------------------------------------------ 2. templates
  step(2, 'Template: validate, submit, wait for approval');
  const draft: TemplateDefinition = {
    name: 'order_update',
    language: 'en_US',
    category: 'UTILITY',
    components: [
      { type: 'BODY', text: '{{1}}, your order {{2}} has shipped!' },
      { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Track it' }] },
    ],
  };
  const first = validateTemplate(draft, { profile: 'meta' });
  expected(`first draft refused locally (${first.issues.length} issues):`);
  for (const issue of first.issues) say(`       ${issue.code}: ${issue.message}`);
  const template: TemplateDefinition = {
    ...draft,
    components: [
      {
        type: 'BODY',
        text: 'Hi {{1}}, your order {{2}} has shipped!',
        example: { body_text: [['Ana', 'A-1042']] },
      },
      { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Track it' }] },
    ],
  };
  ok(`fixed draft: validateTemplate(...).valid = ${validateTemplate(template, { profile: 'meta' }).valid}`);
  const meta = clients.meta as WhatsAppClient & {
    createTemplate(definition: TemplateDefinition): Promise<{ id: string; status: string }>;
  };
  const created = await meta.createTemplate(template);
  ok(`submitted with the Meta client: id ${created.id}, status ${created.status}`);
  await waitFor('the template approval webhook', () =>
    events.meta.some((e) => e.kind === 'template-status' && e.templateId === created.id),
  );
  const review = events.meta.find((e) => e.kind === 'template-status' && e.templateId === created.id);
  ok(`message_template_status_update webhook: ${review?.kind === 'template-status' ? review.status : '?'}`);

  // ------------------------------------------------------------------ 3. conversations
  step(3, 'Conversations: inbound message, replies, status webhooks');
  const sent: Record<ProviderId, string> = { nexmo: '', gupshup: '', meta: '', clevertap: '' };
  for (const provider of PROVIDERS) {
    const inbound = await sandbox.inbound(provider, CUSTOMER[provider], 'Hi! Where is my order?', {
      profileName: 'Ana',
    });
    const received = events[provider].find((e) => e.kind === 'message' && e.id === inbound.id);
    ok(
      `${NAMES[provider].padEnd(14)} inbound from ${received?.kind === 'message' ? received.from : '?'}: "${received?.kind === 'message' ? received.text : ''}"`,
    );
    const result = await clients[provider].sendText(CUSTOMER[provider], 'Hi Ana, it ships today.');
    sent[provider] = result.messageId;
    await clients[provider].markAsRead(inbound.id);
  }
  const vonageTemplate = await clients.nexmo.sendTemplate(CUSTOMER.nexmo, {
    name: 'order_update',
    language: 'en_US',
    body: ['Ana', 'A-1042'],
  });
  const metaTemplate = await clients.meta.sendTemplate('+16505550100', {
    name: 'order_update',
    language: 'en_US',
    body: ['Ben', 'A-1043'],
  });
  const approved = sandbox.templates.find('order_update', 'en_US');
  const gupshupTemplate = await clients.gupshup.sendTemplate(CUSTOMER.gupshup, {
    name: approved?.gupshupId ?? '',
    language: 'en_US',
    body: ['Ana', 'A-1042'],
  });
  await sandbox.idle();
  const trail = (provider: ProviderId, id: string) =>
    events[provider]
      .filter((e) => e.kind === 'status' && e.messageId === id)
      .map((e) => (e.kind === 'status' ? e.status : ''))
      .join(' -> ');
  for (const provider of PROVIDERS)
    ok(`${NAMES[provider].padEnd(14)} text ${short(sent[provider])}: ${trail(provider, sent[provider])}`);
  ok(`Vonage         template by name: ${trail('nexmo', vonageTemplate.messageId)}`);
  ok(`Gupshup        template by id:   ${trail('gupshup', gupshupTemplate.messageId)}`);
  ok(`Meta Cloud API template:         ${trail('meta', metaTemplate.messageId)}`);
  ok(`read receipts sent: ${sandbox.readReceipts.length} (markAsRead on each inbound message)`);

  // ------------------------------------------------------------------ 4. window and quota
  step(4, 'The 24 h window, refused before WhatsApp would');
  const TIER = 20; // a small tier so that the broadcast below reaches it (real tiers: 250, 2K, 10K, 100K)
  const quota = createQuotaTracker({ tier: TIER });
  const guarded = createClient(
    sandbox.config('meta', { window, quota }) as Parameters<typeof createClient>[0],
  );
  try {
    await guarded.sendText('+16505550199', 'Hello out of the blue');
  } catch (error) {
    if (!isWindowClosedError(error)) throw error;
    expected(`WindowClosedError, nothing sent: ${error.message}`);
  }
  const unguarded = await clients.meta.sendText('+16505550199', 'Hello out of the blue');
  await sandbox.idle();
  const failed = events.meta.find((e) => e.kind === 'status' && e.messageId === unguarded.messageId);
  expected(
    `without the tracker the platform takes it, then fails it: status ${failed?.kind === 'status' ? `${failed.status} (${failed.error?.code})` : '?'}`,
  );
  ok(
    `inside the window (Ana wrote to us) free-form is fine: ${(await guarded.sendText(CUSTOMER.meta, 'Anything else?')).messageId.slice(0, 12)}…`,
  );

  // ------------------------------------------------------------------ 5. broadcast
  step(5, 'Broadcast: consent, control group, the messaging-tier quota, progress');
  const recipients = Array.from({ length: 30 }, (_, i) => `+1650555${String(2000 + i)}`);
  const consent = createConsentStore(recipients.filter((_, i) => i % 10 !== 3));
  stats.attach(guarded);
  const report = await broadcast(
    guarded,
    recipients,
    (to) => ({
      type: 'template',
      to,
      name: 'order_update',
      language: 'en_US',
      body: ['friend', `B-${to.slice(-4)}`],
    }),
    {
      consent,
      controlGroup: { fraction: 0.1, salt: 'demo' },
      concurrency: 4,
      ratePerSecond: 40,
      onQuotaExceeded: 'skip',
      stats,
      // One line rewritten in place on a terminal; a line every 10 recipients when the output is a file or pipe.
      progressEvery: process.stdout.isTTY ? 1 : 10,
      onProgress: (p) =>
        process.stdout.write(
          `${process.stdout.isTTY ? '\r' : ''}   progress ${String(p.processed).padStart(2)}/${p.total ?? '?'}  sent ${p.sent}  failed ${p.failed}  skipped ${p.skipped}   ${process.stdout.isTTY ? '' : '\n'}`,
        ),
    },
  );
  if (process.stdout.isTTY) say();
  ok(
    `sent ${report.sent}, failed ${report.failed}, skipped: consent ${report.skipped.consent}, control group ${report.skipped.controlGroup}, quota ${report.skipped.quota} (tier of ${TIER} unique users per 24 h)`,
  );
  try {
    await guarded.sendTemplate('+16505559999', {
      name: 'order_update',
      language: 'en_US',
      body: ['Zoe', 'Z-1'],
    });
  } catch (error) {
    if (!isQuotaExceededError(error)) throw error;
    expected(`QuotaExceededError, nothing sent: ${error.message}`);
  }
  const campaign = sandbox.messages.filter((m) => recipients.includes(`+${m.to}`));
  for (const m of campaign.slice(0, 3))
    await sandbox.inbound('meta', `+${m.to}`, { type: 'reply', id: 'track', title: 'Track it' });
  await sandbox.idle();

  // ------------------------------------------------------------------ 6. stats
  step(6, 'Campaign stats (from the status and inbound webhooks)');
  const s = await stats.snapshot();
  const rows: [string, number][] = [
    ['sent', s.sent],
    ['delivered', s.delivered],
    ['viewed (read)', s.viewed],
    ['replied', s.replied],
    ['errors', s.errors],
    ['control group', s.controlGroup],
  ];
  say('   ┌─────────────────┬───────┐');
  for (const [name, value] of rows) say(`   │ ${name.padEnd(15)} │ ${String(value).padStart(5)} │`);
  say('   └─────────────────┴───────┘');

  const deliveries = sandbox.webhookDeliveries;
  say(
    `\n${sandbox.messages.length} messages accepted, ${deliveries.length} signed webhooks delivered, ${sandbox.requestCount} API requests, in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
  await sandbox.stop();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('\ndemo failed:', error);
    process.exit(1);
  },
);
