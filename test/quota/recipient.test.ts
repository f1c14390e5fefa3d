/**
 * The recipient's tracking key. Canonical input (`+` or nothing, then 8-15 digits, the first 1-9) takes a fast
 * path of one pass over the characters; everything else the general normalisation of `core/phone.ts`. Both must
 * give the same key for every input, so `+44 7700 900123`, `447700900123` and `+447700900123` stay one user.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidationError } from '../../src/core/errors.js';
import { phoneDigits } from '../../src/core/phone.js';
import { createQuotaTracker, MemoryQuotaStore, recipientKey } from '../../src/quota/index.js';
import { canonicalKey } from '../../src/quota/recipient.js';

/** The key as the general path alone computes it (what recipientKey returned before its fast path). */
function generalKey(recipient: string): string {
  try {
    return phoneDigits(recipient);
  } catch {
    return recipient.trim();
  }
}

const digits = (n: number, first = '4') => first + '0123456789'.repeat(2).slice(0, n - 1);

describe('recipientKey fast path', () => {
  it.each([
    // [input, the key, taken by the fast path]
    [`+${digits(8)}`, digits(8), true],
    [digits(8), digits(8), true],
    [`+${digits(15)}`, digits(15), true],
    [digits(15), digits(15), true],
    [`+${digits(12, '9')}`, digits(12, '9'), true],
    [`+${digits(12, '1')}`, digits(12, '1'), true],
    // Outside the fast path: the general path decides (and keeps a non-number as given, trimmed).
    [`+${digits(7)}`, `+${digits(7)}`, false],
    [digits(7), digits(7), false],
    [`+${digits(16)}`, `+${digits(16)}`, false],
    [digits(16), digits(16), false],
    [`00${digits(12)}`, digits(12), false],
    [`+0${digits(11)}`, `+0${digits(11)}`, false],
    [`0${digits(11)}`, `0${digits(11)}`, false],
    ['+44 7700 900123', '447700900123', false],
    [' +447700900123', '447700900123', false],
    ['+447700900123 ', '447700900123', false],
    ['+44-7700-900123', '447700900123', false],
    ['+44(7700)900123', '447700900123', false],
    ['++447700900123', '++447700900123', false],
    ['+44770090012a', '+44770090012a', false],
    ['a44770090012', 'a44770090012', false],
    ['+4477009001/3', '+4477009001/3', false],
    ['+4477009001:3', '+4477009001:3', false],
    ['4477009001٣3', '4477009001٣3', false],
    ['user-42', 'user-42', false],
  ])('%j -> %j (fast path: %s)', (input, key, fast) => {
    expect(recipientKey(input)).toBe(key);
    expect(generalKey(input)).toBe(key);
    expect(canonicalKey(input)).toBe(fast ? key : undefined);
  });

  it('gives the key of the general path for any string of digits, separators, + and letters', () => {
    const chars = fc.constantFrom(...'+0123456789 -.()a/:'.split(''), '0', '1', '4', '9');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 20 }), (parts) => {
        const input = parts.join('');
        if (input.trim() === '') return;
        expect(recipientKey(input)).toBe(generalKey(input));
        const fast = canonicalKey(input);
        if (fast !== undefined) expect(fast).toBe(generalKey(input));
      }),
      { numRuns: 2000 },
    );
  });

  it('takes the fast path for every canonical number, with or without its +', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 7, maxLength: 14 }),
        fc.boolean(),
        (first, rest, plus) => {
          const number = `${first}${rest.join('')}`;
          const input = plus ? `+${number}` : number;
          expect(canonicalKey(input)).toBe(number);
          expect(recipientKey(input)).toBe(generalKey(input));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('still refuses an empty or non-string recipient with a ValidationError', () => {
    for (const bad of ['', '   ', undefined, null, 447700900123]) {
      let error: unknown;
      try {
        recipientKey(bad as string);
      } catch (e) {
        error = e;
      }
      expect(isValidationError(error)).toBe(true);
    }
  });

  it('counts the spellings of one number as one user on the memory store', async () => {
    const quota = createQuotaTracker({ tier: 10, store: new MemoryQuotaStore(), clock: () => 0 });
    expect((await quota.acquire('+447700900123')).counted).toBe(true);
    for (const same of ['447700900123', '+44 7700 900123', '0044 7700 900123', ' +447700900123 ']) {
      expect(await quota.acquire(same)).toMatchObject({ allowed: true, counted: false, used: 1 });
    }
  });
});
