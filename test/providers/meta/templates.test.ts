import { describe, expect, it } from 'vitest';
import {
  parseMessageTemplate,
  parseTemplateCreateResponse,
  parseTemplatePage,
  TEMPLATE_EDIT_LIMITS,
  TemplateEditHistory,
  templateDeleteQuery,
  templateEditBody,
} from '../../../src/providers/meta/templates.js';

describe('template parsing', () => {
  it('reads quality as an object or a string, and NONE as no rejection reason', () => {
    expect(
      parseMessageTemplate({
        id: '1',
        name: 'a',
        language: 'en',
        status: 'APPROVED',
        quality_score: 'YELLOW',
        rejected_reason: 'NONE',
      }),
    ).toMatchObject({
      qualityScore: 'YELLOW',
      rejectedReason: undefined,
      parameterFormat: undefined,
    });
    expect(parseMessageTemplate({ quality_score: { score: 'SOMETHING_NEW' } }).qualityScore).toBe('UNKNOWN');
    expect(parseMessageTemplate({}).qualityScore).toBeUndefined();
  });

  it('never throws on junk', () => {
    expect(parseMessageTemplate(null)).toMatchObject({ id: '', name: '', status: 'UNKNOWN', components: [] });
    expect(parseMessageTemplate({ components: [1, null, { type: 'BODY' }] }).components).toEqual([
      { type: 'BODY' },
    ]);
    expect(parseTemplatePage('x')).toEqual({ templates: [], after: undefined });
    expect(parseTemplateCreateResponse(undefined)).toMatchObject({ id: '', status: 'PENDING' });
  });

  it('has a next page only when paging.next is present', () => {
    expect(parseTemplatePage({ data: [{}], paging: { cursors: { after: 'A' } } }).after).toBeUndefined();
    expect(
      parseTemplatePage({ data: [{}], paging: { cursors: { after: 'A' }, next: 'https://x' } }).after,
    ).toBe('A');
  });
});

describe('request helpers', () => {
  it('builds edit bodies and delete queries', () => {
    expect(templateEditBody({ category: 'UTILITY', messageSendTtlSeconds: 60 })).toEqual({
      category: 'UTILITY',
      message_send_ttl_seconds: 60,
    });
    expect(templateDeleteQuery({ name: 'a' })).toEqual({ name: 'a' });
    expect(templateDeleteQuery({ id: '9', name: 'a' })).toEqual({ hsm_id: '9', name: 'a' });
  });
});

describe('TemplateEditHistory', () => {
  const approved = { id: '1', name: 'a', status: 'APPROVED', category: 'UTILITY' } as const;

  it('tracks each template separately and forgets edits older than 30 days', () => {
    let now = 0;
    const h = new TemplateEditHistory(() => now);
    h.record('1');
    expect(h.check(approved, {})).toHaveLength(1);
    expect(h.check({ ...approved, id: '2' }, {})).toEqual([]);
    now = 24 * 3_600_000;
    expect(h.check(approved, {})).toEqual([]);
    expect(TEMPLATE_EDIT_LIMITS).toEqual({ perDay: 1, perThirtyDays: 10 });
  });

  it('allows a same-category edit of an approved template', () => {
    expect(new TemplateEditHistory(() => 0).check(approved, { category: 'UTILITY' })).toEqual([]);
  });
});
