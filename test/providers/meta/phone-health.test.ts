/**
 * getPhoneNumberHealth(): `GET /{version}/{phone-number-id}?fields=...` on Meta and CleverTap, checked request by
 * request, and the tolerant reading of its answer. Sources:
 * - https://developers.facebook.com/documentation/business-messaging/whatsapp/reference/whatsapp-business-phone-number/whatsapp-business-account-phone-number-api
 *   (fields quality_rating GREEN | YELLOW | RED | NA, name_status, code_verification_status, status, throughput)
 * - https://developers.facebook.com/documentation/business-messaging/whatsapp/messaging-limits
 *   (`messaging_limit_tier` deprecated; `whatsapp_business_manager_messaging_limit`, e.g. "TIER_2K")
 * - https://developers.facebook.com/documentation/business-messaging/whatsapp/throughput (STANDARD 80/s, HIGH 1000/s)
 */
import { inspect } from 'node:util';
import { HttpResponse, http } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isApiError } from '../../../src/index.js';
import { CleverTapClient } from '../../../src/providers/clevertap/index.js';
import {
  MetaCloudClient,
  type MetaConfig,
  messagingLimitOf,
  parsePhoneNumberHealth,
  phoneNumberHealthFields,
} from '../../../src/providers/meta/index.js';
import { MESSAGING_TIERS } from '../../../src/quota/index.js';
import { type Sandbox, startSandbox } from '../../../src/sandbox/index.js';
import { server } from '../../setup/msw.js';
import { caught } from './helpers.js';

const TOKEN = 'EAAJBhealthTestToken0123456789abcdefSECRET';
const PHONE = '106540352242922';
const config: MetaConfig = {
  accessToken: TOKEN,
  phoneNumberId: PHONE,
  retry: { baseDelayMs: 1, maxDelayMs: 2, jitter: 0 },
};

/** Meta's phone number node, in the shape of the reference's example answer. */
const node = (limit: Record<string, unknown>) => ({
  verified_name: 'Lucky Shrub',
  code_verification_status: 'VERIFIED',
  display_phone_number: '+1 555-078-3881',
  quality_rating: 'YELLOW',
  platform_type: 'CLOUD_API',
  throughput: { level: 'STANDARD' },
  status: 'CONNECTED',
  name_status: 'APPROVED',
  id: PHONE,
  ...limit,
});

interface Seen {
  url: URL;
  authorization: string | null;
}

/** Answers `GET {version}/{id}` with `body` and records each request. */
function graph(version: string, id: string, body: unknown, status = 200): Seen[] {
  const seen: Seen[] = [];
  server.use(
    http.get(`https://graph.facebook.com/${version}/${id}`, ({ request }) => {
      seen.push({ url: new URL(request.url), authorization: request.headers.get('authorization') });
      return HttpResponse.json(body as object, { status });
    }),
  );
  return seen;
}

