/**
 * The Cloud API media calls, for `CloudApiClient` (Meta and CleverTap): media objects, downloads by id (with one
 * metadata refresh when the short-lived URL has expired), uploads, and template header samples through the
 * Resumable Upload API (resumed from the offset the session reports after a failure). Wire shapes and sources are
 * in `./media.js`.
 * @module
 */
import { ConfigError, isApiError, isWhatsAppError, ValidationError } from '../../core/errors.js';
import { defaultResponseError, type HttpRequest, type HttpResponse } from '../../core/http.js';
import { downloadMediaUrl } from '../../core/media/download-url.js';
import { MediaExpiredError } from '../../core/media/expired-error.js';
import { toUploadBlob } from '../../core/media/file.js';
import { checkMediaUpload, checkTemplateSample } from '../../core/media/limits.js';
import type { ResolvedMedia } from '../../core/media/resolve.js';
import type { MediaRules } from '../../core/media/rules.js';
import type {
  DownloadMediaOptions,
  MediaDownload,
  MediaFile,
  MediaInfo,
  TemplateSampleOptions,
  TemplateSampleResult,
  UploadMediaOptions,
  UploadMediaResult,
} from '../../core/media/types.js';
import { pathSegment } from '../../core/path-segment.js';
import type { ProviderId } from '../../core/provider.js';
import {
  CLOUD_API_MEDIA_HOSTS,
  defaultFilename,
  mediaUploadForm,
  parseIdReply,
  parseMediaObject,
  parseUploadHandle,
  parseUploadOffset,
  uploadSessionTarget,
} from './media.js';

/** What the media calls need from the client. */
export interface CloudMediaContext {
  /** The client's request path. */
  request: (request: HttpRequest) => Promise<HttpResponse>;
  baseUrl: string;
  provider: ProviderId;
  accessToken: string;
  phoneNumberId: string;
  appId: string | undefined;
  apiVersion: string;
  timeout: number;
}

/** Statuses of an expired lookaside URL: the metadata is fetched again once. */
const EXPIRED_URL_STATUSES = new Set([401, 403, 404]);

/** How many times an interrupted template-sample upload is resumed. */
export const MAX_UPLOAD_RESUMES = 3;

/** Cloud API media rules: lookaside/graph hosts get the bearer token; a foreign `{ url }` is refused. */
export const CLOUD_API_MEDIA_RULES: MediaRules = {
  hosts: CLOUD_API_MEDIA_HOSTS,
  sendCredentials: true,
  requireTrusted: true,
  // Every refusal stays the status's ApiError, so that an expired URL (401/403/404) can be told apart and the
  // metadata fetched again.
  responseError: (ctx, provider) => defaultResponseError(provider, ctx),
};

function mediaIdPath(ctx: CloudMediaContext, mediaId: string): string {
  const segment = pathSegment(mediaId, 'media id', ctx.provider);
  if (!/^[A-Za-z0-9_.-]{1,128}$/.test(mediaId)) {
    const message =
      'A Cloud API media id is the id from an upload or a webhook (letters, digits, "_", "-", ".").';
    throw new ValidationError(message, {
      provider: ctx.provider,
      issues: [{ code: 'media.id_invalid', path: ['mediaId'], message }],
    });
  }
  return `/${ctx.apiVersion}/${segment}`;
}

/** `GET /{version}/{media-id}?phone_number_id=`: the short-lived URL, type, size and hash. */
export async function getCloudMediaInfo(ctx: CloudMediaContext, mediaId: string): Promise<MediaInfo> {
  const response = await ctx.request({
    method: 'GET',
    path: mediaIdPath(ctx, mediaId),
    searchParams: { phone_number_id: ctx.phoneNumberId },
  });
  return parseMediaObject(response.body, ctx.provider, response.status);
}

/** `DELETE /{version}/{media-id}?phone_number_id=`. */
export async function deleteCloudMedia(ctx: CloudMediaContext, mediaId: string): Promise<void> {
  await ctx.request({
    method: 'DELETE',
    path: mediaIdPath(ctx, mediaId),
    searchParams: { phone_number_id: ctx.phoneNumberId },
  });
}

/**
 * Downloads by id (metadata, then the URL with the bearer token; an expired URL, 401/403/404, gets the metadata
 * once more), or a `{ url }` on Meta's media hosts.
 */
