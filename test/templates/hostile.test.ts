/**
 * Hostile input for the template functions and the format helpers (issue "Hostile input and bad days", items 3, 6
 * and 7): every function is linear in its input and never throws.
 *
 * No timing assertion: the inputs below are sized so that a quadratic algorithm needs minutes (the reported
 * curve was 21 s at 100 000 braces, so 200 000 is ~85 s, and 3.2 s for `bold` at 100 000 spaces, so 400 000 is
 * ~50 s) while a linear one needs milliseconds; vitest's per-test timeout (20 s) is the bound. The property tests keep each run's sizes moderate so the suite
 * stays fast, and compare the scanner against the original regex definition on small inputs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bold,
  checkTemplateParams,
  italic,
  monospace,
  type Placeholder,
  renderTemplate,
  scanPlaceholders,
  strike,
  validateTemplate,
} from '../../src/templates/index.js';

/**
 * Generous bound for one test: a linear run takes milliseconds, a quadratic one minutes. Mutation testing runs the
 * suite on code instrumented with a coverage counter per statement, several times slower; its config
 * (vitest.mutation.config.ts) raises the bound, and Stryker's own per-mutant timeout catches a quadratic mutant.
 */
const BOUND = Number(process.env.WABA_KIT_TEST_BOUND_MS ?? 20_000);
/** Input size for the brace tests. */
const N = 200_000;
/** One megabyte of value text. */
const MB = 1_000_000;

function bodyTemplate(text: string, extra: Record<string, unknown> = {}) {
  return {
    name: 'hostile',
    language: 'en_US',
    category: 'UTILITY',
    components: [{ type: 'BODY', text, ...extra }],
  };
}

