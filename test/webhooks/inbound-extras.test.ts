/**
 * The shared readers of inbound payload parts, field by field: click-to-WhatsApp referrals (Meta
 * `messages[].referral`, https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/text/),
 * status pricing (Meta `statuses[].pricing.pricing_model`, Gupshup v2 `pricing.policy`,
 * https://partner-docs.gupshup.io/docs/pmp-events-1) and flow replies (`nfm_reply.response_json` is a JSON
 * string, https://developers.facebook.com/docs/whatsapp/flows/guides/receiveflowresponse).
 */
import { describe, expect, it } from 'vitest';
import { readFlowResponse, readPricing, readReferral } from '../../src/webhooks/parsers/inbound-extras.js';

describe('readReferral', () => {
  it('maps every documented field (numbers read as strings, objects dropped)', () => {
    expect(
      readReferral({
        source_url: 'https://fb.me/ad',
        source_id: '120',
        source_type: 'ad',
        headline: 'Spring sale',
        body: 'Half off',
        media_type: 'image',
        image_url: 'https://x.example/i.jpg',
        video_url: 'https://x.example/v.mp4',
        thumbnail_url: 'https://x.example/t.jpg',
        ctwa_clid: 'ARAkLkA8',
        extra: 'ignored',
      }),
    ).toEqual({
      sourceUrl: 'https://fb.me/ad',
      sourceId: '120',
      sourceType: 'ad',
      headline: 'Spring sale',
      body: 'Half off',
      mediaType: 'image',
      imageUrl: 'https://x.example/i.jpg',
      videoUrl: 'https://x.example/v.mp4',
      thumbnailUrl: 'https://x.example/t.jpg',
      ctwaClid: 'ARAkLkA8',
    });
    expect(readReferral({ source_id: 120, headline: {}, ctwa_clid: 'c' })).toEqual({
      sourceId: '120',
      ctwaClid: 'c',
    });
  });

  it('is undefined for no referral or one with nothing readable', () => {
    expect(readReferral(undefined)).toBeUndefined();
    expect(readReferral({})).toBeUndefined();
    expect(readReferral({ source_id: {}, body: '' })).toBeUndefined();
  });
});

describe('readPricing', () => {
  it('reads Meta pricing, with billable as a boolean or its string', () => {
    expect(
      readPricing({ billable: true, category: 'marketing', pricing_model: 'PMP', type: 'regular' }),
    ).toEqual({
      billable: true,
      category: 'marketing',
      model: 'PMP',
      type: 'regular',
    });
    expect(readPricing({ billable: 'false', category: 'service' })).toEqual({
      billable: false,
      category: 'service',
    });
    expect(readPricing({ billable: 'true' })).toEqual({ billable: true });
    expect(readPricing({ billable: false })).toEqual({ billable: false });
    expect(readPricing({ billable: 'yes', category: 'utility' })).toEqual({ category: 'utility' });
    expect(readPricing({ billable: 1 })).toBeUndefined();
  });

  it('takes the model from pricing_model, then Gupshup policy, then model', () => {
    expect(readPricing({ pricing_model: 'PMP', policy: 'CBP', model: 'X' })?.model).toBe('PMP');
    expect(readPricing({ policy: 'CBP', model: 'X' })?.model).toBe('CBP');
    expect(readPricing({ model: 'X' })?.model).toBe('X');
  });

  it('keeps each field alone, and only the fields present are keys (none set to undefined)', () => {
    const keys = (p: Record<string, unknown>) => Object.keys(readPricing(p) ?? { none: true });
    expect(keys({ billable: false })).toEqual(['billable']);
    expect(keys({ category: 'utility' })).toEqual(['category']);
    expect(keys({ pricing_model: 'PMP' })).toEqual(['model']);
    expect(keys({ type: 'free_entry_point' })).toEqual(['type']);
    expect(keys({ billable: 'true', type: 'regular', extra: 1 })).toEqual(['billable', 'type']);
    expect(readPricing({ type: 'regular' })).toStrictEqual({ type: 'regular' });
  });

  it('is undefined for a missing or non-object block', () => {
    for (const p of [undefined, null, 'PMP', 3, []]) expect(readPricing(p)).toBeUndefined();
    expect(readPricing({})).toBeUndefined();
  });
});

describe('readFlowResponse', () => {
  it('parses a JSON string, or takes an object as given', () => {
    expect(readFlowResponse('{"flow_token":"t","screen_0_choice":"1"}')).toEqual({
      flow_token: 't',
      screen_0_choice: '1',
    });
    expect(readFlowResponse({ flow_token: 't' })).toEqual({ flow_token: 't' });
  });

  it('is undefined for absent, invalid or non-object JSON, and never throws', () => {
    for (const r of [undefined, '', '{', 'null', '[1]', '"s"', '42', 7])
      expect(readFlowResponse(r)).toBeUndefined();
  });
});
