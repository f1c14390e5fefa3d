/**
 * A batch of any size is parsed in full or refused as a whole with a status the provider retries (issue
 * "Hostile input and bad days", item 5). A signed Meta delivery with 130 000 statuses in one change used to
 * overflow `events.push(...)`, and the parser's catch-all turned the body into one `unknown` event while the
 * handler answered 200: every status in it was lost.
 */
import { describe, expect, it, vi } from 'vitest';
import { isWhatsAppError } from '../../src/core/errors.js';
import {
  createWebhookHandler,
  parseWebhook,
  type StatusEvent,
  signWebhookForTest,
} from '../../src/webhooks/index.js';
import { metaStatusChange } from './helpers.js';

const SECRET = 'large-batch-app-secret';
const ITEMS = 130_000;

async function signed(body: string): Promise<Request> {
  const headers = await signWebhookForTest('meta', body, SECRET);
  return new Request('https://example.test/webhook', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

describe('a Meta change with 130 000 statuses', () => {
  const body = metaStatusChange(ITEMS);

  it('parseWebhook reads every status (no spread into push)', () => {
    const events = parseWebhook('meta', body);
    expect(events).toHaveLength(ITEMS);
    expect(events.every((e) => e.kind === 'status')).toBe(true);
    expect((events.at(-1) as StatusEvent).messageId).toBe(`wamid.${ITEMS - 1}`);
  });

  it('the handler refuses it as a whole with 503 (the provider retries) above its item cap', async () => {
    const status = vi.fn();
    const onError = vi.fn();
    const handler = createWebhookHandler({
      provider: 'meta',
      appSecret: SECRET,
      maxBodyBytes: 64 * 1024 * 1024,
      on: { status },
      onError,
    });
    const response = await handler(await signed(body));
    expect(response.status).toBe(503);
    expect(status).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledTimes(1);
    const [error] = onError.mock.calls[0] ?? [];
    expect(isWhatsAppError(error)).toBe(true);
    expect((error as Error).message).toContain(`${ITEMS} events`);
    expect((error as Error).message).toContain('maxEvents');
  });

  it('with maxEvents raised, the handler dispatches every one of them and answers 200', async () => {
    let seen = 0;
    let last = '';
    const handler = createWebhookHandler({
      provider: 'meta',
      appSecret: SECRET,
      maxBodyBytes: 64 * 1024 * 1024,
      maxEvents: 200_000,
      on: {
        status: (s) => {
          seen++;
          last = s.messageId;
        },
      },
    });
    const response = await handler(await signed(body));
    expect(response.status).toBe(200);
    expect(seen).toBe(ITEMS);
    expect(last).toBe(`wamid.${ITEMS - 1}`);
  });

  it('maxEvents must be a positive integer', () => {
    expect(() => createWebhookHandler({ provider: 'meta', appSecret: SECRET, maxEvents: 0 })).toThrow(
      /maxEvents/,
    );
    expect(() =>
      createWebhookHandler({ provider: 'meta', appSecret: SECRET, maxEvents: Number.NaN }),
    ).toThrow(/maxEvents/);
  });
});
