/**
 * Credentials go only to the provider's own hosts, over real sockets: two node:http servers on 127.0.0.1, one
 * standing in for the provider (the client's `baseUrl`, so its exact origin is trusted) and one foreign host on
 * another port. Every request each server receives is recorded with its headers. Hosts: Meta's media URLs are on
 * lookaside.fbsbx.com (https://developers.facebook.com/documentation/business-messaging/whatsapp/reference/media/media-api);
 * Vonage's on its API hosts (https://developer.vonage.com/en/messages/concepts/secure-inbound-media); Gupshup's need
 * no credentials (https://docs.gupshup.io/docs/media).
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GupshupClient } from '../../../src/providers/gupshup/index.js';
import { MetaCloudClient } from '../../../src/providers/meta/index.js';
import { NexmoClient } from '../../../src/providers/nexmo/index.js';
import { server as msw } from '../../setup/msw.js';

const TOKEN = 'EAAJBrealServerToken0123456789abcdefSECRET';
const FILE = Buffer.from('%PDF-1.4 not really a pdf, but bytes all the same');

interface Hit {
  path: string;
  headers: IncomingHttpHeaders;
}

type Route = (path: string) => { status: number; headers?: Record<string, string>; body?: Buffer | string };

function start(route: () => Route, hits: Hit[]): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    hits.push({ path: req.url ?? '', headers: req.headers });
    const answer = route()(req.url ?? '');
    res.writeHead(answer.status, answer.headers ?? {});
    res.end(answer.body ?? '');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

let provider: { server: Server; origin: string };
let foreign: { server: Server; origin: string };
const providerHits: Hit[] = [];
const foreignHits: Hit[] = [];
let providerRoute: Route;
const foreignRoute: Route = () => ({
  status: 200,
  headers: { 'content-type': 'application/pdf' },
  body: FILE,
});

beforeAll(async () => {
  // Real sockets only: msw's fetch interception would stand between the client and these servers (and it does
  // not pass `redirect: 'manual'` responses through).
  msw.close();
  provider = await start(() => providerRoute, providerHits);
  foreign = await start(() => foreignRoute, foreignHits);
});
afterAll(async () => {
  await new Promise((r) => provider.server.close(r));
  await new Promise((r) => foreign.server.close(r));
});
beforeEach(() => {
  providerHits.length = 0;
  foreignHits.length = 0;
});

const meta = () =>
  new MetaCloudClient({
    accessToken: TOKEN,
    phoneNumberId: '106540352242922',
    baseUrl: provider.origin,
    maxRetries: 0,
  });

/** The media object points at `url`; `/file` serves the bytes; `/hop` redirects to `location`. */
function graph(url: () => string, location?: () => string): Route {
  return (path) => {
    if (path.startsWith('/v23.0/')) {
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url: url(), mime_type: 'application/pdf', file_size: FILE.length, id: '77' }),
      };
    }
    if (path.startsWith('/hop')) return { status: 302, headers: { location: location?.() ?? '/' } };
    if (path.startsWith('/file')) return { status: 200, body: FILE };
    return { status: 404 };
  };
}

describe('Cloud API downloads against real servers', () => {
  it('sends the token to the provider host, for the metadata and the download', async () => {
    providerRoute = graph(() => `${provider.origin}/file?mid=77`);
    const bytes = await (await meta().downloadMedia({ id: '77' })).bytes();
    expect(Buffer.from(bytes)).toEqual(FILE);
    expect(providerHits.map((h) => h.headers.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
    expect(foreignHits).toHaveLength(0);
  });

  it('drops the token across a redirect to a foreign host, and still gets the bytes', async () => {
    providerRoute = graph(
      () => `${provider.origin}/hop?mid=77`,
      () => `${foreign.origin}/file?sig=abc`,
    );
    const bytes = await (await meta().downloadMedia({ id: '77' })).bytes();
    expect(Buffer.from(bytes)).toEqual(FILE);
    expect(providerHits.map((h) => h.path.split('?')[0])).toEqual(['/v23.0/77', '/hop']);
    expect(providerHits[1]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(foreignHits).toHaveLength(1);
    expect(foreignHits[0]?.headers.authorization).toBeUndefined();
    expect(JSON.stringify(foreignHits[0]?.headers)).not.toContain(TOKEN);
  });

  it('keeps the token on a redirect within the provider origin', async () => {
    providerRoute = graph(
      () => `${provider.origin}/hop`,
      () => '/file',
    );
    await (await meta().downloadMedia({ id: '77' })).bytes();
    expect(providerHits.map((h) => [h.path, h.headers.authorization])).toEqual([
      ['/v23.0/77?phone_number_id=106540352242922', `Bearer ${TOKEN}`],
      ['/hop', `Bearer ${TOKEN}`],
      ['/file', `Bearer ${TOKEN}`],
    ]);
  });

  it('refuses a media URL on a foreign host (same IP, other port) without contacting it', async () => {
    providerRoute = graph(() => `${foreign.origin}/file`);
    const error = await meta()
      .downloadMedia({ id: '77' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ValidationError' });
    expect(String((error as Error).message)).not.toContain(TOKEN);
    expect(foreignHits).toHaveLength(0);
    await expect(meta().downloadMedia({ url: `${foreign.origin}/file` })).rejects.toMatchObject({
      name: 'ValidationError',
    });
    expect(foreignHits).toHaveLength(0);
  });
});

describe('Vonage and Gupshup downloads against real servers', () => {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const vonage = () =>
    new NexmoClient({
      applicationId: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab',
      privateKey,
      from: '447700900001',
      baseUrl: provider.origin,
      maxRetries: 0,
    });

  it('Vonage: the JWT goes to the Vonage host, never to a foreign URL or across a redirect to one', async () => {
    providerRoute = (path) =>
      path.startsWith('/v3/media/hop')
        ? { status: 302, headers: { location: `${foreign.origin}/file` } }
        : { status: 200, headers: { 'content-type': 'image/jpeg' }, body: FILE };
    await (await vonage().downloadMedia({ url: `${provider.origin}/v3/media/1b456509` })).bytes();
    expect(providerHits[0]?.headers.authorization).toMatch(/^Bearer eyJ/);
    await (await vonage().downloadMedia({ url: `${foreign.origin}/file` })).bytes();
    await (await vonage().downloadMedia({ url: `${provider.origin}/v3/media/hop` })).bytes();
    expect(foreignHits).toHaveLength(2);
    for (const hit of foreignHits) expect(hit.headers.authorization).toBeUndefined();
  });

  it('Gupshup: the apikey goes nowhere, not even to the configured host', async () => {
    providerRoute = () => ({ status: 200, body: FILE });
    const gupshup = new GupshupClient({
      apiKey: 'gupshup-api-key-SECRET-0123',
      appName: 'DemoApp',
      source: '917834811114',
      baseUrl: provider.origin,
    });
    await (await gupshup.downloadMedia({ url: `${provider.origin}/filemanager/abc` })).bytes();
    expect(providerHits[0]?.headers.apikey).toBeUndefined();
    expect(JSON.stringify(providerHits[0]?.headers)).not.toContain('gupshup-api-key-SECRET-0123');
  });
});
