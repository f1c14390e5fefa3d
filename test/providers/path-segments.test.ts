/**
 * Every id that goes into a URL path is one encoded path segment, and an empty or dot-segment id (`.`, `..`) is
 * refused before anything is sent: `..` would otherwise become `PATCH /v1/` on Vonage or `PUT /wa/app/<app>/read`
 * on Gupshup. Vonage's `_self.href` is followed only when it is the messages path of the configured API host; the
 * bearer JWT never goes anywhere else.
 */

import { generateKeyPairSync } from 'node:crypto';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { isValidationError, type MessageEvent } from '../../src/index.js';
import { GupshupClient } from '../../src/providers/gupshup/index.js';
import { MetaCloudClient } from '../../src/providers/meta/index.js';
import { NexmoClient } from '../../src/providers/nexmo/index.js';
import { server } from '../setup/msw.js';

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const nexmoConfig = {
  applicationId: '2d6bd0a8-7c43-4f0e-9a8f-2c59f8f0c111',
  privateKey,
  from: '447700900001',
  maxRetries: 0,
};
const gupshup = () =>
  new GupshupClient({
    apiKey: 'gs-api-key-0123456789',
    appName: 'DemoApp',
    appId: 'app-123',
    source: '917834811114',
    maxRetries: 0,
  });
const meta = () =>
  new MetaCloudClient({
    accessToken: 'EAAJBpathToken0123456789abcdef',
    phoneNumberId: '106540352242922',
    wabaId: '102290129340398',
    maxRetries: 0,
  });

let seen: { method: string; url: string; auth: string | null }[] = [];
afterEach(() => {
  seen = [];
});
/** Records every request to the given hosts and answers it as a success. */
function record(...hosts: string[]): void {
  server.use(
    ...hosts.map((host) =>
      http.all(`${host}/*`, ({ request }) => {
        seen.push({ method: request.method, url: request.url, auth: request.headers.get('authorization') });
        return HttpResponse.json({}, { status: 200 });
      }),
    ),
  );
}

const BAD_IDS: [string, RegExp][] = [
  ['', /empty/],
  ['.', /dot segment/],
  ['..', /dot segment/],
];

describe('ids in URL paths', () => {
  for (const [id, says] of BAD_IDS) {
    it(`refuses the id ${JSON.stringify(id)} on every client before sending`, async () => {
      record('https://api.nexmo.com', 'https://api.gupshup.io', 'https://graph.facebook.com');
      const calls = [
        () => new NexmoClient(nexmoConfig).markAsRead(id),
        () => gupshup().markAsRead(id),
        () => gupshup().getTemplate(id),
        () => meta().getMediaInfo(id),
        () => meta().deleteMedia(id),
      ];
      for (const call of calls) {
        const error = await call().catch((e: unknown) => e);
        expect(isValidationError(error), String(error)).toBe(true);
        expect((error as Error).message).toMatch(says);
      }
      expect(seen).toEqual([]);
    });
  }

  it('encodes an id as one path segment (Vonage PATCH /v1/messages/{id})', async () => {
    record('https://api.nexmo.com');
    await new NexmoClient(nexmoConfig).markAsRead('a/b?c#d');
    expect(seen).toEqual([
      {
        method: 'PATCH',
        url: 'https://api.nexmo.com/v1/messages/a%2Fb%3Fc%23d',
        auth: expect.stringMatching(/^Bearer /),
      },
    ]);
  });

  it('encodes an id as one path segment (Gupshup PUT /wa/app/{app}/msg/{id}/read, GET template/{id})', async () => {
    record('https://api.gupshup.io');
    await gupshup().markAsRead('../x');
    await gupshup()
      .getTemplate('../../y')
      .catch(() => undefined);
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      'PUT https://api.gupshup.io/wa/app/app-123/msg/..%2Fx/read',
      'GET https://api.gupshup.io/wa/app/app-123/template/..%2F..%2Fy',
    ]);
  });
});

describe("Vonage markAsRead and the event's _self.href", () => {
  const ID = 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab';
  const event = (href: string): MessageEvent => ({
    kind: 'message',
    provider: 'nexmo',
    id: ID,
    from: '447700900000',
    timestamp: new Date(),
    type: 'text',
    text: 'hi',
    raw: { message_uuid: ID, _self: { href } },
  });

  it('follows an href that is the messages path of the configured host', async () => {
    record('https://api-eu.vonage.com');
    await new NexmoClient({ ...nexmoConfig, baseUrl: 'https://api-eu.vonage.com' }).markAsRead(
      event(`https://api-eu.vonage.com/v1/messages/${ID}`),
    );
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      `PATCH https://api-eu.vonage.com/v1/messages/${ID}`,
    ]);
  });

  for (const href of [
    `https://api.nexmo.com:8443/v1/messages/${ID}`,
    `http://api.nexmo.com/v1/messages/${ID}`,
    'https://api.nexmo.com/v1/messages/',
    'https://api.nexmo.com/v0.1/messages',
    `https://api.nexmo.com/v1/messages/${ID}/extra`,
    `https://api.nexmo.com/v1/other/${ID}`,
    `https://api-eu.vonage.com/v1/messages/${ID}`,
    `https://attacker.vonage.com/v1/messages/${ID}`,
    `https://evil.example.com/v1/messages/${ID}`,
    `https://api.nexmo.com.evil.example/v1/messages/${ID}`,
  ]) {
    it(`does not follow ${href}; builds the URL from the id on the configured host`, async () => {
      record(
        'https://api.nexmo.com',
        'http://api.nexmo.com',
        'https://api.nexmo.com:8443',
        'https://api-eu.vonage.com',
        'https://attacker.vonage.com',
        'https://evil.example.com',
        'https://api.nexmo.com.evil.example',
      );
      await new NexmoClient(nexmoConfig).markAsRead(event(href));
      expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
        `PATCH https://api.nexmo.com/v1/messages/${ID}`,
      ]);
    });
  }
});
