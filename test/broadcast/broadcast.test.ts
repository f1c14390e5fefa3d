/**
 * broadcast() against msw (through a real BaseClient subclass) and against a tiny in-test client under fake
 * timers: concurrency and rate measured by counters and fake time, consent and control group honoured, abort and
 * quota refusal mid-run, progress events and the report.
 */
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  broadcast,
  createCampaignStats,
  createConsentStore,
  inControlGroup,
} from '../../src/broadcast/index.js';
import type { WhatsAppClient } from '../../src/core/client.js';
import { isApiError, isValidationError, QuotaExceededError } from '../../src/core/errors.js';
import type { WhatsAppEventMap } from '../../src/core/events.js';
import type { OutboundMessage } from '../../src/core/message.js';
import { createQuotaTracker, DAY_MS } from '../../src/quota/index.js';
import { TEST_BASE_URL, TEST_TOKEN, TestClient } from '../quota/fixtures/test-client.js';
import { server } from '../setup/msw.js';

const everyone = () => true;
const numbers = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `+4477009${String(from + i).padStart(5, '0')}`);
const template = (to: string): OutboundMessage => ({
  type: 'template',
  to,
  name: 'spring_sale',
  language: 'en',
});

/** msw handler for the test client's /send: checks each request and records the recipients in order. */
function provider(
  options: {
    onRequest?: (to: string, n: number) => Promise<void> | void;
    status?: (to: string) => number;
  } = {},
) {
  const received: string[] = [];
  server.use(
    http.post(`${TEST_BASE_URL}/send`, async ({ request }) => {
      expect(request.headers.get('authorization')).toBe(`Bearer ${TEST_TOKEN}`);
      expect(request.headers.get('content-type')).toContain('application/json');
      const body = (await request.json()) as { to: string; type: string; name: string };
      expect(body).toMatchObject({ type: 'template', name: 'spring_sale', language: 'en' });
      received.push(body.to);
      await options.onRequest?.(body.to, received.length);
      const status = options.status?.(body.to) ?? 200;
      if (status !== 200) return HttpResponse.json({ error: { message: 'refused' } }, { status });
      return HttpResponse.json({ id: `m-${received.length}` });
    }),
  );
  return received;
}

