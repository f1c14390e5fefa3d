/**
 * The carousel and authentication rules, issue by issue: each broken variant must report exactly these issues
 * (code, path and message), nothing more. test/templates/rules.test.ts checks that a code appears; these pin
 * the whole answer, so a rule that reports the wrong place, an extra issue, a wrong limit or an unhelpful
 * message fails here. Rules: https://developers.facebook.com/docs/whatsapp/business-management-api/authentication-templates
 * and .../message-templates/media-card-carousel-templates, .../product-card-carousel-templates.
 */
import { describe, expect, it } from 'vitest';
import { validateTemplate } from '../../src/templates/index.js';
import {
  authCopyCode,
  authOneTap,
  authOneTapSupportedApps,
  mediaCarousel,
  productCarousel,
} from './meta-examples.js';

type Json = any;
const clone = (v: unknown): Json => structuredClone(v) as Json;
const errors = (t: unknown) =>
  validateTemplate(t, { profile: 'meta' })
    .issues.filter((i) => i.severity === 'error')
    .map((i) => `${i.code} @${i.path.join('.')}: ${i.message}`);
const broken = (base: unknown, breakIt: (t: Json) => unknown) => {
  const t = clone(base);
  breakIt(t);
  return errors(t);
};
const app = (package_name: unknown, signature_hash: unknown = 'K8a/AINcGX7') => ({
  package_name,
  signature_hash,
});
const oneTap = (fields: Record<string, unknown>) =>
  broken(authOneTap, (t) => {
    t.components[2].buttons[0] = { type: 'otp', otp_type: 'one_tap', ...fields };
  });

