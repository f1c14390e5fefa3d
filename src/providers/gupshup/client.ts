/**
 * `GupshupClient`: WhatsApp over Gupshup's self-serve API (`api.gupshup.io`, `apikey` header, form-encoded).
 * @module
 */

import { BaseClient, type SendReceipt, type SendRequest } from '../../core/base-client.js';
import type { MarkAsReadOptions, WebhookInput } from '../../core/client.js';
import { ApiError, ConfigError } from '../../core/errors.js';
import type { HttpResponse } from '../../core/http.js';
import type { MediaRules } from '../../core/media/rules.js';
import type { MediaFile, UploadMediaOptions, UploadMediaResult } from '../../core/media/types.js';
import type { OutboundMessage, PreparedMessage } from '../../core/message.js';
import { pathSegment } from '../../core/path-segment.js';
import { UnsupportedOperationError } from '../../core/unsupported-operation-error.js';
import type { MessageEvent, WebhookEvent } from '../../core/webhook-event.js';
import { parseWebhookRequest } from '../../webhooks/parse-request.js';
import {
  GUPSHUP_DEFAULT_BASE_URL,
  GUPSHUP_SECRET_KEYS,
  type GupshupConfig,
  parseGupshupConfig,
  type ResolvedGupshupConfig,
} from './config.js';
import { gupshupResponseError } from './errors.js';
import { GUPSHUP_MEDIA_RULES, GUPSHUP_NO_UPLOAD } from './media.js';
import { type GupshupTemplate, parseGupshupTemplate, parseGupshupTemplateList } from './templates.js';
import { GUPSHUP_SUPPORTS, type GupshupRequest, toGupshupRequest } from './wire.js';

/**
 * Sends and receives WhatsApp messages through Gupshup.
 *
 * Session messages and templates are form-encoded posts with the `apikey` header; templates are sent by
 * **Gupshup template id** (the `name` of the template message) with positional parameters. A send succeeds
 * only on HTTP 2xx with a non-empty `messageId`; `{"status":"error"}` answers throw typed errors even on 2xx.
 * Delivery failures (closed window, not on WhatsApp, wallet empty) arrive later as `failed` status webhooks:
 * turn their codes into typed errors with `gupshupErrorFromCode`.
 *
 * @example
 * ```ts
 * import { GupshupClient } from 'waba-kit/gupshup';
 *
 * const client = new GupshupClient({ apiKey: process.env.GUPSHUP_API_KEY!, appName: 'DemoApp', source: '+917834811114' });
 * await client.sendText('+919876543210', 'Hi from Gupshup');
 * await client.sendTemplate('+919876543210', {
 *   name: 'ee4a68a0-1203-4c85-8dc3-49d0b3226a35', // the Gupshup template id
 *   language: 'en',
 *   body: ['Daisy', 'A123'],
 * });
 * ```
 */
export class GupshupClient extends BaseClient<ResolvedGupshupConfig> {
  /** Validates `config` (throws `ConfigError` naming the bad keys, never their values). */
  constructor(config: GupshupConfig) {
    const resolved = parseGupshupConfig(config);
    super({
      provider: 'gupshup',
      config: resolved,
      defaultBaseUrl: GUPSHUP_DEFAULT_BASE_URL,
      secretKeys: GUPSHUP_SECRET_KEYS,
      supports: GUPSHUP_SUPPORTS,
      auth: () => ({ apikey: resolved.apiKey }),
      responseError: gupshupResponseError,
      messageIdField: 'messageId',
      label: 'Gupshup',
    });
  }

  /**
   * Maps a message to the Gupshup request: a form post to the session or template endpoint. Pure; the base runs
   * it before the quota and window guards, so everything Gupshup cannot carry (CTA URL messages, several
   * contacts, named template parameters, ...) is refused before any request.
   */
  protected buildRequest(message: PreparedMessage): SendRequest {
    return toGupshupRequest(message, { source: this.config.source, appName: this.config.appName });
  }

  protected override mediaRules(): MediaRules {
    return GUPSHUP_MEDIA_RULES;
  }

  /** Gupshup self-serve documents no media upload (only its Partner API does); throws `UnsupportedOperationError` (send media by url). */
  override async uploadMedia(_file: MediaFile, _options: UploadMediaOptions): Promise<UploadMediaResult> {
    throw this.unsupportedMedia('uploadMedia', GUPSHUP_NO_UPLOAD);
  }

