import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkTemplateParams,
  renderTemplate,
  type TemplateProfileName,
  validateTemplate,
} from '../../src/templates/index.js';

const profiles: TemplateProfileName[] = ['strict', 'meta'];

/** Text that is likely to contain brace groups, special characters, emoji and whitespace. */
const textish = fc
  .array(
    fc.oneof(
      fc.string(),
      fc.constantFrom(
        '{{1}}',
        '{{2}}',
        '{{',
        '}}',
        '{',
        '}',
        '{{name}}',
        '{{#1}}',
        '😀',
        '\n',
        '  ',
        'https://',
        '+1',
      ),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

/** Any JS value, including null-prototype objects, boxed values and objects with odd keys. */
const wild = fc.anything({
  withNullPrototype: true,
  withBoxedValues: true,
  withObjectString: true,
  withSparseArray: true,
});
const anyish = fc.oneof(textish, wild);

const button = fc.record(
  {
    type: fc.oneof(fc.constantFrom('QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'COPY_CODE', 'FLOW', 'url'), anyish),
    text: anyish,
    url: anyish,
    phone_number: anyish,
    example: fc.oneof(fc.array(anyish, { maxLength: 3 }), anyish),
  },
  { requiredKeys: [] },
);

const component = fc.record(
  {
    type: fc.oneof(fc.constantFrom('HEADER', 'BODY', 'FOOTER', 'BUTTONS', 'body', 'CAROUSEL'), anyish),
    format: fc.oneof(fc.constantFrom('TEXT', 'IMAGE', 'LOCATION', 'video'), anyish),
    text: anyish,
    example: fc.oneof(
      fc.record(
        {
          body_text: fc.oneof(fc.array(fc.array(anyish, { maxLength: 4 }), { maxLength: 2 }), anyish),
          header_text: fc.oneof(fc.array(anyish, { maxLength: 3 }), anyish),
          header_handle: anyish,
          body_text_named_params: fc.oneof(
            fc.array(fc.record({ param_name: anyish, example: anyish }, { requiredKeys: [] }), {
              maxLength: 3,
            }),
            anyish,
          ),
        },
        { requiredKeys: [] },
      ),
      anyish,
    ),
    buttons: fc.oneof(fc.array(fc.oneof(button, wild), { maxLength: 12 }), anyish),
  },
  { requiredKeys: [] },
);

const templateLike = fc.record(
  {
    name: anyish,
    language: fc.oneof(fc.constantFrom('en_US', 'pt_BR', 'xx'), anyish),
    category: fc.oneof(fc.constantFrom('MARKETING', 'UTILITY', 'AUTHENTICATION'), anyish),
    parameter_format: fc.oneof(fc.constantFrom('positional', 'NAMED'), anyish),
    components: fc.oneof(fc.array(fc.oneof(component, wild), { maxLength: 6 }), anyish),
  },
  { requiredKeys: [] },
);

const input = fc.oneof(wild, templateLike);

describe('validateTemplate never throws', () => {
  it.each(profiles)('on arbitrary input (%s profile) and valid iff no error issue', (profile) => {
    fc.assert(
      fc.property(input, (template) => {
        const result = validateTemplate(template, { profile });
        expect(typeof result.valid).toBe('boolean');
        expect(result.valid).toBe(!result.issues.some((i) => i.severity === 'error'));
        for (const issue of result.issues) {
          expect(typeof issue.code).toBe('string');
          expect(typeof issue.message).toBe('string');
          expect(Array.isArray(issue.path)).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('renderTemplate and checkTemplateParams never throw either', () => {
    const params = fc.oneof(
      wild,
      fc.record(
        {
          header: anyish,
          body: fc.oneof(fc.array(anyish, { maxLength: 4 }), fc.dictionary(fc.string(), anyish), anyish),
          buttons: fc.oneof(
            fc.array(fc.record({ index: fc.integer({ min: -1, max: 12 }), type: anyish, text: anyish }), {
              maxLength: 4,
            }),
            anyish,
          ),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(input, params, (template, p) => {
        expect(typeof renderTemplate(template, p as never).text).toBe('string');
        expect(typeof checkTemplateParams(template, p as never).valid).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });
});

describe('well-formed bodies', () => {
  it('sequential variables between words with matching examples raise no variable issue', () => {
    const word = fc.stringMatching(/^[A-Za-zÀ-ÿ]{1,8}$/);
    fc.assert(
      fc.property(
        fc.array(fc.array(word, { minLength: 2, maxLength: 4 }), { minLength: 2, maxLength: 8 }),
        (chunks) => {
          // words {{1}} words {{2}} ... words
          const text = chunks
            .map((c, i) => (i < chunks.length - 1 ? `${c.join(' ')} {{${i + 1}}}` : c.join(' ')))
            .join(' ');
          const n = chunks.length - 1;
          const template = {
            name: 'prop_test',
            language: 'en',
            category: 'UTILITY',
            components: [
              { type: 'BODY', text, example: { body_text: [Array.from({ length: n }, (_, i) => `v${i}`)] } },
            ],
          };
          const result = validateTemplate(template, { profile: 'meta' });
          expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
          const rendered = renderTemplate(template, { body: Array.from({ length: n }, (_, i) => `v${i}`) });
          expect(rendered.body).not.toMatch(/\{\{/);
          expect(checkTemplateParams(template, { body: Array.from({ length: n }, () => 'x') }).valid).toBe(
            true,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