describe('authentication rules, exactly', () => {
  it('accepts the documented forms and the edges of each range', () => {
    expect(errors(authCopyCode)).toEqual([]);
    expect(errors(authOneTapSupportedApps)).toEqual([]);
    for (const minutes of [1, 90]) {
      expect(broken(authCopyCode, (t) => (t.components[1].code_expiration_minutes = minutes))).toEqual([]);
    }
    expect(broken(authCopyCode, (t) => (t.components[0].add_security_recommendation = false))).toEqual([]);
    expect(broken(authCopyCode, (t) => delete t.components[0].add_security_recommendation)).toEqual([]);
    expect(broken(authCopyCode, (t) => t.components.splice(0, 2))).toEqual([]);
    // A footer without code_expiration_minutes is the footer without the expiry line.
    expect(broken(authCopyCode, (t) => delete t.components[1].code_expiration_minutes)).toEqual([]);
    expect(broken(authCopyCode, (t) => (t.components[2].buttons[0].text = 'A'.repeat(25)))).toEqual([]);
    expect(oneTap({ ...app('a.b'), autofill_text: 'B'.repeat(25) })).toEqual([]);
    expect(oneTap(app(`c.${'d'.repeat(222)}`, 'ab+/=AB0123'))).toEqual([]);
    expect(oneTap({ supported_apps: Array.from({ length: 5 }, () => app('com.x_1.Y')) })).toEqual([]);
    // Copy-code buttons name no app.
    expect(
      broken(authCopyCode, (t) => (t.components[2].buttons[0] = { type: 'otp', otp_type: 'copy_code' })),
    ).toEqual([]);
  });

  it('refuses a header, and body or footer text of the business own', () => {
    expect(
      broken(authCopyCode, (t) => {
        t.components.unshift({ type: 'header', format: 'text', text: 'Hi' });
        t.components[1].text = '{{1}} is your code.';
        t.components[2].text = 'Thanks';
      }),
    ).toMatchInlineSnapshot(`
      [
        "authentication.header_not_allowed @components.0: AUTHENTICATION templates have no header (Meta fixes their text; media, URLs and emoji are not supported). Remove the HEADER component.",
        "authentication.custom_text @components.1.text: AUTHENTICATION templates carry no body text of your own: Meta writes "<code> is your verification code." itself. Remove text and set add_security_recommendation if you want the security line.",
        "authentication.custom_text @components.2.text: AUTHENTICATION templates carry no footer text of your own; use code_expiration_minutes for the expiry line.",
      ]
    `);
  });

  it('checks add_security_recommendation and code_expiration_minutes', () => {
    expect(
      broken(authCopyCode, (t) => (t.components[0].add_security_recommendation = 'yes')),
    ).toMatchInlineSnapshot(`
      [
        "authentication.security_recommendation @components.0.add_security_recommendation: add_security_recommendation must be true or false, got a string.",
      ]
    `);
    expect(
      [0, 91, 1.5, '10', null].map((m) =>
        broken(authCopyCode, (t) => (t.components[1].code_expiration_minutes = m)),
      ),
    ).toMatchInlineSnapshot(`
      [
        [
          "authentication.code_expiration @components.1.code_expiration_minutes: code_expiration_minutes must be a whole number of minutes from 1 to 90, got 0.",
        ],
        [
          "authentication.code_expiration @components.1.code_expiration_minutes: code_expiration_minutes must be a whole number of minutes from 1 to 90, got 91.",
        ],
        [
          "authentication.code_expiration @components.1.code_expiration_minutes: code_expiration_minutes must be a whole number of minutes from 1 to 90, got 1.5.",
        ],
        [
          "authentication.code_expiration @components.1.code_expiration_minutes: code_expiration_minutes must be a whole number of minutes from 1 to 90, got a string.",
        ],
        [
          "authentication.code_expiration @components.1.code_expiration_minutes: code_expiration_minutes must be a whole number of minutes from 1 to 90, got null.",
        ],
      ]
    `);
  });

  it('needs exactly one button, of type OTP', () => {
    expect(broken(authCopyCode, (t) => t.components.pop())).toMatchInlineSnapshot(`
      [
        "authentication.otp_button @components: An AUTHENTICATION template needs a BUTTONS component with one OTP button: { type: "BUTTONS", buttons: [{ type: "OTP", otp_type: "COPY_CODE" }] }.",
      ]
    `);
    expect(broken(authCopyCode, (t) => (t.components[2].buttons = []))).toMatchInlineSnapshot(`
      [
        "template.malformed @components.2.buttons: BUTTONS needs a non-empty buttons array, got an empty array; remove the component if there are no buttons.",
        "authentication.otp_button @components.2.buttons: An AUTHENTICATION template needs a BUTTONS component with one OTP button: { type: "BUTTONS", buttons: [{ type: "OTP", otp_type: "COPY_CODE" }] }.",
      ]
    `);
    expect(broken(authCopyCode, (t) => (t.components[2].buttons = 'OTP'))).toMatchInlineSnapshot(`
      [
        "template.malformed @components.2.buttons: BUTTONS needs a non-empty buttons array, got a string; remove the component if there are no buttons.",
        "authentication.otp_button @components.2.buttons: An AUTHENTICATION template needs a BUTTONS component with one OTP button: { type: "BUTTONS", buttons: [{ type: "OTP", otp_type: "COPY_CODE" }] }.",
      ]
    `);
    expect(
      broken(authCopyCode, (t) => t.components[2].buttons.push({ type: 'quick_reply', text: 'No' }, 'x', {})),
    ).toMatchInlineSnapshot(`
      [
        "template.malformed @components.2.buttons.2: Button 2 must be an object, got a string.",
        "button.text_required @components.2.buttons.3.text: Button 3 (no type) needs a text label.",
        "template.malformed @components.2.buttons.3.type: Button 3 needs a type, e.g. QUICK_REPLY or URL.",
        "buttons.not_grouped @components.2.buttons: Buttons must be grouped: all QUICK_REPLY buttons together and all call-to-action buttons together, with no interleaving (got OTP, QUICK_REPLY, INVALID, ). Reorder them, e.g. quick replies first.",
        "authentication.otp_button @components.2.buttons: An AUTHENTICATION template has exactly one button, of type OTP; got OTP, quick_reply, a string, ?.",
      ]
    `);
    expect(
      broken(authCopyCode, (t) => t.components[2].buttons.push({ type: 'otp', otp_type: 'copy_code' })),
    ).toMatchInlineSnapshot(`
      [
        "authentication.otp_button @components.2.buttons: An AUTHENTICATION template has exactly one button, of type OTP; got OTP, otp.",
      ]
    `);
    expect(
      broken(
        authCopyCode,
        (t) => (t.components[2].buttons = [{ type: 'url', text: 'Go', url: 'https://a.b' }]),
      ),
    ).toMatchInlineSnapshot(`
      [
        "authentication.otp_button @components.2.buttons: An AUTHENTICATION template has exactly one button, of type OTP; got url.",
      ]
    `);
  });

  it('checks otp_type and the button texts', () => {
    expect(oneTap({ otp_type: undefined })).toMatchInlineSnapshot(`
      [
        "authentication.otp_button @components.2.buttons.0.otp_type: OTP button otp_type is missing; use COPY_CODE, ONE_TAP or ZERO_TAP.",
      ]
    `);
    expect(oneTap({ otp_type: 'two_tap', text: '' })).toMatchInlineSnapshot(`
      [
        "authentication.otp_button @components.2.buttons.0.otp_type: OTP button otp_type "two_tap" is unknown; use COPY_CODE, ONE_TAP or ZERO_TAP.",
      ]
    `);
    expect(oneTap({ ...app('com.a.b'), text: '  ', autofill_text: 7 })).toMatchInlineSnapshot(`
      [
        "button.text_required @components.2.buttons.0.text: OTP button text must be non-empty text or left out.",
        "button.text_required @components.2.buttons.0.autofill_text: OTP button autofill_text must be non-empty text or left out.",
      ]
    `);
    expect(oneTap({ ...app('com.a.b'), text: 'T'.repeat(26), autofill_text: '' })).toMatchInlineSnapshot(`
      [
        "button.text_too_long @components.2.buttons.0.text: Button 0 text is 26 characters; the limit is 25.",
        "button.text_too_long @components.2.buttons.0.text: OTP button text is 26 characters; the limit is 25.",
        "button.text_required @components.2.buttons.0.autofill_text: OTP button autofill_text must be non-empty text or left out.",
      ]
    `);
  });

  it('names the Android app of one-tap and zero-tap buttons', () => {
    expect(oneTap({})).toMatchInlineSnapshot(`
      [
        "authentication.app_required @components.2.buttons.0.package_name: package_name is missing; give the app's package name, e.g. "com.example.luckyshrub" (two or more dot-separated segments, each starting with a letter, at most 224 characters).",
        "authentication.app_required @components.2.buttons.0.signature_hash: signature_hash is missing; give the 11-character hash of your app signing key (e.g. "K8a/AINcGX7").",
      ]
    `);
    expect(
      ['com', '1com.a', 'com.1a', 'com..a', 'com.a b', `c.${'d'.repeat(223)}`].map((p) => oneTap(app(p))),
    ).toMatchInlineSnapshot(`
      [
        [
          "authentication.app_required @components.2.buttons.0.package_name: package_name "com" is not an Android package name; give the app's package name, e.g. "com.example.luckyshrub" (two or more dot-separated segments, each starting with a letter, at most 224 characters).",
        ],
        [
          "authentication.app_required @components.2.buttons.0.package_name: package_name "1com.a" is not an Android package name; give the app's package name, e.g. "com.example.luckyshrub" (two or more dot-separated segments, each starting with a letter, at most 224 characters).",
        ],
        [
          "authentication.app_required @components.2.buttons.0.package_name: package_name "com.1a" is not an Android package name; give the app's package name, e.g. "com.example.luckyshrub" (two or more dot-separated segments, each starting with a letter, at most 224 characters).",
        ],
        [
          "authentication.app_required @components.2.buttons.0.package_name: package_name "com..a" is not an Android package name; give the app's package name, e.g. "com.example.luckyshrub" (two or more dot-separated segments, each starting with a letter, at most 224 characters).",
        ],
        [
          "authentication.app_required @components.2.buttons.0.package_name: package_name "com.a b" is not an Android package name; give the app's package name, e.g. "com.example.luckyshrub" (two or more dot-separated segments, each starting with a letter, at most 224 characters).",
        ],
        [
          "authentication.app_required @components.2.buttons.0.package_name: package_name "c.ddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd" is not an Android package name; give the app's package name, e.g. "com.example.luckyshrub" (two or more dot-separated segments, each starting with a letter, at most 224 characters).",
        ],
      ]
    `);
    expect(
      ['K8a/AINcGX', 'K8a/AINcGX77', 'K8a-AINcGX7', 7].map((h) => oneTap(app('com.a.b', h))),
    ).toMatchInlineSnapshot(`
      [
        [
          "authentication.app_required @components.2.buttons.0.signature_hash: signature_hash is not 11 characters of the app signing key hash; give the 11-character hash of your app signing key (e.g. "K8a/AINcGX7").",
        ],
        [
          "authentication.app_required @components.2.buttons.0.signature_hash: signature_hash is not 11 characters of the app signing key hash; give the 11-character hash of your app signing key (e.g. "K8a/AINcGX7").",
        ],
        [
          "authentication.app_required @components.2.buttons.0.signature_hash: signature_hash is not 11 characters of the app signing key hash; give the 11-character hash of your app signing key (e.g. "K8a/AINcGX7").",
        ],
        [
          "authentication.app_required @components.2.buttons.0.signature_hash: signature_hash is missing; give the 11-character hash of your app signing key (e.g. "K8a/AINcGX7").",
        ],
      ]
    `);
  });

  it('checks supported_apps', () => {
    expect(oneTap({ supported_apps: [] })).toMatchInlineSnapshot(`
      [
        "authentication.app_required @components.2.buttons.0.supported_apps: supported_apps must list 1 to 5 apps as { package_name, signature_hash }, got 0 entries.",
      ]
    `);
    expect(
      oneTap({ supported_apps: Array.from({ length: 6 }, () => app('com.a.b')) }),
    ).toMatchInlineSnapshot(`
      [
        "authentication.app_required @components.2.buttons.0.supported_apps: supported_apps must list 1 to 5 apps as { package_name, signature_hash }, got 6 entries.",
      ]
    `);
    expect(oneTap({ supported_apps: 'com.a.b' })).toMatchInlineSnapshot(`
      [
        "authentication.app_required @components.2.buttons.0.supported_apps: supported_apps must list 1 to 5 apps as { package_name, signature_hash }, got a string.",
      ]
    `);
    expect(oneTap({ supported_apps: ['com.a.b', app('com.a.b', 'short')] })).toMatchInlineSnapshot(`
      [
        "template.malformed @components.2.buttons.0.supported_apps.0: supported_apps[0] must be an object { package_name, signature_hash }, got a string.",
        "authentication.app_required @components.2.buttons.0.supported_apps.1.signature_hash: signature_hash is not 11 characters of the app signing key hash; give the 11-character hash of your app signing key (e.g. "K8a/AINcGX7").",
      ]
    `);
    // supported_apps replaces the button's own package_name / signature_hash.
    expect(oneTap({ supported_apps: [app('com.a.b')], package_name: 'bad' })).toEqual([]);
  });

  it('needs zero-tap terms accepted, as the boolean true', () => {
    expect(
      [undefined, 'true', false].map((accepted) =>
        broken(authOneTap, (t) => {
          Object.assign(t.components[2].buttons[0], {
            otp_type: 'zero_tap',
            zero_tap_terms_accepted: accepted,
          });
        }),
      ),
    ).toMatchInlineSnapshot(`
      [
        [
          "authentication.zero_tap_terms @components.2.buttons.0.zero_tap_terms_accepted: A ZERO_TAP button needs zero_tap_terms_accepted: true (you accept Meta's zero-tap terms of service).",
        ],
        [
          "authentication.zero_tap_terms @components.2.buttons.0.zero_tap_terms_accepted: A ZERO_TAP button needs zero_tap_terms_accepted: true (you accept Meta's zero-tap terms of service).",
        ],
        [
          "authentication.zero_tap_terms @components.2.buttons.0.zero_tap_terms_accepted: A ZERO_TAP button needs zero_tap_terms_accepted: true (you accept Meta's zero-tap terms of service).",
        ],
      ]
    `);
    expect(
      broken(authOneTap, (t) => {
        Object.assign(t.components[2].buttons[0], { otp_type: 'ZERO_TAP', zero_tap_terms_accepted: true });
      }),
    ).toEqual([]);
  });
});

