import { describe, expect, it } from 'vitest';
import { redactText, secretSpellings } from '../../src/core/redact.js';

const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----';

describe('secretSpellings', () => {
  it('spells a secret as given, with literal \\n, URL-encoded and JSON-escaped, longest first', () => {
    const spellings = secretSpellings([PEM, undefined, 'abc']);
    expect(spellings).toEqual(
      [PEM, PEM.replace(/\n/g, '\\n'), encodeURIComponent(PEM)].sort((a, b) => b.length - a.length),
    );
    expect(redactText(`key=${encodeURIComponent(PEM)}`, spellings)).toBe('key=[redacted]');
  });

  it('spells the same list once (a client asks on every request), and a changed list afresh', () => {
    const first = secretSpellings([PEM, 'token-1111']);
    expect(secretSpellings([PEM, 'token-1111'])).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    const refreshed = secretSpellings([PEM, 'token-2222']);
    expect(refreshed).not.toBe(first);
    expect(refreshed).toContain('token-2222');
    expect(refreshed).not.toContain('token-1111');
    expect(secretSpellings(new Set([PEM, 'token-2222']))).toBe(refreshed);
    expect(secretSpellings([PEM])).not.toContain('token-2222');
  });
});
