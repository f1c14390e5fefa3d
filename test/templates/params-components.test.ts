/**
 * `checkTemplateParams` on the components added for issue 14, against Meta-documented definitions
 * (meta-examples.ts): carousel cards, limited-time offers, authentication codes, Flow / catalog / MPM buttons
 * and currency / date_time values.
 */
import { describe, expect, it } from 'vitest';
import { checkTemplateParams, renderTemplate } from '../../src/templates/index.js';
import {
  authCopyCode,
  catalogTemplate,
  flowTemplate,
  limitedTimeOffer,
  mediaCarousel,
  mpmTemplate,
  productCarousel,
} from './meta-examples.js';

const codes = (definition: unknown, params: unknown) =>
  checkTemplateParams(definition, params as never).issues.map((i) => i.code);
const img = { type: 'image', url: 'https://example.com/a.jpg' } as const;
const card = (promo: string) => ({
  header: img,
  body: ['15OFF', '15%'],
  buttons: [{ index: 1, type: 'url', text: promo }],
});

describe('carousel cards', () => {
  const body = ['15OFF', '15%'];
  it('accepts one entry per card with its header, body and URL suffix', () => {
    expect(codes(mediaCarousel, { body, cards: [card('a'), card('b')] })).toEqual([]);
  });
  it('needs one entry per card', () => {
    expect(codes(mediaCarousel, { body, cards: [card('a')] })).toEqual(['params.card_mismatch']);
    expect(codes(mediaCarousel, { body })).toEqual(['params.card_mismatch']);
    expect(codes(catalogTemplate, { body: ['1', '2', '3'], cards: [card('a'), card('b')] })).toContain(
      'params.card_mismatch',
    );
  });
  it('checks each card: header type, body count, URL parameter', () => {
    const wrong = { ...card('a'), header: { type: 'video', url: 'https://example.com/v.mp4' } };
    expect(codes(mediaCarousel, { body, cards: [wrong, card('b')] })).toEqual(['params.header_mismatch']);
    expect(codes(mediaCarousel, { body, cards: [{ ...card('a'), body: ['x'] }, card('b')] })).toEqual([
      'params.count_mismatch',
    ]);
    expect(codes(mediaCarousel, { body, cards: [{ ...card('a'), buttons: [] }, card('b')] })).toEqual([
      'params.button_missing',
    ]);
  });
  it('takes product headers on product cards', () => {
    const product = { header: { type: 'product', productRetailerId: 'sku', catalogId: 'c1' } };
    expect(codes(productCarousel, { body: ['Pablo'], cards: [product, product] })).toEqual([]);
    expect(codes(productCarousel, { body: ['Pablo'], cards: [{ header: img }, product] })).toEqual([
      'params.header_mismatch',
    ]);
  });
});

describe('limited-time offers', () => {
  const params = {
    header: { type: 'image', mediaId: '1602186516975143' },
    body: ['Pablo', 'CARIBE25'],
    buttons: [
      { index: 0, type: 'copy_code', code: 'CARIBE25' },
      { index: 1, type: 'url', text: 'n3mtql' },
    ],
  };
  it('accepts the expiry when the offer shows it', () => {
    expect(
      codes(limitedTimeOffer, { ...params, limitedTimeOffer: { expirationTimeMs: 1698549000000 } }),
    ).toEqual([]);
  });
  it('needs the expiry when has_expiration is true, and refuses one without an offer', () => {
    expect(codes(limitedTimeOffer, params)).toEqual(['params.offer_mismatch']);
    expect(
      codes(catalogTemplate, { body: ['1', '2', '3'], limitedTimeOffer: { expirationTimeMs: 1 } }),
    ).toContain('params.offer_mismatch');
  });
  it('needs the copy code', () => {
    const noCode = { ...params, buttons: [params.buttons[1]], limitedTimeOffer: { expirationTimeMs: 1 } };
    expect(codes(limitedTimeOffer, noCode)).toEqual(['params.button_missing']);
  });
});

describe('authentication codes', () => {
  it('takes the code as the body value and the OTP button url parameter', () => {
    expect(
      codes(authCopyCode, { body: ['J$FpnYnP'], buttons: [{ index: 0, type: 'url', text: 'J$FpnYnP' }] }),
    ).toEqual([]);
  });
  it('needs both', () => {
    expect(codes(authCopyCode, { buttons: [{ index: 0, type: 'url', text: 'J$FpnYnP' }] })).toEqual([
      'params.count_mismatch',
    ]);
    expect(codes(authCopyCode, { body: ['J$FpnYnP'] })).toEqual(['params.button_missing']);
  });
});

describe('Flow, catalog and MPM buttons', () => {
  it('fit their own definition buttons only', () => {
    expect(codes(flowTemplate, { buttons: [{ index: 0, type: 'flow', flowToken: 'T' }] })).toEqual([]);
    expect(codes(flowTemplate, { buttons: [{ index: 0, type: 'catalog' }] })).toEqual([
      'params.button_mismatch',
    ]);
    expect(
      codes(catalogTemplate, {
        body: ['1', '2', '3'],
        buttons: [{ index: 0, type: 'catalog', thumbnailProductRetailerId: 'x' }],
      }),
    ).toEqual([]);
  });
  it('need the MPM sections', () => {
    const base = { header: { type: 'text', text: 'Pablo' }, body: ['10OFF'] };
    expect(codes(mpmTemplate, base)).toEqual(['params.button_missing']);
    const mpm = {
      index: 0,
      type: 'mpm',
      thumbnailProductRetailerId: 'x',
      sections: [{ title: 'A', productRetailerIds: ['x'] }],
    };
    expect(codes(mpmTemplate, { ...base, buttons: [mpm] })).toEqual([]);
  });
});

describe('currency and date_time values', () => {
  it('count as values and are checked through their fallback text', () => {
    const definition = {
      name: 'payment_due',
      language: 'en_US',
      category: 'UTILITY',
      components: [
        { type: 'BODY', text: 'Hi, {{1}} is due on {{2}}.', example: { body_text: [['$1', 'Monday']] } },
      ],
    };
    const currency = { type: 'currency', fallbackValue: '$100.99', code: 'USD', amount1000: 100990 };
    expect(codes(definition, { body: [currency, { type: 'date_time', fallbackValue: 'Monday' }] })).toEqual(
      [],
    );
    expect(codes(definition, { body: [{ ...currency, fallbackValue: 'a\nb' }, 'Monday'] })).toEqual([
      'params.invalid_whitespace',
    ]);
  });
});

describe('renderTemplate on the new kinds', () => {
  it("renders an authentication template's fixed text around the code, and the OTP button's code", () => {
    const rendered = renderTemplate(authCopyCode, {
      body: ['J$FpnYnP'],
      buttons: [{ index: 0, type: 'url', text: 'J$FpnYnP' }],
    });
    expect(rendered.body).toBe('J$FpnYnP is your verification code.');
    expect(rendered.buttons).toEqual([{ type: 'OTP', text: 'Copy Code', code: 'J$FpnYnP' }]);
  });
  it('renders currency and date_time values as their fallback text', () => {
    const definition = {
      name: 'payment_due',
      language: 'en_US',
      category: 'UTILITY',
      components: [{ type: 'BODY', text: 'Hi, {{1}} is due on {{2}}.' }],
    };
    const body = [
      { type: 'currency', fallbackValue: '$100.99', code: 'USD', amount1000: 100990 },
      { type: 'date_time', fallbackValue: 'Monday' },
    ] as const;
    expect(renderTemplate(definition, { body: [...body] }).body).toBe('Hi, $100.99 is due on Monday.');
  });
});
