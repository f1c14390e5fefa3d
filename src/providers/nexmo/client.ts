/**
 * `NexmoClient` (alias `VonageClient`): WhatsApp over the Vonage Messages API, v1 or v0.1.
 * @module
 */

import { BaseClient, type SendReceipt, type SendRequest } from '../../core/base-client.js';
import type { MarkAsReadOptions, WebhookInput } from '../../core/client.js';
import type { HttpResponse } from '../../core/http.js';
import type { MediaRules } from '../../core/media/rules.js';
import type { MediaFile, UploadMediaOptions, UploadMediaResult } from '../../core/media/types.js';
import type { OutboundMessage, OutboundMessageType, PreparedMessage } from '../../core/message.js';
import { pathSegment } from '../../core/path-segment.js';
import type { MessageEvent, WebhookEvent } from '../../core/webhook-event.js';
import { createApplicationJwtSigner } from '../../jwt/sign.js';
import { parseWebhookRequest } from '../../webhooks/parse-request.js';
import {
  NEXMO_HOSTS,
  NEXMO_SECRET_KEYS,
  type NexmoConfig,
  parseNexmoConfig,
  type ResolvedNexmoConfig,
} from './config.js';
import { nexmoResponseError } from './errors.js';
import { VONAGE_MEDIA_RULES, VONAGE_NO_UPLOAD } from './media.js';
import { NEXMO_SUPPORTS, type NexmoBody, toNexmoBody } from './wire.js';

/**
 * Message types the client accepts: those of its API version, minus templates on the Messages API sandbox
 * ("WhatsApp templates are not available in the sandbox",
 * https://developer.vonage.com/messages/concepts/messages-api-sandbox).
 */
function supportsFor(config: ResolvedNexmoConfig): ReadonlySet<OutboundMessageType> {
  const types = NEXMO_SUPPORTS[config.apiVersion];
  if (config.baseUrl !== NEXMO_HOSTS.sandbox) return types;
  return new Set([...types].filter((t) => t !== 'template'));
}

/**
 * Sends and receives WhatsApp messages through the Vonage (Nexmo) Messages API.
 *
 * Auth is the application JWT (`applicationId` + `privateKey`; RS256, signed once per token lifetime and
 * cached) or Basic (`apiKey` + `apiSecret`). `apiVersion` picks `POST /v1/messages` (default) or the legacy
 * `POST /v0.1/messages`; `baseUrl` picks production, the sandbox, a regional host or any URL.
 *
 * @example
 * ```ts
 * import { NexmoClient } from 'waba-kit/nexmo';
 *
 * const client = new NexmoClient({
 *   applicationId: process.env.VONAGE_APPLICATION_ID!,
 *   privateKey: process.env.VONAGE_PRIVATE_KEY!, // PEM; literal \n is fine
 *   from: '+447700900001',
 * });
 * const { messageId } = await client.sendText('+447700900123', 'Your order has shipped');
 * await client.sendTemplate('+447700900123', { name: 'order_update', language: 'en_GB', body: ['Daisy', 'A123'] });
 * ```
 */
export class NexmoClient extends BaseClient<ResolvedNexmoConfig> {
  /** Validates `config` (throws `ConfigError` naming the bad keys, never their values). */
  constructor(config: NexmoConfig) {
    const resolved = parseNexmoConfig(config);
    // The credential sent (the current JWT, the Basic token) is scrubbed from every error by the transport.
    let auth: () => Promise<Record<string, string>>;
    if (resolved.applicationId !== undefined && resolved.privateKey !== undefined) {
      const signer = createApplicationJwtSigner({
        applicationId: resolved.applicationId,
        privateKey: resolved.privateKey,
        ttlSeconds: resolved.jwtTtlSeconds,
      });
      // One headers object per token, not per send: the transport reads a credential once per headers object.
      let current: { token: string; headers: Record<string, string> } | undefined;
      auth = async () => {
        const token = await signer.token();
        if (current?.token !== token) current = { token, headers: { authorization: `Bearer ${token}` } };
        return current.headers;
      };
    } else {
      const headers = { authorization: `Basic ${btoa(`${resolved.apiKey}:${resolved.apiSecret}`)}` };
      auth = async () => headers;
    }
    super({
      provider: 'nexmo',
      config: resolved,
      defaultBaseUrl: resolved.baseUrl,
      secretKeys: NEXMO_SECRET_KEYS,
      supports: supportsFor(resolved),
      auth,
      requestIdHeader: 'x-nexmo-trace-id',
      responseError: nexmoResponseError,
      messageIdField: 'message_uuid',
      label: 'Vonage',
    });
  }

