import { describe, expect, it } from 'vitest';
import { TemplateFieldsSchema, type TemplateMessage } from '../../src/core/message.js';
import {
  checkTemplateParams,
  renderTemplate,
  type TemplateParamIssueCode,
  type TemplateParams,
} from '../../src/templates/index.js';
import { BUTTONS, baseTemplate, bodyOnly, COPY, HEADER, QR, variant, withButtons } from './fixtures.js';

const GOOD: TemplateParams = {
  header: { type: 'text', text: 'A-1042' },
  body: ['Ana', 'A-1042'],
  buttons: [{ index: 0, type: 'url', text: 'A-1042' }],
};

function named() {
  return variant((t) => {
    t.parameter_format = 'named';
    t.components = [
      {
        type: 'BODY',
        text: 'Hello {{first_name}}, order {{order_id}} has shipped.',
        example: {
          body_text_named_params: [
            { param_name: 'first_name', example: 'Ana' },
            { param_name: 'order_id', example: 'A-1' },
          ],
        },
      },
    ];
  });
}

function codesOf(template: unknown, params: TemplateParams) {
  return checkTemplateParams(template, params).issues.map((i) => [i.code, i.metaCode]);
}

describe('checkTemplateParams', () => {
  it('accepts matching parameters', () => {
    expect(checkTemplateParams(baseTemplate(), GOOD)).toEqual({ valid: true, issues: [] });
    expect(checkTemplateParams(named(), { body: { first_name: 'Ana', order_id: 'A-1' } }).valid).toBe(true);
  });

  it('accepts a whole core TemplateMessage (the shape clients send)', () => {
    const message: TemplateMessage = TemplateFieldsSchema.parse({
      name: 'order_update',
      language: 'en_US',
      ...GOOD,
    });
    expect(checkTemplateParams(baseTemplate(), message).valid).toBe(true);
  });

  const rows: [string, unknown, TemplateParams, TemplateParamIssueCode, number][] = [
    ['one body value too few', baseTemplate(), { ...GOOD, body: ['Ana'] }, 'params.count_mismatch', 132000],
    [
      'one body value too many',
      baseTemplate(),
      { ...GOOD, body: ['Ana', 'A', 'B'] },
      'params.count_mismatch',
      132000,
    ],
    [
      'a record for positional variables',
      baseTemplate(),
      { ...GOOD, body: { a: 'x' } },
      'params.count_mismatch',
      132000,
    ],
    ['an array for named variables', named(), { body: ['Ana', 'A-1'] }, 'params.count_mismatch', 132000],
    ['a missing named value', named(), { body: { first_name: 'Ana' } }, 'params.count_mismatch', 132000],
    [
      'an unknown named value',
      named(),
      { body: { first_name: 'Ana', order_id: '1', x: 'y' } },
      'params.count_mismatch',
      132000,
    ],
    [
      'no header value for a header variable',
      baseTemplate(),
      { ...GOOD, header: undefined } as TemplateParams,
      'params.count_mismatch',
      132000,
    ],
    [
      'a header value for a template without header',
      bodyOnly('Hello there, this is fixed.'),
      { header: { type: 'text', text: 'x' } },
      'params.count_mismatch',
      132000,
    ],
    [
      'body values for a body without variables',
      bodyOnly('Hello there, this is fixed.'),
      { body: ['x'] },
      'params.count_mismatch',
      132000,
    ],
    [
      'a newline in a body value',
      baseTemplate(),
      { ...GOOD, body: ['Ana\nLee', 'A-1'] },
      'params.invalid_whitespace',
      132018,
    ],
    [
      'a tab in a body value',
      baseTemplate(),
      { ...GOOD, body: ['Ana', 'A\t1'] },
      'params.invalid_whitespace',
      132018,
    ],
    [
      '5 consecutive spaces',
      baseTemplate(),
      { ...GOOD, body: ['Ana     Lee', 'A-1'] },
      'params.invalid_whitespace',
      132018,
    ],
    [
      'a newline in the header value',
      baseTemplate(),
      { ...GOOD, header: { type: 'text', text: 'A\n1' } },
      'params.invalid_whitespace',
      132018,
    ],
    [
      'a newline in a named value',
      named(),
      { body: { first_name: 'A\nB', order_id: '1' } },
      'params.invalid_whitespace',
      132018,
    ],
    ['an empty body value', baseTemplate(), { ...GOOD, body: ['', 'A-1'] }, 'params.empty_value', 131008],
    [
      'a rendered body over 1024',
      baseTemplate(),
      { ...GOOD, body: ['x'.repeat(1000), 'A-1'] },
      'params.body_too_long',
      132005,
    ],
    ['no URL button parameter', baseTemplate(), { ...GOOD, buttons: [] }, 'params.button_missing', 131008],
    [
      'no copy code',
      withButtons([COPY()]),
      { header: GOOD.header, body: GOOD.body },
      'params.button_missing',
      131008,
    ],
    [
      'a parameter for a missing button',
      baseTemplate(),
      { ...GOOD, buttons: [...(GOOD.buttons ?? []), { index: 5, type: 'quick_reply', payload: 'x' }] },
      'params.button_mismatch',
      131009,
    ],
    [
      'a quick-reply parameter on a URL button',
      baseTemplate(),
      { ...GOOD, buttons: [{ index: 0, type: 'quick_reply', payload: 'x' }] },
      'params.button_mismatch',
      131009,
    ],
    [
      'a url parameter on a static URL button',
      withButtons([{ type: 'URL', text: 'Go', url: 'https://www.example.com/a' }]),
      { header: GOOD.header, body: GOOD.body, buttons: [{ index: 0, type: 'url', text: 'x' }] },
      'params.button_mismatch',
      131009,
    ],
    [
      'an image for a TEXT header',
      baseTemplate(),
      { ...GOOD, header: { type: 'image', url: 'https://x.example/a.jpg' } },
      'params.header_mismatch',
      132012,
    ],
    [
      'a video for an IMAGE header',
      variant(
        (t) =>
          (t.components[HEADER] = { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['h'] } }),
      ),
      { ...GOOD, header: { type: 'video', url: 'https://x.example/a.mp4' } },
      'params.header_mismatch',
      132012,
    ],
    [
      'no header for a DOCUMENT header',
      variant(
        (t) =>
          (t.components[HEADER] = { type: 'HEADER', format: 'DOCUMENT', example: { header_handle: ['h'] } }),
      ),
      { body: GOOD.body, buttons: GOOD.buttons },
      'params.header_mismatch',
      132012,
    ],
  ];

  it.each(rows)('%s', (_label, template, params, code, metaCode) => {
    const result = checkTemplateParams(template, params);
    expect(result.valid).toBe(false);
    expect(codesOf(template, params)).toContainEqual([code, metaCode]);
  });

  // Found by the property test (seed -1351182718): `{ header: null }` for a TEXT header with a variable read
  // `null.type` and threw a TypeError instead of reporting the mismatch.
  it.each([
    [null, 'null'],
    ['Jane', 'a string'],
    [7, 'a number'],
    [['Jane'], 'an array'],
  ])('a TEXT header with a variable given %j is a header mismatch, not a throw', (header, named) => {
    const template = { components: [{ type: 'HEADER', format: 'TEXT', text: 'Hi {{1}}' }] };
    const result = checkTemplateParams(template, { header } as never);
    expect(result.valid).toBe(false);
    const issue = result.issues.find((i) => i.code === 'params.header_mismatch');
    expect(issue?.path).toEqual(['header']);
    expect(issue?.message).toBe(
      `The header is TEXT but the parameter is ${named}; pass { type: 'text', text }.`,
    );
  });

  it('rendered body at exactly 1024 code points passes, 1025 fails', () => {
    const t = bodyOnly('Hi {{1}}.', { body_text: [['x']] }); // 4 fixed code points
    const ok = checkTemplateParams(t, { body: ['😀'.repeat(1020)] });
    expect(ok.valid).toBe(true);
    const over = checkTemplateParams(t, { body: ['😀'.repeat(1021)] });
    expect(over.issues.map((i) => i.code)).toEqual(['params.body_too_long']);
  });

  it('4 consecutive spaces are allowed', () => {
    expect(checkTemplateParams(baseTemplate(), { ...GOOD, body: ['Ana    Lee', 'A-1'] }).valid).toBe(true);
  });

  it('media and location headers accept the matching parameter type', () => {
    const gif = variant((t) => (t.components[HEADER] = { type: 'HEADER', format: 'GIF' }));
    expect(
      checkTemplateParams(gif, { ...GOOD, header: { type: 'video', url: 'https://x.example/a.mp4' } }).valid,
    ).toBe(true);
    const loc = variant((t) => (t.components[HEADER] = { type: 'HEADER', format: 'LOCATION' }));
    expect(
      checkTemplateParams(loc, { ...GOOD, header: { type: 'location', latitude: 51.5, longitude: -0.12 } })
        .valid,
    ).toBe(true);
  });

  it('quick replies and copy codes take their parameters by index', () => {
    const t = withButtons([QR('Stop'), COPY()]);
    const params: TemplateParams = {
      header: GOOD.header,
      body: GOOD.body,
      buttons: [
        { index: 0, type: 'quick_reply', payload: 'STOP' },
        { index: 1, type: 'copy_code', code: '25OFF' },
      ],
    };
    expect(checkTemplateParams(t, params)).toEqual({ valid: true, issues: [] });
  });

  it('paths point at the offending parameter', () => {
    const { issues } = checkTemplateParams(baseTemplate(), { ...GOOD, body: ['Ana', 'A\n1'] });
    expect(issues).toEqual([
      expect.objectContaining({ code: 'params.invalid_whitespace', path: ['body', 1] }),
    ]);
  });

  it('never throws on nonsense', () => {
    for (const t of [
      null,
      1,
      'x',
      [],
      { components: 'x' },
      { components: [null, { type: 'BUTTONS', buttons: [1] }] },
    ]) {
      for (const p of [
        undefined,
        null,
        1,
        { body: 3 },
        { buttons: [null, 1] },
        { header: 'x' },
        { header: null },
        { body: { a: Object.create(null) } },
      ]) {
        expect(() => checkTemplateParams(t, p as never)).not.toThrow();
      }
    }
  });
});

