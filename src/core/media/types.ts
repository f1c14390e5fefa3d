/**
 * The media types of the client contract: what `downloadMedia` takes and returns, and what uploads take.
 * @module
 */
import type { MessageEvent } from '../webhook-event.js';

/**
 * What `downloadMedia` accepts: an inbound {@link MessageEvent} carrying media, a provider media id (`{ id }`,
 * Cloud API providers), or a URL (`{ url }`). Credentials are sent only to the provider's own media hosts; a URL
 * anywhere else is fetched without them.
 * @inline
 */
export type MediaRef =
  | Pick<MessageEvent, 'media'>
  | { id: string; url?: undefined }
  | { url: string; id?: undefined; expiresAt?: Date | undefined };

/**
 * Options of `downloadMedia`.
 * @inline
 */
export interface DownloadMediaOptions {
  /** Largest accepted download, in bytes (default 100 MiB, Meta's document limit); see `MediaTooLargeError`. */
  maxBytes?: number | undefined;
  /** Cancels the download, including a body being read. */
  signal?: AbortSignal | undefined;
  /**
   * Milliseconds each request may take until its response headers, and the longest pause between two chunks of
   * the body (a stalled body fails with `TimeoutError` instead of hanging). Default: the client's `timeout`.
   */
  timeout?: number | undefined;
}

/** A media download. Read it once: either `body` (a stream) or `bytes()`. */
export interface MediaDownload {
  /** The media's MIME type (the provider's metadata, else the response `Content-Type`). */
  mimeType: string;
  /** Size in bytes, when the provider declares it (checked against the bytes received). */
  size?: number | undefined;
  /** SHA-256 of the file as lower-case hex, when the provider declares it (checked against the bytes). */
  sha256?: string | undefined;
  /** The file name, when the payload or the response carries one. */
  filename?: string | undefined;
  /**
   * The bytes as a stream. It errors with `MediaTooLargeError` the moment it passes `maxBytes`, and with
   * `MediaIntegrityError` at its end when size or hash do not match; discard what was read in that case.
   */
  readonly body: ReadableStream<Uint8Array>;
  /** Reads the whole body; rejects with `MediaIntegrityError` / `MediaTooLargeError` as `body` would error. */
  bytes(): Promise<Uint8Array>;
}

/**
 * What an upload accepts. A stream is read into memory first (its size must be known for the checks).
 * @inline
 */
export type MediaFile = Blob | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array>;

/**
 * Options of `uploadMedia`.
 * @inline
 */
export interface UploadMediaOptions {
  /** The file's MIME type, checked against Meta's supported-media table before any request. */
  mimeType: string;
  /** A file name, sent with the multipart part (documents show it). */
  filename?: string | undefined;
  /** Cancels the upload. */
  signal?: AbortSignal | undefined;
}

/**
 * What `uploadMedia` resolves with.
 * @inline
 */
export interface UploadMediaResult {
  /** Send it as `{ type: 'image', mediaId }` (and friends). */
  mediaId: string;
}

/**
 * Metadata of a stored media object (`getMediaInfo`).
 * @inline
 */
export interface MediaInfo {
  /** A short-lived download URL (Cloud API: about 5 minutes); needs the client's credentials. */
  url: string;
  mimeType: string;
  /** Size in bytes. */
  size: number | undefined;
  /** SHA-256 as lower-case hex. */
  sha256: string | undefined;
}

/**
 * Options of `uploadTemplateSample`.
 * @inline
 */
export interface TemplateSampleOptions {
  /** One of `application/pdf`, `image/jpeg`, `image/png`, `video/mp4`. */
  mimeType: string;
  /** File name reported to the Resumable Upload API (default `sample` plus an extension). */
  filename?: string | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * What `uploadTemplateSample` resolves with.
 * @inline
 */
export interface TemplateSampleResult {
  /** The `header_handle` to put in a media-header template's `example`. */
  headerHandle: string;
}
