/**
 * The edges of reading a Vonage signed-webhook token by hand (src/jwt/verify.ts, src/jwt/base64url.ts): the JWS
 * compact serialisation (RFC 7515 section 7.1) with strict base64url segments (RFC 7515 section 2: no padding;
 * RFC 4648 section 3.5: canonical encoding), a protected header that is a JSON object with `alg` exactly `HS256`
 * and no `crit` (RFC 7515 section 4.1.11), and NumericDate claims (RFC 7519 section 4.1) that are JSON numbers.
 * Every token here is signed by hand with node:crypto over the exact text given, so the signature is right and
 * only the edge under test can refuse it.
 */
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { base64UrlToBytes, bytesToBase64Url } from '../../src/jwt/base64url.js';
import { verifyVonageSignature } from '../../src/jwt/index.js';
import { signWebhookForTest } from '../../src/webhooks/sign-for-test.js';

const SECRET = 'vonage-signature-secret-compact-jws';
const NOW = new Date('2026-03-01T12:00:00Z');
const NOW_S = Math.floor(NOW.getTime() / 1000);
const HS256 = '{"alg":"HS256","typ":"JWT"}';

const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64url');
const hmac = (input: string, secret = SECRET) =>
  createHmac('sha256', secret).update(input).digest('base64url');

/** A token over the exact segment texts given, its signature right for them. */
function signed(headerSegment: string, payloadSegment: string): string {
  const input = `${headerSegment}.${payloadSegment}`;
  return `${input}.${hmac(input)}`;
}
const claims = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ iss: 'Vonage', iat: NOW_S, ...extra });
const token = (header = HS256, payload = claims()) => signed(b64(header), b64(payload));
const verify = (t: string) => verifyVonageSignature({ token: t, signatureSecret: SECRET, now: NOW });
const reason = async (t: string) => {
  const result = await verify(t);
  return result.valid ? 'valid' : result.reason;
};

/** The same bytes spelled non-canonically: the unused low bits of the last character set. */
function nonCanonical(segment: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const unused = segment.length % 4 === 2 ? 15 : 3;
  expect(segment.length % 4).not.toBe(0);
  const last = alphabet.indexOf(segment.at(-1) as string);
  expect(last & unused).toBe(0);
  const spelled = segment.slice(0, -1) + alphabet[last | 1];
  expect(Buffer.from(spelled, 'base64url')).toEqual(Buffer.from(segment, 'base64url'));
  return spelled;
}

describe('a good token', () => {
  it('verifies, and its claims come back as signed', async () => {
    const result = await verify(token(HS256, claims({ jti: 'j1', payload_hash: 'ab' })));
    expect(result).toEqual({
      valid: true,
      claims: { iss: 'Vonage', iat: NOW_S, jti: 'j1', payload_hash: 'ab' },
    });
  });

  it('extra header parameters (kid, typ of any spelling, b64 without crit) are ignored', async () => {
    expect(await reason(token('{"alg":"HS256","kid":"k1","typ":"jwt","b64":false}'))).toBe('valid');
    expect(await reason(token('{"alg":"HS256"}'))).toBe('valid');
  });
});

