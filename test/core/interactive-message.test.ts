/**
 * The interactive variants added for issue 14 (location request, Flow, product, product list, catalog, media
 * headers) and the template additions (carousel cards, limited-time offer, Flow/catalog/MPM buttons, currency
 * and date_time): what the neutral schema accepts, and what it refuses with a path before any provider sees it.
 * Limits from the Meta pages cited on `InteractiveActionSchema` and `TemplateButtonSchema`.
 */
import { describe, expect, it } from 'vitest';
import { OutboundMessageSchema } from '../../src/index.js';

const to = '+447700900123';
const ok = (m: unknown) => OutboundMessageSchema.safeParse(m).success;
const paths = (m: unknown) => {
  const r = OutboundMessageSchema.safeParse(m);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};
const flow = (action: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'interactive',
  to,
  body: 'Book',
  action: { type: 'flow', cta: 'Book', ...action },
  ...extra,
});

describe('interactive variants', () => {
  it('accepts a location request with a body only', () => {
    expect(
      ok({ type: 'interactive', to, body: 'Where are you?', action: { type: 'location_request' } }),
    ).toBe(true);
  });
  it('refuses a location request with a header, a footer or no body', () => {
    const base = { type: 'interactive', to, body: 'Where?', action: { type: 'location_request' } };
    expect(paths({ ...base, header: { type: 'text', text: 'Hi' } })).toContain('header');
    expect(paths({ ...base, footer: 'Thanks' })).toContain('footer');
    expect(paths({ ...base, body: undefined })).toContain('body');
  });
  it('accepts a navigate Flow by id or by name, and a data_exchange Flow without a screen', () => {
    expect(ok(flow({ flowId: '123', screen: 'WELCOME', data: { a: 1 } }))).toBe(true);
    expect(ok(flow({ flowName: 'booking', screen: 'WELCOME', mode: 'draft' }))).toBe(true);
    expect(ok(flow({ flowId: '123', flowAction: 'data_exchange' }))).toBe(true);
  });
  it('refuses a Flow with both or neither of flowId and flowName', () => {
    expect(paths(flow({ flowId: '1', flowName: 'x', screen: 'S' }))).toContain('action.flowId');
    expect(paths(flow({ screen: 'S' }))).toContain('action.flowId');
  });
  it('refuses a navigate Flow without a screen, and a data_exchange Flow with one', () => {
    expect(paths(flow({ flowId: '1' }))).toContain('action.screen');
    expect(paths(flow({ flowId: '1', flowAction: 'data_exchange', screen: 'S' }))).toContain('action.screen');
    expect(paths(flow({ flowId: '1', screen: 'S', data: {} }))).toContain('action.data');
  });
  it('limits the Flow CTA to 20 characters', () => {
    expect(paths(flow({ flowId: '1', screen: 'S', cta: 'x'.repeat(21) }))).toContain('action.cta');
  });
  it('takes media headers on reply buttons, CTA URL and Flow messages, but not on lists', () => {
    const header = { type: 'image', url: 'https://example.com/a.jpg' };
    const buttons = { type: 'buttons', buttons: [{ id: 'a', title: 'A' }] };
    expect(ok({ type: 'interactive', to, header, body: 'Hi', action: buttons })).toBe(true);
    expect(ok(flow({ flowId: '1', screen: 'S' }, { header }))).toBe(true);
    const list = { type: 'list', button: 'Pick', sections: [{ rows: [{ id: 'a', title: 'A' }] }] };
    expect(paths({ type: 'interactive', to, header, body: 'Hi', action: list })).toContain('header.type');
  });
  it('needs exactly one media source on a media header', () => {
    const buttons = { type: 'buttons', buttons: [{ id: 'a', title: 'A' }] };
    expect(
      paths({ type: 'interactive', to, header: { type: 'video' }, body: 'Hi', action: buttons }),
    ).toContain('header.url');
  });
  it('accepts a product without a body and refuses one with a header', () => {
    const action = { type: 'product', catalogId: 'c1', productRetailerId: 'sku1' };
    expect(ok({ type: 'interactive', to, action })).toBe(true);
    expect(paths({ type: 'interactive', to, action, header: { type: 'text', text: 'x' } })).toContain(
      'header',
    );
  });
  it('needs a text header on a product list, titles on several sections and at most 30 products', () => {
    const list = (sections: unknown) => ({
      type: 'interactive',
      to,
      header: { type: 'text', text: 'Shop' },
      body: 'Pick',
      action: { type: 'product_list', catalogId: 'c1', sections },
    });
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `sku${i}`);
    expect(ok(list([{ productRetailerIds: ids(30) }]))).toBe(true);
    expect(paths({ ...list([{ productRetailerIds: ids(1) }]), header: undefined })).toContain('header');
    expect(paths(list([{ productRetailerIds: ids(31) }]))).toContain('action.sections');
    expect(
      paths(list([{ productRetailerIds: ids(1) }, { title: 'B', productRetailerIds: ids(1) }])),
    ).toContain('action.sections.0.title');
  });
  it('accepts a catalog with or without a thumbnail, and needs its body', () => {
    expect(ok({ type: 'interactive', to, body: 'Browse', action: { type: 'catalog' } })).toBe(true);
    expect(
      paths({ type: 'interactive', to, action: { type: 'catalog', thumbnailProductRetailerId: 'x' } }),
    ).toContain('body');
  });
});