  /** The Messages API version this client sends with. */
  get apiVersion(): ResolvedNexmoConfig['apiVersion'] {
    return this.config.apiVersion;
  }

  /**
   * Maps a message to the Vonage request: `POST /{apiVersion}/messages` with the v1 or v0.1 body. Pure; the base
   * runs it before the quota and window guards, so everything Vonage cannot carry (`client_ref` over 40
   * characters, media ids, v0.1 limits) is refused before any request.
   */
  protected buildRequest(message: PreparedMessage): SendRequest {
    return {
      path: `/${this.config.apiVersion}/messages`,
      json: toNexmoBody(message, { from: this.config.from, apiVersion: this.config.apiVersion }),
    };
  }

  protected override mediaRules(): MediaRules {
    return VONAGE_MEDIA_RULES;
  }

  /** Vonage takes media by URL only (no upload API); throws `UnsupportedOperationError` (send media by url). */
  override async uploadMedia(_file: MediaFile, _options: UploadMediaOptions): Promise<UploadMediaResult> {
    throw this.unsupportedMedia('uploadMedia', VONAGE_NO_UPLOAD);
  }

  /** Reads `message_uuid` from an accepted send (HTTP 202). */
  protected readResult(response: HttpResponse): SendReceipt {
    const uuid = (response.body as { message_uuid?: unknown } | undefined)?.message_uuid;
    return { messageId: typeof uuid === 'string' ? uuid : undefined };
  }

  /** Builds the request body `send()` would post, without sending (validation included). */
  toWire(message: OutboundMessage): Record<string, unknown> {
    return this.wireRequest(message).json as NexmoBody;
  }

  /**
   * Marks an inbound message as read (`PATCH /v1/messages/{message_uuid}` with `{"status":"read"}`).
   *
   * Message objects are geo-located, so pass the inbound {@link MessageEvent} when you have it: its `_self.href`
   * (a Vonage regional URL) is used. Given only an id, the configured host is used. Read receipts exist only on
   * the v1 API; this call uses it whatever `apiVersion` sends with.
   *
   * With `{ typing: true }` the body adds `replying_indicator: { show: true, type: "text" }`, which shows the user
   * a typing indicator (Vonage's `send-replying-indicator` snippet,
   * https://developer.vonage.com/en/messages/code-snippets/whatsapp/send-replying-indicator).
   */
  async markAsRead(message: string | MessageEvent, options: MarkAsReadOptions = {}): Promise<void> {
    const segment = pathSegment(typeof message === 'string' ? message : message.id, 'message id', 'nexmo');
    const path =
      (typeof message === 'string' ? undefined : this.#selfHref(message)) ?? `/v1/messages/${segment}`;
    const json =
      options.typing === true
        ? { status: 'read', replying_indicator: { show: true, type: 'text' } }
        : { status: 'read' };
    await this.request({ method: 'PATCH', path, json, idempotent: true });
  }

  /**
   * Verifies (signed webhooks: `Authorization: Bearer` HS256 JWT with `signatureSecret`) and parses an inbound or
   * status webhook, v0.1 or v1, emits the client events and returns the parsed events.
   */
  async parseWebhook(request: Request | WebhookInput): Promise<WebhookEvent[]> {
    const events = await parseWebhookRequest('nexmo', request, {
      signatureSecret: this.config.signatureSecret,
      verify: this.config.verifyWebhooks,
    });
    this.dispatchWebhookEvents(events);
    return events;
  }

  /**
   * The `_self.href` of an inbound v1 event when it is exactly the messages path of the configured API host
   * (same scheme, host and port, `/v1/messages/<one segment>`, no credentials, query or fragment); otherwise
   * `undefined` and the caller builds the URL from the id, so the bearer JWT never goes anywhere else.
   */
  #selfHref(event: MessageEvent): string | undefined {
    const href = (event.raw as { _self?: { href?: unknown } } | undefined)?._self?.href;
    if (typeof href !== 'string') return undefined;
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      return undefined;
    }
    const exact =
      url.origin === new URL(this.baseUrl).origin &&
      url.username === '' &&
      url.password === '' &&
      url.search === '' &&
      url.hash === '' &&
      /^\/v1\/messages\/[^/]+$/.test(url.pathname);
    return exact ? url.toString() : undefined;
  }
}

/** Vonage's current name for {@link NexmoClient}; the same class. */
export const VonageClient = NexmoClient;
/** Vonage's current name for {@link NexmoClient}; the same class. */
export type VonageClient = NexmoClient;
