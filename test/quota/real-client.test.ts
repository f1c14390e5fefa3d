/**
 * The gates through a real provider client (Gupshup): an inbound webhook in Gupshup's v2 format opens the
 * window, free-form sends follow it, and a template over the tier is refused before any request.
 * Wire facts: https://docs.gupshup.io/docs/session-messages and the inbound-message webhook reference.
 */
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { isQuotaExceededError, isWindowClosedError } from '../../src/core/errors.js';
import { GupshupClient } from '../../src/providers/gupshup/index.js';
import { createConversationWindowTracker, createQuotaTracker, DAY_MS } from '../../src/quota/index.js';
import { server } from '../setup/msw.js';
import { fakeClock } from './store-suite.js';

const MSG_URL = 'https://api.gupshup.io/wa/api/v1/msg';
const USER = '919876543210';

/** A Gupshup v2 inbound text message from USER at `timestamp` (ms). */
const inbound = (timestamp: number) => ({
  rawBody: JSON.stringify({
    app: 'DemoApp',
    timestamp,
    version: 2,
    type: 'message',
    payload: {
      id: 'ABEGkYaYVSEEAhAL3SLAWwHKeKrt6s3FKB0c',
      source: USER,
      type: 'text',
      payload: { text: 'Hi' },
      sender: { phone: USER, name: 'Drew', country_code: '91', dial_code: '9876543210' },
    },
  }),
  headers: { 'content-type': 'application/json' },
});

describe('GupshupClient with quota and window trackers', () => {
  it('refuses free-form until the user writes, then sends until the window closes', async () => {
    const forms: Record<string, string>[] = [];
    server.use(
      http.post(MSG_URL, async ({ request }) => {
        expect(request.headers.get('apikey')).toBe('gs-api-key-0123456789');
        forms.push(Object.fromEntries(new URLSearchParams(await request.text())));
        return HttpResponse.json({ status: 'submitted', messageId: `m-${forms.length}` }, { status: 202 });
      }),
    );
    const clock = fakeClock(Date.UTC(2026, 4, 1, 9));
    const client = new GupshupClient({
      apiKey: 'gs-api-key-0123456789',
      appName: 'DemoApp',
      source: '+917834811114',
      maxRetries: 0,
      window: createConversationWindowTracker({ clock }),
    });
    expect(isWindowClosedError(await client.sendText(`+${USER}`, 'Hello').catch((e: unknown) => e))).toBe(
      true,
    );
    expect(forms).toEqual([]);

    const events = await client.parseWebhook(inbound(clock()));
    expect(events[0]).toMatchObject({ kind: 'message', from: USER });
    await client.sendText(`+${USER}`, 'Hello');
    expect(forms).toEqual([
      {
        channel: 'whatsapp',
        source: '917834811114',
        destination: USER,
        'src.name': 'DemoApp',
        message: '{"type":"text","text":"Hello"}',
      },
    ]);
    clock.advance(DAY_MS);
    expect(isWindowClosedError(await client.sendText(`+${USER}`, 'Late').catch((e: unknown) => e))).toBe(
      true,
    );
    expect(forms).toHaveLength(1);
  });

  it('refuses a template over the tier before any request', async () => {
    const quota = createQuotaTracker({ tier: 1 });
    await quota.acquire('+919876500000'); // the budget is spent
    const client = new GupshupClient({
      apiKey: 'gs-api-key-0123456789',
      appName: 'DemoApp',
      source: '+917834811114',
      quota,
    });
    // No handler is installed: a request would fail the test as unhandled.
    const error = await client
      .sendTemplate(`+${USER}`, { name: 'order_update', language: 'en' })
      .catch((e: unknown) => e);
    expect(isQuotaExceededError(error)).toBe(true);
  });
});