describe('base64url segments are strict', () => {
  it('a non-canonical spelling of the same bytes is refused in each segment', async () => {
    // The header and payload are given lengths that leave a partial group, so they have unused bits.
    const header = b64('{"alg":"HS256","x":12}');
    const payload = b64(claims({ p: 12 }));
    expect(await reason(signed(header, payload))).toBe('valid');
    expect(await reason(signed(nonCanonical(header), payload))).toBe('malformed_token');
    expect(await reason(signed(header, nonCanonical(payload)))).toBe('malformed_token');
    const good = token();
    const signature = good.split('.')[2] as string;
    expect(signature).toHaveLength(43);
    expect(await reason(`${good.slice(0, -43)}${nonCanonical(signature)}`)).toBe('malformed_token');
  });

  it('padding is refused, in any segment', async () => {
    const header = b64('{"alg":"HS256","x":12}');
    const payload = b64(claims());
    expect(header.length % 4).not.toBe(0);
    const padded = (s: string) => s + '='.repeat((4 - (s.length % 4)) % 4);
    expect(await reason(signed(padded(header), payload))).toBe('malformed_token');
    expect(await reason(signed(header, `${payload}==`))).toBe('malformed_token');
    const good = token();
    expect(await reason(`${good}=`)).toBe('malformed_token');
  });

  it('standard base64 characters, white space and non-ASCII are refused', async () => {
    const bytes = Buffer.from([0xfb, 0xff, 0xbf]);
    // A payload whose encoding holds `-` and `_`: spelled with `+` and `/` it is refused.
    const payload = `${b64(claims())}${b64(bytes)}`;
    const payloadStd = payload.replace(/-/g, '+').replace(/_/g, '/');
    expect(payloadStd).not.toBe(payload);
    expect(await reason(signed(b64(HS256), payloadStd))).toBe('malformed_token');
    const good = token();
    const [h, p, s] = good.split('.') as [string, string, string];
    expect(await reason(signed(`${h.slice(0, 4)} ${h.slice(4)}`, p))).toBe('malformed_token');
    expect(await reason(signed(h, `${p.slice(0, 4)}\n${p.slice(4)}`))).toBe('malformed_token');
    expect(await reason(`${h}.${p}.${s.slice(0, 8)}é${s.slice(9)}`)).toBe('malformed_token');
  });

  it('a length that leaves one character is refused', async () => {
    expect(await reason(`${token()}AA`)).toBe('malformed_token');
    expect(await reason(`${token()}AAA`)).toBe('signature_mismatch');
    expect(base64UrlToBytes('AAAAA')).toBeUndefined();
    expect(base64UrlToBytes('A')).toBeUndefined();
  });

  it('the decoder agrees with Buffer on every length and every byte value, and refuses what Buffer would bend', () => {
    for (let length = 0; length <= 7; length++) {
      for (const fill of [0x00, 0x3f, 0x80, 0xfb, 0xff]) {
        const bytes = Buffer.from(Array.from({ length }, (_, i) => (fill + i * 37) & 255));
        const text = bytes.toString('base64url');
        expect(bytesToBase64Url(bytes)).toBe(text);
        expect(Buffer.from(base64UrlToBytes(text) as Uint8Array)).toEqual(bytes);
      }
    }
    for (let code = 0; code < 256; code++) {
      const c = String.fromCharCode(code);
      const inAlphabet = /[A-Za-z0-9_-]/.test(c);
      expect(base64UrlToBytes(`AAA${c}`) !== undefined).toBe(inAlphabet);
      expect(base64UrlToBytes(`${c}AAA`) !== undefined).toBe(inAlphabet);
    }
    expect(base64UrlToBytes('')).toEqual(new Uint8Array(0));
    expect(base64UrlToBytes('AB')).toBeUndefined(); // 0x00 with bits left over
    expect(base64UrlToBytes('AAB')).toBeUndefined();
    expect(base64UrlToBytes('AAE')).toEqual(new Uint8Array([0, 1]));
    expect(base64UrlToBytes('AQ')).toEqual(new Uint8Array([1]));
  });
});

describe('three segments, no more, no fewer', () => {
  it('refuses two, four and empty segments; an empty signature is a mismatch', async () => {
    const [h, p, s] = token().split('.') as [string, string, string];
    expect(await reason(`${h}.${p}`)).toBe('malformed_token');
    expect(await reason(h)).toBe('malformed_token');
    expect(await reason(`${h}.${p}.${s}.${s}`)).toBe('malformed_token');
    expect(await reason(`${h}.${p}.${s}.`)).toBe('malformed_token');
    expect(await reason(`${h}..${s}`)).toBe('signature_mismatch');
    expect(await reason(`${h}.${p}.`)).toBe('signature_mismatch');
    expect(await reason(`.${p}.${s}`)).toBe('malformed_token');
    expect(await reason('..')).toBe('malformed_token');
  });

  it('an empty payload, signed, is malformed (not a JSON object)', async () => {
    expect(await reason(signed(b64(HS256), ''))).toBe('malformed_token');
  });
});

