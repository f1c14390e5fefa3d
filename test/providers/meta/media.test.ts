/**
 * Cloud API media, checked request by request against Meta's documents:
 * - media object and delete: https://developers.facebook.com/documentation/business-messaging/whatsapp/reference/media/media-api
 *   (GET /{version}/{media-id}?phone_number_id= -> url, mime_type, sha256, file_size, id; the URL lives 5 minutes)
 * - upload: https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#upload-media (multipart
 *   `file`, `type`, `messaging_product=whatsapp`)
 * - Resumable Upload API: https://developers.facebook.com/docs/graph-api/guides/upload
 */
import { inspect } from 'node:util';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { Sha256 } from '../../../src/core/media/sha256.js';
import type { MessageEvent } from '../../../src/index.js';
import { CleverTapClient } from '../../../src/providers/clevertap/index.js';
import { MetaCloudClient, type MetaConfig } from '../../../src/providers/meta/index.js';
import { server } from '../../setup/msw.js';
import { caught } from './helpers.js';

const TOKEN = 'EAAJBmediaTestToken0123456789abcdefSECRET';
const PHONE = '106540352242922';
const GRAPH = 'https://graph.facebook.com/v23.0';
const LOOKASIDE = 'https://lookaside.fbsbx.com/whatsapp_business/attachments/';
const config: MetaConfig = {
  accessToken: TOKEN,
  phoneNumberId: PHONE,
  appId: '987654321',
  retry: { baseDelayMs: 1, maxDelayMs: 2, jitter: 0 },
};
const client = (extra: Partial<MetaConfig> = {}) => new MetaCloudClient({ ...config, ...extra });

const FILE = Uint8Array.from({ length: 3000 }, (_, i) => (i * 31) & 0xff);
const HEX = new Sha256().update(FILE).hex();

interface Seen {
  method: string;
  url: URL;
  headers: Headers;
}

/** Meta's media object for `id`, its URL numbered `n`. */
const mediaObject = (id: string, n: number, extra: Record<string, unknown> = {}) => ({
  messaging_product: 'whatsapp',
  url: `${LOOKASIDE}?mid=${id}&ext=${n}&hash=ATuX`,
  mime_type: 'image/jpeg',
  sha256: HEX,
  file_size: String(FILE.length),
  id,
  ...extra,
});

/** Graph + lookaside handlers; `lookaside(n)` answers the n-th download. */
function meta(
  options: { object?: (n: number) => unknown; lookaside?: (n: number, req: Request) => Response } = {},
) {
  const seen: Seen[] = [];
  let objects = 0;
  let downloads = 0;
  server.use(
    http.get(`${GRAPH}/:id`, ({ request, params }) => {
      seen.push({ method: 'GET', url: new URL(request.url), headers: request.headers });
      objects++;
      return HttpResponse.json(
        (options.object ?? ((n) => mediaObject(String(params.id), n)))(objects) as object,
      );
    }),
    http.get(LOOKASIDE, ({ request }) => {
      seen.push({ method: 'GET', url: new URL(request.url), headers: request.headers });
      downloads++;
      return options.lookaside
        ? options.lookaside(downloads, request)
        : new HttpResponse(FILE, { headers: { 'content-type': 'image/jpeg' } });
    }),
  );
  return seen;
}

const imageEvent = (media: MessageEvent['media']): MessageEvent => ({
  kind: 'message',
  provider: 'meta',
  id: 'wamid.IN1',
  from: '447700900123',
  timestamp: new Date(),
  type: 'image',
  media,
  raw: {},
});

describe('getMediaInfo', () => {
  it('GETs /{version}/{media-id}?phone_number_id= with the bearer token and reads every field', async () => {
    const seen = meta();
    const info = await client().getMediaInfo('2621233374848975');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url.href).toBe(`${GRAPH}/2621233374848975?phone_number_id=${PHONE}`);
    expect(seen[0]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(info).toEqual({
      url: `${LOOKASIDE}?mid=2621233374848975&ext=1&hash=ATuX`,
      mimeType: 'image/jpeg',
      size: 3000,
      sha256: HEX,
    });
  });

  it('refuses an id that is not one before any request', async () => {
    const seen = meta();
    const error = await caught(client().getMediaInfo('../me/accounts'));
    expect(error.name).toBe('ValidationError');
    expect(seen).toHaveLength(0);
  });
});

