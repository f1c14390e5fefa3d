/**
 * Gupshup inbound media: a filemanager URL fetched without credentials, valid until `urlExpiry`
 * (https://docs.gupshup.io/docs/media). Uploads are documented only for the Partner API
 * (https://docs.gupshup.io/reference/generate-media-id-using-file-upload), not the apikey API this client uses.
 */
import { readFileSync } from 'node:fs';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { MessageEvent } from '../../../src/index.js';
import { GupshupClient, type GupshupConfig } from '../../../src/providers/gupshup/index.js';
import { parseWebhook } from '../../../src/webhooks/index.js';
import { server } from '../../setup/msw.js';

const API_KEY = 'gupshup-api-key-SECRET-0123';
const config: GupshupConfig = { apiKey: API_KEY, appName: 'DemoApp', source: '917834811114' };
const URL_ = 'https://filemanager.gupshup.io/wa/11111111-aaaa/wa/image';
const FILE = new TextEncoder().encode('jpeg bytes');
const inbound = () =>
  parseWebhook(
    'gupshup',
    JSON.parse(
      readFileSync(new URL('../../fixtures/gupshup/v2-message-image.json', import.meta.url), 'utf8'),
    ),
  )[0] as MessageEvent;

function filemanager(
  reply: () => Response = () => new HttpResponse(FILE, { headers: { 'content-type': 'image/jpeg' } }),
) {
  const seen: Request[] = [];
  server.use(
    http.get(URL_, ({ request }) => {
      seen.push(request);
      return reply();
    }),
  );
  return seen;
}

describe('Gupshup downloadMedia', () => {
  it('downloads an inbound image before urlExpiry, sending no apikey', async () => {
    const seen = filemanager();
    const event = inbound();
    const live = { ...event, media: { ...event.media, expiresAt: new Date(Date.now() + 60_000) } };
    const download = await new GupshupClient(config).downloadMedia(live);
    expect(await download.bytes()).toEqual(FILE);
    expect(download.mimeType).toBe('image/jpeg');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers.get('apikey')).toBeNull();
    expect(seen[0]?.headers.get('authorization')).toBeNull();
  });

  it('refuses a link past its urlExpiry with MediaExpiredError, before any request', async () => {
    const seen = filemanager();
    const error = await new GupshupClient(config).downloadMedia(inbound()).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'MediaExpiredError', expiredAt: new Date(1580832566370) });
    expect(seen).toHaveLength(0);
  });

  it('reads 403/404/410 from the filemanager as an expired link, never retried', async () => {
    for (const status of [403, 404, 410]) {
      const seen = filemanager(() => new HttpResponse(null, { status }));
      await expect(new GupshupClient(config).downloadMedia({ url: URL_ })).rejects.toMatchObject({
        name: 'MediaExpiredError',
      });
      expect(seen).toHaveLength(1);
      server.resetHandlers();
    }
  });
});

describe('Gupshup uploads', () => {
  it('throw UnsupportedOperationError naming the Partner API and saying to send by url', async () => {
    const error = await new GupshupClient(config)
      .uploadMedia(new Uint8Array(3), { mimeType: 'image/png' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'UnsupportedOperationError', operation: 'uploadMedia' });
    expect((error as Error).message).toMatch(/Partner API.*Send media by url/);
  });
});
