/**
 * The provider-neutral client contract.
 * @module
 */

import type { WhatsAppEventMap, WhatsAppEventName } from './events.js';
import type {
  DownloadMediaOptions,
  MediaDownload,
  MediaFile,
  MediaInfo,
  MediaRef,
  UploadMediaOptions,
  UploadMediaResult,
} from './media/types.js';
import type { OutboundMessage, TemplateMessage } from './message.js';
import type { ProviderId } from './provider.js';
import type { SendResult } from './result.js';
import type { WebhookEvent } from './webhook-event.js';

/** Per-call options of `send()` and friends. */
export interface SendOptions {
  /** Cancels the send (and any retry wait). */
  signal?: AbortSignal | undefined;
  /** Per-attempt timeout in milliseconds, overriding the client's. */
  timeout?: number | undefined;
  /** Retries after the first attempt, overriding the client's. */
  maxRetries?: number | undefined;
  /** Retry ambiguous failures (5xx, timeouts) of this send; see `RetryPolicy.unsafe`. */
  unsafe?: boolean | undefined;
}

/** A webhook delivery handed to `client.parseWebhook` when you already hold the raw body and headers. */
export interface WebhookInput {
  /** The raw request body, exactly as received (needed for signature checks). */
  rawBody: string | Uint8Array;
  /** Request headers; names are matched case-insensitively. */
  headers: Headers | Record<string, string | string[] | undefined>;
  /** The full request URL (Gupshup URL tokens). */
  url?: string | undefined;
  /** HTTP method, default `POST`. */
  method?: string | undefined;
}

/** Options of {@link WhatsAppClient.markAsRead}. */
export interface MarkAsReadOptions {
  /** Also show the user a typing indicator while the reply is prepared. Default `false`. */
  typing?: boolean | undefined;
}

/**
 * One interface over every provider. Create one with `createClient(config)` or a provider class.
 *
 * @example
 * ```ts
 * const client = createClient({ provider: 'meta', accessToken, phoneNumberId, apiVersion: 'v23.0' });
 * const { messageId } = await client.sendText('+447700900123', 'Your order has shipped');
 * ```
 */
export interface WhatsAppClient {
  /** Which provider this client talks to. */
  readonly provider: ProviderId;
  /** Sends any {@link OutboundMessage}. Resolves with a {@link SendResult} or throws a `WhatsAppError`. */
  send(message: OutboundMessage, options?: SendOptions): Promise<SendResult>;
  /** Sends a text message. */
  sendText(to: string, text: string, options?: SendOptions): Promise<SendResult>;
  /** Sends a pre-approved template. */
  sendTemplate(to: string, template: TemplateMessage, options?: SendOptions): Promise<SendResult>;
  /**
   * Marks an inbound message as read (blue ticks), where the provider supports it. With `{ typing: true }` the
   * user also sees a typing indicator until the reply arrives (Meta shows it for up to 25 s); a provider whose
   * API documents none throws `UnsupportedOperationError` before any request.
   */
  markAsRead(messageId: string, options?: MarkAsReadOptions): Promise<void>;
  /**
   * Verifies and parses a webhook delivery, emits `message.received` / `message.status` / `template.status`,
   * and returns the events. Throws `WebhookVerificationError` or `WebhookParseError` when refused.
   */
  parseWebhook(request: Request | WebhookInput): Promise<WebhookEvent[]>;
  /**
   * Downloads the media of an inbound message (the event itself, `{ id }` or `{ url }`) as a stream or bytes,
   * checked against the provider's size and SHA-256. Credentials go only to the provider's own media hosts.
   * Throws `MediaTooLargeError`, `MediaExpiredError`, or (from the body) `MediaIntegrityError`.
   */
  downloadMedia(ref: MediaRef, options?: DownloadMediaOptions): Promise<MediaDownload>;
  /**
   * Uploads a file to send by `mediaId`, after checking its type and size against Meta's supported-media table
   * (`ValidationError`). Providers without an upload API throw `UnsupportedOperationError` (send by `url`).
   */
  uploadMedia(file: MediaFile, options: UploadMediaOptions): Promise<UploadMediaResult>;
  /** Deletes an uploaded media object, where the provider has the API (else `UnsupportedOperationError`). */
  deleteMedia(mediaId: string): Promise<void>;
  /** Reads a media object's metadata and short-lived URL, where the provider has the API. */
  getMediaInfo(mediaId: string): Promise<MediaInfo>;
  /** Adds a typed event listener. */
  on<K extends WhatsAppEventName>(event: K, listener: (payload: WhatsAppEventMap[K]) => unknown): this;
  /** Adds a typed event listener called at most once. */
  once<K extends WhatsAppEventName>(event: K, listener: (payload: WhatsAppEventMap[K]) => unknown): this;
  /** Removes a listener. */
  off<K extends WhatsAppEventName>(event: K, listener?: (payload: WhatsAppEventMap[K]) => unknown): this;
}