describe('downloadMedia', () => {
  it('downloads an inbound image: metadata, then the lookaside URL with the token; bytes checked', async () => {
    const seen = meta();
    const download = await client().downloadMedia(imageEvent({ id: '1001', mimeType: 'image/jpeg' }));
    expect(download).toMatchObject({ mimeType: 'image/jpeg', size: 3000, sha256: HEX });
    expect(await download.bytes()).toEqual(FILE);
    expect(seen.map((s) => `${s.url.origin}${s.url.pathname}`)).toEqual([`${GRAPH}/1001`, LOOKASIDE]);
    expect(seen[1]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(seen[1]?.url.searchParams.get('mid')).toBe('1001');
  });

  it('accepts the hash in base64 as well as hex', async () => {
    meta({ object: (n) => mediaObject('1002', n, { sha256: Buffer.from(HEX, 'hex').toString('base64') }) });
    const download = await client().downloadMedia({ id: '1002' });
    expect(download.sha256).toBe(HEX);
    expect(await download.bytes()).toEqual(FILE);
  });

  it('fetches the metadata again once when the URL has expired (401/403/404)', async () => {
    for (const status of [401, 403, 404]) {
      const seen = meta({
        lookaside: (n) => (n === 1 ? new HttpResponse('expired', { status }) : new HttpResponse(FILE)),
      });
      const download = await client({ maxRetries: 0 }).downloadMedia({ id: '1003' });
      expect(await download.bytes()).toEqual(FILE);
      expect(seen.map((s) => s.url.searchParams.get('ext') ?? 'object')).toEqual([
        'object',
        '1',
        'object',
        '2',
      ]);
      server.resetHandlers();
    }
  });

  it('gives up after one refresh, with an error that names no token', async () => {
    const seen = meta({ lookaside: () => new HttpResponse('no', { status: 401 }) });
    const error = await caught(client({ maxRetries: 0 }).downloadMedia({ id: '1004' }));
    expect(error.name).toBe('AuthenticationError');
    expect(seen).toHaveLength(4);
    expect(JSON.stringify(error) + inspect(error, { depth: 8 }) + error.message).not.toContain(TOKEN);
  });

  it('refuses a body whose hash or size differs from the metadata (MediaIntegrityError)', async () => {
    meta({ object: (n) => mediaObject('1005', n, { sha256: 'ab'.repeat(32) }) });
    const bad = await client().downloadMedia({ id: '1005' });
    expect((await caught(bad.bytes())).name).toBe('MediaIntegrityError');
    server.resetHandlers();
    meta({ lookaside: () => new HttpResponse(FILE.subarray(0, 2000)) });
    const truncated = await client().downloadMedia({ id: '1006' });
    expect(await caught(truncated.bytes())).toMatchObject({ name: 'MediaIntegrityError', check: 'size' });
  });

  it('refuses a file whose declared size is over maxBytes before downloading it', async () => {
    const seen = meta();
    const error = await caught(client().downloadMedia({ id: '1007' }, { maxBytes: 2999 }));
    expect(error).toMatchObject({ name: 'MediaTooLargeError', maxBytes: 2999, size: 3000 });
    expect(seen).toHaveLength(1); // the metadata only
  });

  it("refuses a { url } outside Meta's media hosts (the token would leave) before any request", async () => {
    const seen = meta();
    const error = await caught(client().downloadMedia({ url: 'https://evil.example/steal?x=1' }));
    expect(error).toMatchObject({ name: 'ValidationError' });
    expect((error as unknown as { issues: { code: string }[] }).issues[0]?.code).toBe('media.host_untrusted');
    expect(seen).toHaveLength(0);
  });

  it('follows a redirect to another host without the token', async () => {
    const cdnSeen: Headers[] = [];
    meta({
      lookaside: () =>
        new HttpResponse(null, { status: 302, headers: { location: 'https://cdn.example/file.jpg?sig=1' } }),
    });
    server.use(
      http.get('https://cdn.example/file.jpg', ({ request }) => {
        cdnSeen.push(request.headers);
        return new HttpResponse(FILE);
      }),
    );
    const download = await client().downloadMedia({ id: '1008' });
    expect(await download.bytes()).toEqual(FILE);
    expect(cdnSeen).toHaveLength(1);
    expect(cdnSeen[0]?.get('authorization')).toBeNull();
  });

  it('emits request/response for every hop, with the media URL query hidden', async () => {
    meta();
    const c = client();
    const urls: string[] = [];
    c.on('request', (e) => urls.push(`request ${e.url}`));
    c.on('response', (e) => urls.push(`response ${e.status} ${e.url}`));
    await (await c.downloadMedia({ id: '1009' })).bytes();
    expect(urls).toEqual([
      `request ${GRAPH}/1009`,
      `response 200 ${GRAPH}/1009`,
      `request ${LOOKASIDE}?[redacted]`,
      `response 200 ${LOOKASIDE}?[redacted]`,
    ]);
  });
});

describe('uploadMedia', () => {
  it('POSTs multipart file, type and messaging_product, with the boundary fetch chose', async () => {
    const got: { headers: Headers; form: FormData }[] = [];
    server.use(
      http.post(`${GRAPH}/${PHONE}/media`, async ({ request }) => {
        got.push({ headers: request.headers, form: await request.formData() });
        return HttpResponse.json({ id: '4490709327384033' });
      }),
    );
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const result = await client().uploadMedia(png, { mimeType: 'image/png', filename: 'chart.png' });
    expect(result).toEqual({ mediaId: '4490709327384033' });
    const [req] = got;
    expect(req?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(req?.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=\S+$/);
    expect([...(req?.form.keys() ?? [])]).toEqual(['messaging_product', 'type', 'file']);
    expect(req?.form.get('messaging_product')).toBe('whatsapp');
    expect(req?.form.get('type')).toBe('image/png');
    const file = req?.form.get('file') as File;
    expect(file.name).toBe('chart.png');
    expect(file.type).toBe('image/png');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(png);
  });

  it('reads a stream and a Blob too', async () => {
    const sizes: number[] = [];
    server.use(
      http.post(`${GRAPH}/${PHONE}/media`, async ({ request }) => {
        sizes.push(((await request.formData()).get('file') as File).size);
        return HttpResponse.json({ id: 'm1' });
      }),
    );
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array(10));
        c.enqueue(new Uint8Array(5));
        c.close();
      },
    });
    await client().uploadMedia(stream, { mimeType: 'application/pdf' });
    await client().uploadMedia(new Blob([new Uint8Array(7)]), { mimeType: 'audio/ogg' });
    expect(sizes).toEqual([15, 7]);
  });

  it('refuses a type or size outside the supported-media table before any request', async () => {
    const seen = meta();
    const gif = await caught(client().uploadMedia(new Uint8Array(10), { mimeType: 'image/gif' }));
    const big = await caught(
      client().uploadMedia(new Uint8Array(5 * 1024 * 1024 + 1), { mimeType: 'image/jpeg' }),
    );
    expect([gif, big].map((e) => (e as unknown as { issues: { code: string }[] }).issues[0]?.code)).toEqual([
      'media.mime_unsupported',
      'media.image_too_large',
    ]);
    expect(seen).toHaveLength(0);
  });
});

