/**
 * Rows for the issue-code table of validate.test.ts: the carousel, limited-time-offer and authentication codes,
 * each triggered by one broken variant of a Meta-documented example (meta-examples.ts) and absent from the
 * example itself.
 */
import type { TemplateIssueCode, TemplateProfileName } from '../../src/templates/index.js';
import { authCopyCode, authOneTap, authZeroTap, limitedTimeOffer, mediaCarousel } from './meta-examples.js';

/** label, code, profiles, bad, good. */
export type KindRow = [string, TemplateIssueCode, TemplateProfileName[], () => unknown, () => unknown];

type Json = any;
const edit = (source: unknown, change: (t: Json) => void) => () => {
  const t = structuredClone(source) as Json;
  change(t);
  return t;
};
const same = (source: unknown) => () => structuredClone(source);
const both: TemplateProfileName[] = ['strict', 'meta'];
const meta: TemplateProfileName[] = ['meta'];

/** One row per new code. */
export const KIND_ROWS: KindRow[] = [
  [
    'authentication body text',
    'authentication.custom_text',
    meta,
    edit(authCopyCode, (t) => (t.components[0].text = 'Your code is {{1}}.')),
    same(authCopyCode),
  ],
  [
    'a string add_security_recommendation',
    'authentication.security_recommendation',
    meta,
    edit(authCopyCode, (t) => (t.components[0].add_security_recommendation = 'true')),
    same(authCopyCode),
  ],
  [
    'code_expiration_minutes 91',
    'authentication.code_expiration',
    meta,
    edit(authCopyCode, (t) => (t.components[1].code_expiration_minutes = 91)),
    same(authCopyCode),
  ],
  [
    'an authentication template without an OTP button',
    'authentication.otp_button',
    meta,
    edit(authCopyCode, (t) => t.components.pop()),
    same(authCopyCode),
  ],
  [
    'a one-tap button without its app',
    'authentication.app_required',
    meta,
    edit(authOneTap, (t) => delete t.components[2].buttons[0].signature_hash),
    same(authOneTap),
  ],
  [
    'a zero-tap button without the terms',
    'authentication.zero_tap_terms',
    meta,
    edit(authZeroTap, (t) => (t.components[2].buttons[0].zero_tap_terms_accepted = false)),
    same(authZeroTap),
  ],
  [
    'an authentication header',
    'authentication.header_not_allowed',
    meta,
    edit(authCopyCode, (t) => t.components.unshift({ type: 'HEADER', format: 'TEXT', text: 'Code' })),
    same(authCopyCode),
  ],
  [
    'a one-card carousel',
    'carousel.cards_count',
    both,
    edit(mediaCarousel, (t) => t.components[1].cards.pop()),
    same(mediaCarousel),
  ],
  [
    'a video card among image cards',
    'carousel.header_format',
    both,
    edit(mediaCarousel, (t) => (t.components[1].cards[1].components[0].format = 'VIDEO')),
    same(mediaCarousel),
  ],
  [
    'cards with different buttons',
    'carousel.cards_mismatch',
    both,
    edit(mediaCarousel, (t) => t.components[1].cards[0].components[2].buttons.pop()),
    same(mediaCarousel),
  ],
  [
    'a 161-character card body',
    'carousel.card_body_too_long',
    both,
    edit(mediaCarousel, (t) => {
      for (const c of t.components[1].cards)
        c.components[1].text = `Lemons {{1}}, {{2}} off. ${'x'.repeat(140)}`;
    }),
    same(mediaCarousel),
  ],
  [
    'three buttons on a card',
    'carousel.card_buttons',
    both,
    edit(mediaCarousel, (t) => {
      for (const c of t.components[1].cards)
        c.components[2].buttons.unshift({ type: 'QUICK_REPLY', text: 'More' });
    }),
    same(mediaCarousel),
  ],
  [
    'a footer beside a carousel',
    'carousel.top_level_component',
    both,
    edit(mediaCarousel, (t) => t.components.push({ type: 'FOOTER', text: 'Lucky Shrub' })),
    same(mediaCarousel),
  ],
  [
    'an offer without text',
    'offer.text_required',
    both,
    edit(limitedTimeOffer, (t) => (t.components[1].limited_time_offer.text = '')),
    same(limitedTimeOffer),
  ],
  [
    'a 17-character offer text',
    'offer.text_too_long',
    both,
    edit(limitedTimeOffer, (t) => (t.components[1].limited_time_offer.text = 'Expiring offer!!!')),
    same(limitedTimeOffer),
  ],
  [
    'a 601-character offer body',
    'offer.body_too_long',
    both,
    edit(
      limitedTimeOffer,
      (t) => (t.components[2].text = `Good news, {{1}}! Use code {{2}} today. ${'x'.repeat(570)}`),
    ),
    same(limitedTimeOffer),
  ],
  [
    'an offer with a footer',
    'offer.footer_not_allowed',
    both,
    edit(limitedTimeOffer, (t) => t.components.push({ type: 'FOOTER', text: 'T&Cs apply' })),
    same(limitedTimeOffer),
  ],
  [
    'an offer with a document header',
    'offer.header_format',
    both,
    edit(limitedTimeOffer, (t) => (t.components[0].format = 'DOCUMENT')),
    same(limitedTimeOffer),
  ],
  [
    'a UTILITY offer',
    'offer.category',
    both,
    edit(limitedTimeOffer, (t) => (t.category = 'UTILITY')),
    same(limitedTimeOffer),
  ],
  [
    'an offer without a URL button',
    'offer.url_button_required',
    both,
    edit(limitedTimeOffer, (t) => t.components[3].buttons.pop()),
    same(limitedTimeOffer),
  ],
  [
    'an expiring offer without a copy-code button',
    'offer.copy_code',
    both,
    edit(limitedTimeOffer, (t) => t.components[3].buttons.shift()),
    same(limitedTimeOffer),
  ],
];
