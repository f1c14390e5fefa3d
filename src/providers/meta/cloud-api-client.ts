/**
 * `CloudApiClient`: the WhatsApp Cloud API transport shared by `MetaCloudClient` and `CleverTapClient` (CleverTap
 * BSP numbers run on the Cloud API). Sends (`POST /{apiVersion}/{phoneNumberId}/messages` with a bearer
 * token), marks messages read, parses webhooks, and manages templates on `/{wabaId}/message_templates`.
 * @module
 */
import { BaseClient, type BaseConfig, type SendReceipt, type SendRequest } from '../../core/base-client.js';
import type { MarkAsReadOptions, WebhookInput } from '../../core/client.js';
import { DEFAULT_TIMEOUT_MS } from '../../core/config.js';
import {
  ConfigError,
  type Issue,
  TemplateError,
  ValidationError,
  type WhatsAppError,
} from '../../core/errors.js';
import type { QuotaGate } from '../../core/gates.js';
import type { HttpResponse, ResponseContext } from '../../core/http.js';
import { formatIssues } from '../../core/issues.js';
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
import {
  OUTBOUND_MESSAGE_TYPES,
  type OutboundMessageType,
  type PreparedMessage,
  type TemplateMessage,
} from '../../core/message.js';
import { pathSegment } from '../../core/path-segment.js';
import type { ProviderId } from '../../core/provider.js';
import type { WebhookEvent } from '../../core/webhook-event.js';
import type { TemplateDefinition } from '../../templates/types.js';
import { assertValidTemplate } from '../../templates/validate.js';
import { type CreateWebhookHandlerOptions, createWebhookHandler } from '../../webhooks/handler.js';
import { parseWebhookRequest } from '../../webhooks/parse-request.js';
import {
  type CloudApiConfigFields,
  DEFAULT_GRAPH_API_VERSION,
  GRAPH_API_BASE_URL,
} from './cloud-api-config.js';
import { createGraphResponseError } from './graph-errors.js';
import {
  CLOUD_API_MEDIA_RULES,
  type CloudMediaContext,
  deleteCloudMedia,
  downloadCloudMedia,
  getCloudMediaInfo,
  uploadCloudMedia,
  uploadCloudTemplateSample,
} from './media-client.js';
import {
  messagingLimitUpdate,
  type PhoneNumberHealth,
  parsePhoneNumberHealth,
  phoneNumberHealthFields,
} from './phone-health.js';
import {
  type MessageTemplate,
  parseMessageTemplate,
  parseTemplateCreateResponse,
  parseTemplatePage,
  TEMPLATE_FIELDS,
  type TemplateCreateResult,
  type TemplateDeleteTarget,
  type TemplateEdit,
  TemplateEditHistory,
  type TemplateListQuery,
  templateDeleteQuery,
  templateEditBody,
} from './templates.js';
import {
  type CloudApiOutbound,
  markAsReadBody,
  parseCloudApiSendResponse,
  toCloudApiMessage,
} from './wire.js';

/** Every message type of the Cloud API's `Message` discriminator that the neutral model carries. */
export const CLOUD_API_MESSAGE_TYPES: ReadonlySet<OutboundMessageType> = new Set(OUTBOUND_MESSAGE_TYPES);

/** A validated Cloud API client config. */
export type CloudApiConfig = BaseConfig & CloudApiConfigFields;

/**
 * Options of a Cloud API client that are not config (not serialisable).
 * @inline
 */
export interface CloudApiClientOptions {
  /** Clock for the template edit history, in epoch milliseconds. Default `Date.now`. */
  now?: (() => number) | undefined;
}

/** What a subclass tells {@link CloudApiClient} about itself. */
export interface CloudApiSpec<C extends CloudApiConfig> {
  provider: ProviderId;
  config: C;
  /** Config keys holding secrets. */
  secretKeys: readonly (keyof C & string)[];
  /** The rule profile `createTemplate` and `editTemplate` validate with. */
  templateProfile: 'meta' | 'strict';
  /** The provider's Graph error mapping; default {@link createGraphResponseError} for `provider`. */
  responseError?: ((ctx: ResponseContext) => WhatsAppError | undefined) | undefined;
  options?: CloudApiClientOptions | undefined;
}

