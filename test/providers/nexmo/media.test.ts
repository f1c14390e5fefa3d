/**
 * Vonage inbound media (v1 and v0.1 payloads): the URL is on Vonage's media servers and, with Secure Inbound
 * Media on, needs `Authorization: Bearer <application JWT>`
 * (https://developer.vonage.com/en/messages/concepts/secure-inbound-media). Standard links live 48 hours.
 * Vonage has no media upload API: media are sent by URL.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { MessageEvent } from '../../../src/index.js';
import { NexmoClient, type NexmoConfig } from '../../../src/providers/nexmo/index.js';
import { parseWebhook } from '../../../src/webhooks/index.js';
import { server } from '../../setup/msw.js';

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const config: NexmoConfig = {
  applicationId: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab',
  privateKey,
  from: '447700900001',
  retry: { baseDelayMs: 1, maxDelayMs: 2, jitter: 0 },
};
const FILE = new TextEncoder().encode('jpeg bytes');
const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../fixtures/nexmo/${name}`, import.meta.url), 'utf8'));
const event = (name: string) => parseWebhook('nexmo', fixture(name))[0] as MessageEvent;

function media(
  url: string,
  reply: () => Response = () => new HttpResponse(FILE, { headers: { 'content-type': 'image/jpeg' } }),
) {
  const seen: Request[] = [];
  server.use(
    http.get(url, ({ request }) => {
      seen.push(request);
      return reply();
    }),
  );
  return seen;
}

describe('Vonage downloadMedia', () => {
  it('downloads a v1 inbound image with the application JWT', async () => {
    const seen = media('https://api-eu.vonage.com/v3/media/aaaa');
    const download = await new NexmoClient(config).downloadMedia(event('v1-inbound-image.json'));
    expect(await download.bytes()).toEqual(FILE);
    expect(download.mimeType).toBe('image/jpeg');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers.get('authorization')).toMatch(/^Bearer eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(seen[0]?.headers.get('accept')).toBe('*/*');
  });

  it('downloads a v0.1 inbound image the same way', async () => {
    const seen = media('https://api.nexmo.com/v3/media/11111111-2222-3333-4444-555555555555');
    const download = await new NexmoClient({ ...config, apiVersion: 'v0.1' }).downloadMedia(
      event('v0.1-inbound-image.json'),
    );
    expect(await download.bytes()).toEqual(FILE);
    expect(seen[0]?.headers.get('authorization')).toMatch(/^Bearer eyJ/);
  });

  it('explains a refused download (Secure Inbound Media needs the JWT of the receiving application)', async () => {
    media('https://api.nexmo.com/v3/media/x', () => new HttpResponse('unauthorized', { status: 401 }));
    await expect(
      new NexmoClient(config).downloadMedia({ url: 'https://api.nexmo.com/v3/media/x' }),
    ).rejects.toThrow(/Secure Inbound Media.*applicationId and privateKey/);
  });

  it('reads 404 and 410 as an expired link, without retrying', async () => {
    for (const status of [404, 410]) {
      const seen = media('https://api.nexmo.com/v3/media/old', () => new HttpResponse(null, { status }));
      await expect(
        new NexmoClient(config).downloadMedia({ url: 'https://api.nexmo.com/v3/media/old' }),
      ).rejects.toMatchObject({ name: 'MediaExpiredError', status });
      expect(seen).toHaveLength(1);
      server.resetHandlers();
    }
  });

  it('fetches a URL on another host without credentials', async () => {
    const seen = media('https://files.example/photo.jpg');
    await (await new NexmoClient(config).downloadMedia({ url: 'https://files.example/photo.jpg' })).bytes();
    expect(seen[0]?.headers.get('authorization')).toBeNull();
  });
});

describe('Vonage uploads and media objects', () => {
  it('throw UnsupportedOperationError before any request, saying to send by url', async () => {
    const c = new NexmoClient(config);
    for (const call of [
      () => c.uploadMedia(new Uint8Array(3), { mimeType: 'image/png' }),
      () => c.deleteMedia('m1'),
      () => c.getMediaInfo('m1'),
      () => c.downloadMedia({ id: 'm1' }),
    ]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'UnsupportedOperationError', provider: 'nexmo' });
    }
    await expect(c.uploadMedia(new Uint8Array(3), { mimeType: 'image/png' })).rejects.toThrow(
      /Send media by url/,
    );
  });
});
