import { describe, expect, it } from 'vitest';
import { ConfigError, isWhatsAppError, TemplateError } from '../../src/core/errors.js';
import {
  assertValidTemplate,
  TEMPLATE_ISSUE_CODES,
  TEMPLATE_LANGUAGES,
  TEMPLATE_PROFILES,
  type TemplateIssueCode,
  type TemplateProfileName,
  validateTemplate,
} from '../../src/templates/index.js';
import {
  BODY,
  BUTTONS,
  baseTemplate,
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
import { KIND_ROWS } from './kind-rows.js';

describe('the base fixture', () => {
  it.each(PROFILES)('is valid with no issues in the %s profile', (profile) => {
    expect(check(baseTemplate(), profile)).toEqual({ valid: true, issues: [] });
  });

  it("accepts Meta's own create-template example in the meta profile", () => {
    const meta = {
      name: 'seasonal_promotion',
      language: 'en_US',
      category: 'MARKETING',
      parameter_format: 'positional',
      components: [
        {
          type: 'HEADER',
          format: 'TEXT',
          text: 'Our {{1}} is on!',
          example: { header_text: ['Summer Sale'] },
        },
        {
          type: 'BODY',
          text: 'Shop now through {{1}} and use code {{2}} to get {{3}} off.',
          example: { body_text: [['the end of August', '25OFF', '25%']] },
        },
        { type: 'FOOTER', text: 'Use the buttons below to manage your subscriptions' },
        {
          type: 'BUTTONS',
          buttons: [
            { type: 'QUICK_REPLY', text: 'Unsubscribe from Promos' },
            {
              type: 'URL',
              text: 'Shop',
              url: 'https://www.example.com/shop/{{1}}',
              example: ['https://www.example.com/shop/summer'],
            },
            { type: 'PHONE_NUMBER', text: 'Call', phone_number: '+15550051310' },
          ],
        },
      ],
    };
    expect(check(meta, 'meta')).toEqual({ valid: true, issues: [] });
    // The strict (CleverTap BSP) rules never combine quick replies and call-to-action buttons.
    expect(codes(check(meta, 'strict'))).toEqual(['buttons.mixed']);
  });
});

type Row = [
  label: string,
  code: TemplateIssueCode,
  profiles: TemplateProfileName[],
  bad: () => unknown,
  good: () => unknown,
];

const both = PROFILES;

/** A template with `parameter_format: 'named'` whose body is `text`, with one `[name, example]` pair per variable. */
function namedBody(text: string, params: [string, string][]) {
  return variant((t) => {
    t.parameter_format = 'named';
    t.components = [
      {
        type: 'BODY',
        text,
        example: { body_text_named_params: params.map(([param_name, example]) => ({ param_name, example })) },
      },
    ];
  });
}
const rows: Row[] = [
  ['a number instead of a template', 'template.malformed', both, () => 42, baseTemplate],
  [
    'components not an array',
    'template.malformed',
    both,
    () => variant((t) => (t.components = 'x')),
    baseTemplate,
  ],
  [
    'a null component',
    'template.malformed',
    both,
    () => variant((t) => t.components.push(null)),
    baseTemplate,
  ],
  [
    'an unknown component type',
    'template.malformed',
    both,
    () => variant((t) => t.components.push({ type: 'SIDEBAR' })),
    () => variant((t) => t.components.push({ type: 'CAROUSEL', cards: [] })),
  ],
  [
    'two BODY components',
    'template.malformed',
    both,
    () => variant((t) => t.components.push({ type: 'BODY', text: 'Another body text here.' })),
    baseTemplate,
  ],
  ['an empty buttons array', 'template.malformed', both, () => withButtons([]), () => withButtons([QR()])],
  [
    'a footer without text',
    'template.malformed',
    both,
    () => variant((t) => (t.components[FOOTER].text = '')),
    baseTemplate,
  ],
  [
    'an unknown parameter_format',
    'template.malformed',
    both,
    () => variant((t) => (t.parameter_format = 'numbered')),
    () => variant((t) => (t.parameter_format = 'POSITIONAL')),
  ],
  ['a missing name', 'name.required', both, () => variant((t) => delete t.name), baseTemplate],
  ['an empty name', 'name.required', both, () => variant((t) => (t.name = '')), baseTemplate],
  [
    'uppercase and dashes in the name',
    'name.format',
    both,
    () => variant((t) => (t.name = 'Order-Update')),
    () => variant((t) => (t.name = 'order_update_2')),
  ],
  [
    'a name over 512 characters',
    'name.too_long',
    both,
    () => variant((t) => (t.name = 'a'.repeat(513))),
    () => variant((t) => (t.name = 'a'.repeat(512))),
  ],
  [
    'a BCP 47 language tag',
    'language.unknown',
    both,
    () => variant((t) => (t.language = 'en-US')),
    () => variant((t) => (t.language = 'pt_BR')),
  ],
  ['a missing language', 'language.unknown', both, () => variant((t) => delete t.language), baseTemplate],
  [
    'an unknown category',
    'category.invalid',
    both,
    () => variant((t) => (t.category = 'PROMO')),
    () => variant((t) => (t.category = 'marketing')),
  ],
  [
    'an AUTHENTICATION template in strict',
    'category.invalid',
    ['strict'],
    () => variant((t) => (t.category = 'AUTHENTICATION')),
    () => variant((t) => (t.category = 'MARKETING')),
  ],
  [
    'no BODY component',
    'body.required',
    both,
    () => variant((t) => t.components.splice(BODY, 1)),
    baseTemplate,
  ],
  [
    'a whitespace-only body',
    'body.required',
    both,
    () => variant((t) => (t.components[BODY] = { type: 'BODY', text: '  \n ' })),
    baseTemplate,
  ],
  ['missing components', 'body.required', both, () => variant((t) => delete t.components), baseTemplate],
  [
    'a body over the limit',
    'body.too_long',
    both,
    () => bodyOnly('a'.repeat(1025)),
    () => bodyOnly('a'.repeat(1000)),
  ],
  [
    'a header over 60 characters',
    'header.too_long',
    both,
    () => variant((t) => (t.components[HEADER].text = `Order {{1}} ${'x'.repeat(49)}`)),
    () => variant((t) => (t.components[HEADER].text = `Order {{1}} ${'x'.repeat(48)}`)),
  ],
  [
    'two header variables',
    'header.too_many_variables',
    both,
    () =>
      variant((t) => {
        t.components[HEADER].text = 'Order {{1}} for {{2}}';
        t.components[HEADER].example.header_text = ['A-1042', 'Ana'];
      }),
    baseTemplate,
  ],
  [
    'an unknown header format',
    'header.format',
    both,
    () => variant((t) => (t.components[HEADER].format = 'HTML')),
    () =>
      variant(
        (t) =>
          (t.components[HEADER] = { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aW'] } }),
      ),
  ],
  [
    'a TEXT header without text',
    'header.format',
    both,
    () => variant((t) => delete t.components[HEADER].text),
    baseTemplate,
  ],
  [
    'a line break in the header',
    'header.format',
    both,
    () => variant((t) => (t.components[HEADER].text = 'Order\n{{1}}')),
    baseTemplate,
  ],
  [
    'an emoji in the header',
    'header.format',
    both,
    () => variant((t) => (t.components[HEADER].text = 'Order {{1}} 🚚')),
    () => variant((t) => (t.components[HEADER].text = 'Commande n° {{1}}')),
  ],
  [
    'a LOCATION header in an AUTHENTICATION template',
    'header.format',
    ['meta'],
    () =>
      variant((t) => {
        t.category = 'AUTHENTICATION';
        t.components[HEADER] = { type: 'HEADER', format: 'LOCATION' };
      }),
    () => variant((t) => (t.components[HEADER] = { type: 'HEADER', format: 'LOCATION' })),
  ],
  [
    'a footer over 60 characters',
    'footer.too_long',
    both,
    () => variant((t) => (t.components[FOOTER].text = 'f'.repeat(61))),
    () => variant((t) => (t.components[FOOTER].text = 'f'.repeat(60))),
  ],
  [
    'a variable in the footer',
    'footer.has_variables',
    both,
    () => variant((t) => (t.components[FOOTER].text = 'Ref {{1}}')),
    () => variant((t) => (t.components[FOOTER].text = 'Ref {fixed}')),
  ],
  ...(['{{1}', '{1}}', '{{ }}', '{{}}', '{{{1}}}', '{{ 1 }}', '{{First}}', '{1}', '{{1 and more'].map(
    (v): Row => [
      `the variable ${v}`,
      'variable.malformed',
      both,
      () => bodyOnly(`Hello ${v} and welcome to the shop today.`, { body_text: [['Ana']] }),
      () => bodyOnly('Hello {{1}} and welcome to the shop today.', { body_text: [['Ana']] }),
    ],
  ) as Row[]),
  ...(['{{#1}}', '{{$1}}', '{{1%}}'].map(
    (v): Row => [
      `the variable ${v}`,
      'variable.special_characters',
      both,
      () => bodyOnly(`Pay ${v} before the end of the month please.`, { body_text: [['10']] }),
      () => bodyOnly('Pay $' + '{{1}} before the end of the month please.', { body_text: [['10']] }),
    ],
  ) as Row[]),
  [
    'a gap in the body variables',
    'variable.not_sequential',
    both,
    () => bodyOnly('Hi {{1}}, order {{3}} has shipped to your address.', { body_text: [['a', 'b']] }),
    () => bodyOnly('Hi {{1}}, order {{2}} has shipped to your address.', { body_text: [['a', 'b']] }),
  ],
  [
    'body variables starting at 2',
    'variable.not_sequential',
    both,
    () => bodyOnly('Hi {{2}}, your order has shipped to your address.', { body_text: [['a']] }),
    () => bodyOnly('Hi {{1}}, your order has shipped to your address.', { body_text: [['a']] }),
  ],
  [
    'a header variable {{2}}',
    'variable.not_sequential',
    both,
    () => variant((t) => (t.components[HEADER].text = 'Order {{2}}')),
    baseTemplate,
  ],
  [
    'a body starting with a variable',
    'variable.leading',
    both,
    () =>
      variant(
        (t) => (t.components[BODY].text = ' {{1}}, your order {{2}} has shipped and will arrive soon.'),
      ),
    baseTemplate,
  ],
  [
    'a body ending with a variable',
    'variable.trailing',
    both,
    () =>
      variant(
        (t) => (t.components[BODY].text = 'Hello {{1}}, your order has shipped, tracking number {{2}}\n'),
      ),
    () =>
      variant(
        (t) => (t.components[BODY].text = 'Hello {{1}}, your order has shipped, tracking number {{2}}.'),
      ),
  ],
  [
    'positional and named variables together',
    'variable.mixed_format',
    both,
    () => bodyOnly('Hello {{1}}, your order {{order_id}} has shipped today.', { body_text: [['Ana']] }),
    () => bodyOnly('Hello {{1}}, your order {{2}} has shipped today.', { body_text: [['Ana', 'A-1']] }),
  ],
  [
    'named variables without parameter_format named',
    'variable.mixed_format',
    both,
    () =>
      bodyOnly('Hello {{first_name}}, your order has shipped today.', {
        body_text_named_params: [{ param_name: 'first_name', example: 'Ana' }],
      }),
    () => namedBody('Hello {{first_name}}, your order has shipped today.', [['first_name', 'Ana']]),
  ],
  [
    'positional variables with parameter_format named',
    'variable.mixed_format',
    both,
    () => variant((t) => (t.parameter_format = 'named')),
    () => variant((t) => (t.parameter_format = 'positional')),
  ],
  [
    'three variables and six words',
    'variable.too_dense',
    both,
    () => bodyOnly('Hi {{1}} {{2}} {{3}} thanks for your order today.', { body_text: [['a', 'b', 'c']] }),
    () =>
      bodyOnly('Hi {{1}} {{2}} {{3}} thanks for your order placed today.', { body_text: [['a', 'b', 'c']] }),
  ],
  [
    'no body example',
    'example.missing',
    both,
    () => variant((t) => delete t.components[BODY].example),
    baseTemplate,
  ],
  [
    'an empty body example value',
    'example.missing',
    both,
    () => variant((t) => (t.components[BODY].example.body_text = [['Ana', ' ']])),
    baseTemplate,
  ],
  [
    'no header example',
    'example.missing',
    both,
    () => variant((t) => delete t.components[HEADER].example),
    baseTemplate,
  ],
  [
    'a media header without header_handle',
    'example.missing',
    both,
    () => variant((t) => (t.components[HEADER] = { type: 'HEADER', format: 'VIDEO' })),
    () =>
      variant(
        (t) =>
          (t.components[HEADER] = { type: 'HEADER', format: 'VIDEO', example: { header_handle: ['4::aW'] } }),
      ),
  ],
  [
    'a URL button variable without example',
    'example.missing',
    both,
    () => variant((t) => delete t.components[BUTTONS].buttons[0].example),
    () =>
      variant((t) => {
        t.components[BUTTONS].buttons[0].url = 'https://www.example.com/track';
        delete t.components[BUTTONS].buttons[0].example;
      }),
  ],
  [
    'a copy-code button without example',
    'example.missing',
    ['meta'],
    () => withButtons([{ type: 'COPY_CODE' }]),
    () => withButtons([COPY()]),
  ],
  [
    'a named variable without its example',
    'example.missing',
    both,
    () => namedBody('Hello {{first_name}}, order {{order_id}} has shipped today.', [['first_name', 'Ana']]),
    () =>
      namedBody('Hello {{first_name}}, order {{order_id}} has shipped today.', [
        ['first_name', 'Ana'],
        ['order_id', 'A-1'],
      ]),
  ],
  [
    'one body example for two variables',
    'example.count_mismatch',
    both,
    () => variant((t) => (t.components[BODY].example.body_text = [['Ana']])),
    baseTemplate,
  ],
  [
    'three body examples for two variables',
    'example.count_mismatch',
    both,
    () => variant((t) => (t.components[BODY].example.body_text = [['Ana', 'A-1', 'extra']])),
    baseTemplate,
  ],
  [
    'two header examples for one variable',
    'example.count_mismatch',
    both,
    () => variant((t) => (t.components[HEADER].example.header_text = ['A-1', 'A-2'])),
    baseTemplate,
  ],
  [
    'two URL examples',
    'example.count_mismatch',
    both,
    () => variant((t) => t.components[BUTTONS].buttons[0].example.push('https://www.example.com/track/2')),
    baseTemplate,
  ],
  [
    'a named example for a name that is not a variable',
    'example.count_mismatch',
    both,
    () =>
      namedBody('Hello {{first_name}}, your order has shipped today.', [
        ['first_name', 'Ana'],
        ['last_name', 'Lee'],
      ]),
    () => namedBody('Hello {{first_name}}, your order has shipped today.', [['first_name', 'Ana']]),
  ],
  [
    '4 quick replies (strict)',
    'buttons.too_many',
    ['strict'],
    () => withButtons([QR(), QR(), QR(), QR()]),
    () => withButtons([QR(), QR(), QR()]),
  ],
  [
    '11 buttons (meta)',
    'buttons.too_many',
    ['meta'],
    () => withButtons([...Array.from({ length: 10 }, () => QR()), URL_BTN()]),
    () => withButtons([...Array.from({ length: 9 }, () => QR()), URL_BTN()]),
  ],
  [
    '4 quick replies',
    'buttons.quick_reply_limit',
    ['strict'],
    () => withButtons([QR(), QR(), QR(), QR()]),
    () => withButtons([QR(), QR(), QR()]),
  ],
  [
    '11 quick replies',
    'buttons.quick_reply_limit',
    ['meta'],
    () => withButtons(Array.from({ length: 11 }, () => QR())),
    () => withButtons(Array.from({ length: 10 }, () => QR())),
  ],
  [
    '3 call-to-action buttons',
    'buttons.cta_limit',
    ['strict'],
    () => withButtons([URL_BTN(), PHONE(), COPY()]),
    () => withButtons([URL_BTN(), PHONE()]),
  ],
  [
    '2 URL buttons (strict)',
    'buttons.url_limit',
    ['strict'],
    () => withButtons([URL_BTN(), URL_BTN()]),
    () => withButtons([URL_BTN()]),
  ],
  [
    '3 URL buttons (meta)',
    'buttons.url_limit',
    ['meta'],
    () => withButtons([URL_BTN(), URL_BTN(), URL_BTN()]),
    () => withButtons([URL_BTN(), URL_BTN()]),
  ],
  [
    '2 phone buttons',
    'buttons.phone_limit',
    both,
    () => withButtons([PHONE(), PHONE()]),
    () => withButtons([PHONE()]),
  ],
  [
    '2 copy-code buttons',
    'buttons.copy_code_limit',
    both,
    () => withButtons([COPY(), COPY()]),
    () => withButtons([COPY()]),
  ],
  [
    'a quick reply with a URL button',
    'buttons.mixed',
    ['strict'],
    () => withButtons([QR(), URL_BTN()]),
    () => withButtons([QR(), QR()]),
  ],
  [
    'quick replies split by a URL button',
    'buttons.not_grouped',
    both,
    () => withButtons([QR(), URL_BTN(), QR()]),
    () => withButtons([URL_BTN(), QR(), QR()]),
  ],
  [
    'a button without text',
    'button.text_required',
    both,
    () => withButtons([{ type: 'QUICK_REPLY' }]),
    () => withButtons([QR('Ok')]),
  ],
  [
    'a button with blank text',
    'button.text_required',
    both,
    () => withButtons([QR('  ')]),
    () => withButtons([QR('Ok')]),
  ],
  [
    'a 26-character button text',
    'button.text_too_long',
    both,
    () => withButtons([QR('b'.repeat(26))]),
    () => withButtons([QR('b'.repeat(25))]),
  ],
  [
    'an http URL',
    'button.url_invalid',
    both,
    () => withButtons([URL_BTN('http://www.example.com/shop')]),
    () => withButtons([URL_BTN()]),
  ],
  [
    'a URL that is not a URL',
    'button.url_invalid',
    both,
    () => withButtons([URL_BTN('www.example.com/shop')]),
    () => withButtons([URL_BTN()]),
  ],
  [
    'a URL without a domain',
    'button.url_invalid',
    both,
    () => withButtons([URL_BTN('https://localhost/shop')]),
    () => withButtons([URL_BTN()]),
  ],
  [
    'a URL button without url',
    'button.url_invalid',
    both,
    () => withButtons([{ type: 'URL', text: 'Go' }]),
    () => withButtons([URL_BTN()]),
  ],
  [
    'two URL variables',
    'button.url_variable',
    both,
    () =>
      withButtons([
        { ...URL_BTN('https://www.example.com/{{1}}/{{2}}'), example: ['https://www.example.com/a/b'] },
      ]),
    () =>
      withButtons([
        { ...URL_BTN('https://www.example.com/a/{{1}}'), example: ['https://www.example.com/a/b'] },
      ]),
  ],
  [
    'a URL variable in the middle',
    'button.url_variable',
    both,
    () =>
      withButtons([
        { ...URL_BTN('https://www.example.com/{{1}}/track'), example: ['https://www.example.com/a/track'] },
      ]),
    () =>
      withButtons([
        { ...URL_BTN('https://www.example.com/track/{{1}}'), example: ['https://www.example.com/track/a'] },
      ]),
  ],
  [
    'a URL variable in the domain',
    'button.url_variable',
    both,
    () => withButtons([{ ...URL_BTN('https://www.example.{{1}}'), example: ['https://www.example.com'] }]),
    () => withButtons([{ ...URL_BTN('https://ct1.io/{{1}}'), example: ['https://ct1.io/abc'] }]),
  ],
  [
    'a URL variable {{2}}',
    'button.url_variable',
    both,
    () =>
      withButtons([{ ...URL_BTN('https://www.example.com/{{2}}'), example: ['https://www.example.com/a'] }]),
    () =>
      withButtons([{ ...URL_BTN('https://www.example.com/{{1}}'), example: ['https://www.example.com/a'] }]),
  ],
  [
    'a phone number without +',
    'button.phone_invalid',
    both,
    () => withButtons([PHONE('15550051310')]),
    () => withButtons([PHONE('+15550051310')]),
  ],
  [
    'a phone number with spaces',
    'button.phone_invalid',
    both,
    () => withButtons([PHONE('+1 555 005 1310')]),
    () => withButtons([PHONE('+15550051310')]),
  ],
  [
    'a 7-digit phone number',
    'button.phone_invalid',
    both,
    () => withButtons([PHONE('+1555005')]),
    () => withButtons([PHONE('+15550051')]),
  ],
  [
    'a 16-digit phone number',
    'button.phone_invalid',
    both,
    () => withButtons([PHONE('+1555005131012345')]),
    () => withButtons([PHONE('+155500513101234')]),
  ],
  ...KIND_ROWS,
];

it('the table below triggers every documented issue code', () => {
  expect(new Set(rows.map((r) => r[1]))).toEqual(new Set(TEMPLATE_ISSUE_CODES));
});

describe.each(rows)('%s -> %s', (_label, code, profiles, bad, good) => {
  it.each(profiles)('is reported in the %s profile', (profile) => {
    const result = check(bad(), profile);
    expect(codes(result)).toContain(code);
    const severity = result.issues.find((i) => i.code === code)?.severity;
    expect(severity).toBe(code === 'variable.too_dense' ? 'warning' : 'error');
    expect(result.valid).toBe(!result.issues.some((i) => i.severity === 'error'));
    if (severity === 'error') expect(result.valid).toBe(false);
    for (const issue of result.issues) {
      expect(issue.message.length).toBeGreaterThan(20);
      expect(Array.isArray(issue.path)).toBe(true);
    }
  });
  it.each(profiles)('is not reported for the fixed template in the %s profile', (profile) => {
    expect(codes(check(good(), profile))).not.toContain(code);
  });
});

describe('warnings', () => {
  it('variable.too_dense is a warning and does not make the template invalid', () => {
    const dense = bodyOnly('Hi {{1}} {{2}} {{3}} ok.', { body_text: [['a', 'b', 'c']] });
    const result = check(dense, 'meta');
    expect(result.issues).toEqual([
      expect.objectContaining({ code: 'variable.too_dense', severity: 'warning' }),
    ]);
    expect(result.valid).toBe(true);
    // 2 words per variable + 1: 3 variables need 7 words.
    const airy = bodyOnly('Hi {{1}} {{2}} {{3}} thanks for your order placed today.', {
      body_text: [['a', 'b', 'c']],
    });
    expect(codes(check(airy, 'meta'))).toEqual([]);
    const justShort = bodyOnly('Hi {{1}} {{2}} {{3}} thanks for your order today.', {
      body_text: [['a', 'b', 'c']],
    });
    expect(codes(check(justShort, 'meta'))).toEqual(['variable.too_dense']);
  });

  it('variables first used out of order are a not_sequential warning', () => {
    const t = bodyOnly('Hello {{2}}, your order {{1}} has shipped today.', { body_text: [['a', 'b']] });
    const result = check(t, 'meta');
    expect(result.issues).toEqual([
      expect.objectContaining({ code: 'variable.not_sequential', severity: 'warning' }),
    ]);
    expect(result.valid).toBe(true);
  });

  it('a repeated variable is fine and counts once for examples', () => {
    const t = bodyOnly('Hello {{1}}, again hello {{1}}, your order has shipped.', { body_text: [['Ana']] });
    expect(check(t, 'meta')).toEqual({ valid: true, issues: [] });
  });
});

describe('reporting', () => {
  it('reports every problem at once with paths into the definition', () => {
    const t = {
      name: 'Bad Name',
      language: 'english',
      category: 'NEWS',
      components: [
        { type: 'HEADER', format: 'TEXT', text: '{{1}} {{2}}' },
        { type: 'BODY', text: '{{1}} and {{3}}' },
        { type: 'FOOTER', text: 'Footer {{1}}' },
        { type: 'BUTTONS', buttons: [QR(), { type: 'URL', text: '', url: 'ftp://x' }, PHONE('123')] },
      ],
    };
    const result = check(t, 'strict');
    expect(result.valid).toBe(false);
    expect(new Set(codes(result))).toEqual(
      new Set([
        'name.format',
        'language.unknown',
        'category.invalid',
        'header.too_many_variables',
        'example.missing',
        'variable.not_sequential',
        'variable.leading',
        'variable.trailing',
        'variable.too_dense',
        'footer.has_variables',
        'button.text_required',
        'button.url_invalid',
        'button.phone_invalid',
        'buttons.mixed',
      ]),
    );
    const byCode = (c: string) => result.issues.find((i) => i.code === c);
    expect(byCode('header.too_many_variables')?.path).toEqual(['components', 0, 'text']);
    expect(byCode('footer.has_variables')?.path).toEqual(['components', 2, 'text']);
    expect(byCode('button.url_invalid')?.path).toEqual(['components', 3, 'buttons', 1, 'url']);
    expect(byCode('button.phone_invalid')?.path).toEqual(['components', 3, 'buttons', 2, 'phone_number']);
    expect(byCode('buttons.mixed')?.path).toEqual(['components', 3, 'buttons']);
    expect(byCode('name.format')?.message).toContain('bad_name');
  });

  it('every issue has a severity and valid is true iff there is no error', () => {
    for (const profile of PROFILES) {
      const r = check(bodyOnly('{{1}}'), profile);
      expect(r.issues.every((i) => i.severity === 'error' || i.severity === 'warning')).toBe(true);
      expect(r.valid).toBe(!r.issues.some((i) => i.severity === 'error'));
    }
  });

  it('suggests the Meta spelling of a BCP 47 language tag', () => {
    const r = check(variant((t) => (t.language = 'pt-BR')));
    expect(r.issues[0]?.message).toContain('did you mean "pt_BR"');
  });

  it('accepts lowercase component and button types as Meta does', () => {
    const t = variant((t) => {
      for (const c of t.components) c.type = c.type.toLowerCase();
      for (const b of t.components[BUTTONS].buttons) b.type = b.type.toLowerCase();
    });
    expect(check(t, 'meta')).toEqual({ valid: true, issues: [] });
  });
});

describe('options', () => {
  it('defaults to the strict profile', () => {
    const t = bodyOnly('a'.repeat(1001));
    expect(codes(validateTemplate(t))).toEqual(['body.too_long']);
    expect(codes(validateTemplate(t, { profile: 'meta' }))).toEqual([]);
  });

  it('takes a custom language list', () => {
    const t = variant((t) => (t.language = 'ky_KG'));
    expect(codes(validateTemplate(t))).toEqual(['language.unknown']);
    expect(validateTemplate(t, { languages: [...TEMPLATE_LANGUAGES, 'ky_KG'] }).valid).toBe(true);
    expect(codes(validateTemplate(baseTemplate(), { languages: ['fr'] }))).toEqual(['language.unknown']);
  });

  it('takes custom rules', () => {
    const rules = { ...TEMPLATE_PROFILES.meta, name: 'mine', bodyMaxLength: 20 };
    const r = validateTemplate(bodyOnly('This body is longer than twenty.'), { profile: rules });
    expect(r.issues).toEqual([
      expect.objectContaining({
        code: 'body.too_long',
        message: expect.stringContaining('mine profile allows 20'),
      }),
    ]);
  });

  it('throws a ConfigError for an unknown profile name', () => {
    expect(() => validateTemplate(baseTemplate(), { profile: 'lenient' as never })).toThrow(ConfigError);
    expect(() => validateTemplate(baseTemplate(), { profile: 'toString' as never })).toThrow(ConfigError);
  });
});

describe('assertValidTemplate', () => {
  it('returns the definition when valid', () => {
    const t = baseTemplate();
    expect(assertValidTemplate(t, { profile: 'meta' })).toBe(t);
  });

  it('throws a TemplateError with the error issues only', () => {
    const t = bodyOnly('{{1}} {{2}} x', { body_text: [['a']] });
    try {
      assertValidTemplate(t);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(TemplateError);
      expect(isWhatsAppError(err)).toBe(true);
      const e = err as TemplateError;
      expect(e.code).toBe('template_invalid');
      expect(e.issues.map((i) => i.code)).toEqual(['variable.leading', 'example.count_mismatch']);
      expect(e.message).toContain('variable.leading at components.0.text');
    }
  });
});
