import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkTemplateParams,
  renderTemplate,
  TEMPLATE_ISSUE_CODES,
  validateTemplate,
} from '../../src/templates/index.js';

const docs = readFileSync(new URL('../../docs/templates.md', import.meta.url), 'utf8');
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('docs/templates.md', () => {
  it.each(TEMPLATE_ISSUE_CODES)('documents %s in the issue-code table', (code) => {
    expect(docs).toMatch(new RegExp(`^\\| \`${code.replace('.', '\\.')}\` \\|`, 'm'));
  });

  it.each([
    'params.count_mismatch',
    'params.invalid_whitespace',
    'params.body_too_long',
    'params.button_missing',
    'params.empty_value',
    'params.button_mismatch',
    'params.header_mismatch',
  ])('documents the send-time code %s', (code) => {
    expect(docs).toContain(`| \`${code}\` |`);
  });
});

describe('the README templates example', () => {
  it('does what the README says', () => {
    // Compared with runs of spaces folded, so re-aligning the comment in the README does not matter.
    expect(readme.replace(/ +/g, ' ')).toContain(
      "validateTemplate(definition, { profile: 'meta' }); // { valid: true, issues: [] }",
    );
    const definition = {
      name: 'order_update',
      language: 'en_US',
      category: 'UTILITY',
      components: [
        {
          type: 'BODY',
          text: 'Hi {{1}}, order {{2}} has shipped today.',
          example: { body_text: [['Ana', 'A-1042']] },
        },
      ],
    };
    expect(validateTemplate(definition, { profile: 'meta' })).toEqual({ valid: true, issues: [] });
    expect(validateTemplate({ ...definition, name: 'Order Update' }).issues[0]?.code).toBe('name.format');
    expect(checkTemplateParams(definition, { body: ['Ana'] }).issues[0]).toMatchObject({
      code: 'params.count_mismatch',
      metaCode: 132000,
    });
    expect(renderTemplate(definition, { body: ['Ana', 'A-1042'] }).text).toBe(
      'Hi Ana, order A-1042 has shipped today.',
    );
  });
});
