/**
 * The credential allow-list of media URLs, as pure functions: which URLs may receive a provider's token (an
 * https URL on a documented media host, default port, no user info; or the client's exact `baseUrl` origin),
 * and how a media URL is shown in errors and events (query hidden). The same rules over real sockets:
 * credential-hosts.test.ts. Hosts: https://developers.facebook.com/documentation/business-messaging/whatsapp/reference/media/media-api
 */
import { describe, expect, it } from 'vitest';
import { displayMediaUrl, isTrustedMediaUrl, parseMediaUrl } from '../../../src/core/media/hosts.js';

const META = { hosts: ['lookaside.fbsbx.com', 'Graph.Facebook.com'] };
const trusted = (url: string, hosts: { hosts: string[]; baseUrl?: string } = META) => {
  const parsed = parseMediaUrl(url);
  if (!parsed) throw new Error(`not a URL: ${url}`);
  return isTrustedMediaUrl(parsed, hosts);
};

describe('parseMediaUrl', () => {
  it('parses http and https URLs only', () => {
    expect(parseMediaUrl('https://lookaside.fbsbx.com/x?y=1')?.href).toBe(
      'https://lookaside.fbsbx.com/x?y=1',
    );
    expect(parseMediaUrl('http://127.0.0.1:8080/m')?.host).toBe('127.0.0.1:8080');
    for (const bad of [
      'ftp://lookaside.fbsbx.com/x',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
      '',
    ]) {
      expect(parseMediaUrl(bad)).toBeUndefined();
    }
  });
});

describe('isTrustedMediaUrl', () => {
  it('trusts https URLs on a listed host, case-insensitively, on the default port', () => {
    expect(trusted('https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1')).toBe(true);
    expect(trusted('https://LOOKASIDE.fbsbx.com/a')).toBe(true);
    expect(trusted('https://graph.facebook.com/a')).toBe(true);
    expect(trusted('https://lookaside.fbsbx.com:443/a')).toBe(true); // the default port is normalised away
  });

  it('refuses plain http, another port, look-alike hosts and user info', () => {
    expect(trusted('http://lookaside.fbsbx.com/a')).toBe(false);
    expect(trusted('https://lookaside.fbsbx.com:8443/a')).toBe(false);
    expect(trusted('https://lookaside.fbsbx.com.evil.example/a')).toBe(false);
    expect(trusted('https://evil-lookaside.fbsbx.com/a')).toBe(false);
    expect(trusted('https://fbsbx.com/a')).toBe(false);
    expect(trusted('https://user@lookaside.fbsbx.com/a')).toBe(false);
    expect(trusted('https://:pw@lookaside.fbsbx.com/a')).toBe(false);
    expect(trusted('https://lookaside.fbsbx.com/a', { hosts: [] })).toBe(false);
  });

  it("trusts the client's exact baseUrl origin, even over http and on its port", () => {
    const local = { hosts: ['lookaside.fbsbx.com'], baseUrl: 'http://127.0.0.1:9001/v23.0' };
    expect(trusted('http://127.0.0.1:9001/media/1', local)).toBe(true);
    expect(trusted('http://127.0.0.1:9002/media/1', local)).toBe(false);
    expect(trusted('https://127.0.0.1:9001/media/1', local)).toBe(false);
    expect(trusted('http://localhost:9001/media/1', local)).toBe(false);
    expect(trusted('http://me@127.0.0.1:9001/media/1', local)).toBe(false);
    // The listed hosts stay trusted next to a baseUrl.
    expect(trusted('https://lookaside.fbsbx.com/a', local)).toBe(true);
    // A baseUrl that is not an http(s) URL trusts nothing extra.
    expect(trusted('http://127.0.0.1:9001/a', { hosts: [], baseUrl: 'not a url' })).toBe(false);
    expect(trusted('http://127.0.0.1:9001/a', { hosts: [], baseUrl: '' })).toBe(false);
  });
});

describe('displayMediaUrl', () => {
  it('hides the query (a capability) and drops the fragment', () => {
    const url = new URL('https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1&hash=SIG#frag');
    expect(displayMediaUrl(url)).toBe(
      'https://lookaside.fbsbx.com/whatsapp_business/attachments/?[redacted]',
    );
    expect(displayMediaUrl(new URL('https://api.nexmo.com:8443/v3/media/abc#x'))).toBe(
      'https://api.nexmo.com:8443/v3/media/abc',
    );
  });
});
