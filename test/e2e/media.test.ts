/**
 * Media over real HTTP: the sandbox stores what `sandbox.inbound()` sends and what clients upload, serves it with
 * each provider's auth and expiry rules, and injects media faults; the real clients download, upload and send
 * by media id, and each fault surfaces as the error docs/media.md documents.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { isMediaExpiredError } from '../../src/core/media/expired-error.js';
import { isMediaIntegrityError } from '../../src/core/media/integrity-error.js';
import type { ProviderId } from '../../src/core/provider.js';
import type { WebhookEvent } from '../../src/core/webhook-event.js';
import { createClient } from '../../src/create-client.js';
import { MetaCloudClient } from '../../src/providers/meta/client.js';
import { createManualClock } from '../../src/sandbox/index.js';
import type { SandboxOptions } from '../../src/sandbox/types.js';
import { type Harness, PROVIDERS, startHarness } from './harness.js';

const CUSTOMER = '+447700900123';
/** A JPEG-looking payload: the SOI marker, then random bytes (the sandbox stores bytes, not images). */
const IMAGE = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(40_000)]);
const hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(options: SandboxOptions = {}): Promise<Harness> {
  harness = await startHarness(options);
  return harness;
}

/** Sends an image from the customer and returns the inbound event the webhook handler dispatched. */
type MessageEvent = Extract<WebhookEvent, { kind: 'message' }>;

async function inboundImage(h: Harness, provider: ProviderId): Promise<MessageEvent> {
  const { id } = await h.sandbox.inbound(provider, CUSTOMER, {
    type: 'image',
    data: IMAGE,
    mimeType: 'image/jpeg',
  });
  await h.waitFor(() => h.events[provider].some((e) => e.kind === 'message' && e.id === id));
  return h.events[provider].find((e) => e.kind === 'message' && e.id === id) as MessageEvent;
}

describe('inbound media: the client downloads what the customer sent', () => {
  for (const provider of PROVIDERS)
    it(`${provider}: bytes equal, type declared`, async () => {
      const h = await start();
      const client = createClient(h.sandbox.config(provider));
      const event = await inboundImage(h, provider);
      expect(event.media).toBeDefined();
      const download = await client.downloadMedia(event);
      expect(download.mimeType).toBe('image/jpeg');
      const bytes = await download.bytes();
      expect(Buffer.from(bytes).equals(IMAGE)).toBe(true);
    });

  it('meta: the webhook carries the media id and the real sha256 (base64); the media object has it in hex', async () => {
    const h = await start();
    const client = createClient(h.sandbox.config('meta'));
    const event = await inboundImage(h, 'meta');
    const body = JSON.parse(h.sandbox.webhookDeliveries.find((d) => d.kind === 'message')?.body ?? '{}');
    const image = body.entry[0].changes[0].value.messages[0].image;
    expect(image.mime_type).toBe('image/jpeg');
    expect(Buffer.from(image.sha256, 'base64').toString('hex')).toBe(hex(IMAGE));
    const info = await client.getMediaInfo(image.id);
    expect(info).toMatchObject({ mimeType: 'image/jpeg', size: IMAGE.length, sha256: hex(IMAGE) });
    expect(new URL(info.url).origin).toBe(h.sandbox.url);
    expect(event.media).toMatchObject({ id: image.id });
  });

  it('meta: the media URL needs the bearer token and dies after urlTtlMs on the sandbox clock', async () => {
    const clock = createManualClock();
    const h = await start({ clock, media: { urlTtlMs: 60_000 } });
    const client = createClient(h.sandbox.config('meta'));
    const event = await inboundImage(h, 'meta');
    const id = (event.media as { id: string }).id;
    const { url } = await client.getMediaInfo(id);
    const token = `Bearer ${h.sandbox.credentials.meta.accessToken}`;
    expect((await fetch(url)).status).toBe(401);
    clock.advance(61_000);
    expect((await fetch(url, { headers: { authorization: token } })).status).toBe(404);
    // By id the client reads a fresh media object, whose URL works.
    expect(Buffer.from(await (await client.downloadMedia({ id })).bytes()).equals(IMAGE)).toBe(true);
  });

  it('nexmo: with Secure Inbound Media on, the URL needs the application JWT (the client sends it)', async () => {
    const h = await start({ media: { secureInbound: true } });
    const client = createClient(h.sandbox.config('nexmo'));
    const event = await inboundImage(h, 'nexmo');
    const url = (event.media as { url: string }).url;
    expect(new URL(url).pathname).toMatch(/^\/v3\/media\/[0-9a-f]{32}$/);
    expect((await fetch(url)).status).toBe(401);
    expect(Buffer.from(await (await client.downloadMedia(event)).bytes()).equals(IMAGE)).toBe(true);
  });

  it('gupshup: the link carries urlExpiry; past it (sandbox clock) the download is MediaExpiredError', async () => {
    const clock = createManualClock();
    const h = await start({ clock, media: { urlTtlMs: 60_000 } });
    const client = createClient(h.sandbox.config('gupshup'));
    const event = await inboundImage(h, 'gupshup');
    expect((event.media as { expiresAt?: Date }).expiresAt?.getTime()).toBe(clock.now() + 60_000);
    clock.advance(61_000);
    const error = await client.downloadMedia(event).catch((e: unknown) => e);
    expect(isMediaExpiredError(error)).toBe(true);
  });
});

