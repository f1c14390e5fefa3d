/**
 * Downloads one media URL for a client: refuses an expired link or a declared size over `maxBytes` before any
 * request, GETs the URL with {@link fetchMedia} under the provider's {@link MediaRules}, and wraps the body in the
 * checking stream of {@link createMediaDownload}.
 * @module
 */
import type { HttpRequest, HttpResponse } from '../http.js';
import type { ProviderId } from '../provider.js';
import { checkDeclaredSize, createMediaDownload } from './download.js';
import { MediaExpiredError } from './expired-error.js';
import { fetchMedia } from './fetch.js';
import { DEFAULT_MAX_DOWNLOAD_BYTES } from './limits.js';
import type { ResolvedMedia } from './resolve.js';
import { expiringMediaError, type MediaRules } from './rules.js';
import type { DownloadMediaOptions, MediaDownload } from './types.js';

/** The client pieces a download uses. */
export interface MediaClientContext {
  /** The client's request path. */
  request: (request: HttpRequest) => Promise<HttpResponse>;
  /** The client's base URL: its exact origin is trusted with credentials. */
  baseUrl: string;
  provider: ProviderId;
  rules: MediaRules;
  /** The client's per-attempt timeout, the default idle timeout of the body. */
  timeout: number;
  now?: (() => number) | undefined;
}

/** `attachment; filename="a.pdf"` -> `a.pdf`. */
export function dispositionFilename(header: string | null): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  const name = (plain?.[2] ?? plain?.[1])?.trim();
  return name || undefined;
}

/** Downloads `media.url`; see the module docs. */
export async function downloadMediaUrl(
  ctx: MediaClientContext,
  media: ResolvedMedia & { url: string },
  options: DownloadMediaOptions = {},
): Promise<MediaDownload> {
  const { provider, rules } = ctx;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES;
  if (media.expiresAt && media.expiresAt.getTime() <= (ctx.now ?? Date.now)()) {
    throw new MediaExpiredError(
      `The ${provider} media link expired at ${media.expiresAt.toISOString()}. Ask the user to send the file again.`,
      { provider, expiredAt: media.expiresAt },
    );
  }
  checkDeclaredSize(provider, media.size, maxBytes);
  const mapError = rules.responseError ?? expiringMediaError;
  const { response } = await fetchMedia({
    request: ctx.request,
    provider,
    url: media.url,
    trusted: { hosts: rules.hosts, baseUrl: ctx.baseUrl },
    sendCredentials: rules.sendCredentials,
    requireTrusted: rules.requireTrusted,
    responseError: (r) => mapError(r, provider),
    signal: options.signal,
    timeout: options.timeout,
  });
  // Content-Length counts encoded bytes when a body is compressed, so it only refuses early, unencoded.
  const length = Number(response.headers.get('content-length') ?? Number.NaN);
  if (!response.headers.get('content-encoding') && Number.isSafeInteger(length)) {
    try {
      checkDeclaredSize(provider, length, maxBytes);
    } catch (error) {
      await response.body?.cancel().catch(() => undefined);
      throw error;
    }
  }
  const mimeType =
    media.mimeType ??
    response.headers.get('content-type')?.split(';')[0]?.trim() ??
    'application/octet-stream';
  const source = response.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() });
  return createMediaDownload(source, {
    provider,
    mimeType,
    size: media.size,
    sha256: media.sha256,
    filename: media.filename ?? dispositionFilename(response.headers.get('content-disposition')),
    maxBytes,
    idleTimeout: options.timeout ?? ctx.timeout,
    signal: options.signal,
  });
}
