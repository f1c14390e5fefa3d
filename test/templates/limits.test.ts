import { describe, expect, it } from 'vitest';
import { codePointLength, TEMPLATE_PROFILES, type TemplateProfileName } from '../../src/templates/index.js';
import {
  BODY,
  bodyOnly,
  COPY,
  check,
  codes,
  FOOTER,
  HEADER,
  PHONE,
  PROFILES,
  QR,
  URL_BTN,
  variant,
  withButtons,
} from './fixtures.js';

/** One code point that is two UTF-16 units and not an emoji (so header rules do not fire). */
const ASTRAL = '𝒜';
const EMOJI = '😀';
const CJK = '漢';

const LIMITS: Record<TemplateProfileName, Record<string, number>> = {
  strict: { body: 1000, header: 60, footer: 60, name: 512, button: 25, url: 2000 },
  meta: { body: 1024, header: 60, footer: 60, name: 512, button: 25, url: 2000 },
};

describe.each(PROFILES)('length limits in the %s profile (code points)', (profile) => {
  const limits = LIMITS[profile];

  it('the profile table matches the documented numbers', () => {
    const rules = TEMPLATE_PROFILES[profile];
    expect([rules.bodyMaxLength, rules.headerMaxLength, rules.footerMaxLength]).toEqual([
      limits.body,
      limits.header,
      limits.footer,
    ]);
  });

  it.each([
    ['ASCII', 'a'],
    ['emoji (2 UTF-16 units)', EMOJI],
    ['CJK', CJK],
  ])('body: %s at the limit passes, one past fails', (_name, ch) => {
    const at = bodyOnly(ch.repeat(limits.body ?? 0));
    const past = bodyOnly(ch.repeat((limits.body ?? 0) + 1));
    expect(codes(check(at, profile))).not.toContain('body.too_long');
    expect(codes(check(past, profile))).toContain('body.too_long');
    expect(check(past, profile).issues[0]?.message).toContain(`${(limits.body ?? 0) + 1} characters`);
  });

  it('header: astral characters at 60 pass, 61 fail', () => {
    const at = variant((t) => (t.components[HEADER].text = `Order {{1}} ${ASTRAL.repeat(48)}`));
    const past = variant((t) => (t.components[HEADER].text = `Order {{1}} ${ASTRAL.repeat(49)}`));
    expect(codePointLength(at.components[HEADER].text)).toBe(60);
    expect(at.components[HEADER].text.length).toBe(108);
    expect(codes(check(at, profile))).toEqual([]);
    expect(codes(check(past, profile))).toEqual(['header.too_long']);
  });

  it('footer: emoji at 60 pass, 61 fail', () => {
    const at = variant((t) => (t.components[FOOTER].text = EMOJI.repeat(60)));
    const past = variant((t) => (t.components[FOOTER].text = EMOJI.repeat(61)));
    expect(codes(check(at, profile))).toEqual([]);
    expect(codes(check(past, profile))).toEqual(['footer.too_long']);
  });

  it('name: 512 passes, 513 fails', () => {
    expect(
      codes(
        check(
          variant((t) => (t.name = 'n'.repeat(512))),
          profile,
        ),
      ),
    ).toEqual([]);
    expect(
      codes(
        check(
          variant((t) => (t.name = 'n'.repeat(513))),
          profile,
        ),
      ),
    ).toEqual(['name.too_long']);
  });

  it('button text: 25 emoji pass, 26 fail', () => {
    expect(
      codes(check(withButtons([PHONE()].map((b) => ({ ...b, text: EMOJI.repeat(25) }))), profile)),
    ).toEqual([]);
    expect(
      codes(check(withButtons([PHONE()].map((b) => ({ ...b, text: EMOJI.repeat(26) }))), profile)),
    ).toEqual(['button.text_too_long']);
  });

  it('URL: 2000 characters pass, 2001 fail', () => {
    const prefix = 'https://www.example.com/';
    const url = (n: number) => prefix + 'p'.repeat(n - prefix.length);
    expect(codes(check(withButtons([URL_BTN(url(2000))]), profile))).toEqual([]);
    expect(codes(check(withButtons([URL_BTN(url(2001))]), profile))).toEqual(['button.url_invalid']);
  });

  it('header variables: 1 passes, 2 fail', () => {
    const two = variant((t) => {
      t.components[HEADER].text = 'Order {{1}} {{2}}';
      t.components[HEADER].example.header_text = ['a', 'b'];
    });
    expect(codes(check(two, profile))).toEqual(['header.too_many_variables']);
  });

  it('counts code points of the body text as written, variables included', () => {
    const body = (n: number) => `Hi {{1}}, ${EMOJI.repeat(n)} thanks a lot.`;
    const limit = limits.body ?? 0;
    expect(codePointLength(body(limit - 24))).toBe(limit);
    expect(codes(check(bodyOnly(body(limit - 24), { body_text: [['Ana']] }), profile))).toEqual([]);
    expect(codes(check(bodyOnly(body(limit - 23), { body_text: [['Ana']] }), profile))).toEqual([
      'body.too_long',
    ]);
  });
});