describe('template additions', () => {
  const template = (extra: Record<string, unknown>) => ({
    type: 'template',
    to,
    name: 't',
    language: 'en',
    ...extra,
  });
  const card = { header: { type: 'image', url: 'https://example.com/a.jpg' }, body: ['x'] };
  it('accepts currency and date_time body values, positional and named', () => {
    const currency = { type: 'currency', fallbackValue: '$1.00', code: 'USD', amount1000: 1000 };
    expect(ok(template({ body: ['Ana', currency, { type: 'date_time', fallbackValue: 'Today' }] }))).toBe(
      true,
    );
    expect(ok(template({ body: { amount: currency } }))).toBe(true);
    expect(paths(template({ body: [{ ...currency, code: 'usd' }] }))).toContain('body.0.code');
  });
  it('accepts 2 to 10 carousel cards', () => {
    expect(ok(template({ cards: [card, card] }))).toBe(true);
    expect(paths(template({ cards: [card] }))).toContain('cards');
    expect(paths(template({ cards: Array.from({ length: 11 }, () => card) }))).toContain('cards');
  });
  it('accepts product card headers and card buttons', () => {
    const product = { header: { type: 'product', productRetailerId: 'sku', catalogId: 'c1' } };
    const withButtons = { ...card, buttons: [{ index: 0, type: 'quick_reply', payload: 'more' }] };
    expect(ok(template({ cards: [product, product] }))).toBe(true);
    expect(ok(template({ cards: [withButtons, withButtons] }))).toBe(true);
  });
  it('accepts a limited-time offer expiry in Unix milliseconds', () => {
    expect(ok(template({ limitedTimeOffer: { expirationTimeMs: 1698549000000 } }))).toBe(true);
    expect(paths(template({ limitedTimeOffer: { expirationTimeMs: -1 } }))).toContain(
      'limitedTimeOffer.expirationTimeMs',
    );
  });
  it('accepts Flow, catalog and MPM buttons', () => {
    expect(
      ok(
        template({
          buttons: [
            { index: 0, type: 'flow', flowToken: 'T', flowActionData: { a: 1 } },
            { index: 1, type: 'catalog', thumbnailProductRetailerId: 'sku' },
            {
              index: 2,
              type: 'mpm',
              thumbnailProductRetailerId: 'sku',
              sections: [{ title: 'A', productRetailerIds: ['sku'] }],
            },
          ],
        }),
      ),
    ).toBe(true);
  });
});