function urlTemplate(url: string) {
  return {
    name: 'hostile',
    language: 'en_US',
    category: 'UTILITY',
    components: [
      { type: 'BODY', text: 'Hello there.' },
      { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Open', url }] },
    ],
  };
}

/** The scanner as first written (regex based). Quadratic on brace runs, so used only on small inputs. */
function referenceScan(text: string): Pick<Placeholder, 'kind' | 'raw' | 'name' | 'start' | 'end'>[] {
  const POSITIONAL = /^[1-9][0-9]*$/;
  const NAMED = /^[a-z_][a-z0-9_]*$/;
  const SPECIAL = /[#$%]/;
  const SINGLE = /^\s*[#$%]?\s*[0-9]+\s*$/;
  const found: Pick<Placeholder, 'kind' | 'raw' | 'name' | 'start' | 'end'>[] = [];
  const runs = /\{+[^{}]*\}+/g;
  let masked = '';
  let last = 0;
  for (let m = runs.exec(text); m !== null; m = runs.exec(text)) {
    const raw = m[0];
    const open = raw.length - raw.replace(/^\{+/, '').length;
    const close = raw.length - raw.replace(/\}+$/, '').length;
    const inner = raw.slice(open, raw.length - close);
    masked += text.slice(last, m.index) + ' '.repeat(raw.length);
    last = m.index + raw.length;
    let kind: Placeholder['kind'] | undefined;
    if (open === 2 && close === 2) {
      kind = POSITIONAL.test(inner)
        ? 'positional'
        : NAMED.test(inner)
          ? 'named'
          : SPECIAL.test(inner)
            ? 'special'
            : 'malformed';
    } else if (open >= 2 || close >= 2) {
      kind = SPECIAL.test(inner) && open === close ? 'special' : 'malformed';
    } else if (SINGLE.test(inner)) kind = 'malformed';
    if (kind) found.push({ kind, raw, name: inner, start: m.index, end: m.index + raw.length });
  }
  masked += text.slice(last);
  const stray = /\{\{|\}\}/g;
  for (let m = stray.exec(masked); m !== null; m = stray.exec(masked)) {
    found.push({ kind: 'malformed', raw: m[0], name: '', start: m.index, end: m.index + 2 });
  }
  return found.sort((a, b) => a.start - b.start);
}

describe('template functions on the inputs of the report (item 3)', () => {
  it(
    'validateTemplate on 200 000 "{" answers with capped issues',
    () => {
      const result = validateTemplate(bodyTemplate('{'.repeat(N)), { profile: 'meta' });
      expect(result.valid).toBe(false);
      expect(result.issues.map((i) => i.code)).toContain('body.too_long');
      const malformed = result.issues.filter((i) => i.code === 'variable.malformed');
      // 100 000 stray "{{": the first 20 are listed, the rest summarised in one issue.
      expect(malformed.length).toBeGreaterThan(1);
      expect(malformed.length).toBeLessThanOrEqual(21);
      expect(malformed.at(-1)?.message).toMatch(/more/);
      expect(malformed.at(-1)?.message).toContain('99980');
    },
    BOUND,
  );

  it(
    'validateTemplate on "{{" runs, "}}" runs and unclosed groups',
    () => {
      for (const text of [
        '{{'.repeat(N / 2),
        '}}'.repeat(N / 2),
        `{{${'a'.repeat(N)}`,
        `${'{'.repeat(N / 2)}x${'}'.repeat(3)}`,
        `{${' '.repeat(N)}x}`,
        '{{1}'.repeat(N / 4),
        'x {{1}} '.repeat(N / 8),
      ]) {
        const result = validateTemplate(bodyTemplate(text));
        expect(result.valid).toBe(false);
      }
    },
    BOUND,
  );

  it(
    'a URL button full of braces',
    () => {
      const result = validateTemplate(urlTemplate(`https://example.com/${'{'.repeat(N)}`), {
        profile: 'meta',
      });
      expect(result.issues.map((i) => i.code)).toContain('button.url_invalid');
    },
    BOUND,
  );

  it(
    'checkTemplateParams and renderTemplate on 200 000 "{"',
    () => {
      const template = bodyTemplate('{'.repeat(N));
      expect(checkTemplateParams(template, {}).issues.map((i) => i.code)).toContain('params.body_too_long');
      const rendered = renderTemplate(template, {});
      expect(rendered.truncated).toBe(true);
      expect(rendered.body.length).toBeLessThan(N);
    },
    BOUND,
  );

  it(
    'scanPlaceholders on 200 000 "{" finds the stray pairs only',
    () => {
      const found = scanPlaceholders('{'.repeat(N));
      expect(found).toHaveLength(N / 2);
      expect(found.every((p) => p.kind === 'malformed' && p.raw === '{{')).toBe(true);
    },
    BOUND,
  );
});

describe('template functions never throw on huge inputs (item 6)', () => {
  it(
    'checkTemplateParams and validateTemplate on 170 000 "{{1}}"',
    () => {
      const text = `Hi ${'{{1}}'.repeat(170_000)} bye`;
      const template = bodyTemplate(text);
      const checked = checkTemplateParams(template, { body: ['x'] });
      expect(checked.valid).toBe(false);
      expect(checked.issues.map((i) => i.code)).toContain('params.body_too_long');
      expect(validateTemplate(template).valid).toBe(false);
      expect(renderTemplate(template, { body: ['x'] }).body.startsWith('Hi xxx')).toBe(true);
    },
    BOUND,
  );

  it(
    'the highest of many positional variables counts (no Math.max over a spread)',
    () => {
      const numbers = Array.from({ length: 200_000 }, (_, i) => `{{${i + 1}}}`);
      const template = bodyTemplate(`Dear ${numbers.join(' and ')} thanks.`);
      const checked = checkTemplateParams(template, { body: [] });
      const mismatch = checked.issues.find((i) => i.code === 'params.count_mismatch');
      expect(mismatch?.message).toContain('200000 variables');
    },
    BOUND,
  );

  it(
    'a carousel card with 170 000 "{{1}}" is counted, not spread into Math.max',
    () => {
      const card = {
        components: [
          { type: 'HEADER', format: 'IMAGE' },
          { type: 'BODY', text: `Card ${'{{1}}'.repeat(170_000)} end` },
        ],
      };
      const template = {
        ...bodyTemplate('Hi.'),
        components: [
          { type: 'BODY', text: 'Hi.' },
          { type: 'CAROUSEL', cards: [card] },
        ],
      };
      const checked = checkTemplateParams(template, {
        cards: [{ header: { type: 'image', url: 'https://a.example/x.png' }, body: [] }],
      } as never);
      expect(checked.issues.map((i) => i.code)).toContain('params.count_mismatch');
    },
    BOUND,
  );

  it(
    'a long value in many variables: renderTemplate caps its output and says so',
    () => {
      const value = 'v'.repeat(MB);
      const template = bodyTemplate(`Hi ${'{{1}} '.repeat(2_000)}bye.`, {});
      // 2 000 x 1 MB would be 2 GB of text: past the engine's string limit.
      const rendered = renderTemplate(template, { body: [value] });
      expect(rendered.truncated).toBe(true);
      expect(rendered.body.startsWith('Hi vvv')).toBe(true);
      expect(rendered.body.length).toBeLessThanOrEqual(65_536);
      expect(rendered.text.length).toBeLessThanOrEqual(65_536);
      const checked = checkTemplateParams(template, { body: [value] });
      const tooLong = checked.issues.find((i) => i.code === 'params.body_too_long');
      // The exact length, computed without building the string: "Hi " + 2 000 x (value + " ") + "bye."
      expect(tooLong?.message).toContain(`${3 + 2_000 * (MB + 1) + 4} characters`);
    },
    BOUND,
  );

  it(
    'many named variables with long values',
    () => {
      const names = Array.from({ length: 500 }, (_, i) => `name_${i}`);
      const template = bodyTemplate(`Hi ${names.map((n) => `{{${n}}}`).join(' ')} bye.`, {});
      // 500 x 2 MB would be 1 GB of text: past the engine's string limit.
      const long = 'w'.repeat(2 * MB);
      const body = Object.fromEntries(names.map((n) => [n, long]));
      const rendered = renderTemplate(template, { body });
      expect(rendered.truncated).toBe(true);
      // Every value is checked (for 132018 whitespace), so the check gets shorter values.
      const short = Object.fromEntries(names.map((n) => [n, 'w'.repeat(10_000)]));
      const tooLong = checkTemplateParams(template, { body: short }).issues.find(
        (i) => i.code === 'params.body_too_long',
      );
      const expected = 3 + 500 * 10_000 + 499 + 5;
      expect(tooLong?.message).toContain(`${expected} characters`);
    },
    BOUND,
  );

  it(
    'many named parameters against many variables is not quadratic',
    () => {
      const names = Array.from({ length: 30_000 }, (_, i) => `n${i}`);
      const template = {
        ...bodyTemplate(`Hi ${names.map((n) => `{{${n}}}`).join(' ')} bye.`),
        parameter_format: 'named',
      };
      const body = Object.fromEntries(names.map((n) => [`other_${n}`, 'x']));
      const checked = checkTemplateParams(template, { body });
      expect(checked.issues.map((i) => i.code)).toContain('params.count_mismatch');
      // The lists in the message are capped, not 200 000 names long.
      const mismatch = checked.issues.find((i) => i.code === 'params.count_mismatch');
      expect(mismatch?.message.length).toBeLessThan(2_000);
      const validated = validateTemplate({
        ...template,
        components: [
          {
            type: 'BODY',
            text: template.components[0]?.text,
            example: { body_text_named_params: names.map((n) => ({ param_name: n, example: 'x' })) },
          },
        ],
      });
      expect(validated.issues.map((i) => i.code)).toContain('body.too_long');
    },
    BOUND,
  );

  it(
    'many gaps in the numbering are reported in a capped message',
    () => {
      const text = `Hi ${Array.from({ length: 50_000 }, (_, i) => `{{${2 * i + 1}}}`).join(' ')} bye.`;
      const result = validateTemplate(bodyTemplate(text));
      const seq = result.issues.find((i) => i.code === 'variable.not_sequential');
      expect(seq).toBeDefined();
      expect(seq?.message.length).toBeLessThan(2_000);
    },
    BOUND,
  );

  it(
    'renderTemplate matches many button parameters to many buttons in linear time',
    () => {
      const n = 50_000;
      const template = {
        ...bodyTemplate('Hi.'),
        components: [
          { type: 'BODY', text: 'Hi.' },
          {
            type: 'BUTTONS',
            buttons: Array.from({ length: n }, () => ({ type: 'QUICK_REPLY', text: 'a'.repeat(20) })),
          },
        ],
      };
      const buttons = Array.from({ length: n }, (_, i) => ({
        index: n - 1 - i,
        type: 'quick_reply' as const,
        payload: `p${n - 1 - i}`,
      }));
      const rendered = renderTemplate(template, { buttons });
      expect(rendered.buttons[0]?.payload).toBe('p0');
      expect(rendered.buttons[n - 1]?.payload).toBe(`p${n - 1}`);
      expect(rendered.truncated).toBe(true);
      expect(rendered.text.length).toBeLessThanOrEqual(65_536);
    },
    BOUND,
  );
});

describe('format helpers are linear (item 7)', () => {
  it.each([
    ['bold', bold, '*'],
    ['italic', italic, '_'],
    ['strike', strike, '~'],
    ['monospace', monospace, '```'],
  ] as const)(
    '%s on "a" + 400 000 spaces + "b"',
    (_, fn, marker) => {
      const inner = `a${' '.repeat(400_000)}b`;
      expect(fn(inner)).toBe(`${marker}${inner}${marker}`);
      expect(fn(`  ${inner}\n`)).toBe(`  ${marker}${inner}${marker}\n`);
      expect(fn(' '.repeat(400_000))).toBe(' '.repeat(400_000));
    },
    BOUND,
  );
});

describe('properties on generated large inputs', () => {
  const token = fc.constantFrom(
    '{',
    '}',
    '{{',
    '}}',
    '{{1}}',
    '{{12}}',
    '{{a_b}}',
    '{{#1}}',
    'x',
    ' ',
    '\n',
    '😀',
  );
  /** A few runs of repeated tokens: up to ~100 000 characters per input, a few runs, so the suite stays fast. */
  const large = fc
    .array(fc.tuple(token, fc.integer({ min: 1, max: 4_000 })), { minLength: 1, maxLength: 5 })
    .map((runs) => runs.map(([t, n]) => t.repeat(n)).join(''));
  const small = fc
    .array(fc.oneof(token, fc.string({ maxLength: 4 })), { maxLength: 40 })
    .map((parts) => parts.join(''));

  it('scanPlaceholders agrees with the regex definition on small inputs', () => {
    fc.assert(
      fc.property(small, (text) => {
        expect(scanPlaceholders(text)).toEqual(referenceScan(text));
      }),
      { numRuns: 3_000 },
    );
  });

  it(
    'on large inputs: groups are in order, disjoint and quote the text; no function throws',
    () => {
      fc.assert(
        fc.property(large, large, (text, value) => {
          const found = scanPlaceholders(text);
          let end = 0;
          for (const p of found) {
            expect(p.start).toBeGreaterThanOrEqual(end);
            expect(text.slice(p.start, p.end)).toBe(p.raw);
            end = p.end;
          }
          const template = {
            name: 'x',
            language: 'en',
            category: 'MARKETING',
            components: [
              { type: 'HEADER', format: 'TEXT', text },
              { type: 'BODY', text, example: { body_text: [[value]] } },
              { type: 'FOOTER', text },
              { type: 'BUTTONS', buttons: [{ type: 'URL', text, url: `https://a.example/${text}` }] },
            ],
          };
          const validated = validateTemplate(template, { profile: 'meta' });
          expect(validated.valid).toBe(!validated.issues.some((i) => i.severity === 'error'));
          const params = { header: { type: 'text' as const, text: value }, body: [value, value, value] };
          const rendered = renderTemplate(template, params);
          expect(typeof rendered.text).toBe('string');
          expect(rendered.text.length).toBeLessThanOrEqual(65_536);
          expect(typeof checkTemplateParams(template, params).valid).toBe('boolean');
          expect(bold(text).length).toBeGreaterThanOrEqual(text.length);
        }),
        { numRuns: 15 },
      );
    },
    BOUND,
  );
});
