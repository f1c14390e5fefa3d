/**
 * A client given `quota` and `window` trackers consults them in send(): free-form messages outside the window
 * and templates over the tier are refused locally, with no request; inbound messages open the window.
 */
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  isConfigError,
  isQuotaExceededError,
  isQuotaStoreError,
  isWindowClosedError,
  type QuotaExceededError,
  type WindowClosedError,
} from '../../src/core/errors.js';
import type { WhatsAppEventMap } from '../../src/core/events.js';
import type { QuotaGate, WindowGate } from '../../src/core/gates.js';
import {
  createConversationWindowTracker,
  createQuotaTracker,
  DAY_MS,
  type QuotaStore,
} from '../../src/quota/index.js';
import { server } from '../setup/msw.js';
import { TEST_BASE_URL, TEST_TOKEN, TestClient } from './fixtures/test-client.js';
import { fakeClock } from './store-suite.js';

const template = { name: 'order_update', language: 'en' } as const;

/** Accepts sends, checking each request, and records the recipients. */
function acceptSends(): string[] {
  const sent: string[] = [];
  server.use(
    http.post(`${TEST_BASE_URL}/send`, async ({ request }) => {
      expect(request.method).toBe('POST');
      expect(request.headers.get('authorization')).toBe(`Bearer ${TEST_TOKEN}`);
      const body = (await request.json()) as { to: string; type: string };
      sent.push(`${body.type}:${body.to}`);
      return HttpResponse.json({ id: `m-${sent.length}` });
    }),
  );
  return sent;
}

const inbound = (from: string, timestamp: number) => ({
  rawBody: JSON.stringify([{ from, timestamp }]),
  headers: {},
});

describe('a client with quota and window trackers', () => {
  it('takes the trackers of waba-kit/quota as the gate shapes core defines (checked by the compiler)', () => {
    const quota: QuotaGate = createQuotaTracker({ tier: 1 });
    const window: WindowGate = createConversationWindowTracker();
    expect(typeof quota.on).toBe('function');
    expect(typeof window.recordInbound).toBe('function');
  });

  it('refuses a free-form message outside the window with WindowClosedError and no request', async () => {
    const sent = acceptSends();
    const client = new TestClient({ window: createConversationWindowTracker() });
    const failed: WhatsAppEventMap['message.failed'][] = [];
    client.on('message.failed', (e) => failed.push(e));
    const error = (await client
      .sendText('+447700900123', 'hello')
      .catch((e: unknown) => e)) as WindowClosedError;
    expect(isWindowClosedError(error)).toBe(true);
    expect(error.message).toContain('the user has not written');
    expect(error.message).not.toContain('447700900123'); // masked
    expect(error.closedAt).toBeUndefined();
    expect(sent).toEqual([]);
    expect(failed).toHaveLength(1);
  });

  it('opens the window from an inbound webhook, then lets free-form messages through until it closes', async () => {
    const sent = acceptSends();
    const clock = fakeClock(Date.now());
    const window = createConversationWindowTracker({ clock });
    const client = new TestClient({ window });
    await client.parseWebhook(inbound('447700900123', clock()));
    await client.sendText('+447700900123', 'thanks for writing');
    await client.send({ type: 'reaction', to: '+447700900123', messageId: 'wamid.1', emoji: '👍' });
    expect(sent).toEqual(['text:+447700900123', 'reaction:+447700900123']);
    clock.advance(DAY_MS);
    const error = (await client
      .sendText('+447700900123', 'late')
      .catch((e: unknown) => e)) as WindowClosedError;
    expect(isWindowClosedError(error)).toBe(true);
    expect(error.closedAt).toEqual(new Date(clock()));
    expect(sent).toHaveLength(2);
  });

  it('counts templates outside the window and refuses over the tier with QuotaExceededError and retryAt', async () => {
    const sent = acceptSends();
    const clock = fakeClock(Date.UTC(2026, 4, 1));
    const quota = createQuotaTracker({ tier: 2, clock });
    const window = createConversationWindowTracker({ clock });
    const client = new TestClient({ quota, window });
    const events: string[] = [];
    client.on('quota.warning', (e) => events.push(`warning ${e.threshold} ${e.provider}`));
    client.on('quota.exceeded', (e) => events.push(`exceeded ${e.retryAt?.toISOString()} ${e.provider}`));

    await client.sendTemplate('+447700900001', template);
    await client.sendTemplate('+447700900002', template);
    // Re-sending to a counted user costs nothing.
    await client.sendTemplate('+447700900001', template);
    // A user inside an open window is not counted, so the budget does not stop it.
    await client.parseWebhook(inbound('447700900003', clock()));
    await client.sendTemplate('+447700900003', template);
    const error = (await client
      .sendTemplate('+447700900004', template)
      .catch((e: unknown) => e)) as QuotaExceededError;
    expect(isQuotaExceededError(error)).toBe(true);
    expect(error.retryAt).toEqual(new Date(Date.UTC(2026, 4, 2)));
    expect([error.used, error.limit]).toEqual([2, 2]);
    expect(sent).toEqual([
      'template:+447700900001',
      'template:+447700900002',
      'template:+447700900001',
      'template:+447700900003',
    ]);
    expect(events).toEqual([
      'warning 0.8 meta',
      'warning 0.95 meta',
      'exceeded 2026-05-02T00:00:00.000Z meta',
    ]);
    expect((await quota.usage()).used).toBe(2);
  });

  it('sends nothing when the quota store fails (fail closed)', async () => {
    const sent = acceptSends();
    const broken: QuotaStore = {
      acquire: async () => {
        throw new Error('connection refused');
      },
      usage: async () => ({ used: 0, oldestAt: undefined }),
      openWindow: async () => 0,
      windowExpiry: async () => undefined,
    };
    const client = new TestClient({ quota: createQuotaTracker({ tier: 10, store: broken }) });
    expect(
      isQuotaStoreError(await client.sendTemplate('+447700900001', template).catch((e: unknown) => e)),
    ).toBe(true);
    expect(sent).toEqual([]);
  });

  it('refuses quota or window config that is not a tracker, saying how to build one', () => {
    let error: unknown;
    try {
      new TestClient({ quota: { tier: 'TIER_1K' } });
    } catch (e) {
      error = e;
    }
    expect(isConfigError(error)).toBe(true);
    expect((error as Error).message).toContain('createQuotaTracker({ tier })');
    expect(() => new TestClient({ window: { hours: 24 } })).toThrow(/createConversationWindowTracker/);
  });

  it('without trackers, sends as before', async () => {
    const sent = acceptSends();
    await new TestClient().sendText('+447700900123', 'hi');
    expect(sent).toEqual(['text:+447700900123']);
  });
});