describe('the protected header', () => {
  it.each([
    ['not JSON', 'alg=HS256'],
    ['an array', '["HS256"]'],
    ['a string', '"HS256"'],
    ['a number', '256'],
    ['null', 'null'],
    ['truncated JSON', '{"alg":"HS256"'],
  ])('%s is malformed', async (_, header) => {
    expect(await reason(token(header))).toBe('malformed_token');
  });

  it('invalid UTF-8 is malformed, even around a valid alg', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"alg":"HS256","x":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}'),
    ]);
    expect(await reason(signed(b64(bytes), b64(claims())))).toBe('malformed_token');
  });

  it.each([
    ['none', '{"alg":"none"}'],
    ['HS512', '{"alg":"HS512"}'],
    ['HS384', '{"alg":"HS384"}'],
    ['RS256', '{"alg":"RS256"}'],
    ['ES256', '{"alg":"ES256"}'],
    ['hs256 (case)', '{"alg":"hs256"}'],
    ['HS256 with a space', '{"alg":"HS256 "}'],
    ['an array holding HS256', '{"alg":["HS256"]}'],
    ['no alg', '{"typ":"JWT"}'],
    ['a null alg', '{"alg":null}'],
  ])('alg %s is not allowed, whatever the signature', async (_, header) => {
    expect(await reason(token(header))).toBe('algorithm_not_allowed');
  });

  it('alg is checked before the segment count', async () => {
    expect(await reason(`${b64('{"alg":"none"}')}.${b64(claims())}`)).toBe('algorithm_not_allowed');
  });

  it.each([
    ['crit with b64', '{"alg":"HS256","crit":["b64"],"b64":true}'],
    ['an empty crit', '{"alg":"HS256","crit":[]}'],
    ['an unknown extension', '{"alg":"HS256","crit":["exp"],"exp":1}'],
    ['a null crit', '{"alg":"HS256","crit":null}'],
  ])('%s is refused: no extension is understood', async (_, header) => {
    expect(await reason(token(header))).toBe('malformed_token');
  });
});

describe('the payload is read only once the signature holds', () => {
  it('a payload that is not JSON is a mismatch when unsigned, malformed when signed', async () => {
    const header = b64(HS256);
    const payload = b64('not json');
    expect(await reason(`${header}.${payload}.${hmac(`${header}.${payload}`, 'other secret')}`)).toBe(
      'signature_mismatch',
    );
    expect(await reason(signed(header, payload))).toBe('malformed_token');
  });

  it.each([
    ['an array', '[{"iss":"Vonage"}]'],
    ['a string', '"Vonage"'],
    ['null', 'null'],
    ['a number', `${NOW_S}`],
  ])('a payload that is %s is malformed', async (_, payload) => {
    expect(await reason(token(HS256, payload))).toBe('malformed_token');
  });

  it('a payload in invalid UTF-8 is malformed', async () => {
    const bytes = Buffer.concat([Buffer.from(claims().slice(0, -1)), Buffer.from(',"x":"\xff"}', 'latin1')]);
    expect(await reason(signed(b64(HS256), b64(bytes)))).toBe('malformed_token');
  });

  it('the signature is over the segment texts: another secret, a truncated or a moved signature fail', async () => {
    const good = token();
    const [h, p, s] = good.split('.') as [string, string, string];
    expect(await reason(`${h}.${p}.${hmac(`${h}.${p}`, `${SECRET}x`)}`)).toBe('signature_mismatch');
    expect(await reason(`${h}.${p}.${b64(Buffer.from(s, 'base64url').subarray(0, 31))}`)).toBe(
      'signature_mismatch',
    );
    expect(await reason(`${h}.${b64(claims({ x: 1 }))}.${s}`)).toBe('signature_mismatch');
    expect(await reason(`${b64('{"alg":"HS256"}')}.${p}.${s}`)).toBe('signature_mismatch');
  });
});