describe('renderTemplate', () => {
  it('renders header, body, footer and buttons with values filled', () => {
    const r = renderTemplate(baseTemplate(), GOOD);
    expect(r.header).toBe('Order A-1042');
    expect(r.body).toBe('Hello Ana, your order A-1042 has shipped and will arrive soon.');
    expect(r.footer).toBe('Reply STOP to opt out');
    expect(r.buttons).toEqual([
      { type: 'URL', text: 'Track', url: 'https://www.example.com/track/A-1042' },
      { type: 'PHONE_NUMBER', text: 'Call us', phoneNumber: '+15550051310' },
    ]);
    expect(r.text).toBe(
      'Order A-1042\n\nHello Ana, your order A-1042 has shipped and will arrive soon.\n\nReply STOP to opt out\n\n[ Track ]\n[ Call us ]',
    );
  });

  it('leaves variables without a value as written', () => {
    const r = renderTemplate(baseTemplate(), { body: ['Ana'] });
    expect(r.body).toBe('Hello Ana, your order {{2}} has shipped and will arrive soon.');
    expect(r.header).toBe('Order {{1}}');
    expect(r.buttons[0]?.url).toBe('https://www.example.com/track/{{1}}');
  });

  it('renders named variables and repeated variables', () => {
    expect(renderTemplate(named(), { body: { first_name: 'Ana', order_id: 'A-1' } }).body).toBe(
      'Hello Ana, order A-1 has shipped.',
    );
    expect(renderTemplate(bodyOnly('{{1}} and {{1}} again'), { body: ['x'] }).body).toBe('x and x again');
    // A named record does not fill positional variables and vice versa.
    expect(renderTemplate(named(), { body: ['Ana'] }).body).toContain('{{first_name}}');
  });

  it('marks media headers and shows payloads and codes', () => {
    const t = variant((t) => {
      t.components[HEADER] = { type: 'HEADER', format: 'IMAGE' };
      t.components[BUTTONS].buttons = [QR('Stop'), COPY()];
    });
    const r = renderTemplate(t, {
      body: ['Ana', 'A-1'],
      buttons: [
        { index: 0, type: 'quick_reply', payload: 'STOP' },
        { index: 1, type: 'copy_code', code: '25OFF' },
      ],
    });
    expect(r.headerFormat).toBe('IMAGE');
    expect(r.header).toBeUndefined();
    expect(r.buttons).toEqual([
      { type: 'QUICK_REPLY', text: 'Stop', payload: 'STOP' },
      { type: 'COPY_CODE', text: 'Copy code', code: '25OFF' },
    ]);
    expect(r.text.startsWith('[IMAGE]\n\nHello Ana')).toBe(true);
  });

  it('never throws on nonsense', () => {
    for (const t of [null, 1, 'x', [], { components: [{ type: 'BODY', text: 5 }, 'x'] }]) {
      expect(renderTemplate(t, { body: [] })).toMatchObject({ body: expect.any(String), buttons: [] });
    }
  });
});
