import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import {
  bold,
  codePointLength,
  formatLegacyTemplateName,
  isTemplateLanguage,
  italic,
  monospace,
  parseLegacyTemplateName,
  scanPlaceholders,
  strike,
  TEMPLATE_LANGUAGES,
} from '../../src/templates/index.js';

describe('legacy namespace:name template names', () => {
  it.each([
    ['9b6b4fcb_da19_4a26_8fe8_78074a91b584:verify', '9b6b4fcb_da19_4a26_8fe8_78074a91b584', 'verify'],
    ['whatsapp:hsm:technology:nexmo:verify', 'whatsapp:hsm:technology:nexmo', 'verify'],
    ['ns-1:order_update_2', 'ns-1', 'order_update_2'],
  ])('parses %s', (input, namespace, name) => {
    expect(parseLegacyTemplateName(input)).toEqual({ valid: true, namespace, name });
    expect(formatLegacyTemplateName({ namespace, name })).toBe(input);
  });

  it.each([
    ['verify', 'has no namespace'],
    [':verify', 'is empty'],
    ['ns:', 'is empty'],
    ['ns:Verify', 'lowercase letters'],
    ['name space:verify', 'letters, digits'],
    ['ns::verify', 'letters, digits'],
    ['', 'non-empty string'],
  ])('refuses %j with namespace.format', (input, why) => {
    const result = parseLegacyTemplateName(input);
    expect(result.valid).toBe(false);
    if (result.valid) return;
    expect(result.issues.every((i) => i.code === 'namespace.format' && i.severity === 'error')).toBe(true);
    expect(result.issues.map((i) => i.message).join(' ')).toContain(why);
  });

  it('refuses non-strings without throwing', () => {
    for (const input of [undefined, null, 42, {}, []]) {
      expect(parseLegacyTemplateName(input).valid).toBe(false);
    }
  });

  it('formatLegacyTemplateName throws a ValidationError for bad parts', () => {
    expect(() => formatLegacyTemplateName({ namespace: '', name: 'verify' })).toThrow(ValidationError);
    expect(() => formatLegacyTemplateName({ namespace: 'ns', name: 'a:b' })).toThrow(
      /cannot contain a colon/,
    );
    try {
      formatLegacyTemplateName({ namespace: 'ns', name: 'Bad' });
    } catch (err) {
      expect((err as ValidationError).issues).toEqual([
        expect.objectContaining({ code: 'namespace.format', path: ['name'] }),
      ]);
    }
  });
});

describe('WhatsApp formatting helpers', () => {
  it('wrap text in the WhatsApp markers', () => {
    expect(bold('Sale')).toBe('*Sale*');
    expect(italic('soon')).toBe('_soon_');
    expect(strike('$20')).toBe('~$20~');
    expect(monospace('A-1042')).toBe('```A-1042```');
  });

  it('keep surrounding whitespace outside the markers so the formatting applies', () => {
    expect(bold('  big deal ')).toBe('  *big deal* ');
    expect(italic('\nline\n')).toBe('\n_line_\n');
    expect(bold('')).toBe('');
    expect(strike('   ')).toBe('   ');
  });

  it('compose', () => {
    expect(bold(italic('both'))).toBe('*_both_*');
    expect(`Code: ${monospace('123 456')}`).toBe('Code: ```123 456```');
  });
});

describe('languages', () => {
  it("is Meta's list as data", () => {
    expect(TEMPLATE_LANGUAGES).toContain('en_US');
    expect(TEMPLATE_LANGUAGES).toContain('pt_BR');
    expect(TEMPLATE_LANGUAGES).toContain('fil');
    expect(TEMPLATE_LANGUAGES).toHaveLength(68);
    expect(new Set(TEMPLATE_LANGUAGES).size).toBe(TEMPLATE_LANGUAGES.length);
    expect(Object.isFrozen(TEMPLATE_LANGUAGES)).toBe(true);
  });

  it('isTemplateLanguage is case-sensitive and overridable', () => {
    expect(isTemplateLanguage('en_US')).toBe(true);
    expect(isTemplateLanguage('en_us')).toBe(false);
    expect(isTemplateLanguage('en-US')).toBe(false);
    expect(isTemplateLanguage(7)).toBe(false);
    expect(isTemplateLanguage('ky_KG', ['ky_KG'])).toBe(true);
  });
});

describe('placeholders', () => {
  it('counts code points', () => {
    expect(codePointLength('😀')).toBe(1);
    expect(codePointLength('a😀b')).toBe(3);
    expect(codePointLength('')).toBe(0);
  });

  it('classifies every brace group', () => {
    const kinds = scanPlaceholders('{{1}} {{name}} {{#2}} {{3} {4}} {{ }} {plain} {5} {{6').map((p) => [
      p.kind,
      p.raw,
    ]);
    expect(kinds).toEqual([
      ['positional', '{{1}}'],
      ['named', '{{name}}'],
      ['special', '{{#2}}'],
      ['malformed', '{{3}'],
      ['malformed', '{4}}'],
      ['malformed', '{{ }}'],
      ['malformed', '{5}'],
      ['malformed', '{{'],
    ]);
  });

  it('reports positions in the text', () => {
    const [p] = scanPlaceholders('Hi {{1}}!');
    expect(p).toMatchObject({ start: 3, end: 8, name: '1' });
  });
});
