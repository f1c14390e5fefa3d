/**
 * fetchMedia hop by hop, against a recording transport: the exact request of each hop (credentials only to a
 * trusted host, `redirect: 'manual'`, the displayed URL without its query), each redirect resolved and checked
 * on its own, the redirect cap, and the refusals (not http(s), an untrusted first URL when credentials are
 * needed, no body, a runtime that hides redirects). The same over real sockets: credential-hosts.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { ApiError, ValidationError } from '../../../src/core/errors.js';
import type { HttpRequest, HttpResponse } from '../../../src/core/http.js';
import { fetchMedia, MAX_MEDIA_REDIRECTS, type MediaFetchSpec } from '../../../src/core/media/fetch.js';

const HOSTS = { hosts: ['lookaside.fbsbx.com'] };

function transport(answers: ((req: HttpRequest) => Response | undefined)[]) {
  const requests: HttpRequest[] = [];
  const request = async (req: HttpRequest): Promise<HttpResponse> => {
    requests.push(req);
    const answer = answers[Math.min(requests.length - 1, answers.length - 1)];
    const response = answer?.(req);
    return {
      status: response?.status ?? 0,
      headers: new Headers(),
      body: undefined,
      requestId: undefined,
      response,
    };
  };
  return { requests, request };
}

const redirect =
  (location: string | null, status = 302) =>
  () =>
    new Response(null, { status, headers: location === null ? {} : { location } });
const ok =
  (status = 200) =>
  () =>
    new Response('bytes', { status });

const spec = (over: Partial<MediaFetchSpec> & Pick<MediaFetchSpec, 'request'>): MediaFetchSpec => ({
  provider: 'meta',
  url: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1&hash=SIG',
  trusted: HOSTS,
  sendCredentials: true,
  responseError: () => undefined,
  ...over,
});

describe('fetchMedia', () => {
  it('sends one GET with credentials to a trusted host, exactly so, and returns the 2xx response', async () => {
    const t = transport([ok()]);
    const signal = new AbortController().signal;
    const result = await fetchMedia(spec({ request: t.request, signal, timeout: 1234 }));
    expect(result.url.href).toBe('https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1&hash=SIG');
    expect(await result.response.text()).toBe('bytes');
    expect(t.requests).toHaveLength(1);
    const [req] = t.requests;
    expect(req).toMatchObject({
      method: 'GET',
      path: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1&hash=SIG',
      headers: { accept: '*/*' },
      credentials: true,
      stream: true,
      redirect: 'manual',
      displayUrl: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?[redacted]',
      signal,
      timeout: 1234,
    });
  });

  it('sends no credentials when the provider needs none, or to an untrusted host', async () => {
    const none = transport([ok()]);
    await fetchMedia(spec({ request: none.request, sendCredentials: false }));
    expect(none.requests[0]?.credentials).toBe(false);
    const foreign = transport([ok()]);
    await fetchMedia(spec({ request: foreign.request, url: 'https://cdn.example.com/a.jpg' }));
    expect(foreign.requests[0]?.credentials).toBe(false);
  });

  it('leaves 3xx answers to the redirect walk and maps the others with the provider mapping', async () => {
    const t = transport([ok()]);
    const mapped = new ApiError('expired', { provider: 'meta', status: 404 });
    await fetchMedia(spec({ request: t.request, responseError: () => mapped }));
    const map = t.requests[0]?.responseError;
    const ctx = (status: number) => ({
      status,
      headers: new Headers(),
      body: undefined,
      requestId: undefined,
      retryAfterMs: undefined,
    });
    expect(map?.(ctx(300))).toBeUndefined();
    expect(map?.(ctx(302))).toBeUndefined();
    expect(map?.(ctx(399))).toBeUndefined();
    expect(map?.(ctx(400))).toBe(mapped);
    expect(map?.(ctx(299))).toBe(mapped);
    expect(map?.(ctx(500))).toBe(mapped);
  });

  it('follows a redirect to a foreign host without credentials, resolving a relative Location', async () => {
    const t = transport([
      redirect('https://cdn.example.com/file.jpg?sig=abc'),
      redirect('/next?x=1', 307),
      redirect('https://lookaside.fbsbx.com/back', 399),
      redirect('https://lookaside.fbsbx.com/last', 300),
      ok(299),
    ]);
    const { url, response } = await fetchMedia(spec({ request: t.request }));
    expect(t.requests.map((r) => [r.path, r.credentials, r.displayUrl])).toEqual([
      [
        'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1&hash=SIG',
        true,
        'https://lookaside.fbsbx.com/whatsapp_business/attachments/?[redacted]',
      ],
      ['https://cdn.example.com/file.jpg?sig=abc', false, 'https://cdn.example.com/file.jpg?[redacted]'],
      ['https://cdn.example.com/next?x=1', false, 'https://cdn.example.com/next?[redacted]'],
      ['https://lookaside.fbsbx.com/back', true, 'https://lookaside.fbsbx.com/back'],
      ['https://lookaside.fbsbx.com/last', true, 'https://lookaside.fbsbx.com/last'],
    ]);
    expect(url.href).toBe('https://lookaside.fbsbx.com/last');
    expect(response.status).toBe(299);
  });

  it('returns a non-3xx error answer the provider mapping let through', async () => {
    for (const status of [400, 404]) {
      const t = transport([ok(status)]);
      const { response } = await fetchMedia(spec({ request: t.request }));
      expect(response.status).toBe(status);
      expect(t.requests).toHaveLength(1);
    }
  });

  it('cancels the body of each redirect it follows', async () => {
    let cancelled = 0;
    const body = () =>
      new ReadableStream({
        cancel() {
          cancelled++;
        },
      });
    const t = transport([
      () => new Response(body(), { status: 301, headers: { location: 'https://cdn.example.com/x' } }),
      ok(),
    ]);
    await fetchMedia(spec({ request: t.request }));
    expect(cancelled).toBe(1);
  });

  it(`follows at most ${MAX_MEDIA_REDIRECTS} redirects`, async () => {
    const five = transport([
      ...Array.from({ length: 5 }, (_, i) => redirect(`https://cdn.example.com/${i}`)),
      ok(),
    ]);
    await expect(fetchMedia(spec({ request: five.request }))).resolves.toMatchObject({
      url: { pathname: '/4' },
    });
    expect(five.requests).toHaveLength(6);
    const loop = transport([redirect('https://cdn.example.com/loop?sig=s')]);
    const error = await fetchMedia(spec({ request: loop.request })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      message: 'Gave up on https://cdn.example.com/loop?[redacted] after 5 redirects.',
      provider: 'meta',
      status: 302,
    });
    expect(loop.requests).toHaveLength(MAX_MEDIA_REDIRECTS + 1);
  });

  it('refuses a redirect without a usable http(s) Location', async () => {
    for (const location of [null, 'ftp://cdn.example.com/x', '']) {
      const t = transport([redirect(location, 303)]);
      const error = await fetchMedia(spec({ request: t.request })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({
        message:
          'https://lookaside.fbsbx.com/whatsapp_business/attachments/?[redacted] answered HTTP 303 without a usable http(s) Location.',
        status: 303,
      });
      expect(t.requests).toHaveLength(1);
    }
  });

  it('refuses an answer without a body, and a runtime that hides redirects', async () => {
    const empty = transport([() => undefined]);
    const noBody = await fetchMedia(spec({ request: empty.request })).catch((e: unknown) => e);
    expect(noBody).toBeInstanceOf(ApiError);
    expect(noBody).toMatchObject({
      message:
        'https://lookaside.fbsbx.com/whatsapp_business/attachments/?[redacted] answered without a body.',
      provider: 'meta',
    });
    const opaque = new Response(null, { status: 200 });
    Object.defineProperty(opaque, 'type', { value: 'opaqueredirect' });
    const status0 = Response.error();
    for (const response of [opaque, status0]) {
      const t = transport([() => response]);
      const error = await fetchMedia(spec({ request: t.request, url: 'https://cdn.example.com/a' })).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).provider).toBe('meta');
      expect((error as Error).message).toBe(
        'https://cdn.example.com/a redirected, and this runtime hides redirect targets from fetch (a browser); download media from a server runtime.',
      );
    }
  });

  it('refuses a URL that is not http(s) before any request', async () => {
    const t = transport([ok()]);
    const error = await fetchMedia(spec({ request: t.request, url: 'file:///etc/passwd' })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      message: 'The media URL is not an http(s) URL.',
      provider: 'meta',
      issues: [{ code: 'media.url_invalid', path: ['url'], message: 'Expected an http(s) URL.' }],
    });
    expect(t.requests).toHaveLength(0);
  });

  it('refuses an untrusted first URL when the provider needs credentials, saying which hosts are trusted', async () => {
    const t = transport([ok()]);
    const error = await fetchMedia(
      spec({
        request: t.request,
        provider: 'nexmo',
        url: 'https://cdn.example.com/m?sig=s',
        trusted: { hosts: ['api.nexmo.com', 'api-eu.vonage.com'] },
        requireTrusted: true,
      }),
    ).catch((e: unknown) => e);
    const message =
      "https://cdn.example.com/m?[redacted] is not one of nexmo's media hosts (api.nexmo.com, api-eu.vonage.com), and nexmo media needs the client's credentials, which are sent to no other host. Pass the media id or the URL from the webhook payload.";
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      message,
      provider: 'nexmo',
      issues: [{ code: 'media.host_untrusted', path: ['url'], message }],
    });
    expect(t.requests).toHaveLength(0);
    const trusted = transport([ok()]);
    await fetchMedia(spec({ request: trusted.request, requireTrusted: true }));
    expect(trusted.requests).toHaveLength(1);
  });
});