describe('deleteMedia', () => {
  it('DELETEs /{version}/{media-id}?phone_number_id=', async () => {
    const seen: URL[] = [];
    server.use(
      http.delete(`${GRAPH}/:id`, ({ request }) => {
        seen.push(new URL(request.url));
        return HttpResponse.json({ success: true });
      }),
    );
    await client().deleteMedia('4490709327384033');
    expect(seen.map((u) => u.href)).toEqual([`${GRAPH}/4490709327384033?phone_number_id=${PHONE}`]);
  });
});

describe('uploadTemplateSample (Resumable Upload API)', () => {
  const SESSION = 'upload:MTphdHRhY2htZW50OjlhZGM=';
  const sample = Uint8Array.from({ length: 10 }, (_, i) => i + 1);

  it('starts a session, uploads with file_offset and OAuth, and resumes from the reported offset', async () => {
    const seen: { method: string; url: URL; headers: Headers; body: Uint8Array }[] = [];
    let uploads = 0;
    server.use(
      http.post(`${GRAPH}/987654321/uploads`, async ({ request }) => {
        seen.push({
          method: 'POST',
          url: new URL(request.url),
          headers: request.headers,
          body: new Uint8Array(),
        });
        return HttpResponse.json({ id: `${SESSION}?sig=ARZabc` });
      }),
      http.post(`${GRAPH}/${SESSION}`, async ({ request }) => {
        seen.push({
          method: 'POST',
          url: new URL(request.url),
          headers: request.headers,
          body: new Uint8Array(await request.arrayBuffer()),
        });
        uploads++;
        return uploads === 1
          ? HttpResponse.json({ error: { message: 'transient', code: 2 } }, { status: 500 })
          : HttpResponse.json({ h: '4::aW1hZ2UvcG5n:ARZ-handle' });
      }),
      http.get(`${GRAPH}/${SESSION}`, ({ request }) => {
        seen.push({
          method: 'GET',
          url: new URL(request.url),
          headers: request.headers,
          body: new Uint8Array(),
        });
        return HttpResponse.json({ id: SESSION, file_offset: 4 });
      }),
    );
    const { headerHandle } = await client().uploadTemplateSample(sample, { mimeType: 'image/png' });
    expect(headerHandle).toBe('4::aW1hZ2UvcG5n:ARZ-handle');
    expect(seen.map((s) => `${s.method} ${s.url.pathname}${s.url.search}`)).toEqual([
      'POST /v23.0/987654321/uploads?file_name=sample.png&file_length=10&file_type=image%2Fpng',
      `POST /v23.0/${SESSION}?sig=ARZabc`,
      `GET /v23.0/${SESSION}?sig=ARZabc`,
      `POST /v23.0/${SESSION}?sig=ARZabc`,
    ]);
    expect(seen[0]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    for (const s of seen.slice(1)) expect(s.headers.get('authorization')).toBe(`OAuth ${TOKEN}`);
    expect(seen[1]?.headers.get('file_offset')).toBe('0');
    expect(seen[1]?.body).toEqual(sample);
    expect(seen[3]?.headers.get('file_offset')).toBe('4');
    expect(seen[3]?.body).toEqual(sample.subarray(4));
  });

  it('needs appId in the config, and a Resumable Upload type', async () => {
    const noApp = new MetaCloudClient({ accessToken: TOKEN, phoneNumberId: PHONE });
    expect(await caught(noApp.uploadTemplateSample(sample, { mimeType: 'image/png' }))).toMatchObject({
      name: 'ConfigError',
    });
    expect((await caught(client().uploadTemplateSample(sample, { mimeType: 'audio/mpeg' }))).name).toBe(
      'ValidationError',
    );
  });
});

describe('CleverTap (Cloud API numbers)', () => {
  it('downloads and uploads on the same endpoints, reporting clevertap', async () => {
    const seen = meta();
    server.use(http.post(`${GRAPH}/${PHONE}/media`, () => HttpResponse.json({ id: 'ct-media-1' })));
    const ct = new CleverTapClient({ accessToken: TOKEN, phoneNumberId: PHONE, region: 'in1' });
    const download = await ct.downloadMedia({ id: '2001' });
    expect(await download.bytes()).toEqual(FILE);
    expect(seen[1]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(await ct.uploadMedia(new Uint8Array(3), { mimeType: 'image/jpeg' })).toEqual({
      mediaId: 'ct-media-1',
    });
    const error = await caught(ct.downloadMedia({ url: 'https://evil.example/x' }));
    expect(error.provider).toBe('clevertap');
  });
});