describe('button limits, strict profile', () => {
  const strict = (buttons: unknown[]) => codes(check(withButtons(buttons), 'strict'));

  it('3 quick replies pass, 4 fail', () => {
    expect(strict([QR(), QR(), QR()])).toEqual([]);
    expect(strict([QR(), QR(), QR(), QR()])).toEqual(['buttons.too_many', 'buttons.quick_reply_limit']);
  });
  it('2 call-to-action buttons pass, 3 fail', () => {
    expect(strict([URL_BTN(), PHONE()])).toEqual([]);
    expect(strict([URL_BTN(), PHONE(), COPY()])).toEqual(['buttons.cta_limit']);
  });
  it('1 URL passes, 2 fail', () => {
    expect(strict([URL_BTN()])).toEqual([]);
    expect(strict([URL_BTN(), URL_BTN()])).toEqual(['buttons.url_limit']);
  });
  it('1 phone passes, 2 fail', () => {
    expect(strict([PHONE()])).toEqual([]);
    expect(strict([PHONE(), PHONE()])).toEqual(['buttons.phone_limit']);
  });
  it('quick replies and call-to-action are never combined', () => {
    expect(strict([QR(), PHONE()])).toEqual(['buttons.mixed']);
  });
});

describe('button limits, meta profile', () => {
  const meta = (buttons: unknown[]) => codes(check(withButtons(buttons), 'meta'));
  const qrs = (n: number) => Array.from({ length: n }, (_, i) => QR(`Option ${i}`));

  it('10 buttons pass, 11 fail', () => {
    expect(meta([...qrs(7), URL_BTN(), URL_BTN(), PHONE()])).toEqual([]);
    expect(meta([...qrs(7), URL_BTN(), URL_BTN(), PHONE(), COPY()])).toEqual(['buttons.too_many']);
  });
  it('10 quick replies pass, 11 fail', () => {
    expect(meta(qrs(10))).toEqual([]);
    expect(meta(qrs(11))).toEqual(['buttons.too_many', 'buttons.quick_reply_limit']);
  });
  it('2 URL pass, 3 fail', () => {
    expect(meta([URL_BTN(), URL_BTN()])).toEqual([]);
    expect(meta([URL_BTN(), URL_BTN(), URL_BTN()])).toEqual(['buttons.url_limit']);
  });
  it('1 phone passes, 2 fail', () => {
    expect(meta([PHONE(), URL_BTN()])).toEqual([]);
    expect(meta([PHONE(), PHONE()])).toEqual(['buttons.phone_limit']);
  });
  it('1 copy code passes, 2 fail', () => {
    expect(meta([COPY(), URL_BTN()])).toEqual([]);
    expect(meta([COPY(), COPY()])).toEqual(['buttons.copy_code_limit']);
  });
  it('quick replies may be combined with call-to-action when grouped', () => {
    expect(meta([...qrs(3), URL_BTN(), PHONE()])).toEqual([]);
    expect(meta([URL_BTN(), PHONE(), ...qrs(3)])).toEqual([]);
    expect(meta([QR(), URL_BTN(), QR()])).toEqual(['buttons.not_grouped']);
  });
  it('call-to-action buttons have no separate total limit', () => {
    expect(meta([URL_BTN(), URL_BTN(), PHONE(), COPY()])).toEqual([]);
  });
});

describe('body limits are code points, not UTF-16 units', () => {
  it('a 1000-emoji body is 2000 UTF-16 units and still passes strict', () => {
    const t = bodyOnly(EMOJI.repeat(1000));
    expect(t.components[0].text.length).toBe(2000);
    expect(check(t, 'strict').valid).toBe(true);
  });
  it('the body limit counts the body text only (not the header or footer)', () => {
    const t = variant((t) => {
      t.components[BODY].text = `Hello {{1}}, your order {{2}} has shipped ${'z'.repeat(957)}.`;
    });
    expect(codePointLength(t.components[BODY].text)).toBe(1000);
    expect(codes(check(t, 'strict'))).toEqual([]);
  });
});