/** A tiny client for fake-timer tests: records the fake time of each send. */
function timedClient(fail?: (to: string) => Error | undefined) {
  const sends: { to: string; at: number }[] = [];
  const client = {
    provider: 'meta',
    async send(message: OutboundMessage, options?: { signal?: AbortSignal }) {
      options?.signal?.throwIfAborted();
      const error = fail?.(message.to);
      if (error) throw error;
      sends.push({ to: message.to, at: Date.now() });
      return { provider: 'meta', messageId: `m-${sends.length}`, to: message.to, raw: {} };
    },
  } as unknown as WhatsAppClient;
  return { client, sends };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('broadcast', () => {
  it('keeps at most `concurrency` sends in flight, and uses all of it', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const received = provider({
      async onRequest() {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
      },
    });
    const report = await broadcast(new TestClient(), numbers(12), template, {
      consent: everyone,
      concurrency: 3,
      ratePerSecond: 1_000_000,
    });
    expect(maxInFlight).toBe(3);
    expect(received.sort()).toEqual(numbers(12));
    expect(report).toEqual({
      total: 12,
      sent: 12,
      failed: 0,
      skipped: { consent: 0, controlGroup: 0, quota: 0, duplicate: 0, campaign: 0 },
      errors: [],
      aborted: false,
      unsent: 0,
      unsentRecipients: [],
      unknown: 0,
      unknownSends: [],
    });
  });

  it('messages customers known only by a BSUID, and refuses malformed ids as recipient.invalid', async () => {
    const received = provider();
    const bsuid = 'US.13491208655302741918';
    const report = await broadcast(new TestClient(), [bsuid, '+447700900001', bsuid, 'US.bad-id'], template, {
      consent: everyone,
      ratePerSecond: 1_000_000,
    });
    expect(received.sort()).toEqual(['+447700900001', bsuid].sort());
    expect(report).toMatchObject({ total: 4, sent: 2, failed: 1, skipped: { duplicate: 1 } });
    expect(isValidationError(report.errors[0]?.error)).toBe(true);
    expect(report.errors[0]?.error).toMatchObject({ issues: [{ code: 'recipient.invalid' }] });
  });

  it('starts at most `ratePerSecond` sends in any second (fake time)', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 4, 1) });
    const start = Date.now();
    const { client, sends } = timedClient();
    const run = broadcast(client, numbers(35), template, {
      consent: everyone,
      concurrency: 6,
      ratePerSecond: 10,
    });
    await vi.runAllTimersAsync();
    const report = await run;
    expect(report.sent).toBe(35);
    const times = sends.map((s) => s.at - start).sort((a, b) => a - b);
    expect(times[0]).toBe(0);
    expect(times.at(-1)).toBe(3400); // 34 intervals of 100 ms
    for (const t of times) expect(times.filter((o) => o >= t && o < t + 1000).length).toBeLessThanOrEqual(10);
  });

  it('messages only opted-in users (predicate or store) and never the same user twice', async () => {
    const received = provider();
    const consent = createConsentStore([numbers(1, 1)[0] as string, '447700900003']);
    consent.record({ kind: 'user', provider: 'meta', phone: '447700900005', event: 'opted-in', raw: {} });
    consent.record({ kind: 'user', provider: 'meta', phone: '447700900003', event: 'opted-out', raw: {} });
    const recipients = [...numbers(6), '+44 7700 900001', { to: '00447700900005' }];
    const report = await broadcast(
      new TestClient(),
      recipients,
      (r) => template(typeof r === 'string' ? r : r.to),
      { consent, concurrency: 2 },
    );
    expect(received.sort()).toEqual(['+447700900001', '+447700900005']);
    expect(report).toMatchObject({
      total: 8,
      sent: 2,
      failed: 0,
      skipped: { consent: 4, controlGroup: 0, quota: 0, duplicate: 2 },
    });

    const predicateSeen: string[] = [];
    provider();
    const second = await broadcast(new TestClient(), numbers(3), template, {
      consent: (phone) => {
        predicateSeen.push(phone);
        return phone.endsWith('2');
      },
    });
    expect(second).toMatchObject({ sent: 1, skipped: { consent: 2 } });
    expect(predicateSeen.sort()).toEqual(numbers(3));
  });

  it('holds out a stable control group and never messages it', async () => {
    const received = provider();
    const stats = createCampaignStats();
    const all = numbers(200);
    const report = await broadcast(new TestClient(), all, template, {
      consent: everyone,
      controlGroup: { fraction: 0.3, salt: 'spring' },
      stats,
      concurrency: 10,
      ratePerSecond: 1_000_000,
    });
    const held = all.filter((n) => inControlGroup(n.slice(1), { fraction: 0.3, salt: 'spring' }));
    expect(held.length).toBeGreaterThan(40);
    expect(held.length).toBeLessThan(80);
    expect(report.skipped.controlGroup).toBe(held.length);
    expect(report.sent).toBe(200 - held.length);
    expect(received.filter((to) => held.includes(to))).toEqual([]);
    expect(await stats.snapshot()).toMatchObject({ sent: 200 - held.length, controlGroup: held.length });
    // Another salt draws another group; the same salt the same group.
    const other = all.filter((n) => inControlGroup(n.slice(1), { fraction: 0.3, salt: 'autumn' }));
    expect(other).not.toEqual(held);
    expect(all.filter((n) => inControlGroup(n.slice(1), { fraction: 0.3, salt: 'spring' }))).toEqual(held);
  });

  it('stops cleanly when aborted mid-run: no new sends, a report saying so', async () => {
    const received = provider();
    const controller = new AbortController();
    const report = await broadcast(new TestClient(), numbers(20), template, {
      consent: everyone,
      concurrency: 1,
      signal: controller.signal,
      progressEvery: 1,
      onProgress: (p) => {
        if (p.sent === 5) controller.abort();
      },
    });
    expect(received).toHaveLength(5);
    // Every recipient given is accounted for: the 15 never attempted are unsent, and listed.
    expect(report).toMatchObject({ total: 20, sent: 5, failed: 0, aborted: true, unsent: 15, unknown: 0 });
    expect(report.unsentRecipients).toEqual(numbers(20).slice(5));
  });

  it('abort during a rate wait leaves the waiting recipient unsent, not failed', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 4, 1) });
    const { client, sends } = timedClient();
    const controller = new AbortController();
    const run = broadcast(client, numbers(10), template, {
      consent: everyone,
      concurrency: 1,
      ratePerSecond: 1,
      signal: controller.signal,
    });
    await vi.advanceTimersByTimeAsync(1500); // sends at 0 and 1000; the third waits for 2000
    controller.abort();
    const report = await run;
    expect(sends).toHaveLength(2);
    expect(report).toMatchObject({ total: 10, sent: 2, failed: 0, unsent: 8, aborted: true });
    expect(report.unsentRecipients).toEqual(numbers(10).slice(2));
  });

  it('skips recipients the quota refuses mid-run when told to skip', async () => {
    const received = provider();
    const client = new TestClient({ quota: createQuotaTracker({ tier: 3 }) });
    const report = await broadcast(client, numbers(6), template, {
      consent: everyone,
      concurrency: 1,
      onQuotaExceeded: 'skip',
    });
    expect(received).toEqual(numbers(3));
    expect(report).toMatchObject({ sent: 3, failed: 0, skipped: { quota: 3 } });
  });

  it('defers recipients the quota refuses until a slot frees up (default), then sends them', async () => {
    let now = Date.UTC(2026, 4, 1);
    const clock = () => now;
    const sentAt: number[] = [];
    const received = provider({ onRequest: () => void sentAt.push(now) });
    const waits: number[] = [];
    const client = new TestClient({ quota: createQuotaTracker({ tier: 2, clock }) });
    const report = await broadcast(client, numbers(4), template, {
      consent: everyone,
      concurrency: 1,
      clock,
      sleep: async (ms) => {
        waits.push(ms);
        now += ms;
      },
    });
    expect(received).toEqual(numbers(4));
    expect(report).toMatchObject({ sent: 4, skipped: { quota: 0 } });
    // The third waited exactly until the first count left the 24 h window.
    expect(sentAt[2]! - sentAt[0]!).toBe(DAY_MS);
    expect(waits.filter((ms) => ms > 1000)).toHaveLength(1);
  });

  it('skips instead of deferring past maxDeferMs', async () => {
    const { client } = timedClient((to) =>
      to.endsWith('2')
        ? new QuotaExceededError('full', { retryAt: new Date(Date.now() + DAY_MS) })
        : undefined,
    );
    const report = await broadcast(client, numbers(3), template, {
      consent: everyone,
      maxDeferMs: 60_000,
      ratePerSecond: 1_000_000,
    });
    expect(report).toMatchObject({ sent: 2, skipped: { quota: 1 } });
  });

  it('counts failures with their errors and carries on', async () => {
    provider({ status: (to) => (to.endsWith('1') ? 400 : 200) });
    const report = await broadcast(
      new TestClient({ maxRetries: 0 }),
      [...numbers(3), 'not a number'],
      template,
      { consent: everyone },
    );
    expect(report).toMatchObject({ total: 4, sent: 2, failed: 2 });
    const byRecipient = Object.fromEntries(report.errors.map((e) => [e.recipient, e.error]));
    expect(isApiError(byRecipient['+447700900001'])).toBe(true);
    expect(isValidationError(byRecipient['not a number'])).toBe(true);
  });

  it('emits broadcast.progress on the client, ending with the final count', async () => {
    provider();
    const client = new TestClient();
    const events: WhatsAppEventMap['broadcast.progress'][] = [];
    client.on('broadcast.progress', (e) => events.push(e));
    await broadcast(client, numbers(5), template, { consent: (p) => !p.endsWith('4'), progressEvery: 2 });
    expect(events.map((e) => e.processed)).toEqual([2, 4, 5]);
    expect(events.at(-1)).toMatchObject({
      provider: 'meta',
      total: 5,
      processed: 5,
      sent: 4,
      failed: 0,
      skipped: 1,
    });
  });

  it('reads async iterables and objects through phoneOf', async () => {
    const received = provider();
    async function* rows() {
      yield { mobile: '+447700900001' };
      yield { mobile: '+447700900002' };
    }
    const report = await broadcast(new TestClient(), rows(), (r) => template(r.mobile), {
      consent: everyone,
      phoneOf: (r) => r.mobile,
    });
    expect(received.sort()).toEqual(['+447700900001', '+447700900002']);
    expect(report).toMatchObject({ total: 2, sent: 2 });
  });

  it('refuses invalid options with ValidationError', async () => {
    const client = new TestClient();
    const run = (options: object) =>
      broadcast(client, numbers(1), template, options as never).catch((e: unknown) => e) as Promise<Error>;
    expect((await run({}))?.message).toContain('broadcast needs `consent`');
    expect(isValidationError(await run({ consent: everyone, concurrency: 0 }))).toBe(true);
    expect((await run({ consent: everyone, controlGroup: 1.5 }))?.message).toContain('controlGroup');
  });
});
