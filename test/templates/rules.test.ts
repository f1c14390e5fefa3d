/**
 * Carousel, limited-time-offer, authentication and button-grouping rules: every example Meta documents is valid
 * under the `meta` profile (test/templates/meta-examples.ts cites each page), and one broken variant per rule
 * reports its stable issue code.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTemplateParams, validateTemplate } from '../../src/templates/index.js';
import {
  authCopyCode,
  authOneTap,
  authZeroTap,
  couponTemplate,
  limitedTimeOffer,
  META_EXAMPLES,
  mediaCarousel,
  productCarousel,
} from './meta-examples.js';

type Json = any;
const clone = (v: unknown): Json => structuredClone(v) as Json;
const codes = (t: unknown, profile: 'meta' | 'strict' = 'meta') =>
  validateTemplate(t, { profile })
    .issues.filter((i) => i.severity === 'error')
    .map((i) => i.code);

describe('Meta-documented templates are valid (meta profile)', () => {
  it.each(Object.entries(META_EXAMPLES))('%s', (_name, template) => {
    const { valid, issues } = validateTemplate(template, { profile: 'meta' });
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(valid).toBe(true);
  });

  it('authentication templates no longer fail with body.required or template.malformed', () => {
    for (const t of [authCopyCode, authOneTap, authZeroTap]) {
      expect(codes(t)).not.toContain('body.required');
      expect(codes(t)).not.toContain('template.malformed');
    }
  });
});

describe('authentication rules', () => {
  it('refuses body text of the business own', () => {
    const t = clone(authCopyCode);
    t.components[0].text = '{{1}} is your code, from Lucky Shrub.';
    expect(codes(t)).toContain('authentication.custom_text');
  });
  it('refuses footer text', () => {
    const t = clone(authCopyCode);
    t.components[1].text = 'Thanks!';
    expect(codes(t)).toContain('authentication.custom_text');
  });
  it.each([0, 91, 2.5, '10'])('refuses code_expiration_minutes %s (1 to 90)', (minutes) => {
    const t = clone(authCopyCode);
    t.components[1].code_expiration_minutes = minutes;
    expect(codes(t)).toContain('authentication.code_expiration');
  });
  it('accepts the limits 1 and 90', () => {
    for (const minutes of [1, 90]) {
      const t = clone(authCopyCode);
      t.components[1].code_expiration_minutes = minutes;
      expect(codes(t)).toEqual([]);
    }
  });
  it('refuses a non-boolean add_security_recommendation', () => {
    const t = clone(authCopyCode);
    t.components[0].add_security_recommendation = 'yes';
    expect(codes(t)).toContain('authentication.security_recommendation');
  });
  it('needs exactly one OTP button of a known otp_type', () => {
    const none = clone(authCopyCode);
    none.components.pop();
    expect(codes(none)).toContain('authentication.otp_button');
    const extra = clone(authCopyCode);
    extra.components[2].buttons.push({ type: 'QUICK_REPLY', text: 'Not me' });
    expect(codes(extra)).toContain('authentication.otp_button');
    const unknown = clone(authCopyCode);
    unknown.components[2].buttons[0].otp_type = 'TWO_TAP';
    expect(codes(unknown)).toContain('authentication.otp_button');
  });
  it('needs the Android app for one-tap: package_name and an 11-character signature_hash', () => {
    const noApp = clone(authOneTap);
    delete noApp.components[2].buttons[0].package_name;
    expect(codes(noApp)).toContain('authentication.app_required');
    const badHash = clone(authOneTap);
    badHash.components[2].buttons[0].signature_hash = 'short';
    expect(codes(badHash)).toContain('authentication.app_required');
    const badApps = clone(authZeroTap);
    badApps.components[2].buttons[0].supported_apps = [];
    expect(codes(badApps)).toContain('authentication.app_required');
  });
  it('needs zero_tap_terms_accepted for zero-tap', () => {
    const t = clone(authZeroTap);
    delete t.components[2].buttons[0].zero_tap_terms_accepted;
    expect(codes(t)).toContain('authentication.zero_tap_terms');
  });
  it('refuses a header', () => {
    const t = clone(authCopyCode);
    t.components.unshift({ type: 'HEADER', format: 'TEXT', text: 'Your code' });
    expect(codes(t)).toContain('authentication.header_not_allowed');
  });
  it('limits autofill_text to 25 characters', () => {
    const t = clone(authOneTap);
    t.components[2].buttons[0].autofill_text = 'A'.repeat(26);
    expect(codes(t)).toContain('button.text_too_long');
  });
});

describe('limited-time offer rules', () => {
  it.each([
    ['offer.text_required', (t: Json) => delete t.components[1].limited_time_offer.text],
    ['offer.text_too_long', (t: Json) => (t.components[1].limited_time_offer.text = 'A'.repeat(17))],
    ['offer.body_too_long', (t: Json) => (t.components[2].text = `Hi {{1}}, code {{2}}. ${'x'.repeat(600)}`)],
    ['offer.footer_not_allowed', (t: Json) => t.components.push({ type: 'footer', text: 'T&Cs apply' })],
    ['offer.header_format', (t: Json) => (t.components[0] = { type: 'header', format: 'text', text: 'Hi' })],
    ['offer.category', (t: Json) => (t.category = 'UTILITY')],
    ['offer.url_button_required', (t: Json) => t.components[3].buttons.pop()],
    ['offer.copy_code', (t: Json) => t.components[3].buttons.shift()],
    ['offer.copy_code', (t: Json) => t.components[3].buttons.reverse()],
  ] as [string, (t: Json) => unknown][])('%s', (code, breakIt) => {
    const t = clone(limitedTimeOffer);
    breakIt(t);
    expect(codes(t)).toContain(code);
  });
  it('has_expiration false makes the copy-code button optional', () => {
    const t = clone(limitedTimeOffer);
    t.components[1].limited_time_offer.has_expiration = false;
    t.components[3].buttons.shift();
    t.components[2].text = 'Good news, {{1}}! Book now and save 25% on all Caribbean packages.';
    t.components[2].example = { body_text: [['Pablo']] };
    expect(codes(t)).toEqual([]);
  });
});

describe('carousel rules', () => {
  const card = () => clone(mediaCarousel).components[1].cards[0];
  it.each([
    ['carousel.cards_count', (t: Json) => t.components[1].cards.pop()],
    ['carousel.cards_count', (t: Json) => (t.components[1].cards = Array.from({ length: 11 }, card))],
    ['carousel.header_format', (t: Json) => (t.components[1].cards[1].components[0].format = 'video')],
    ['carousel.header_format', (t: Json) => (t.components[1].cards[0].components[0].format = 'document')],
    ['carousel.header_format', (t: Json) => t.components[1].cards[0].components.shift()],
    ['carousel.cards_mismatch', (t: Json) => t.components[1].cards[1].components[2].buttons.pop()],
    ['carousel.cards_mismatch', (t: Json) => t.components[1].cards[1].components.splice(1, 1)],
    [
      'carousel.card_body_too_long',
      (t: Json) => (t.components[1].cards[0].components[1].text = `Lemons {{1}} {{2}} ${'x'.repeat(160)}`),
    ],
    [
      'carousel.card_buttons',
      (t: Json) =>
        t.components[1].cards.forEach((c: Json) => {
          c.components[2].buttons.push({ type: 'quick_reply', text: 'Third' });
        }),
    ],
    [
      'carousel.card_buttons',
      (t: Json) =>
        t.components[1].cards.forEach((c: Json) => {
          c.components[2].buttons[0] = { type: 'copy_code', example: 'X1' };
        }),
    ],
    ['carousel.top_level_component', (t: Json) => t.components.push({ type: 'FOOTER', text: 'Lucky Shrub' })],
    ['example.missing', (t: Json) => delete t.components[1].cards[0].components[1].example],
    ['example.missing', (t: Json) => delete t.components[1].cards[0].components[0].example],
  ] as [string, (t: Json) => unknown][])('%s', (code, breakIt) => {
    const t = clone(mediaCarousel);
    breakIt(t);
    expect(codes(t)).toContain(code);
  });
  it('product cards take SPM buttons, media cards do not', () => {
    const t = clone(mediaCarousel);
    for (const c of t.components[1].cards) c.components[2].buttons = [{ type: 'spm', text: 'View' }];
    expect(codes(t)).toContain('carousel.card_buttons');
    expect(codes(productCarousel)).toEqual([]);
  });
});

describe('button grouping, both profiles', () => {
  const withButtons = (buttons: Json[]) => {
    const t = clone(couponTemplate);
    t.components[2].buttons = buttons;
    return t;
  };
  const qr = (text: string) => ({ type: 'QUICK_REPLY', text });
  const url = { type: 'URL', text: 'Shop', url: 'https://www.example.com/shop' };
  const phone = { type: 'PHONE_NUMBER', text: 'Call', phone_number: '+15550051310' };

  it('accepts grouped buttons (quick replies first or last)', () => {
    expect(codes(withButtons([qr('A'), qr('B'), url, phone]))).toEqual([]);
    expect(codes(withButtons([url, phone, qr('A'), qr('B')]))).toEqual([]);
  });
  it('refuses interleaved buttons in the meta profile', () => {
    expect(codes(withButtons([qr('A'), url, qr('B')]))).toEqual(['buttons.not_grouped']);
    expect(codes(withButtons([url, qr('A'), phone]))).toEqual(['buttons.not_grouped']);
  });
  it('refuses interleaved buttons in the strict profile too', () => {
    expect(codes(withButtons([qr('A'), url, qr('B')]), 'strict')).toContain('buttons.not_grouped');
    expect(codes(withButtons([qr('A'), qr('B'), url]), 'strict')).not.toContain('buttons.not_grouped');
  });
});

describe('never throws', () => {
  it('on arbitrary carousel, offer, authentication and button shapes (validate and send-time checks)', () => {
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined));
    const component = fc.record(
      {
        type: fc.constantFrom(
          'CAROUSEL',
          'LIMITED_TIME_OFFER',
          'BODY',
          'FOOTER',
          'BUTTONS',
          'HEADER',
          'carousel',
        ),
        cards: fc.oneof(
          leaf,
          fc.array(fc.oneof(leaf, fc.record({ components: fc.oneof(leaf, fc.array(fc.anything())) }))),
        ),
        limited_time_offer: fc.anything(),
        buttons: fc.oneof(leaf, fc.array(fc.anything())),
        text: leaf,
        format: leaf,
      },
      { requiredKeys: ['type'] },
    );
    fc.assert(
      fc.property(
        fc.constantFrom('AUTHENTICATION', 'MARKETING', 'UTILITY', 'x'),
        fc.array(component),
        fc.anything(),
        (category, components, params) => {
          const t = { name: 'a', language: 'en', category, components };
          for (const profile of ['meta', 'strict'] as const) validateTemplate(t, { profile });
          checkTemplateParams(t, params as never);
          checkTemplateParams(t, {
            cards: [params, params],
            limitedTimeOffer: params,
            buttons: [params],
          } as never);
        },
      ),
      { numRuns: 500 },
    );
  });
});