/**
 * A template message for the Cloud API: the neutral `TemplateMessage`, whose body parameters may be text or
 * `currency` / `date_time` for every provider (one mapping serves them all).
 */
export type CloudApiTemplateMessage = TemplateMessage;

/**
 * The Cloud API client base. Use `MetaCloudClient` (Meta directly) or `CleverTapClient` (CleverTap as BSP).
 */
export abstract class CloudApiClient<C extends CloudApiConfig = CloudApiConfig> extends BaseClient<C> {
  readonly #profile: 'meta' | 'strict';
  readonly #editHistory: TemplateEditHistory;

  protected constructor(spec: CloudApiSpec<C>) {
    const { config } = spec;
    super({
      provider: spec.provider,
      config,
      defaultBaseUrl: GRAPH_API_BASE_URL,
      secretKeys: spec.secretKeys,
      supports: CLOUD_API_MESSAGE_TYPES,
      auth: () => ({ authorization: `Bearer ${config.accessToken}` }),
      requestIdHeader: 'x-fb-trace-id',
      messageIdField: 'message id (messages[0].id)',
      responseError: spec.responseError ?? createGraphResponseError(spec.provider),
    });
    this.#profile = spec.templateProfile;
    this.#editHistory = new TemplateEditHistory(spec.options?.now);
  }

  /** The pinned Graph API version. */
  get apiVersion(): string {
    return this.config.apiVersion ?? DEFAULT_GRAPH_API_VERSION;
  }

  /** `/{apiVersion}/{...segments}` with each segment URL-encoded (empty and dot segments refused). */
  protected graphPath(...segments: string[]): string {
    return `/${this.apiVersion}/${segments.map((s) => pathSegment(s, 'id', this.provider)).join('/')}`;
  }

  /** `POST /{apiVersion}/{phoneNumberId}/messages` with the Cloud API body of `message`. Pure. */
  protected buildRequest(message: PreparedMessage): SendRequest {
    return {
      path: this.graphPath(this.config.phoneNumberId, 'messages'),
      json: toCloudApiMessage(message as CloudApiOutbound),
    };
  }

  /** Reads `messages[0].id` (the `wamid`) from an accepted send. */
  protected readResult(response: HttpResponse): SendReceipt {
    return { messageId: parseCloudApiSendResponse(response.body).messageId };
  }

  /**
   * Marks an inbound message as read (blue ticks): `POST /{phoneNumberId}/messages` with `status: "read"`. With
   * `{ typing: true }` the user also sees a typing indicator until the reply (or for up to 25 s).
   *
   * @example
   * ```ts
   * client.on('message.received', ({ event }) => client.markAsRead(event.id, { typing: true }));
   * ```
   */
  async markAsRead(messageId: string, options: MarkAsReadOptions = {}): Promise<void> {
    if (typeof messageId !== 'string' || messageId.length === 0) {
      throw new ValidationError('markAsRead(messageId) needs the id (wamid) of an inbound message.', {
        provider: this.provider,
        issues: [{ code: 'message_id.required', path: ['messageId'], message: 'messageId is required' }],
      });
    }
    await this.request({
      method: 'POST',
      path: this.graphPath(this.config.phoneNumberId, 'messages'),
      json: markAsReadBody(messageId, options.typing === true),
      // Marking read twice has no further effect, so it may be retried like a GET.
      idempotent: true,
    });
  }

  /**
   * Verifies (`X-Hub-Signature-256` with `appSecret`, when configured) and parses a Cloud API webhook delivery,
   * emits `message.received` / `message.status` / `template.status`, and returns the events.
   */
  async parseWebhook(request: Request | WebhookInput): Promise<WebhookEvent[]> {
    const events = await parseWebhookRequest(this.provider, request, { appSecret: this.config.appSecret });
    // The limit first: when the quota store fails, nothing of the delivery was dispatched and Meta's retry is whole.
    await this.#followMessagingLimit(events);
    this.dispatchWebhookEvents(events);
    return events;
  }