describe('MetaCloudClient.getPhoneNumberHealth', () => {
  it('asks v23.0 for the health fields and the messaging_limit_tier that version has, with the bearer token', async () => {
    const seen = graph('v23.0', PHONE, node({ messaging_limit_tier: 'TIER_1K' }));
    const health = await new MetaCloudClient(config).getPhoneNumberHealth();
    expect(seen).toHaveLength(1);
    expect(seen[0]?.authorization).toBe(`Bearer ${TOKEN}`);
    expect([...(seen[0]?.url.searchParams.keys() ?? [])]).toEqual(['fields']);
    expect(seen[0]?.url.searchParams.get('fields')).toBe(
      'id,display_phone_number,verified_name,quality_rating,status,name_status,code_verification_status,throughput,messaging_limit_tier',
    );
    expect(health).toEqual({
      phoneNumberId: PHONE,
      displayPhoneNumber: '+1 555-078-3881',
      verifiedName: 'Lucky Shrub',
      qualityRating: 'YELLOW',
      status: 'CONNECTED',
      nameStatus: 'APPROVED',
      codeVerificationStatus: 'VERIFIED',
      messagingLimitTier: 'TIER_1K',
      messagingLimit: 1000,
      throughputLevel: 'STANDARD',
      messagesPerSecond: 80,
      raw: node({ messaging_limit_tier: 'TIER_1K' }),
    });
  });

  it('asks v24.0+ for whatsapp_business_manager_messaging_limit (the portfolio limit) instead', async () => {
    const seen = graph(
      'v24.0',
      PHONE,
      node({ whatsapp_business_manager_messaging_limit: 'TIER_2K', throughput: { level: 'HIGH' } }),
    );
    const health = await new MetaCloudClient({ ...config, apiVersion: 'v24.0' }).getPhoneNumberHealth();
    const fields = seen[0]?.url.searchParams.get('fields')?.split(',');
    expect(fields).toContain('whatsapp_business_manager_messaging_limit');
    expect(fields).not.toContain('messaging_limit_tier');
    expect(health).toMatchObject({
      messagingLimitTier: 'TIER_2K',
      messagingLimit: 2000,
      throughputLevel: 'HIGH',
      messagesPerSecond: 1000,
    });
  });

  it('seeds a quota tracker: setLimit(health.messagingLimit)', async () => {
    graph('v23.0', PHONE, node({ messaging_limit_tier: 'TIER_UNLIMITED' }));
    const { createQuotaTracker } = await import('../../../src/quota/index.js');
    const quota = createQuotaTracker({ tier: 'TIER_250' });
    const health = await new MetaCloudClient({ ...config, quota }).getPhoneNumberHealth();
    expect(health.messagingLimit).toBe(Number.POSITIVE_INFINITY);
    await quota.setLimit(health.messagingLimit as number);
    expect(quota.limit).toBe(Number.POSITIVE_INFINITY);
  });

  it('a Graph error is an ApiError with Meta’s message and without the token', async () => {
    graph(
      'v23.0',
      PHONE,
      {
        error: {
          message: `(#100) Tried accessing nonexisting field (messaging_limit_tier) for ${TOKEN}`,
          type: 'OAuthException',
          code: 100,
          fbtrace_id: 'AbC',
        },
      },
      400,
    );
    const error = await caught(new MetaCloudClient(config).getPhoneNumberHealth());
    expect(isApiError(error)).toBe(true);
    expect(error.message).toMatch(/nonexisting field/);
    expect(`${error.message} ${inspect(error, { depth: 8 })} ${JSON.stringify(error)}`).not.toContain(TOKEN);
  });
});

describe('CleverTapClient.getPhoneNumberHealth', () => {
  it('reads its Cloud API number on graph.facebook.com with its own token', async () => {
    const ctToken = 'EAAJBctHealthToken0123456789abcdefSECRET';
    const seen = graph('v23.0', '209876543210987', {
      id: '209876543210987',
      quality_rating: 'RED',
      status: 'FLAGGED',
      messaging_limit_tier: 'TIER_10K',
    });
    const client = new CleverTapClient({
      accessToken: ctToken,
      phoneNumberId: '209876543210987',
      region: 'in1',
      accountId: 'W9R-486-4W5Z',
      passcode: 'ct-passcode-SECRET-123456',
    });
    const health = await client.getPhoneNumberHealth();
    expect(seen[0]?.authorization).toBe(`Bearer ${ctToken}`);
    expect(seen[0]?.url.searchParams.get('fields')).toBe(phoneNumberHealthFields('v23.0'));
    expect(health).toMatchObject({
      phoneNumberId: '209876543210987',
      qualityRating: 'RED',
      status: 'FLAGGED',
      messagingLimit: 10_000,
    });
  });
});

