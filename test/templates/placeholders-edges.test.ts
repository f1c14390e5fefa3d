/**
 * The edges of `{{...}}` scanning where a mutant would accept a variable Meta refuses (`{{first name}}`), lose a
 * broken one (`{{name}`), or fill something that is not a variable. Each case was written against a mutant the
 * rest of the suite let through (see docs/testing.md).
 */
import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../src/templates/index.js';
import {
  CappedText,
  codePointLength,
  filledLength,
  fillPlaceholders,
  RENDERED_TEXT_CAP,
  scanPlaceholders,
  variablesOf,
} from '../../src/templates/placeholders.js';

const kinds = (text: string) => scanPlaceholders(text).map((p) => [p.kind, p.raw]);

describe('named variables are anchored: the whole inner text must be a name', () => {
  it.each([
    '{{first name}}',
    '{{First_name}}',
    '{{name!}}',
    '{{ name}}',
    '{{name }}',
    '{{1name}}',
    '{{na-me}}',
    '{{ 1 }}',
    '{{01}}',
    '{{0}}',
    '{{1a}}',
    '{{a1 b}}',
  ])('%s is malformed, not a variable', (text) => {
    expect(kinds(text)).toEqual([['malformed', text]]);
    expect(variablesOf(text)).toEqual([]);
  });

  it.each([
    ['{{first_name}}', 'named', 'first_name'],
    ['{{_x}}', 'named', '_x'],
    ['{{a1}}', 'named', 'a1'],
    ['{{1}}', 'positional', '1'],
    ['{{10}}', 'positional', '10'],
    ['{{123}}', 'positional', '123'],
  ])('%s is %s', (text, kind, name) => {
    expect(scanPlaceholders(text)).toEqual([{ kind, raw: text, name, start: 0, end: text.length }]);
  });

  it.each(['{{#1}}', '{{$total}}', '{{50%}}', '{{{#1}}}', '{{{{$x}}}}'])('%s is special', (text) => {
    expect(kinds(text)).toEqual([['special', text]]);
  });
});

describe('unbalanced braces are reported, never silently ignored', () => {
  it.each([
    ['Hi {{name}', '{{name}'],
    ['Hi {name}}', '{name}}'],
    ['Hi {{1}', '{{1}'],
    ['Hi {1}}', '{1}}'],
    ['{{{1}}}', '{{{1}}}'],
    ['{{{#1}}', '{{{#1}}'],
    ['{{}}', '{{}}'],
  ])('%j -> malformed %j', (text, raw) => {
    expect(kinds(text)).toEqual([['malformed', raw]]);
  });

  it('an unclosed or unopened pair is a malformed stray, at its offset', () => {
    expect(scanPlaceholders('Hi {{1 and more')).toEqual([
      { kind: 'malformed', raw: '{{', name: '', start: 3, end: 5 },
    ]);
    expect(scanPlaceholders('text 1}} end')).toEqual([
      { kind: 'malformed', raw: '}}', name: '', start: 6, end: 8 },
    ]);
  });

  it('single-brace variables are malformed; single braces around prose are left alone', () => {
    expect(kinds('Total {1} and {#2}')).toEqual([
      ['malformed', '{1}'],
      ['malformed', '{#2}'],
    ]);
    expect(kinds('Use {like this} freely')).toEqual([]);
  });

  it.each(['{12}', '{ 7 }', '{#1}', '{$ 2}', '{%10}', '{# 3}'])(
    'single-brace %s (a number, one optional #, $ or %, spaces) is malformed',
    (text) => {
      expect(kinds(`x ${text} y`)).toEqual([['malformed', text]]);
    },
  );

  it.each(['{page 2}', '{2 pages}', '{x1}', '{#}', '{##1}', '{1#}', '{-1}', '{ }', '{a}'])(
    'single-brace prose %s is left alone (not a number after at most one sign)',
    (text) => {
      expect(kinds(`x ${text} y`)).toEqual([]);
    },
  );

  it('a non-string text is scanned as its string form, not thrown on', () => {
    expect(scanPlaceholders(12 as unknown as string)).toEqual([]);
    expect(kinds({ toString: () => 'Hi {{1}}' } as unknown as string)).toEqual([['positional', '{{1}}']]);
  });

  it('results are ordered by position, strays included', () => {
    const found = scanPlaceholders('{{2}} x }} y {{1}}');
    expect(found.map((p) => p.start)).toEqual([0, 8, 13]);
    expect(found.map((p) => p.kind)).toEqual(['positional', 'malformed', 'positional']);
  });
});