  /**
   * The tier follows Meta: every messaging limit announced in `events` (`phone_number_quality_update` upgrades
   * and quality downgrades, `business_capability_update`; see `messagingLimitUpdate`) is applied, in order, to
   * the config's `quota` tracker with `setLimit`. With the Redis quota store every instance then uses it. A store
   * failure rejects, so the delivery is answered non-2xx and Meta sends it again.
   */
  async #followMessagingLimit(events: readonly WebhookEvent[]): Promise<void> {
    const quota = (this.config as { quota?: QuotaGate | undefined }).quota;
    if (typeof quota?.setLimit !== 'function') return;
    for (const event of events) {
      const update = messagingLimitUpdate(event);
      if (update) await quota.setLimit(update.limit);
    }
  }

  /**
   * Reads the sending number's health: `GET /{apiVersion}/{phoneNumberId}?fields=...` with its quality rating,
   * status, display-name and verification status, throughput level and messaging limit
   * (`whatsapp_business_manager_messaging_limit` from v24.0, `messaging_limit_tier` before). Seed a quota tracker
   * from it at start-up; webhooks keep it current afterwards.
   *
   * @example
   * ```ts
   * const health = await client.getPhoneNumberHealth();
   * // { qualityRating: 'GREEN', messagingLimitTier: 'TIER_2K', messagingLimit: 2000, throughputLevel: 'STANDARD', ... }
   * if (health.messagingLimit !== undefined) await quota.setLimit(health.messagingLimit);
   * ```
   */
  async getPhoneNumberHealth(): Promise<PhoneNumberHealth> {
    const id = this.config.phoneNumberId;
    return this.request(
      {
        method: 'GET',
        path: this.graphPath(id),
        searchParams: { fields: phoneNumberHealthFields(this.apiVersion) },
      },
      (response) => parsePhoneNumberHealth(response.body, id),
    );
  }

  /**
   * A Fetch-standard webhook endpoint for this client (`(req: Request) => Promise<Response>`): answers Meta's GET
   * `hub.challenge` handshake with the configured `verifyToken`, verifies POSTs with `appSecret`, and emits
   * `message.received` / `message.status` / `template.status` on this client (and so feeds its window tracker)
   * and applies announced messaging limits to its `quota` tracker before calling your `on` handlers. Wrap it
   * with `waba-kit/node` for Express, Fastify or node:http.
   *
   * @example
   * ```ts
   * const handle = client.webhookHandler({ on: { message: (m) => console.log(m.from, m.text) } });
   * export default { fetch: handle }; // Workers, Bun, Deno; Hono: app.all('/wa', (c) => handle(c.req.raw))
   * ```
   */
  webhookHandler(
    options: Omit<CreateWebhookHandlerOptions, 'provider' | 'appSecret' | 'verifyToken'> = {},
  ): (request: Request) => Promise<Response> {
    const on = options.on ?? {};
    return createWebhookHandler({
      ...options,
      provider: this.provider,
      appSecret: this.config.appSecret,
      verifyToken: this.config.verifyToken,
      on: {
        ...on,
        message: (event) => {
          this.dispatchWebhookEvents([event]);
          return on.message ? on.message(event) : options.onUnhandled?.(event);
        },
        status: (event) => {
          this.dispatchWebhookEvents([event]);
          return on.status ? on.status(event) : options.onUnhandled?.(event);
        },
        'template-status': (event) => {
          this.dispatchWebhookEvents([event]);
          return on['template-status'] ? on['template-status'](event) : options.onUnhandled?.(event);
        },
        account: async (event) => {
          await this.#followMessagingLimit([event]);
          return on.account ? on.account(event) : options.onUnhandled?.(event);
        },
      },
    });
  }

  // ---------------------------------------------------------------- media

  #media(): CloudMediaContext {
    return {
      request: (r) => this.request(r),
      baseUrl: this.baseUrl,
      provider: this.provider,
      accessToken: this.config.accessToken,
      phoneNumberId: this.config.phoneNumberId,
      appId: this.config.appId,
      apiVersion: this.apiVersion,
      timeout: this.config.timeout ?? DEFAULT_TIMEOUT_MS,
    };
  }

  protected override mediaRules(): MediaRules {
    return CLOUD_API_MEDIA_RULES;
  }

  protected override downloadResolved(
    media: ResolvedMedia,
    options: DownloadMediaOptions,
  ): Promise<MediaDownload> {
    return downloadCloudMedia(this.#media(), media, options);
  }

  /**
   * Reads a media object: `GET /{apiVersion}/{mediaId}?phone_number_id=` -> its URL (valid about 5 minutes, and
   * only with the access token), MIME type, size and SHA-256.
   */
  override getMediaInfo(mediaId: string): Promise<MediaInfo> {
    return getCloudMediaInfo(this.#media(), mediaId);
  }

  /** Deletes an uploaded media object: `DELETE /{apiVersion}/{mediaId}?phone_number_id=`. */
  override deleteMedia(mediaId: string): Promise<void> {
    return deleteCloudMedia(this.#media(), mediaId);
  }

  /**
   * Uploads a file to send by id: `POST /{apiVersion}/{phoneNumberId}/media` as multipart (`messaging_product`,
   * `type`, `file`). Type and size are checked against Meta's supported-media table first (`ValidationError`).
   *
   * @example
   * ```ts
   * const { mediaId } = await client.uploadMedia(await readFile('invoice.pdf'), { mimeType: 'application/pdf', filename: 'invoice.pdf' });
   * await client.send({ type: 'document', to: '+447700900123', mediaId, filename: 'invoice.pdf' });
   * ```
   */
  override uploadMedia(file: MediaFile, options: UploadMediaOptions): Promise<UploadMediaResult> {
    return uploadCloudMedia(this.#media(), file, options);
  }

  /**
   * Uploads a template header sample through the Resumable Upload API (needs `appId` in the config) and resolves
   * with the `header_handle` a media-header template's `example` needs in `createTemplate`.
   *
   * @example
   * ```ts
   * const { headerHandle } = await client.uploadTemplateSample(png, { mimeType: 'image/png' });
   * await client.createTemplate({ name: 'promo', language: 'en_US', category: 'MARKETING',
   *   components: [{ type: 'HEADER', format: 'IMAGE', example: { header_handle: [headerHandle] } }, { type: 'BODY', text: 'Hi' }] });
   * ```
   */
  uploadTemplateSample(file: MediaFile, options: TemplateSampleOptions): Promise<TemplateSampleResult> {
    return uploadCloudTemplateSample(this.#media(), file, options);
  }

  // ---------------------------------------------------------------- template management

  /** The WABA id, or a {@link ConfigError} saying template management needs it. */
  protected get wabaId(): string {
    const wabaId = this.config.wabaId;
    if (!wabaId) {
      throw new ConfigError(
        `Template management needs \`wabaId\` (the WhatsApp Business Account id) in the ${this.provider} client config.`,
        {
          provider: this.provider,
          issues: [
            {
              code: 'config.missing',
              path: ['wabaId'],
              message: 'wabaId is required for template management',
            },
          ],
        },
      );
    }
    return wabaId;
  }

  /**
   * Validates a template definition with the client's rule profile; throws a {@link TemplateError} listing every
   * error-severity issue. Subclasses add provider rules by overriding {@link templateIssues}.
   */
  protected checkTemplate(definition: TemplateDefinition): void {
    assertValidTemplate(definition, {
      profile: this.#profile,
      provider: this.provider,
      issues: this.templateIssues(definition),
    });
  }

  /** Provider-specific template rules beyond the profile (none for Meta). */
  protected templateIssues(_definition: TemplateDefinition): Issue[] {
    return [];
  }

  /** Called after a template was edited or deleted (CleverTap warns that campaigns using it stopped). */
  protected onTemplateChanged(
    _action: 'edited' | 'deleted',
    _template: { id?: string; name: string },
  ): void {}

  /**
   * Submits a template for review: validates it locally first (profile `meta` for Meta, `strict` for CleverTap)
   * and throws a {@link TemplateError} without any request when it would be refused, then
   * `POST /{wabaId}/message_templates` with the definition as given.
   *
   * @example
   * ```ts
   * const { id, status } = await client.createTemplate({
   *   name: 'order_update', language: 'en_US', category: 'UTILITY',
   *   components: [{ type: 'BODY', text: 'Order {{1}} has shipped.', example: { body_text: [['A-42']] } }],
   * });
   * ```
   */
  async createTemplate(definition: TemplateDefinition): Promise<TemplateCreateResult> {
    this.checkTemplate(definition);
    return this.request(
      { method: 'POST', path: this.graphPath(this.wabaId, 'message_templates'), json: definition },
      (response) => parseTemplateCreateResponse(response.body),
    );
  }

  /**
   * Lists templates, following Graph cursor paging (`paging.cursors.after`) page by page as you iterate.
   *
   * @example
   * ```ts
   * for await (const t of client.listTemplates({ status: 'APPROVED' })) console.log(t.name, t.qualityScore);
   * ```
   */
  async *listTemplates(query: TemplateListQuery = {}): AsyncGenerator<MessageTemplate, void, undefined> {
    const path = this.graphPath(this.wabaId, 'message_templates');
    let after: string | undefined;
    do {
      const searchParams = {
        fields: TEMPLATE_FIELDS,
        limit: query.limit ?? 100,
        status: query.status,
        category: query.category,
        name: query.name,
        language: query.language,
        after,
      };
      const page = await this.request({ method: 'GET', path, searchParams }, (response) =>
        parseTemplatePage(response.body),
      );
      for (const template of page.templates) yield template;
      after = page.after;
    } while (after !== undefined);
  }

  /** Reads one template by id (`GET /{templateId}`). */
  async getTemplate(templateId: string): Promise<MessageTemplate> {
    return this.request(
      {
        method: 'GET',
        path: this.graphPath(requireId(templateId, this.provider)),
        searchParams: { fields: TEMPLATE_FIELDS },
      },
      (response) => parseMessageTemplate(response.body),
    );
  }

  /**
   * Edits a template (`POST /{templateId}`): reads its current status, refuses locally what Meta refuses (an
   * approved template more than once per 24 h or 10 times per 30 days, a template in review, a category change
   * of an approved template), validates the new components with the client's profile, then submits. The edited
   * template goes back to review.
   */
  async editTemplate(templateId: string, edit: TemplateEdit): Promise<void> {
    const current = await this.getTemplate(templateId);
    const refused = this.#editHistory.check(current, edit);
    if (refused.length > 0) {
      throw new TemplateError(`Cannot edit template "${current.name}": ${formatIssues(refused)}`, {
        provider: this.provider,
        issues: refused,
      });
    }
    if (edit.components !== undefined) {
      this.checkTemplate({
        name: current.name,
        language: current.language,
        category: edit.category ?? current.category,
        ...(current.parameterFormat ? { parameter_format: current.parameterFormat } : {}),
        components: edit.components,
      } as unknown as TemplateDefinition);
    }
    await this.request({
      method: 'POST',
      path: this.graphPath(current.id || templateId),
      json: templateEditBody(edit),
    });
    if (current.status === 'APPROVED') this.#editHistory.record(current.id || templateId);
    this.onTemplateChanged('edited', { id: current.id || templateId, name: current.name });
  }

  /**
   * Deletes every language of a template name (`{ name }`), or one template (`{ id, name }`):
   * `DELETE /{wabaId}/message_templates?name=...[&hsm_id=...]`. A deleted approved name cannot be reused for 30
   * days.
   */
  async deleteTemplate(target: TemplateDeleteTarget): Promise<void> {
    if (!target || typeof target.name !== 'string' || target.name.length === 0) {
      throw new ValidationError('deleteTemplate needs { name } or { id, name }.', {
        provider: this.provider,
        issues: [{ code: 'template.name_required', path: ['name'], message: 'name is required' }],
      });
    }
    await this.request({
      method: 'DELETE',
      path: this.graphPath(this.wabaId, 'message_templates'),
      searchParams: templateDeleteQuery(target),
    });
    this.onTemplateChanged(
      'deleted',
      'id' in target ? { id: target.id, name: target.name } : { name: target.name },
    );
  }
}

function requireId(id: string, provider: ProviderId): string {
  if (typeof id !== 'string' || !/^\d{1,32}$/.test(id)) {
    throw new ValidationError('A template id is the numeric id Meta returned (digits only).', {
      provider,
      issues: [{ code: 'template.id_invalid', path: ['templateId'], message: 'expected digits' }],
    });
  }
  return id;
}