  /** Reads `messageId` from an accepted send; `{"status":"error"}` answers were refused by the error table. */
  protected readResult(response: HttpResponse): SendReceipt {
    const messageId = (response.body as { messageId?: unknown } | undefined)?.messageId;
    return { messageId: typeof messageId === 'string' ? messageId : undefined };
  }

  /** Builds the request `send()` would make, without sending (validation included). */
  toWire(message: OutboundMessage): GupshupRequest {
    const { path, form } = this.wireRequest(message);
    return { path, form } as GupshupRequest;
  }

  /**
   * Lists the app's templates (`GET /wa/app/{appId}/template`; needs `appId`). The API answers the whole list
   * in one response, so this resolves with an array.
   */
  async listTemplates(options: { signal?: AbortSignal } = {}): Promise<GupshupTemplate[]> {
    return this.request(
      {
        method: 'GET',
        path: `/wa/app/${pathSegment(this.#appId('listTemplates'), 'app id', 'gupshup')}/template`,
        signal: options.signal,
      },
      (response) => parseGupshupTemplateList(response.body, response.status),
    );
  }

  /** Reads one template by Gupshup id (`GET /wa/app/{appId}/template/{templateId}`; needs `appId`). */
  async getTemplate(templateId: string, options: { signal?: AbortSignal } = {}): Promise<GupshupTemplate> {
    const path = `/wa/app/${pathSegment(this.#appId('getTemplate'), 'app id', 'gupshup')}/template/${pathSegment(templateId, 'template id', 'gupshup')}`;
    return this.request({ method: 'GET', path, signal: options.signal }, (response) => {
      const body = response.body as { template?: unknown } | undefined;
      const template = parseGupshupTemplate(body?.template ?? body);
      if (!template)
        throw new ApiError(`Gupshup answered template ${templateId} without a template record.`, {
          provider: 'gupshup',
          status: response.status,
          body: response.body,
        });
      return template;
    });
  }

  /**
   * Marks an inbound message as read (`PUT /wa/app/{appId}/msg/{messageId}/read`; needs `appId`). Pass the
   * inbound message id or the {@link MessageEvent}. This endpoint is used by public Gupshup clients but not
   * described on Gupshup's reference pages; treat it as best effort.
   */
  async markAsRead(message: string | MessageEvent, options: MarkAsReadOptions = {}): Promise<void> {
    if (options.typing === true)
      // Typing indicators exist on Gupshup's Partner API (Meta's read call) but not on the self-serve API this
      // client uses (https://docs.gupshup.io/docs/mark-messages-as-read documents the read receipt only).
      throw new UnsupportedOperationError(
        "Gupshup's self-serve API has no typing indicator; call markAsRead(id) without { typing: true } for the read receipt alone.",
        { provider: 'gupshup', operation: 'markAsRead' },
      );
    const id = pathSegment(typeof message === 'string' ? message : message.id, 'message id', 'gupshup');
    await this.request({
      method: 'PUT',
      path: `/wa/app/${pathSegment(this.#appId('markAsRead'), 'app id', 'gupshup')}/msg/${id}/read`,
      headers: { 'content-type': 'application/json' },
    });
  }

  /**
   * Verifies (shared-secret header or URL token, when configured; Gupshup does not sign webhooks) and parses a
   * Gupshup callback (v2 or the Meta-format v3), emits the client events and returns the parsed events.
   */
  async parseWebhook(request: Request | WebhookInput): Promise<WebhookEvent[]> {
    const c = this.config;
    const events = await parseWebhookRequest('gupshup', request, {
      sharedSecret: c.sharedSecret,
      sharedSecretHeader: c.sharedSecretHeader,
      urlToken: c.urlToken,
      urlTokenParam: c.urlTokenParam,
      verify: c.verifyWebhooks,
    });
    this.dispatchWebhookEvents(events);
    return events;
  }

  #appId(method: string): string {
    const appId = this.config.appId;
    if (appId === undefined)
      throw new ConfigError(
        `GupshupClient.${method} needs appId in the client config (the Gupshup app id from the dashboard's app settings).`,
        {
          provider: 'gupshup',
          issues: [
            { code: 'gupshup.app_id_missing', path: ['appId'], message: 'appId is required for this call' },
          ],
        },
      );
    return appId;
  }
}
