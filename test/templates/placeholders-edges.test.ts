/**
 * The edges of `{{...}}` scanning where a mutant would accept a variable Meta refuses (`{{first name}}`), lose a
 * broken one (`{{name}`), or fill something that is not a variable. Each case was written against a mutant the
 * rest of the suite let through (see docs/testing.md).
 */
import { describe, expect, it } from 'vitest';
import {
  codePointLength,
  fillPlaceholders,
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

  it.each(['{{#1}}', '{{$total}}', '{{50%}}'])('%s is special', (text) => {
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

  it('codePointLength counts code points', () => {
    expect(codePointLength('😀a')).toBe(2);
    expect(codePointLength('')).toBe(0);
  });
});
