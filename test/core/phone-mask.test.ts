/**
 * Phone numbers in errors (the hostile-input issue, item 14): the one scrubber masks the recipient however a
 * provider spells it, and any number in E.164 form, the way the library's own messages mask a number
 * (`+447700900123` -> `+447*******23`, src/core/redact.ts `maskPhone`); ids, timestamps, codes and base64 stay.
 */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ApiError, ConnectionError } from '../../src/core/errors.js';
import { maskPhoneNumbers, recipientPatterns } from '../../src/core/phone-mask.js';
import { scrubError, scrubValue } from '../../src/core/scrub.js';

const TO = '+447700900123';
const mask = (text: string, recipients: (string | number | undefined)[] = [TO]) =>
  maskPhoneNumbers(text, recipientPatterns(recipients));

describe('maskPhoneNumbers: the recipient, in every spelling a provider uses', () => {
  it.each([
    ['+447700900123', '+447*******23'],
    ['447700900123', '447*******23'],
    ['+44 7700 900123', '+447*******23'],
    ['+44-7700-900-123', '+447*******23'],
    ['(447) 700.900.123', '(447*******23'],
    ['+4 47 70 09 00 12 3', '+447*******23'],
  ])('%s', (written, masked) => {
    expect(mask(`to ${written}.`)).toBe(`to ${masked}.`);
  });

  it('masks it inside a longer digit run, after a URL-encoded plus and as a JSON string', () => {
    expect(mask('00447700900123')).toBe('00447*******23');
    expect(mask('to=%2B447700900123&x=1')).toBe('to=%2B447*******23&x=1');
    expect(mask('{"to":"447700900123"}')).toBe('{"to":"447*******23"}');
  });

  it('masks every occurrence, and each of several recipients', () => {
    expect(mask('447700900123 and again 447700900123', [TO, '919876543210'])).toBe(
      '447*******23 and again 447*******23',
    );
    expect(mask('a 919876543210 b 447700900123', [TO, '919876543210'])).toBe('a 919*******10 b 447*******23');
  });

  it('leaves the digits alone when three separators split them (not a number as written)', () => {
    expect(mask('4477   00900123')).toBe('4477   00900123');
  });

  it('gives no pattern to what is not a phone number: a BSUID, a short or too long number, undefined', () => {
    expect(
      recipientPatterns(['US.13491208655302741918', '123456', '1234567890123456', undefined, '']),
    ).toEqual([]);
    expect(recipientPatterns(['1234567', '123456789012345', ' +447700900123 '])).toHaveLength(3);
    // Only a whole value that is a number: not a BSUID with digits, not digits followed by text.
    expect(recipientPatterns(['US.1349120865', 'tel:447700900123', '447700900123abc'])).toEqual([]);
    // A number given as a number (from JavaScript) is still masked.
    expect(mask('to 447700900123', [447700900123])).toBe('to 447*******23');
    // The same number written twice is one pattern.
    expect(recipientPatterns([TO, '447700900123'])).toHaveLength(1);
  });
});

describe('maskPhoneNumbers: other numbers in E.164 form', () => {
  it.each([
    ['call +15550001234 now', 'call +155******34 now'],
    ['(+919876543210)', '(+919*******10)'],
    ['tel:+4915112345678', 'tel:+491********78'],
    ['+1234567', '+123**67'],
    ['+123456789012345', '+123**********45'],
  ])('%s', (text, masked) => {
    expect(mask(text, [])).toBe(masked);
  });

  it('masks every E.164 number of a text, not only the first', () => {
    expect(mask('from +15550001234 to +919876543210, cc +15550001234', [])).toBe(
      'from +155******34 to +919*******10, cc +155******34',
    );
  });

  it.each([
    ['a base64 run', 'sha256 k9+12345678Zx/+98765432=='],
    ['a plus after a digit', '2+12345678'],
    ['more than 15 digits', '+1234567890123456'],
    ['fewer than 7 digits', '+123456'],
    ['a leading zero (no country code starts with 0)', '+0447700900123'],
    ['a number followed by a letter', '+447700900123abc'],
    ['bare digits that are not the recipient', 'id 1700000000 phone_number_id 106540352242922 code 131047'],
    ['a date', '2026-12-01T10:00:00+01:00'],
  ])('leaves %s alone', (_what, text) => {
    expect(mask(text, [])).toBe(text);
  });
});

describe('scrubError masks numbers in every field of an error', () => {
  function providerError(spelled: string) {
    const root = new Error(`connect failed for ${spelled}`);
    return new ApiError(`Invalid Destination ${spelled}`, {
      provider: 'gupshup',
      title: spelled,
      detail: `The value of the \`to\` parameter is invalid: ${spelled}`,
      invalidParameters: [{ name: 'to', reason: `${spelled} is not a WhatsApp number` }],
      requestId: spelled,
      body: { contacts: [{ input: spelled, wa_id: spelled }], [spelled]: 'as a key', deep: [[[spelled]]] },
      cause: new TypeError('fetch failed', { cause: root }),
    });
  }

  it.each(['447700900123', '+447700900123', '+44 7700 900123'])(
    'the recipient as %s: message, fields, body (keys too), cause chain, JSON and inspect',
    (spelled) => {
      const error = scrubError(providerError(spelled), [], [TO]);
      const views = [
        error.message,
        String(error.stack),
        JSON.stringify(error),
        inspect(error, { depth: null }),
        String(error),
      ];
      for (const view of views) expect(view).not.toMatch(/7700\s?900/);
      expect(error.message).toMatch(/^Invalid Destination \+?447\*{7}23$/);
      expect(error.detail).toMatch(/invalid: \+?447\*{7}23$/);
      expect(error.body).toMatchObject({ contacts: [{ input: expect.stringMatching(/\*{7}23$/) }] });
    },
  );

  it('masks E.164 numbers in an error even with no recipient and no secret', () => {
    const error = scrubError(new ConnectionError('refused for +15550001234', { provider: 'meta' }), []);
    expect(error.message).toBe('refused for +155******34');
  });

  it('redacts secrets before masking numbers: a secret made of digits goes whole', () => {
    const secret = '+447700900123999';
    const error = scrubError(new ApiError(`token ${secret}`, {}), [secret], [TO]);
    expect(error.message).toBe('token [redacted]');
  });

  it('scrubValue (success answers, the app’s own data) keeps phone numbers', () => {
    const body = { contacts: [{ input: '+447700900123', wa_id: '447700900123' }], token: 'sk-live-12345' };
    expect(scrubValue(body, ['sk-live-12345'])).toEqual({
      contacts: [{ input: '+447700900123', wa_id: '447700900123' }],
      token: '[redacted]',
    });
  });
});
