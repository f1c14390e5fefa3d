import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidationError } from '../../src/core/errors.js';
import { isValidPhone, normalizePhone, phoneDigits } from '../../src/core/phone.js';
import { maskPhone } from '../../src/core/redact.js';

describe('normalizePhone', () => {
  it.each([
    ['+447700900123', '+447700900123'],
    ['447700900123', '+447700900123'],
    ['00447700900123', '+447700900123'],
    ['+44 7700 900123', '+447700900123'],
    ['+44 (7700) 900-123', '+447700900123'],
    ['+1.415.555.2671', '+14155552671'],
    [' +919876543210 ', '+919876543210'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
    expect(phoneDigits(input)).toBe(expected.slice(1));
    expect(isValidPhone(input)).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['+', 'empty'],
    ['07700900123', 'cannot start with 0'],
    ['+44 7700 90012a', 'characters other than digits'],
    ['+1234567', 'at least 8'],
    ['+1234567890123456', 'at most 15'],
    ['tel:+447700900123', 'characters other than digits'],
  ])('refuses %j with a message saying why', (input, why) => {
    let error: unknown;
    try {
      normalizePhone(input);
    } catch (e) {
      error = e;
    }
    expect(isValidationError(error)).toBe(true);
    const e = error as import('../../src/index.js').ValidationError;
    expect(e.message).toContain(why);
    expect(e.message).toContain('E.164');
    expect(e.issues[0]).toMatchObject({ code: 'phone.invalid', path: ['to'] });
    expect(isValidPhone(input)).toBe(false);
  });

  it('never echoes the full number in the error', () => {
    const bad = '+4477009001239999';
    expect(() => normalizePhone(bad)).toThrow(/\*/);
    try {
      normalizePhone(bad);
    } catch (e) {
      expect((e as Error).message).not.toContain('4477009001239999');
    }
  });

  it('refuses non-strings', () => {
    expect(() => normalizePhone(447700900123 as unknown as string)).toThrow(/expected a string/);
  });

  it('is idempotent on every valid number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{7,14}$/), (digits) => {
        const once = normalizePhone(digits);
        expect(normalizePhone(once)).toBe(once);
        expect(once).toBe(`+${digits}`);
      }),
    );
  });
});

describe('maskPhone', () => {
  it('keeps the country prefix and last two digits', () => {
    expect(maskPhone('+447700900123')).toBe('+447*******23');
    expect(maskPhone('447700900123')).toBe('447*******23');
    expect(maskPhone('123')).toBe('***');
  });
});
