/**
 * The sandbox and the webhook layer agree: every callback the sandbox posts (inbound messages of each content
 * type, every status including failures, template reviews; Vonage v1 and v0.1) verifies with `verifyWebhook`
 * and parses into the events it announces; and the webhook fuzzing runs over these sandbox-generated payloads
 * too: mutated, they yield schema-valid events or `WebhookParseError`, nothing else.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookParseError } from '../../src/core/errors.js';
import type { ProviderId } from '../../src/core/provider.js';
import type { WebhookEvent } from '../../src/core/webhook-event.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { parseWebhook, verifyWebhook, WebhookEventSchema } from '../../src/webhooks/index.js';
import { type Collector, startCollector } from '../sandbox/helpers.js';

const SECRET = 'gupshup-callback-secret';
const PROVIDERS: ProviderId[] = ['nexmo', 'gupshup', 'meta', 'clevertap'];

interface Captured {
  provider: ProviderId;
  sandbox: Sandbox;
  body: string;
  headers: Record<string, string>;
  /** What the payload announces. */
  expect: { kind: WebhookEvent['kind']; id: string; status?: string; code?: string };
}

const corpus: Captured[] = [];
const sandboxes: Sandbox[] = [];
const collectors: Collector[] = [];

const CUSTOMER = '+447700900123';
const STRANGER = '+447700900999';

