/**
 * Cloud API media wire, pure: the media object (`GET /{media-id}`), the upload form (`POST /{phone-number-id}/media`)
 * and the Resumable Upload API replies that produce template header handles.
 *
 * Sources:
 * - Media API (retrieve URL, delete; URL valid 5 minutes; `phone_number_id` query):
 *   https://developers.facebook.com/documentation/business-messaging/whatsapp/reference/media/media-api
 * - Upload (`messaging_product=whatsapp`, `file`, `type`; answers `{ "id" }`):
 *   https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#upload-media
 * - Resumable Upload API (`POST /{app-id}/uploads` -> `{ "id": "upload:..." }`; `POST /upload:...` with
 *   `Authorization: OAuth`, `file_offset` -> `{ "h" }`; `GET /upload:...` -> `{ "file_offset" }`):
 *   https://developers.facebook.com/docs/graph-api/guides/upload
 * @module
 */
import { ApiError } from '../../core/errors.js';
import { baseMimeType } from '../../core/media/limits.js';
import { normalizeSha256 } from '../../core/media/sha256.js';
import type { MediaInfo } from '../../core/media/types.js';
import type { ProviderId } from '../../core/provider.js';

/** The hosts Cloud API media URLs are served from (`lookaside.fbsbx.com` in every documented sample). */
export const CLOUD_API_MEDIA_HOSTS: readonly string[] = ['lookaside.fbsbx.com', 'graph.facebook.com'];

const record = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined);

/** Reads a media object. `file_size` arrives as a number or a numeric string; `sha256` as hex (or base64). */
export function parseMediaObject(body: unknown, provider: ProviderId, status: number): MediaInfo {
  const b = record(body);
  const url = typeof b?.url === 'string' ? b.url : undefined;
  if (!url) {
    throw new ApiError(`${provider} answered HTTP ${status} with a media object that has no url.`, {
      provider,
      status,
      body,
    });
  }
  const rawSize = typeof b?.file_size === 'string' ? Number(b.file_size) : b?.file_size;
  return {
    url,
    mimeType: typeof b?.mime_type === 'string' ? b.mime_type : 'application/octet-stream',
    size: typeof rawSize === 'number' && Number.isSafeInteger(rawSize) && rawSize >= 0 ? rawSize : undefined,
    sha256: normalizeSha256(typeof b?.sha256 === 'string' ? b.sha256 : undefined),
  };
}

/** The usual file extension of each supported media type. */
export const MEDIA_EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'video/3gpp': '3gp',
  'audio/aac': 'aac',
  'audio/amr': 'amr',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/ogg': 'ogg',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
};

/** A file name for a part when the caller gave none: `file.<ext>` (Meta reads the type from `type`). */
export function defaultFilename(mimeType: string, stem = 'file'): string {
  const ext = MEDIA_EXTENSIONS[baseMimeType(mimeType)];
  return ext ? `${stem}.${ext}` : stem;
}

/**
 * The multipart form of an upload: `messaging_product`, `type`, then `file`. Sent as a `FormData` so that
 * `fetch` writes the `multipart/form-data; boundary=...` header itself.
 */
export function mediaUploadForm(file: Blob, mimeType: string, filename: string | undefined): FormData {
  const form = new FormData();
  form.append('messaging_product', 'whatsapp');
  form.append('type', baseMimeType(mimeType));
  form.append('file', file, filename ?? defaultFilename(mimeType));
  return form;
}

/** Reads `{ "id": "..." }` (upload answers). */
export function parseIdReply(body: unknown, provider: ProviderId, status: number, what: string): string {
  const id = record(body)?.id;
  if (typeof id === 'string' && id.length > 0) return id;
  if (typeof id === 'number') return String(id);
  throw new ApiError(`${provider} answered HTTP ${status} to ${what} without an id.`, {
    provider,
    status,
    body,
  });
}

/**
 * Splits an upload session id (`upload:MTph...?sig=ARZ...`) into the Graph path segment and its query. Samples
 * show the id carrying its own `sig` query, so the query is kept apart and sent as search parameters.
 */
export function uploadSessionTarget(
  sessionId: string,
  provider: ProviderId,
): { segment: string; searchParams: Record<string, string> } {
  const at = sessionId.indexOf('?');
  const segment = at < 0 ? sessionId : sessionId.slice(0, at);
  if (!/^upload:[A-Za-z0-9+/=_.-]{1,512}$/.test(segment)) {
    throw new ApiError(`${provider} returned an upload session id that does not look like "upload:<id>".`, {
      provider,
    });
  }
  const searchParams: Record<string, string> = {};
  if (at >= 0) for (const [k, v] of new URLSearchParams(sessionId.slice(at + 1))) searchParams[k] = v;
  return { segment, searchParams };
}

/** Reads the handle of a finished upload (`{ "h": "..." }`). */
export function parseUploadHandle(body: unknown, provider: ProviderId, status: number): string {
  const h = record(body)?.h;
  if (typeof h === 'string' && h.length > 0) return h;
  throw new ApiError(`${provider} answered HTTP ${status} to the upload without a handle (h).`, {
    provider,
    status,
    body,
  });
}

/** Reads how many bytes an interrupted session holds (`{ "file_offset": 1234 }`). */
export function parseUploadOffset(body: unknown, size: number): number {
  const raw = record(body)?.file_offset;
  const n = typeof raw === 'string' ? Number(raw) : raw;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= size ? n : 0;
}