describe('NumericDate claims must be JSON numbers when present', () => {
  it.each([
    ['iat as text', { iat: `${NOW_S}` }],
    ['iat null', { iat: null }],
    ['iat true', { iat: true }],
    ['exp as text', { exp: `${NOW_S + 600}` }],
    ['exp null', { exp: null }],
    ['exp an array', { exp: [NOW_S + 600] }],
    ['nbf as text', { nbf: `${NOW_S - 600}` }],
    ['nbf an object', { nbf: { at: NOW_S - 600 } }],
    ['nbf false', { nbf: false }],
  ])('%s is malformed', async (_, extra) => {
    expect(await reason(token(HS256, claims(extra)))).toBe('malformed_token');
  });

  it('a type error wins over a wrong iss (the claims are typed before they are judged)', async () => {
    expect(await reason(token(HS256, claims({ iss: 'Nexmo', exp: 'soon' })))).toBe('malformed_token');
    expect(await reason(token(HS256, claims({ iss: 'Nexmo', exp: NOW_S + 600 })))).toBe('issuer_mismatch');
  });

  it('an absent iat is missing, not malformed; iss must be the string Vonage', async () => {
    expect(await reason(token(HS256, '{"iss":"Vonage"}'))).toBe('missing_iat');
    expect(await reason(token(HS256, `{"iss":["Vonage"],"iat":${NOW_S}}`))).toBe('issuer_mismatch');
  });
});

describe('time edges, 60 s of skew, maxAge 300 s', () => {
  it.each([
    [{ iat: NOW_S + 60 }, 'valid'],
    [{ iat: NOW_S + 61 }, 'iat_in_future'],
    [{ iat: NOW_S - 300 }, 'valid'],
    [{ iat: NOW_S - 301 }, 'iat_too_old'],
    [{ iat: NOW_S - 300.5 }, 'iat_too_old'],
    [{ exp: NOW_S - 59 }, 'valid'],
    [{ exp: NOW_S - 60 }, 'token_expired'],
    [{ exp: NOW_S - 59.5 }, 'valid'],
    [{ nbf: NOW_S + 60 }, 'valid'],
    [{ nbf: NOW_S + 61 }, 'token_not_yet_valid'],
    [{ nbf: NOW_S + 60.5 }, 'token_not_yet_valid'],
    [{ exp: 0 }, 'token_expired'],
    [{ nbf: 0, exp: 1e12 }, 'valid'],
  ])('%j is %s', async (extra, expected) => {
    expect(await reason(token(HS256, claims(extra)))).toBe(expected);
  });
});

describe('keys and test tokens', () => {
  afterEach(() => vi.restoreAllMocks());

  it('the secret is imported once, then every token is one HMAC verification', async () => {
    const secret = `once-${Math.random()}`;
    const importKey = vi.spyOn(crypto.subtle, 'importKey');
    const verifySpy = vi.spyOn(crypto.subtle, 'verify');
    for (let i = 0; i < 3; i++) {
      const input = `${b64(HS256)}.${b64(claims({ i }))}`;
      const t = `${input}.${hmac(input, secret)}`;
      expect((await verifyVonageSignature({ token: t, signatureSecret: secret, now: NOW })).valid).toBe(true);
    }
    expect(importKey).toHaveBeenCalledTimes(1);
    expect(verifySpy).toHaveBeenCalledTimes(3);
  });

  it('signWebhookForTest writes the header {"alg":"HS256","typ":"JWT"} and a signature node:crypto agrees with', async () => {
    const { authorization } = await signWebhookForTest('nexmo', '{}', SECRET, {
      now: NOW,
      applicationId: 'app-1',
    });
    const t = (authorization as string).replace(/^Bearer /, '');
    const [h, p, s] = t.split('.') as [string, string, string];
    expect(Buffer.from(h, 'base64url').toString()).toBe(HS256);
    expect(s).toBe(hmac(`${h}.${p}`));
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    expect(Object.keys(payload)).toEqual(['api_key', 'payload_hash', 'application_id', 'iss', 'iat', 'jti']);
    expect(payload).toMatchObject({
      iss: 'Vonage',
      iat: NOW_S,
      application_id: 'app-1',
      api_key: 'test-api-key',
    });
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
  });
});