export async function downloadCloudMedia(
  ctx: CloudMediaContext,
  media: ResolvedMedia,
  options: DownloadMediaOptions,
): Promise<MediaDownload> {
  const client = {
    request: ctx.request,
    baseUrl: ctx.baseUrl,
    provider: ctx.provider,
    rules: CLOUD_API_MEDIA_RULES,
    timeout: ctx.timeout,
  };
  const fromInfo = (info: MediaInfo) =>
    downloadMediaUrl(
      client,
      {
        ...media,
        url: info.url,
        mimeType: info.mimeType ?? media.mimeType,
        size: info.size ?? media.size,
        sha256: info.sha256 ?? media.sha256,
      },
      options,
    );
  if (!media.id) return downloadMediaUrl(client, { ...media, url: media.url as string }, options);
  try {
    return await fromInfo(await getCloudMediaInfo(ctx, media.id));
  } catch (error) {
    if (!isApiError(error) || !EXPIRED_URL_STATUSES.has(error.status ?? 0)) throw error;
    // The URL lives about five minutes; a fresh media object carries a fresh one.
    try {
      return await fromInfo(await getCloudMediaInfo(ctx, media.id));
    } catch (again) {
      if (isApiError(again) && again.status === 404) {
        throw new MediaExpiredError(
          `The ${ctx.provider} media URL answered HTTP 404 twice, the second time fresh from the media object: the media is gone. Ask the user to send it again.`,
          { provider: ctx.provider, status: 404, cause: again },
        );
      }
      throw again;
    }
  }
}

/** `POST /{version}/{phone-number-id}/media` as multipart, after the supported-media check. */
export async function uploadCloudMedia(
  ctx: CloudMediaContext,
  file: MediaFile,
  options: UploadMediaOptions,
): Promise<UploadMediaResult> {
  const { blob, size, head } = await toUploadBlob(file, options.mimeType, ctx.provider);
  checkMediaUpload({ mimeType: options.mimeType, size, head, provider: ctx.provider });
  const response = await ctx.request({
    method: 'POST',
    path: `/${ctx.apiVersion}/${pathSegment(ctx.phoneNumberId, 'phone number id', ctx.provider)}/media`,
    body: mediaUploadForm(blob, options.mimeType, options.filename),
    signal: options.signal,
  });
  return { mediaId: parseIdReply(response.body, ctx.provider, response.status, 'the media upload') };
}

function oauth(ctx: CloudMediaContext): Record<string, string> {
  // The Resumable Upload API documents `Authorization: OAuth {token}` for the upload steps.
  return { authorization: `OAuth ${ctx.accessToken}` };
}

/**
 * The Resumable Upload API: start a session on `/{app-id}/uploads`, send the bytes with `file_offset: 0`, and
 * after a failure read the session's `file_offset` and send the rest from there (up to
 * {@link MAX_UPLOAD_RESUMES} times). Resolves with the `header_handle`.
 */
export async function uploadCloudTemplateSample(
  ctx: CloudMediaContext,
  file: MediaFile,
  options: TemplateSampleOptions,
): Promise<TemplateSampleResult> {
  if (!ctx.appId) {
    throw new ConfigError(
      `uploadTemplateSample needs \`appId\` (your Meta app id, from the app dashboard) in the ${ctx.provider} client config.`,
      {
        provider: ctx.provider,
        issues: [
          { code: 'config.missing', path: ['appId'], message: 'appId is required for template samples' },
        ],
      },
    );
  }
  const { blob, size, head } = await toUploadBlob(file, options.mimeType, ctx.provider);
  checkTemplateSample({ mimeType: options.mimeType, size, head, provider: ctx.provider });
  const started = await ctx.request({
    method: 'POST',
    path: `/${ctx.apiVersion}/${pathSegment(ctx.appId, 'app id', ctx.provider)}/uploads`,
    searchParams: {
      file_name: options.filename ?? defaultFilename(options.mimeType, 'sample'),
      file_length: size,
      file_type: options.mimeType,
    },
    signal: options.signal,
  });
  const session = parseIdReply(started.body, ctx.provider, started.status, 'the upload session');
  const target = uploadSessionTarget(session, ctx.provider);
  const path = `/${ctx.apiVersion}/${target.segment}`;
  let offset = 0;
  for (let resumes = 0; ; resumes++) {
    try {
      const sent = await ctx.request({
        method: 'POST',
        path,
        searchParams: target.searchParams,
        credentials: false,
        headers: { ...oauth(ctx), file_offset: String(offset) },
        body: new Uint8Array(await blob.slice(offset).arrayBuffer()),
        maxRetries: 0,
        signal: options.signal,
      });
      return { headerHandle: parseUploadHandle(sent.body, ctx.provider, sent.status) };
    } catch (error) {
      const interrupted =
        isWhatsAppError(error) &&
        (error.code === 'connection_failed' || error.code === 'timeout' || error.code === 'server_error');
      if (!interrupted || resumes >= MAX_UPLOAD_RESUMES) throw error;
    }
    const status = await ctx.request({
      method: 'GET',
      path,
      searchParams: target.searchParams,
      credentials: false,
      headers: oauth(ctx),
      signal: options.signal,
    });
    offset = parseUploadOffset(status.body, size);
  }
}