async function capture(nexmoVersion: 'v1' | 'v0.1', providers: ProviderId[]): Promise<void> {
  const hooks = await startCollector();
  collectors.push(hooks);
  const sandbox = await startSandbox({
    webhooks: {
      nexmo: { url: `${hooks.url}/nexmo`, version: nexmoVersion },
      gupshup: { url: `${hooks.url}/gupshup`, headers: { authorization: SECRET } },
      meta: { url: `${hooks.url}/meta` },
      clevertap: { url: `${hooks.url}/clevertap` },
    },
    statuses: { delayMs: 0 },
    reviewDelayMs: 0,
  });
  sandboxes.push(sandbox);
  const pending: Captured['expect'][] = [];
  const expectNext = (e: Captured['expect']) => pending.push(e);
  const t = sandbox.templates.add({
    name: 'corpus_otp',
    language: 'en',
    category: 'UTILITY',
    components: [{ type: 'BODY', text: 'Your code is {{1}}.', example: { body_text: [['1234']] } }],
  });
  for (const provider of providers) {
    const seen = hooks.received.length;
    for (const content of [
      'Hello 😀 — olá',
      { type: 'image' as const, url: 'https://example.com/a.jpg', caption: 'pic' },
      { type: 'location' as const, latitude: 51.5, longitude: -0.12, name: 'London' },
      { type: 'reply' as const, id: 'track', title: 'Track it' },
    ]) {
      const { id } = await sandbox.inbound(provider, CUSTOMER, content);
      expectNext({ kind: 'message', id });
    }
    // A reply inside the window, a free-form message outside it (refused by the platform), and for Gupshup a
    // template by id as well.
    const sent = [
      await sendRaw(sandbox, provider, CUSTOMER, 'text', t.gupshupId),
      await sendRaw(sandbox, provider, STRANGER, 'text', t.gupshupId),
      ...(provider === 'gupshup'
        ? [await sendRaw(sandbox, provider, STRANGER, 'template', t.gupshupId)]
        : []),
    ];
    await sandbox.idle();
    for (const m of sent) {
      const record = sandbox.messages.find((x) => x.id === m);
      for (const status of record?.history.slice(1) ?? [])
        expectNext({
          kind: 'status',
          id: m,
          status,
          ...(status === 'failed' ? { code: String(record?.error?.code) } : {}),
        });
    }
    const received = hooks.received.slice(seen);
    expect(received.length).toBeGreaterThan(0);
    for (const r of received)
      corpus.push({
        provider,
        sandbox,
        body: r.body,
        headers: Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, String(v)])),
        expect: { kind: 'unknown', id: '' },
      });
    const mine = corpus.filter((c) => c.provider === provider).slice(-received.length);
    // Pair captured payloads with what they announce, in order (statuses of one message are posted in order).
    assign(mine, pending.splice(0));
  }
  if (providers.includes('meta')) {
    const before = hooks.received.length;
    const metaToken = sandbox.credentials.meta.accessToken;
    await fetch(`${sandbox.url}/v23.0/${sandbox.credentials.meta.wabaId}/message_templates`, {
      method: 'POST',
      headers: { authorization: `Bearer ${metaToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'bad_one',
        language: 'en_US',
        category: 'UTILITY',
        components: [{ type: 'BODY', text: '{{1}}' }],
      }),
    });
    await sandbox.idle();
    for (const r of hooks.received.slice(before)) {
      const value = (r.json as { entry: { changes: { value: { message_template_id: number } }[] }[] })
        .entry[0]?.changes[0]?.value;
      corpus.push({
        provider: 'meta',
        sandbox,
        body: r.body,
        headers: Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, String(v)])),
        expect: { kind: 'template-status', id: String(value?.message_template_id), status: 'REJECTED' },
      });
    }
  }
}

/** Assigns expectations to captured payloads: inbound ones first (in order), then statuses by message id. */
function assign(captured: Captured[], expectations: Captured['expect'][]): void {
  const inbound = expectations.filter((e) => e.kind === 'message');
  const statuses = expectations.filter((e) => e.kind === 'status');
  captured.forEach((c, i) => {
    if (i < inbound.length) c.expect = inbound[i] as Captured['expect'];
  });
  const rest = captured.slice(inbound.length);
  // Status payloads arrive per message in history order; the two messages' payloads may interleave.
  const queues = new Map<string, Captured['expect'][]>();
  for (const s of statuses) queues.set(s.id, [...(queues.get(s.id) ?? []), s]);
  for (const c of rest) {
    const text = c.body;
    const owner = [...queues.keys()].find((id) => text.includes(id));
    const next = owner ? queues.get(owner)?.shift() : undefined;
    if (next) c.expect = next;
  }
}

async function sendRaw(
  sandbox: Sandbox,
  provider: ProviderId,
  to: string,
  kind: 'text' | 'template',
  gupshupTemplate: string,
): Promise<string> {
  const c = sandbox.credentials;
  const digits = to.slice(1);
  if (provider === 'nexmo') {
    const basic = Buffer.from(`${c.nexmo.apiKey}:${c.nexmo.apiSecret}`).toString('base64');
    const v1 = {
      to: digits,
      from: c.nexmo.from,
      channel: 'whatsapp',
      message_type: 'text',
      text: 'Hi',
      client_ref: 'corpus',
    };
    const res = await fetch(`${sandbox.url}/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/json' },
      body: JSON.stringify(v1),
    });
    return ((await res.json()) as { message_uuid: string }).message_uuid;
  }
  if (provider === 'gupshup') {
    const template = kind === 'template';
    const res = await fetch(`${sandbox.url}/wa/api/v1/${template ? 'template/' : ''}msg`, {
      method: 'POST',
      headers: { apikey: c.gupshup.apiKey, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        channel: 'whatsapp',
        source: c.gupshup.source,
        destination: digits,
        'src.name': c.gupshup.appName,
        ...(template
          ? { template: JSON.stringify({ id: gupshupTemplate, params: ['1'] }) }
          : { message: JSON.stringify({ type: 'text', text: 'Hi' }) }),
      }).toString(),
    });
    return ((await res.json()) as { messageId: string }).messageId;
  }
  const k = provider as 'meta' | 'clevertap';
  const res = await fetch(`${sandbox.url}/v23.0/${c[k].phoneNumberId}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${c[k].accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      messaging_product: 'whatsapp',
      to: digits,
      type: 'text',
      text: { body: 'Hi' },
      biz_opaque_callback_data: 'corpus',
    }),
  });
  return ((await res.json()) as { messages: { id: string }[] }).messages[0]?.id ?? '';
}

beforeAll(async () => {
  await capture('v1', PROVIDERS);
  await capture('v0.1', ['nexmo']);
}, 60_000);
afterAll(async () => {
  for (const s of sandboxes) await s.stop();
  for (const c of collectors) await c.close();
});

const secretsFor = (provider: ProviderId, sandbox: Sandbox) =>
  provider === 'nexmo'
    ? { signatureSecret: sandbox.credentials.nexmo.signatureSecret }
    : provider === 'gupshup'
      ? { sharedSecret: SECRET }
      : { appSecret: sandbox.credentials[provider as 'meta' | 'clevertap'].appSecret };

describe('sandbox callbacks verify and parse as announced', () => {
  it('captured a corpus of every provider and kind', () => {
    for (const p of PROVIDERS)
      expect(corpus.filter((c) => c.provider === p).length).toBeGreaterThanOrEqual(8);
    expect(corpus.filter((c) => c.expect.kind === 'unknown')).toEqual([]);
    expect(new Set(corpus.map((c) => c.expect.kind))).toEqual(
      new Set(['message', 'status', 'template-status']),
    );
    for (const p of PROVIDERS)
      expect(
        corpus.some((c) => c.provider === p && c.expect.status === 'failed'),
        `${p} has a failed status`,
      ).toBe(true);
  });

  it('every callback verifies with the provider secret', async () => {
    for (const c of corpus) {
      const result = await verifyWebhook(c.provider, {
        rawBody: c.body,
        headers: c.headers,
        ...secretsFor(c.provider, c.sandbox),
      });
      expect(result, `${c.provider} ${c.body.slice(0, 80)}`).toEqual({ valid: true });
      const other = sandboxes.find((s) => s !== c.sandbox);
      if (other && c.provider !== 'gupshup') {
        const forged = await verifyWebhook(c.provider, {
          rawBody: c.body,
          headers: c.headers,
          ...secretsFor(c.provider, other),
        });
        expect(forged.valid).toBe(false);
      }
    }
  });

  it('every callback parses into the event it announces', () => {
    for (const c of corpus) {
      const events = parseWebhook(c.provider, c.body);
      const e = c.expect;
      const match = events.find((ev) =>
        e.kind === 'message'
          ? ev.kind === 'message' && ev.id === e.id
          : e.kind === 'status'
            ? ev.kind === 'status' &&
              ev.messageId === e.id &&
              ev.status === e.status &&
              (e.code === undefined || ev.error?.code === e.code)
            : ev.kind === 'template-status' && ev.templateId === e.id && ev.status === e.status,
      );
      expect(match, `${c.provider}: ${JSON.stringify(e)} in ${c.body.slice(0, 300)}`).toBeDefined();
    }
  });
});

type Path = (string | number)[];
function paths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value))
      paths(v, [...prefix, Array.isArray(value) ? Number(k) : k], out);
  return out;
}

const leaf = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
);

describe.each(PROVIDERS)('fuzz over sandbox payloads: %s', (provider) => {
  it('3000 mutated payloads: schema-valid events or WebhookParseError, nothing else', () => {
    const docs = corpus.filter((c) => c.provider === provider).map((c) => JSON.parse(c.body) as unknown);
    expect(docs.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('replace', 'delete'), leaf), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.boolean(),
        (i, mutations, asText) => {
          let doc = structuredClone(docs[i % docs.length]);
          for (const [at, op, value] of mutations) {
            const all = paths(doc);
            const path = all[at % all.length] ?? [];
            if (path.length === 0) {
              doc = value;
              continue;
            }
            const parent = path
              .slice(0, -1)
              .reduce<unknown>((o, k) => (o as Record<string | number, unknown>)?.[k], doc) as Record<
              string | number,
              unknown
            > | null;
            if (typeof parent !== 'object' || parent === null) continue;
            const key = path.at(-1) as string | number;
            if (op === 'delete') {
              if (Array.isArray(parent)) parent.splice(key as number, 1);
              else delete parent[key];
            } else parent[key] = value;
          }
          const body = asText ? (JSON.stringify(doc) ?? 'null') : doc;
          let events: WebhookEvent[];
          try {
            events = parseWebhook(provider, body);
          } catch (error) {
            if (!(error instanceof WebhookParseError)) throw error;
            const isObject = typeof doc === 'object' && doc !== null && !Array.isArray(doc);
            if (isObject) throw new Error(`refused an object: ${(error as Error).message}`);
            return;
          }
          for (const event of events) {
            const parsed = WebhookEventSchema.safeParse(event);
            if (!parsed.success) throw new Error(`event breaks its schema: ${parsed.error.message}`);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