describe('variablesOf and fillPlaceholders only touch well-formed variables', () => {
  it('variablesOf drops special and malformed groups', () => {
    expect(variablesOf('{{1}} {{#2}} {{name}} {{x y}} {{3}').map((v) => v.raw)).toEqual([
      '{{1}}',
      '{{name}}',
    ]);
  });

  it('fillPlaceholders keeps malformed, special and unknown groups as written', () => {
    const out = fillPlaceholders('Hi {{1}}, {{#2}} {{x y}} {{name}} {{9}}', (v) =>
      v.name === '1' ? 'Ana' : v.name === 'name' ? 'Bo' : undefined,
    );
    expect(out).toEqual({ text: 'Hi Ana, {{#2}} {{x y}} Bo {{9}}', truncated: false });
  });

  it('filledLength measures each variable by its own value (and unfilled ones as written)', () => {
    const values: Record<string, string> = { '1': 'a', '2': 'bbb', name: '😀😀' };
    const lookup = (v: { name: string }) => values[v.name];
    // 'x' 1 + 'a' 1 + ' ' 1 + 'bbb' 3 + ' ' 1 + 'a' 1 + ' ' 1 + '😀😀' 2 + ' ' 1 + '{{9}}' 5 = 17
    expect(filledLength('x{{1}} {{2}} {{1}} {{name}} {{9}}', lookup)).toBe(17);
    expect(filledLength('{{2}}{{1}}', lookup)).toBe(4);
  });

  it('codePointLength counts code points', () => {
    expect(codePointLength('😀a')).toBe(2);
    expect(codePointLength('')).toBe(0);
  });
});

describe('rendered text is cut at the cap, whole code points only', () => {
  const one = (value: string, cap: number, text = '{{1}}') => fillPlaceholders(text, () => value, cap);

  it('a text that exactly fills the cap is whole and not truncated', () => {
    expect(one('ab', 2)).toEqual({ text: 'ab', truncated: false });
    expect(one('a😀', 3)).toEqual({ text: 'a😀', truncated: false });
  });

  it('past the cap the text is cut there and reported truncated', () => {
    expect(one('abc', 2)).toEqual({ text: 'ab', truncated: true });
    expect(one('a\uDC00c', 2)).toEqual({ text: 'a\uDC00', truncated: true });
    expect(one('a\uE000c', 2)).toEqual({ text: 'a\uE000', truncated: true });
  });

  it.each([
    ['U+1F600', '😀'],
    ['U+10000 (high surrogate D800)', '\uD800\uDC00'],
    ['U+10FFFF (high surrogate DBFF)', '\uDBFF\uDFFF'],
  ])('a pair (%s) that would be split at the cap is dropped whole', (_name, pair) => {
    expect(one(`a${pair}b`, 2)).toEqual({ text: 'a', truncated: true });
    expect(one(`a${pair}b`, 3)).toEqual({ text: `a${pair}`, truncated: true });
  });

  it('nothing is appended once truncated, even a piece that would fit the room left', () => {
    // The pair is dropped, leaving one unit of room; the literal tail must not fill it.
    expect(one('a😀', 2, '{{1}}x')).toEqual({ text: 'a', truncated: true });
    const capped = new CappedText(2);
    capped.append('a😀');
    capped.append('x');
    capped.append('');
    expect([capped.text, capped.truncated]).toEqual(['a', true]);
  });

  it('values are no longer asked for once the cap is reached', () => {
    const asked: string[] = [];
    const lookup = (v: { name: string }) => {
      asked.push(v.name);
      return 'abc';
    };
    const out = fillPlaceholders('{{1}}{{2}}{{3}}', lookup, 4);
    expect(out).toEqual({ text: 'abca', truncated: true });
    expect(asked).toEqual(['1', '2']);
  });

  it('renderTemplate keeps a pair straddling the 65 536-unit cap out of the body', () => {
    const value = `${'a'.repeat(RENDERED_TEXT_CAP - 1)}😀`;
    const rendered = renderTemplate(
      { name: 'n', language: 'en', category: 'UTILITY', components: [{ type: 'BODY', text: '{{1}}' }] },
      { body: [value] },
    );
    expect(rendered.truncated).toBe(true);
    expect(rendered.body).toBe('a'.repeat(RENDERED_TEXT_CAP - 1));
  });
});
