import { describe, expect, it } from 'vitest';
import type { ResponseContext } from '../../../src/core/http.js';
import {
  chunk,
  cleverTapRestResponseError,
  cleverTapTemplateIssues,
  externalTriggerBody,
  mergeTemplateImport,
  optInUploadBody,
  parseUploadResponse,
} from '../../../src/providers/clevertap/index.js';
import type { MessageTemplate } from '../../../src/providers/meta/templates.js';

const tpl = (name: string, over: Partial<MessageTemplate> = {}): MessageTemplate => ({
  id: `id_${name}`,
  name,
  language: 'en',
  status: 'APPROVED',
  category: 'MARKETING',
  components: [],
  parameterFormat: 'positional',
  qualityScore: 'GREEN',
  rejectedReason: undefined,
  raw: {},
  ...over,
});

describe('cleverTapTemplateIssues', () => {
  it('refuses AUTHENTICATION templates (not supported on CleverTap BSP)', () => {
    expect(
      cleverTapTemplateIssues({ category: 'authentication', components: [] }, 'eu1').map((i) => i.code),
    ).toEqual(['clevertap.category_unsupported']);
    expect(cleverTapTemplateIssues({ category: 'UTILITY', components: [] }, 'eu1')).toEqual([]);
  });

  it('checks URL buttons against the region, with the button path', () => {
    const issues = cleverTapTemplateIssues(
      {
        category: 'MARKETING',
        components: [
          { type: 'BODY', text: 'x' },
          { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Go', url: 'https://ct3.io/{{1}}' }] },
        ],
      },
      'sg1',
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['clevertap.click_tracking_region', ['components', 1, 'buttons', 0, 'url']],
    ]);
  });

  it('never throws on junk', () => {
    expect(cleverTapTemplateIssues(null, 'eu1')).toEqual([]);
    expect(cleverTapTemplateIssues({ components: 'x' }, 'eu1')).toEqual([]);
  });
});

describe('mergeTemplateImport', () => {
  const fromMeta = [
    tpl('promo'),
    tpl('otp', { category: 'AUTHENTICATION' }),
    tpl('draft', { status: 'PENDING' }),
    tpl('welcome', { language: 'pt_BR' }),
    tpl('tracked', {
      components: [{ type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Go', url: 'https://ct5.io/{{1}}' }] }],
    }),
  ];

  it('replace: keeps only the imported approved, non-authentication templates and returns the dropped ones', () => {
    const existing = [tpl('old_one'), tpl('promo')];
    const r = mergeTemplateImport(existing, fromMeta, 'replace', 'eu1');
    expect(r.templates.map((t) => t.name)).toEqual(['promo', 'welcome', 'tracked']);
    expect(r.removed.map((t) => t.name)).toEqual(['old_one', 'promo']);
    expect(r.skipped.map((s) => [s.template.name, s.reason])).toEqual([
      ['otp', 'authentication_unsupported'],
      ['draft', 'not_approved'],
    ]);
    expect(r.warnings.map((w) => w.code)).toEqual(['clevertap.click_tracking_region']);
    expect(r.warnings[0]?.message).toContain('"tracked"');
  });

  it('add: keeps existing templates and adds only new name+language pairs', () => {
    const existing = [tpl('old_one'), tpl('promo'), tpl('welcome', { language: 'en' })];
    const r = mergeTemplateImport(existing, fromMeta, 'add', 'us1');
    expect(r.templates.map((t) => `${t.name}/${t.language}`)).toEqual([
      'old_one/en',
      'promo/en',
      'welcome/en',
      'welcome/pt_BR',
      'tracked/en',
    ]);
    expect(r.added.map((t) => t.name)).toEqual(['welcome', 'tracked']);
    expect(r.removed).toEqual([]);
    expect(r.skipped.map((s) => s.reason)).toContain('already_present');
    expect(r.warnings).toEqual([]);
  });
});

describe('REST bodies', () => {
  it('uploads MSG-whatsapp on each identity profile', () => {
    expect(optInUploadBody(['u1', 'u2'], false)).toEqual({
      d: [
        { identity: 'u1', type: 'profile', profileData: { 'MSG-whatsapp': false } },
        { identity: 'u2', type: 'profile', profileData: { 'MSG-whatsapp': false } },
      ],
    });
  });

  it('builds the External Trigger body, leaving out empty vars', () => {
    expect(externalTriggerBody('1695721550', ['u1'], { orderId: 'A-42' })).toEqual({
      to: { identity: ['u1'] },
      campaign_id: '1695721550',
      ExternalTrigger: { orderId: 'A-42' },
    });
    expect(externalTriggerBody(17, ['u1'], {})).toEqual({ to: { identity: ['u1'] }, campaign_id: 17 });
  });

  it('chunks at the limit', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 3)).toEqual([]);
  });

  it('reads upload responses, mapping unprocessed records to identities', () => {
    expect(
      parseUploadResponse(
        {
          status: 'partial',
          processed: 1,
          unprocessed: [{ status: 'fail', code: 509, error: 'Invalid identity', index: 1 }],
        },
        ['ok', 'bad'],
      ),
    ).toEqual({
      processed: 1,
      unprocessed: [
        {
          index: 1,
          identity: 'bad',
          code: 509,
          error: 'Invalid identity',
          raw: { status: 'fail', code: 509, error: 'Invalid identity', index: 1 },
        },
      ],
    });
    expect(parseUploadResponse('junk', [])).toEqual({ processed: 0, unprocessed: [] });
  });
});

describe('cleverTapRestResponseError', () => {
  const ctx = (status: number, body: unknown, retryAfterMs?: number): ResponseContext => ({
    status,
    headers: new Headers(),
    body,
    requestId: undefined,
    retryAfterMs,
  });

  it('is undefined on success', () => {
    expect(cleverTapRestResponseError(ctx(200, { status: 'success', processed: 1 }))).toBeUndefined();
  });

  it.each([
    [401, { status: 'fail', error: 'Invalid Account ID or Passcode', code: 401 }, 'AuthenticationError'],
    [403, { status: 'fail', error: 'Forbidden' }, 'PermissionDeniedError'],
    [429, { status: 'fail', error: 'Too many concurrent requests' }, 'RateLimitError'],
    [500, 'gateway', 'InternalServerError'],
    [400, { status: 'fail', error: 'Malformed payload', code: 400 }, 'BadRequestError'],
  ])('HTTP %i -> %s', (status, body, name) => {
    const error = cleverTapRestResponseError(ctx(status, body)) as unknown as Record<string, unknown>;
    expect(error.name).toBe(name);
    expect(error.provider).toBe('clevertap');
  });

  it('treats a 200 with status fail as an error, using its code as the status', () => {
    const error = cleverTapRestResponseError(
      ctx(200, { status: 'fail', error: 'Invalid Account ID', code: 401 }),
    ) as unknown as Record<string, unknown>;
    expect(error.name).toBe('AuthenticationError');
    expect(error.providerCode).toBe('401');
    expect(error.message).toContain('Invalid Account ID');
    const other = cleverTapRestResponseError(ctx(200, { status: 'error', error: 'Campaign not found' }));
    expect(other?.name).toBe('BadRequestError');
  });
});