describe('reading Meta’s messaging-limit values tolerantly', () => {
  it('maps every tier of the quota module to its MESSAGING_TIERS limit', () => {
    for (const [name, limit] of Object.entries(MESSAGING_TIERS)) expect(messagingLimitOf(name)).toBe(limit);
  });

  it('reads tier names, numbers, numeric strings and Unlimited; TIER_NOT_SET, 0 and junk give no limit', () => {
    const cases: [unknown, number | undefined][] = [
      ['TIER_50', 50],
      ['tier_2k', 2000],
      [' TIER_100K ', 100_000],
      ['TIER_UNLIMITED', Number.POSITIVE_INFINITY],
      ['Unlimited', Number.POSITIVE_INFINITY],
      [2000, 2000],
      ['10000', 10_000],
      [-1, Number.POSITIVE_INFINITY],
      ['-1', Number.POSITIVE_INFINITY],
      [{ tier: 'TIER_10K' }, 10_000],
      [{ limit: 2000 }, 2000],
      [{ tier: { tier: 'TIER_10K' } }, undefined],
      ['TIER_NOT_SET', undefined],
      [0, undefined],
      ['0', undefined],
      ['TIER_0', undefined],
      [-5, undefined],
      [1.5, undefined],
      [Number.NaN, undefined],
      ['TIER_SOMETHING', undefined],
      [null, undefined],
      [undefined, undefined],
      [[], undefined],
    ];
    for (const [value, limit] of cases) expect([value, messagingLimitOf(value)]).toEqual([value, limit]);
  });

  it('never throws on junk answers; unknown quality reads UNKNOWN and the id falls back to the config', () => {
    for (const junk of [null, 'x', 42, [], { quality_rating: 7, throughput: 'HIGH' }]) {
      const health = parsePhoneNumberHealth(junk, PHONE);
      expect(health.phoneNumberId).toBe(PHONE);
      expect(health.qualityRating).toBe('UNKNOWN');
      expect(health.messagingLimit).toBeUndefined();
    }
    expect(parsePhoneNumberHealth({ throughput: 'HIGH' }, PHONE).messagesPerSecond).toBe(1000);
    // A hostile answer nested 100 000 deep costs no stack.
    let deep: Record<string, unknown> = { tier: 'TIER_1K' };
    for (let i = 0; i < 100_000; i++) deep = { tier: deep };
    expect(parsePhoneNumberHealth({ messaging_limit_tier: deep }, PHONE)).toMatchObject({
      messagingLimit: undefined,
      messagingLimitTier: undefined,
    });
    expect(parsePhoneNumberHealth({ quality_rating: 'na' }, PHONE).qualityRating).toBe('NA');
    expect(parsePhoneNumberHealth({ quality_rating: 'PURPLE' }, PHONE).qualityRating).toBe('UNKNOWN');
    expect(parsePhoneNumberHealth({ throughput: { level: 'NEW_LEVEL' } }, PHONE)).toMatchObject({
      throughputLevel: 'NEW_LEVEL',
      messagesPerSecond: undefined,
    });
  });
});

describe('the sandbox answers the phone number node', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ limits: { tier: 2000 } });
  });
  afterAll(() => sandbox.stop());

  it('from its platform rules, for Meta and CleverTap numbers, offline', async () => {
    for (const provider of ['meta', 'clevertap'] as const) {
      const health = await (provider === 'meta'
        ? new MetaCloudClient(sandbox.config('meta'))
        : new CleverTapClient(sandbox.config('clevertap'))
      ).getPhoneNumberHealth();
      expect(health).toMatchObject({
        phoneNumberId: sandbox.credentials[provider].phoneNumberId,
        displayPhoneNumber: sandbox.credentials[provider].displayPhoneNumber,
        qualityRating: 'GREEN',
        status: 'CONNECTED',
        messagingLimitTier: 'TIER_2K',
        messagingLimit: 2000,
        throughputLevel: 'STANDARD',
      });
    }
  });

  it('answers only the fields asked for, refuses unknown ones with Graph error 100, and checks the token', async () => {
    const { phoneNumberId, accessToken } = sandbox.credentials.meta;
    const get = (query: string, token = accessToken) =>
      fetch(`${sandbox.url}/v24.0/${phoneNumberId}${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
    expect(await (await get('?fields=whatsapp_business_manager_messaging_limit')).json()).toEqual({
      whatsapp_business_manager_messaging_limit: 'TIER_2K',
      id: phoneNumberId,
    });
    expect(Object.keys(await (await get('')).json()).sort()).toEqual([
      'code_verification_status',
      'display_phone_number',
      'id',
      'quality_rating',
      'verified_name',
    ]);
    const unknown = await get('?fields=quality_rating,shoe_size');
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { code: number } }).error.code).toBe(100);
    expect((await get('?fields=id', 'EAAwrongtoken0123456789')).status).toBe(401);
  });
});