describe('uploads (Cloud API): upload, read, send by id, delete', () => {
  for (const provider of ['meta', 'clevertap'] as const)
    it(`${provider}: an uploaded image is sent by media id and downloaded back`, async () => {
      const h = await start();
      const client = createClient(h.sandbox.config(provider));
      await h.sandbox.inbound(provider, CUSTOMER, 'hi'); // opens the window for a free-form image
      const { mediaId } = await client.uploadMedia(IMAGE, { mimeType: 'image/jpeg', filename: 'parcel.jpg' });
      expect(mediaId).toMatch(/^\d{16}$/);
      const info = await client.getMediaInfo(mediaId);
      expect(info).toMatchObject({ mimeType: 'image/jpeg', size: IMAGE.length, sha256: hex(IMAGE) });
      const { messageId } = await client.send({ type: 'image', to: CUSTOMER, mediaId });
      const sent = h.sandbox.messages.find((m) => m.id === messageId);
      expect(sent?.body).toMatchObject({ type: 'image', image: { id: mediaId } });
      expect(Buffer.from(await (await client.downloadMedia({ id: mediaId })).bytes()).equals(IMAGE)).toBe(
        true,
      );
      await client.deleteMedia(mediaId);
      await expect(client.getMediaInfo(mediaId)).rejects.toThrow();
    });

  it('meta: a send naming a media id nobody uploaded is refused', async () => {
    const h = await start();
    const client = createClient(h.sandbox.config('meta'));
    await h.sandbox.inbound('meta', CUSTOMER, 'hi');
    await expect(client.send({ type: 'image', to: CUSTOMER, mediaId: '1234567890123456' })).rejects.toThrow(
      /not a media id uploaded/,
    );
  });

  it('meta: a template sample goes through the Resumable Upload API and returns a handle', async () => {
    const h = await start();
    const { provider: _, ...config } = h.sandbox.config('meta');
    const client = new MetaCloudClient(config);
    const { headerHandle } = await client.uploadTemplateSample(IMAGE, { mimeType: 'image/jpeg' });
    expect(headerHandle).toMatch(/^4::/);
  });
});

describe('media faults', () => {
  const faulted = (kind: 'media-expired' | 'media-truncated' | 'media-hash-mismatch' | 'media-slow') =>
    start({ faults: { rate: 1, kinds: { [kind]: 1 }, slowMs: 1500 } });

  it('media-expired: the URL 404s twice (fresh media object included) -> MediaExpiredError', async () => {
    const h = await faulted('media-expired');
    const client = createClient(h.sandbox.config('meta'));
    const event = await inboundImage(h, 'meta');
    const error = await client.downloadMedia(event).catch((e: unknown) => e);
    expect(isMediaExpiredError(error)).toBe(true);
    expect(h.sandbox.faults['media-expired']).toBe(2);
  });

  it('media-truncated: half the bytes -> MediaIntegrityError (size)', async () => {
    const h = await faulted('media-truncated');
    const client = createClient(h.sandbox.config('meta'));
    const event = await inboundImage(h, 'meta');
    const error = await (await client.downloadMedia(event)).bytes().catch((e: unknown) => e);
    expect(isMediaIntegrityError(error)).toBe(true);
    expect(error).toMatchObject({ check: 'size' });
  });

  it('media-hash-mismatch: one byte altered -> MediaIntegrityError (sha256)', async () => {
    const h = await faulted('media-hash-mismatch');
    const client = createClient(h.sandbox.config('meta'));
    const event = await inboundImage(h, 'meta');
    const error = await (await client.downloadMedia(event)).bytes().catch((e: unknown) => e);
    expect(isMediaIntegrityError(error)).toBe(true);
    expect(error).toMatchObject({ check: 'sha256' });
  });

  it('media-slow: the body stalls beyond the timeout -> TimeoutError', async () => {
    const h = await faulted('media-slow');
    const client = createClient(h.sandbox.config('meta', { timeout: 300 }));
    const event = await inboundImage(h, 'meta');
    const error = await (await client.downloadMedia(event)).bytes().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TimeoutError' });
  });

  it('send faults never touch media downloads, media faults never touch sends', async () => {
    const h = await start({ faults: { rate: 1, kinds: { 'server-error': 1 } } });
    const client = createClient(h.sandbox.config('meta', { maxRetries: 0 }));
    const event = await inboundImage(h, 'meta');
    expect(Buffer.from(await (await client.downloadMedia(event)).bytes()).equals(IMAGE)).toBe(true);
    expect(h.sandbox.faults['server-error']).toBe(0);
  });
});