const cards = (t: Json) => t.components[1].cards as Json[];

describe('carousel rules, exactly', () => {
  it('accepts 2 and 10 cards, lower-case formats, a 160-character card body and product cards', () => {
    expect(errors(mediaCarousel)).toEqual([]);
    expect(errors(productCarousel)).toEqual([]);
    expect(
      broken(mediaCarousel, (t) => (t.components[1].cards = Array.from({ length: 10 }, () => cards(t)[0]))),
    ).toEqual([]);
    expect(
      broken(mediaCarousel, (t) => {
        for (const c of cards(t)) {
          c.components[0].format = 'VIDEO';
          c.components[1].text = `{{1}} {{2}} ${'🍋'.repeat(160 - 12)}`;
        }
      }),
    ).toEqual([]);
    expect(
      broken(productCarousel, (t) => {
        for (const c of cards(t))
          c.components[1].buttons.push({ type: 'url', text: 'Shop', url: 'https://a.example/x' });
      }),
    ).toEqual([]);
    // A carousel without a CAROUSEL component is not checked by these rules.
    expect(broken(mediaCarousel, (t) => t.components.pop())).toEqual([]);
  });

  it('refuses top-level header, footer and buttons, and a cards value that is not an array', () => {
    expect(
      broken(mediaCarousel, (t) => {
        t.components.unshift({ type: 'header', format: 'text', text: 'Hi' });
        t.components.push(
          { type: 'footer', text: 'Bye' },
          { type: 'buttons', buttons: [{ type: 'quick_reply', text: 'A' }] },
        );
      }),
    ).toMatchInlineSnapshot(`
      [
        "carousel.top_level_component @components.0: A carousel template has a body and cards only; its HEADER belongs inside the cards (or is not supported). Remove it.",
        "carousel.top_level_component @components.3: A carousel template has a body and cards only; its FOOTER belongs inside the cards (or is not supported). Remove it.",
        "carousel.top_level_component @components.4: A carousel template has a body and cards only; its BUTTONS belongs inside the cards (or is not supported). Remove it.",
      ]
    `);
    expect(broken(mediaCarousel, (t) => (t.components[1].cards = { 0: {} }))).toMatchInlineSnapshot(`
      [
        "template.malformed @components.1.cards: CAROUSEL needs a cards array, got an object.",
      ]
    `);
  });

  it('counts 2 to 10 cards', () => {
    expect(broken(mediaCarousel, (t) => cards(t).pop())).toMatchInlineSnapshot(`
      [
        "carousel.cards_count @components.1.cards: A carousel has 2 to 10 cards; got 1.",
      ]
    `);
    expect(broken(mediaCarousel, (t) => (t.components[1].cards = []))).toMatchInlineSnapshot(`
      [
        "carousel.cards_count @components.1.cards: A carousel has 2 to 10 cards; got 0.",
      ]
    `);
    expect(
      broken(mediaCarousel, (t) => (t.components[1].cards = Array.from({ length: 11 }, () => cards(t)[0]))),
    ).toMatchInlineSnapshot(`
      [
        "carousel.cards_count @components.1.cards: A carousel has 2 to 10 cards; got 11.",
      ]
    `);
  });

  it('checks each card is an object with components, a media or product header and only card components', () => {
    expect(broken(mediaCarousel, (t) => (cards(t)[0] = 'card'))).toMatchInlineSnapshot(`
      [
        "template.malformed @components.1.cards.0: A carousel card is { components: [HEADER, BODY?, BUTTONS?] }, got a string.",
      ]
    `);
    expect(broken(mediaCarousel, (t) => (cards(t)[1] = { components: 'x' }))).toMatchInlineSnapshot(`
      [
        "template.malformed @components.1.cards.1: A carousel card is { components: [HEADER, BODY?, BUTTONS?] }, got an object.",
      ]
    `);
    expect(broken(mediaCarousel, (t) => cards(t)[0].components.shift())).toMatchInlineSnapshot(`
      [
        "carousel.header_format @components.1.cards.0.components: Each carousel card needs a HEADER of format IMAGE or VIDEO (media cards) or PRODUCT (product cards).",
      ]
    `);
    expect(broken(mediaCarousel, (t) => delete cards(t)[0].components[0].format)).toMatchInlineSnapshot(`
      [
        "carousel.header_format @components.1.cards.0.components.0.format: Each carousel card needs a HEADER of format IMAGE or VIDEO (media cards) or PRODUCT (product cards).",
      ]
    `);
    expect(
      broken(mediaCarousel, (t) => (cards(t)[0].components[0].format = 'document')),
    ).toMatchInlineSnapshot(`
      [
        "carousel.header_format @components.1.cards.0.components.0.format: Each carousel card needs a HEADER of format IMAGE or VIDEO (media cards) or PRODUCT (product cards); got DOCUMENT.",
        "carousel.header_format @components.1.cards.1: Every card has the same header format; card 1 is IMAGE but the first card is DOCUMENT.",
      ]
    `);
    expect(broken(mediaCarousel, (t) => delete cards(t)[1].components[0].example)).toMatchInlineSnapshot(`
      [
        "example.missing @components.1.cards.1.components.0.example.header_handle: Card IMAGE header needs a sample in example.header_handle (a handle from Meta's Resumable Upload API).",
      ]
    `);
    expect(
      broken(mediaCarousel, (t) => {
        for (const c of cards(t)) c.components.push({ type: 'footer', text: 'x' });
        cards(t)[1].components.push({ text: 'untyped' });
      }),
    ).toMatchInlineSnapshot(`
      [
        "carousel.top_level_component @components.1.cards.0.components.3.type: A carousel card holds HEADER, BODY and BUTTONS only; remove the FOOTER component.",
        "carousel.top_level_component @components.1.cards.1.components.3.type: A carousel card holds HEADER, BODY and BUTTONS only; remove the FOOTER component.",
        "carousel.top_level_component @components.1.cards.1.components.4.type: A carousel card holds HEADER, BODY and BUTTONS only; remove the untyped component.",
      ]
    `);
  });

  it('checks card bodies: text, length, variables and their example', () => {
    const body = (text: unknown, example?: unknown) =>
      broken(mediaCarousel, (t) => {
        for (const c of cards(t)) {
          c.components[1].text = text;
          if (example === undefined) delete c.components[1].example;
          else c.components[1].example = example;
        }
      });
    expect([undefined, '', '   '].map((text) => body(text))).toMatchInlineSnapshot(`
      [
        [
          "template.malformed @components.1.cards.0.components.1.text: A card BODY needs text (or leave the card body out).",
          "template.malformed @components.1.cards.1.components.1.text: A card BODY needs text (or leave the card body out).",
        ],
        [
          "template.malformed @components.1.cards.0.components.1.text: A card BODY needs text (or leave the card body out).",
          "template.malformed @components.1.cards.1.components.1.text: A card BODY needs text (or leave the card body out).",
        ],
        [
          "template.malformed @components.1.cards.0.components.1.text: A card BODY needs text (or leave the card body out).",
          "template.malformed @components.1.cards.1.components.1.text: A card BODY needs text (or leave the card body out).",
        ],
      ]
    `);
    expect(body(`${'🍋'.repeat(161)}`)).toMatchInlineSnapshot(`
      [
        "carousel.card_body_too_long @components.1.cards.0.components.1.text: Card body is 161 characters; carousel cards allow 160. Shorten it.",
        "carousel.card_body_too_long @components.1.cards.1.components.1.text: Card body is 161 characters; carousel cards allow 160. Shorten it.",
      ]
    `);
    expect(body('Fresh {{1}')).toMatchInlineSnapshot(`
      [
        "variable.malformed @components.1.cards.0.components.1.text: Card body: "{{1}" is not a well-formed variable; write {{1}}, {{2}}, ... (or {{name}}).",
        "variable.malformed @components.1.cards.1.components.1.text: Card body: "{{1}" is not a well-formed variable; write {{1}}, {{2}}, ... (or {{name}}).",
      ]
    `);
    expect(body('Fresh {{#1}}')).toMatchInlineSnapshot(`
      [
        "variable.special_characters @components.1.cards.0.components.1.text: Card body: "{{#1}}" is not a well-formed variable; write {{1}}, {{2}}, ... (or {{name}}).",
        "variable.special_characters @components.1.cards.1.components.1.text: Card body: "{{#1}}" is not a well-formed variable; write {{1}}, {{2}}, ... (or {{name}}).",
      ]
    `);
    expect(body('Fresh {{first-name}}')).toMatchInlineSnapshot(`
      [
        "variable.malformed @components.1.cards.0.components.1.text: Card body: "{{first-name}}" is not a well-formed variable; write {{1}}, {{2}}, ... (or {{name}}).",
        "variable.malformed @components.1.cards.1.components.1.text: Card body: "{{first-name}}" is not a well-formed variable; write {{1}}, {{2}}, ... (or {{name}}).",
      ]
    `);
    expect(body('Fresh {{1}}')).toMatchInlineSnapshot(`
      [
        "example.missing @components.1.cards.0.components.1.example: Card body has 1 variable but no example; give example.body_text: [["..."]] with one value per variable.",
        "example.missing @components.1.cards.1.components.1.example: Card body has 1 variable but no example; give example.body_text: [["..."]] with one value per variable.",
      ]
    `);
    expect(body('Fresh {{1}} and {{2}}', 'x')).toMatchInlineSnapshot(`
      [
        "example.missing @components.1.cards.0.components.1.example: Card body has 2 variables but no example; give example.body_text: [["..."]] with one value per variable.",
        "example.missing @components.1.cards.1.components.1.example: Card body has 2 variables but no example; give example.body_text: [["..."]] with one value per variable.",
      ]
    `);
    expect(body('Fresh {{1}} and {{1}}', { body_text: [['a', 'b']] })).toMatchInlineSnapshot(`
      [
        "example.count_mismatch @components.1.cards.0.components.1.example: Card body has 1 variable but 2 example values; give exactly one per variable.",
        "example.count_mismatch @components.1.cards.1.components.1.example: Card body has 1 variable but 2 example values; give exactly one per variable.",
      ]
    `);
    expect(body('Fresh {{1}} and {{2}}', { body_text: [['a']] })).toMatchInlineSnapshot(`
      [
        "example.count_mismatch @components.1.cards.0.components.1.example: Card body has 2 variables but 1 example value; give exactly one per variable.",
        "example.count_mismatch @components.1.cards.1.components.1.example: Card body has 2 variables but 1 example value; give exactly one per variable.",
      ]
    `);
    expect(body('Fresh {{1}} and {{2}}', { body_text: ['a'] })).toMatchInlineSnapshot(`
      [
        "example.missing @components.1.cards.0.components.1.example: Card body has 2 variables but no example; give example.body_text: [["..."]] with one value per variable.",
        "example.missing @components.1.cards.1.components.1.example: Card body has 2 variables but no example; give example.body_text: [["..."]] with one value per variable.",
      ]
    `);
    expect(
      body('Fresh {{fruit}}', { body_text_named_params: [{ param_name: 'fruit', example: 'lemon' }] }),
    ).toEqual([]);
    expect(body('Fresh {{fruit}}', { body_text_named_params: [] })).toMatchInlineSnapshot(`
      [
        "example.count_mismatch @components.1.cards.0.components.1.example: Card body has 1 variable but 0 example values; give exactly one per variable.",
        "example.count_mismatch @components.1.cards.1.components.1.example: Card body has 1 variable but 0 example values; give exactly one per variable.",
      ]
    `);
    expect(body('No variables at all')).toEqual([]);
  });

  it('checks card buttons: count, types per card kind, texts and URLs', () => {
    const buttons = (list: unknown, base: unknown = mediaCarousel) =>
      broken(base, (t) => {
        for (const c of cards(t)) c.components[c.components.length - 1].buttons = structuredClone(list);
      });
    expect(buttons([])).toMatchInlineSnapshot(`
      [
        "template.malformed @components.1.cards.0.components.2.buttons: A card BUTTONS component needs a non-empty buttons array (or leave it out).",
        "template.malformed @components.1.cards.1.components.2.buttons: A card BUTTONS component needs a non-empty buttons array (or leave it out).",
      ]
    `);
    expect(buttons({ type: 'quick_reply' })).toMatchInlineSnapshot(`
      [
        "template.malformed @components.1.cards.0.components.2.buttons: A card BUTTONS component needs a non-empty buttons array (or leave it out).",
        "template.malformed @components.1.cards.1.components.2.buttons: A card BUTTONS component needs a non-empty buttons array (or leave it out).",
      ]
    `);
    expect(
      buttons([
        { type: 'quick_reply', text: 'A' },
        { type: 'quick_reply', text: 'B' },
        { type: 'phone_number', text: 'C', phone_number: '+15550001111' },
      ]),
    ).toMatchInlineSnapshot(`
      [
        "carousel.card_buttons @components.1.cards.0.components.2.buttons: A card has at most 2 buttons; got 3.",
        "carousel.card_buttons @components.1.cards.1.components.2.buttons: A card has at most 2 buttons; got 3.",
      ]
    `);
    expect(buttons(['x', { text: 'No type' }])).toMatchInlineSnapshot(`
      [
        "carousel.card_buttons @components.1.cards.0.components.2.buttons.0.type: A media card button is QUICK_REPLY, URL, PHONE_NUMBER; got a string.",
        "button.text_required @components.1.cards.0.components.2.buttons.0.text: Card button 0 needs a text label.",
        "carousel.card_buttons @components.1.cards.0.components.2.buttons.1.type: A media card button is QUICK_REPLY, URL, PHONE_NUMBER; got an object.",
        "carousel.card_buttons @components.1.cards.1.components.2.buttons.0.type: A media card button is QUICK_REPLY, URL, PHONE_NUMBER; got a string.",
        "button.text_required @components.1.cards.1.components.2.buttons.0.text: Card button 0 needs a text label.",
        "carousel.card_buttons @components.1.cards.1.components.2.buttons.1.type: A media card button is QUICK_REPLY, URL, PHONE_NUMBER; got an object.",
      ]
    `);
    expect(buttons([{ type: 'spm', text: 'View' }])).toMatchInlineSnapshot(`
      [
        "carousel.card_buttons @components.1.cards.0.components.2.buttons.0.type: A media card button is QUICK_REPLY, URL, PHONE_NUMBER; got SPM.",
        "carousel.card_buttons @components.1.cards.1.components.2.buttons.0.type: A media card button is QUICK_REPLY, URL, PHONE_NUMBER; got SPM.",
      ]
    `);
    expect(buttons([{ type: 'quick_reply', text: 'View' }], productCarousel)).toMatchInlineSnapshot(`
      [
        "carousel.card_buttons @components.1.cards.0.components.1.buttons.0.type: A product card button is SPM, URL; got QUICK_REPLY.",
        "carousel.card_buttons @components.1.cards.1.components.1.buttons.0.type: A product card button is SPM, URL; got QUICK_REPLY.",
      ]
    `);
    expect(buttons([{ type: 'quick_reply' }, { type: 'quick_reply', text: ' ' }])).toMatchInlineSnapshot(`
      [
        "button.text_required @components.1.cards.0.components.2.buttons.0.text: Card button 0 needs a text label.",
        "button.text_required @components.1.cards.0.components.2.buttons.1.text: Card button 1 needs a text label.",
        "button.text_required @components.1.cards.1.components.2.buttons.0.text: Card button 0 needs a text label.",
        "button.text_required @components.1.cards.1.components.2.buttons.1.text: Card button 1 needs a text label.",
      ]
    `);
    expect(buttons([{ type: 'quick_reply', text: 'T'.repeat(26) }])).toMatchInlineSnapshot(`
      [
        "button.text_too_long @components.1.cards.0.components.2.buttons.0.text: Card button 0 text is 26 characters; the limit is 25.",
        "button.text_too_long @components.1.cards.1.components.2.buttons.0.text: Card button 0 text is 26 characters; the limit is 25.",
      ]
    `);
    expect(buttons([{ type: 'quick_reply', text: 'T'.repeat(25) }])).toEqual([]);
    expect(
      ['http://www.luckyshrub.com/x', 'https://localhost/x', 'https:// a.b', undefined, 7].map((url) =>
        buttons([{ type: 'url', text: 'Go', url }]),
      ),
    ).toMatchInlineSnapshot(`
      [
        [
          "button.url_invalid @components.1.cards.0.components.2.buttons.0.url: Card button 0 needs an https url, e.g. "https://www.example.com/shop?promo={{1}}".",
          "button.url_invalid @components.1.cards.1.components.2.buttons.0.url: Card button 0 needs an https url, e.g. "https://www.example.com/shop?promo={{1}}".",
        ],
        [
          "button.url_invalid @components.1.cards.0.components.2.buttons.0.url: Card button 0 needs an https url, e.g. "https://www.example.com/shop?promo={{1}}".",
          "button.url_invalid @components.1.cards.1.components.2.buttons.0.url: Card button 0 needs an https url, e.g. "https://www.example.com/shop?promo={{1}}".",
        ],
        [
          "button.url_invalid @components.1.cards.0.components.2.buttons.0.url: Card button 0 needs an https url, e.g. "https://www.example.com/shop?promo={{1}}".",
          "button.url_invalid @components.1.cards.1.components.2.buttons.0.url: Card button 0 needs an https url, e.g. "https://www.example.com/shop?promo={{1}}".",
        ],
        [
          "button.url_invalid @components.1.cards.0.components.2.buttons.0.url: Card button 0 needs an https url, e.g. "https://www.example.com/shop?promo={{1}}".",
          "button.url_invalid @components.1.cards.1.components.2.buttons.0.url: Card button 0 needs an https url, e.g. "https://www.example.com/shop?promo={{1}}".",
        ],
        [
          "button.url_invalid @components.1.cards.0.components.2.buttons.0.url: Card button 0 needs an https url, e.g. "https://www.example.com/shop?promo={{1}}".",
          "button.url_invalid @components.1.cards.1.components.2.buttons.0.url: Card button 0 needs an https url, e.g. "https://www.example.com/shop?promo={{1}}".",
        ],
      ]
    `);
    expect(buttons([{ type: 'URL', text: 'Go', url: 'https://a.b' }])).toEqual([]);
    // The URL must start with https://, not merely contain one.
    expect(buttons([{ type: 'url', text: 'Go', url: 'see https://www.luckyshrub.com/x' }])).toHaveLength(2);
  });

  it('needs every card to match the first: header format, body, buttons in order', () => {
    expect(broken(mediaCarousel, (t) => (cards(t)[1].components[0].format = 'video'))).toMatchInlineSnapshot(`
      [
        "carousel.header_format @components.1.cards.1: Every card has the same header format; card 1 is VIDEO but the first card is IMAGE.",
      ]
    `);
    expect(broken(mediaCarousel, (t) => cards(t)[1].components.splice(1, 1))).toMatchInlineSnapshot(`
      [
        "carousel.cards_mismatch @components.1.cards.1: Every card has the same components and buttons; card 1 has no body and buttons [QUICK_REPLY, URL], the first card a body and [QUICK_REPLY, URL].",
      ]
    `);
    expect(broken(mediaCarousel, (t) => cards(t)[0].components.splice(1, 1))).toMatchInlineSnapshot(`
      [
        "carousel.cards_mismatch @components.1.cards.1: Every card has the same components and buttons; card 1 has a body and buttons [QUICK_REPLY, URL], the first card no body and [QUICK_REPLY, URL].",
      ]
    `);
    expect(broken(mediaCarousel, (t) => cards(t)[1].components[2].buttons.reverse())).toMatchInlineSnapshot(`
      [
        "carousel.cards_mismatch @components.1.cards.1: Every card has the same components and buttons; card 1 has a body and buttons [URL, QUICK_REPLY], the first card a body and [QUICK_REPLY, URL].",
      ]
    `);
    // An empty buttons list is malformed, and compares as no buttons at all.
    expect(
      broken(mediaCarousel, (t) => {
        cards(t)[0].components[2].buttons = [];
        cards(t)[1].components.pop();
      }),
    ).toEqual([
      'template.malformed @components.1.cards.0.components.2.buttons: A card BUTTONS component needs a non-empty buttons array (or leave it out).',
    ]);
    expect(broken(mediaCarousel, (t) => cards(t)[1].components.pop())).toMatchInlineSnapshot(`
      [
        "carousel.cards_mismatch @components.1.cards.1: Every card has the same components and buttons; card 1 has a body and buttons [], the first card a body and [QUICK_REPLY, URL].",
      ]
    `);
    // The first well-formed card is the reference; a malformed card is reported once, not compared.
    expect(
      broken(mediaCarousel, (t) => {
        cards(t).unshift('bad');
        cards(t)[2].components[0].format = 'video';
      }),
    ).toMatchInlineSnapshot(`
      [
        "template.malformed @components.1.cards.0: A carousel card is { components: [HEADER, BODY?, BUTTONS?] }, got a string.",
        "carousel.header_format @components.1.cards.2: Every card has the same header format; card 2 is VIDEO but the first card is IMAGE.",
      ]
    `);
    // A card without a usable header format is reported once, not as a format mismatch too.
    expect(broken(mediaCarousel, (t) => (cards(t)[1].components[0].format = 7))).toMatchInlineSnapshot(`
      [
        "carousel.header_format @components.1.cards.1.components.0.format: Each carousel card needs a HEADER of format IMAGE or VIDEO (media cards) or PRODUCT (product cards).",
      ]
    `);
    expect(broken(mediaCarousel, (t) => (cards(t)[0].components[0].format = 7))).toMatchInlineSnapshot(`
      [
        "carousel.header_format @components.1.cards.0.components.0.format: Each carousel card needs a HEADER of format IMAGE or VIDEO (media cards) or PRODUCT (product cards).",
      ]
    `);
  });
});
