/**
 * GETs a media URL through the client's transport (events, retries, timeouts, scrubbing) with redirects
 * followed by hand (`redirect: 'manual'`), so that each hop is checked on its own: credentials go to a hop only
 * when {@link isTrustedMediaUrl} says so, and a redirect to any other host is followed without them.
 * @module
 */
import { ApiError, ValidationError, type WhatsAppError } from '../errors.js';
import type { HttpRequest, HttpResponse, ResponseContext } from '../http.js';
import type { ProviderId } from '../provider.js';
import { displayMediaUrl, isTrustedMediaUrl, type MediaHosts, parseMediaUrl } from './hosts.js';

/** Redirects followed before giving up. */
export const MAX_MEDIA_REDIRECTS = 5;

/** What {@link fetchMedia} needs. */
export interface MediaFetchSpec {
  /** The client's request path (its transport: events, retries, timeouts, scrubbing). */
  request: (request: HttpRequest) => Promise<HttpResponse>;
  provider: ProviderId;
  url: string;
  trusted: MediaHosts;
  /** Whether the provider authenticates media downloads at all (Gupshup: no). */
  sendCredentials: boolean;
  /** Refuse a first URL outside the trusted hosts with `ValidationError` (the provider needs credentials). */
  requireTrusted?: boolean | undefined;
  /** Maps a non-2xx, non-3xx response to the provider's error (expired links and such). */
  responseError: (ctx: ResponseContext) => WhatsAppError | undefined;
  signal?: AbortSignal | undefined;
  timeout?: number | undefined;
}

/** The 2xx response of a media GET, body unread, and the URL it came from. */
export interface MediaResponse {
  response: Response;
  url: URL;
}

/** Follows `spec.url` to a 2xx response; see the module docs. */
export async function fetchMedia(spec: MediaFetchSpec): Promise<MediaResponse> {
  const first = parseMediaUrl(spec.url);
  if (!first) {
    throw new ValidationError(`The media URL is not an http(s) URL.`, {
      provider: spec.provider,
      issues: [{ code: 'media.url_invalid', path: ['url'], message: 'Expected an http(s) URL.' }],
    });
  }
  let url: URL = first;
  if (spec.requireTrusted && !isTrustedMediaUrl(url, spec.trusted)) {
    const message = `${displayMediaUrl(url)} is not one of ${spec.provider}'s media hosts (${spec.trusted.hosts.join(', ')}), and ${spec.provider} media needs the client's credentials, which are sent to no other host. Pass the media id or the URL from the webhook payload.`;
    throw new ValidationError(message, {
      provider: spec.provider,
      issues: [{ code: 'media.host_untrusted', path: ['url'], message }],
    });
  }
  for (let hop = 0; ; hop++) {
    const trusted = spec.sendCredentials && isTrustedMediaUrl(url, spec.trusted);
    const shown = displayMediaUrl(url);
    const { response } = await spec.request({
      method: 'GET',
      path: url.href,
      headers: { accept: '*/*' },
      credentials: trusted,
      stream: true,
      redirect: 'manual',
      displayUrl: shown,
      signal: spec.signal,
      timeout: spec.timeout,
      responseError: (ctx) => (ctx.status >= 300 && ctx.status < 400 ? undefined : spec.responseError(ctx)),
    });
    if (!response) throw new ApiError(`${shown} answered without a body.`, { provider: spec.provider });
    if (response.type === 'opaqueredirect' || response.status === 0) {
      throw new ApiError(
        `${shown} redirected, and this runtime hides redirect targets from fetch (a browser); download media from a server runtime.`,
        { provider: spec.provider },
      );
    }
    if (response.status < 300 || response.status >= 400) return { response, url };
    await response.body?.cancel().catch(() => undefined);
    const location = response.headers.get('location');
    const next: URL | undefined = location ? parseMediaUrl(new URL(location, url).href) : undefined;
    if (!next || hop >= MAX_MEDIA_REDIRECTS) {
      throw new ApiError(
        !next
          ? `${shown} answered HTTP ${response.status} without a usable http(s) Location.`
          : `Gave up on ${displayMediaUrl(next)} after ${MAX_MEDIA_REDIRECTS} redirects.`,
        { provider: spec.provider, status: response.status },
      );
    }
    url = next;
  }
}
