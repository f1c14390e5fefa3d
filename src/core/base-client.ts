/**
 * The base every provider client extends. It owns the whole send, the same for every provider:
 *
 * 1. **validate** the message against the neutral schema and the provider's capabilities
 *    ({@link ProviderSpec.supports});
 * 2. **normalise**: `to` to E.164, `clientRef` generated when absent;
 * 3. **map to the wire once**: the provider's pure {@link BaseClient.buildRequest}, which may refuse what the
 *    provider cannot carry, before any guard or request;
 * 4. **guards**: every {@link SendGuard}, those added with {@link BaseClient.addSendGuard} first, then the ones
 *    the config asks for (`quota`, `window`, then `recipientPacer` and `rateLimiter`, which wait);
 * 5. **HTTP** through the client's transport: auth headers, per-attempt timeout, retries that never duplicate a
 *    send by default, `request` / `response` / `retry` events, the provider's error table
 *    ({@link ProviderSpec.responseError}) and the secret scrubber over every error;
 * 6. **read the result**: the provider's {@link BaseClient.readResult} finds the message id, and an accepted
 *    answer without one is refused with an `ApiError`;
 * 7. the {@link SendResult}, and the `message.sent` / `message.failed` events.
 *
 * A provider supplies its auth headers, its wire mapping (`buildRequest`), its result reading (`readResult`) and
 * its error table; everything else is here. Calls that are not sends (read receipts, templates, media) go
 * through {@link BaseClient.request}, the same transport with the same events, retries and scrubbing; a second
 * host with other credentials gets its transport from {@link BaseClient.createTransport}, the same factory.
 *
 * `BaseClient` is internal (not exported from any entry): its protected surface is where this package's providers
 * plug in (media methods through {@link BaseClient.request}, shared rate limiters as guards, new recipient
 * kinds in the schema), and provider ids are a closed union that `createClient`, the webhooks and the sandbox
 * know by name, so a provider outside the package could not take part anyway.
 * @internal
 */
import type { MarkAsReadOptions, SendOptions, WebhookInput, WhatsAppClient } from './client.js';
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from './config.js';
import {
  ApiError,
  isWhatsAppError,
  UnsupportedMessageError,
  ValidationError,
  type WhatsAppError,
} from './errors.js';
import { TypedEmitter, type WhatsAppEventMap, type WhatsAppEventName } from './events.js';
import {
  conversationGuard,
  EMIT_EVENT,
  recordInboundEvents,
  resolveGates,
  type SendGuard,
  type SendGuardContext,
  type WindowGate,
} from './gates.js';
import { type HttpRequest, type HttpResponse, HttpTransport, type ResponseContext } from './http.js';
import { IdentityAliases, normalizeRecipient } from './identity.js';
import { formatIssues, fromZodIssues } from './issues.js';
import type { Logger } from './logger.js';
import { downloadMediaUrl } from './media/download-url.js';
import { type ResolvedMedia, resolveMediaRef } from './media/resolve.js';
import type { MediaRules } from './media/rules.js';
import type {
  DownloadMediaOptions,
  MediaDownload,
  MediaFile,
  MediaInfo,
  MediaRef,
  UploadMediaOptions,
  UploadMediaResult,
} from './media/types.js';
import {
  type OutboundMessage,
  OutboundMessageSchema,
  type OutboundMessageType,
  type PreparedMessage,
  type TemplateMessage,
} from './message.js';
import type { ProviderId } from './provider.js';
import { INSPECT, redactConfig } from './redact.js';
import type { SendResult } from './result.js';
import { type RetryPolicy, resolveRetryPolicy } from './retry.js';
import { throughputGuard } from './throughput.js';
import { UnsupportedOperationError } from './unsupported-operation-error.js';
import type { WebhookEvent } from './webhook-event.js';
import { useEnglishUnlessConfigured } from './zod.js';

export type { SendGuard, SendGuardContext };

/** Config fields the base reads; every provider config has them. */
export interface BaseConfig {
  baseUrl?: string | undefined;
  timeout?: number | undefined;
  maxRetries?: number | undefined;
  retry?: RetryPolicy | undefined;
  /** The `fetch` every request goes through (default: the global one). */
  fetch?: typeof fetch | undefined;
  logger?: Logger | undefined;
  headers?: Record<string, string> | undefined;
}

/**
 * The request a provider's {@link BaseClient.buildRequest} maps a message to: a pure value, no I/O. The base
 * adds auth, the caller's signal, timeout and retry settings, and the `clientRef` the events carry.
 * @inline
 */
export type SendRequest = Pick<HttpRequest, 'path' | 'json' | 'form' | 'headers' | 'searchParams'> & {
  /** Default `POST`. */
  method?: HttpRequest['method'] | undefined;
};

/**
 * What a provider's {@link BaseClient.readResult} reads from an accepted send answer.
 * @inline
 */
export interface SendReceipt {
  /** The provider's message id (status webhooks refer to it); absent: the base refuses the answer. */
  messageId: string | undefined;
}

/**
 * How a provider's transport reaches its host: what {@link BaseClient.createTransport} needs.
 * @inline
 */
export interface TransportSpec {
  /** The host, e.g. `https://graph.facebook.com`. */
  baseUrl: string;
  /** Credentials for each attempt (called per attempt, so tokens can refresh). */
  auth?: (() => Record<string, string> | Promise<Record<string, string>>) | undefined;
  /** Response header carrying the provider's request id. */
  requestIdHeader?: string | undefined;
  /** The host's error table: turns a response into a typed error, `undefined` on success. */
  responseError?: ((ctx: ResponseContext) => WhatsAppError | undefined) | undefined;
}

/** What a provider tells the base about itself. */
export interface ProviderSpec<C extends BaseConfig> {
  provider: ProviderId;
  /** The validated config. */
  config: C;
  /** Used when `config.baseUrl` is absent. */
  defaultBaseUrl: string;
  /**
   * Config keys holding secrets: redacted from `toJSON`/`inspect` and scrubbed from every error, event and log
   * line. Credentials derived from them (a signed JWT, a Basic token) need no listing: the transport scrubs
   * every credential it sends.
   */
  secretKeys: readonly (keyof C & string)[];
  /** Message types the provider can carry; others throw {@link UnsupportedMessageError} before any request. */
  supports: ReadonlySet<OutboundMessageType>;
  /** Credentials for each attempt. */
  auth?: () => Record<string, string> | Promise<Record<string, string>>;
  /** Response header carrying the provider's request id. */
  requestIdHeader?: string | undefined;
  /** Provider error catalogue: turns a response into a typed error, `undefined` on success. */
  responseError?: ((ctx: ResponseContext) => WhatsAppError | undefined) | undefined;
  /** How the provider's send answer names the message id, for the error when it lacks one (`message_uuid`). */
  messageIdField?: string | undefined;
  /** The provider's name in error messages. Default: the provider id. */
  label?: string | undefined;
}

/** Shared implementation of {@link WhatsAppClient}; see the module docs for the send pipeline. */
export abstract class BaseClient<C extends BaseConfig = BaseConfig> implements WhatsAppClient {
  /** Which provider this client talks to. */
  readonly provider: ProviderId;
  readonly #config: C;
  readonly #secretKeys: readonly string[];
  readonly #supports: ReadonlySet<OutboundMessageType>;
  readonly #label: string;
  readonly #messageIdField: string;
  readonly #secrets: () => readonly (string | undefined)[];
  readonly #events: TypedEmitter<WhatsAppEventMap>;
  readonly #http: HttpTransport;
  /** Every send guard, in order: those added with addSendGuard, then the config's (the last #configGuards). */
  readonly #guards: SendGuard[] = [];
  #configGuards = 0;
  readonly #window: WindowGate | undefined;
  /** Window recordings started by `dispatchWebhookEvents` and not settled yet; sends wait for them. */
  readonly #inbound = new Set<Promise<unknown>>();
  /** Phone-to-BSUID links seen in webhooks: the quota counts one customer once, by either identifier. */
  readonly #aliases = new IdentityAliases();

  protected constructor(spec: ProviderSpec<C>) {
    this.provider = spec.provider;
    this.#config = spec.config;
    this.#secretKeys = spec.secretKeys;
    this.#supports = spec.supports;
    this.#label = spec.label ?? spec.provider;
    this.#messageIdField = spec.messageIdField ?? 'message id';
    const config = spec.config;
    this.#events = new TypedEmitter<WhatsAppEventMap>({ provider: spec.provider, logger: config.logger });
    this.#secrets = () =>
      spec.secretKeys.map((k) => config[k] as unknown).filter((v): v is string => typeof v === 'string');
    this.#http = this.createTransport({
      baseUrl: config.baseUrl ?? spec.defaultBaseUrl,
      auth: spec.auth,
      requestIdHeader: spec.requestIdHeader,
      responseError: spec.responseError,
    });
    const gates = resolveGates(config as { quota?: unknown; window?: unknown }, spec.provider);
    this.#window = gates.window;
    if (gates.quota || gates.window) {
      this.#guards.push(
        conversationGuard(
          gates,
          () => this.#settleInbound(),
          (to) => this.#aliases.keyOf(to),
        ),
      );
      this.#configGuards = 1;
    }
    const throughput = throughputGuard(
      config as { rateLimiter?: unknown; recipientPacer?: unknown },
      spec.provider,
    );
    if (throughput) {
      this.#guards.push(throughput);
      this.#configGuards++;
    }
    const quota = gates.quota;
    if (quota?.on) {
      const provider = this.provider;
      quota.on('quota.warning', (p) => this.#events.emit('quota.warning', { ...p, provider }));
      quota.on('quota.exceeded', (p) => this.#events.emit('quota.exceeded', { ...p, provider }));
      quota.on('warning', (p) => this.#events.emit('warning', { ...p, provider }));
    }
  }

  /** The validated config (secrets included; never serialised). */
  protected get config(): C {
    return this.#config;
  }

  /** The resolved base URL of the client's transport. */
  protected get baseUrl(): string {
    return this.#http.baseUrl;
  }

  /** The event emitter, for subclasses and helpers that emit on the client's behalf. */
  protected get events(): TypedEmitter<WhatsAppEventMap> {
    return this.#events;
  }

  /**
   * Makes a request that is not a send (a read receipt, template management, media) through the client's
   * transport: the same auth, timeouts, retry policy (idempotent methods retry ambiguous failures), events
   * (`request`, `response`, `retry`), error table and secret scrubbing as a send. Resolves with a success or
   * throws a `WhatsAppError`. With `read`, resolves with what it makes of the answer; an error it throws for an
   * answer it refuses goes through the scrubber like the transport's own.
   */
  protected request(request: HttpRequest): Promise<HttpResponse>;
  protected request<T>(request: HttpRequest, read: (response: HttpResponse) => T): Promise<T>;
  protected async request<T>(
    request: HttpRequest,
    read?: (response: HttpResponse) => T,
  ): Promise<T | HttpResponse> {
    const response = await this.#http.request(request);
    return read ? readThrough(this.#http, response, read) : response;
  }

  /**
   * Builds a transport for another host of the same provider (CleverTap's REST API beside the Graph API) with
   * the factory the client's own transport comes from: the config's timeout, retries, retry policy, `fetch`,
   * logger and `headers`, this client's events, and the scrubber over this client's secrets. Credentials are
   * per transport, so each host receives only its own.
   */
  protected createTransport(spec: TransportSpec): HttpTransport {
    const config = this.#config;
    const auth = spec.auth;
    return new HttpTransport({
      provider: this.provider,
      baseUrl: spec.baseUrl,
      timeout: config.timeout ?? DEFAULT_TIMEOUT_MS,
      maxRetries: config.maxRetries ?? DEFAULT_MAX_RETRIES,
      retry: resolveRetryPolicy(config.retry),
      fetch: config.fetch,
      logger: config.logger,
      events: this.#events,
      // Without config headers the provider's credentials go as they are (one object and one await less a send).
      auth: config.headers ? async () => ({ ...config.headers, ...(await auth?.()) }) : auth,
      requestIdHeader: spec.requestIdHeader,
      responseError: spec.responseError,
      secrets: this.#secrets,
    });
  }

  /**
   * Adds a {@link SendGuard} run before every send, after validation and the wire mapping, before any request.
   * Guards run in the order added, and before the guard of the `quota` / `window` config keys.
   */
  addSendGuard(guard: SendGuard): this {
    this.#guards.splice(this.#guards.length - this.#configGuards, 0, guard);
    return this;
  }

  /** Sends a message; see {@link WhatsAppClient.send} and the module docs for the pipeline. */
  async send(message: OutboundMessage, options: SendOptions = {}): Promise<SendResult> {
    let prepared: PreparedMessage;
    let request: SendRequest;
    try {
      ({ prepared, request } = this.#prepare(message));
      const context: SendGuardContext = { provider: this.provider };
      if (options.signal) context.signal = options.signal;
      for (const guard of this.#guards) await guard(prepared, context);
    } catch (error) {
      this.#failed(message, error);
      throw error;
    }
    try {
      const response = await this.#http.request({
        ...request,
        method: request.method ?? 'POST',
        signal: options.signal,
        timeout: options.timeout,
        maxRetries: options.maxRetries,
        unsafe: options.unsafe,
        clientRef: prepared.clientRef,
        recipient: prepared.to,
      });
      const result = this.#result(prepared, response);
      if (this.#events.listenerCount('message.sent') > 0) {
        this.#events.emit('message.sent', {
          provider: this.provider,
          timestamp: new Date(),
          message: prepared,
          result,
        });
      }
      return result;
    } catch (error) {
      this.#failed(prepared, error);
      throw error;
    }
  }

  /** Sends a text message. */
  sendText(to: string, text: string, options?: SendOptions): Promise<SendResult> {
    return this.send({ type: 'text', to, text }, options);
  }

  /** Sends a pre-approved template. */
  sendTemplate(to: string, template: TemplateMessage, options?: SendOptions): Promise<SendResult> {
    return this.send({ ...template, type: 'template', to }, options);
  }

  /**
   * Validates a message against the provider's schema and capabilities, normalises `to` to E.164, fills
   * `clientRef`, and maps it to the wire (so what the provider cannot carry is refused here too). Throws
   * {@link ValidationError} or {@link UnsupportedMessageError}; makes no request.
   */
  prepare(message: OutboundMessage): PreparedMessage {
    return this.#prepare(message).prepared;
  }

  /** The request `send()` would make for `message`, without sending (validation and mapping included). */
  protected wireRequest(message: OutboundMessage): SendRequest {
    return this.#prepare(message).request;
  }

  /**
   * The provider's wire mapping: a prepared message -> the request that sends it. Pure (no I/O); it runs once
   * per send, before the guards, and may throw {@link UnsupportedMessageError} or {@link ValidationError} for
   * what the provider cannot carry.
   */
  protected abstract buildRequest(message: PreparedMessage): SendRequest;

  /**
   * Reads the provider's accepted answer to a send (the error table has already refused error answers, 2xx
   * `{"status":"error"}` bodies included). Return `messageId: undefined` when the answer carries none: the base
   * refuses it with an `ApiError` (the message may or may not have been accepted). May throw a `WhatsAppError`
   * for an answer it refuses; the scrubber covers it like every transport error.
   */
  protected abstract readResult(response: HttpResponse, message: PreparedMessage): SendReceipt;

  #prepare(message: OutboundMessage): { prepared: PreparedMessage; request: SendRequest } {
    useEnglishUnlessConfigured();
    const parsed = OutboundMessageSchema.safeParse(message);
    if (!parsed.success) {
      const issues = fromZodIssues(parsed.error.issues);
      const type =
        typeof (message as { type?: unknown })?.type === 'string'
          ? (message as { type: string }).type
          : 'outbound';
      throw new ValidationError(`Invalid ${type} message: ${formatIssues(issues)}`, {
        provider: this.provider,
        issues,
      });
    }
    const msg = parsed.data;
    if (!this.#supports.has(msg.type)) {
      throw new UnsupportedMessageError(
        `The ${this.provider} client cannot send "${msg.type}" messages. Supported: ${[...this.#supports].join(', ')}.`,
        { provider: this.provider, messageType: msg.type },
      );
    }
    const prepared = {
      ...msg,
      to: normalizeRecipient(msg.to),
      clientRef: msg.clientRef ?? crypto.randomUUID(),
    } as PreparedMessage;
    return { prepared, request: this.buildRequest(prepared) };
  }

  #result(message: PreparedMessage, response: HttpResponse): SendResult {
    const receipt = readThrough(this.#http, response, (r) => this.readResult(r, message), message.to);
    const messageId = receipt.messageId;
    if (typeof messageId !== 'string' || messageId.trim().length === 0) {
      throw this.#http.scrub(
        new ApiError(
          `${this.#label} answered HTTP ${response.status} without a ${this.#messageIdField}; the message may or may not have been accepted. Check status webhooks for clientRef ${message.clientRef}.`,
          {
            provider: this.provider,
            status: response.status,
            requestId: response.requestId,
            body: response.body,
          },
        ),
        message.to,
      );
    }
    return {
      provider: this.provider,
      messageId,
      to: message.to,
      clientRef: message.clientRef,
      requestId: response.requestId,
      // A success answer that echoes a credential must not carry it into message.sent or a log either.
      raw: this.#http.scrubValue(response.body),
    };
  }

  async #settleInbound(): Promise<void> {
    if (this.#inbound.size > 0) await Promise.allSettled([...this.#inbound]);
  }

  /** Adds a typed event listener. */
  on<K extends WhatsAppEventName>(event: K, listener: (payload: WhatsAppEventMap[K]) => unknown): this {
    this.#events.on(event, listener);
    return this;
  }

  /** Adds a typed event listener called at most once. */
  once<K extends WhatsAppEventName>(event: K, listener: (payload: WhatsAppEventMap[K]) => unknown): this {
    this.#events.once(event, listener);
    return this;
  }

  /** Removes a listener (or all listeners of an event). */
  off<K extends WhatsAppEventName>(event: K, listener?: (payload: WhatsAppEventMap[K]) => unknown): this {
    this.#events.off(event, listener);
    return this;
  }

  /** Marks an inbound message as read, where the provider supports it; see {@link WhatsAppClient.markAsRead}. */
  abstract markAsRead(messageId: string, options?: MarkAsReadOptions): Promise<void>;

  /** Verifies and parses a webhook delivery; see {@link WhatsAppClient.parseWebhook}. */
  abstract parseWebhook(request: Request | WebhookInput): Promise<WebhookEvent[]>;

  /**
   * Emits the client events for parsed webhook events: `message.received`, `message.status`,
   * `template.status`. Providers call this from `parseWebhook` after verification and parsing.
   */
  protected dispatchWebhookEvents(events: readonly WebhookEvent[]): void {
    this.#aliases.learn(events);
    if (this.#window) {
      for (const pending of recordInboundEvents(this.#window, events)) {
        const tracked = pending.then(
          () => undefined,
          (error: unknown) =>
            this.#events.emit('error', {
              provider: this.provider,
              timestamp: new Date(),
              error,
              event: 'message.received',
            }),
        );
        this.#inbound.add(tracked);
        void tracked.finally(() => this.#inbound.delete(tracked));
      }
    }
    for (const event of events) {
      const base = { provider: this.provider, timestamp: new Date() };
      if (event.kind === 'message') this.#events.emit('message.received', { ...base, event });
      else if (event.kind === 'status') this.#events.emit('message.status', { ...base, event });
      else if (event.kind === 'template-status') this.#events.emit('template.status', { ...base, event });
    }
  }

  /**
   * Emits a client event on behalf of a helper (`broadcast()` emits `broadcast.progress` through it). Keyed by a
   * registered symbol so it stays out of autocompletion and works across copies of the library.
   */
  [EMIT_EVENT]<K extends WhatsAppEventName>(event: K, payload: WhatsAppEventMap[K]): void {
    this.#events.emit(event, payload);
  }

  /** Downloads inbound media; see {@link WhatsAppClient.downloadMedia}. */
  downloadMedia(ref: MediaRef, options: DownloadMediaOptions = {}): Promise<MediaDownload> {
    return this.downloadResolved(resolveMediaRef(ref, this.provider), options);
  }

  /**
   * Downloads a resolved reference. The base downloads URLs under {@link mediaRules}; a provider with media ids
   * (the Cloud API) overrides this to turn an id into a URL first.
   */
  protected async downloadResolved(
    media: ResolvedMedia,
    options: DownloadMediaOptions,
  ): Promise<MediaDownload> {
    if (!media.url) {
      throw new UnsupportedOperationError(
        `${this.provider} media have no id to download by; pass the message event or its media url.`,
        { provider: this.provider, operation: 'downloadMedia' },
      );
    }
    return downloadMediaUrl(
      {
        request: (r) => this.#http.request(r),
        baseUrl: this.#http.baseUrl,
        provider: this.provider,
        rules: this.mediaRules(),
        timeout: this.#config.timeout ?? DEFAULT_TIMEOUT_MS,
      },
      { ...media, url: media.url },
      options,
    );
  }

  /**
   * The provider's media hosts and download rules; see `MediaRules`. The default sends no credentials with
   * any download; providers whose media need them name their hosts.
   */
  protected mediaRules(): MediaRules {
    return { hosts: [], sendCredentials: false, requireTrusted: false };
  }

  /** Uploads media to send by id; providers without an upload API throw {@link UnsupportedOperationError}. */
  async uploadMedia(_file: MediaFile, _options: UploadMediaOptions): Promise<UploadMediaResult> {
    throw this.unsupportedMedia('uploadMedia');
  }

  /** Deletes uploaded media, where the provider has the API. */
  async deleteMedia(_mediaId: string): Promise<void> {
    throw this.unsupportedMedia('deleteMedia');
  }

  /** Reads media metadata, where the provider has the API. */
  async getMediaInfo(_mediaId: string): Promise<MediaInfo> {
    throw this.unsupportedMedia('getMediaInfo');
  }

  /** The error a provider without a media API throws; the message says to send media by URL. */
  protected unsupportedMedia(operation: string, detail?: string): UnsupportedOperationError {
    return new UnsupportedOperationError(
      `${this.provider} has no ${operation === 'uploadMedia' ? 'media upload' : 'media object'} API${detail ? ` (${detail})` : ''}. Send media by url instead: client.send({ type: 'image', to, url: 'https://...' }).`,
      { provider: this.provider, operation },
    );
  }

  /** A redacted view: secrets replaced, functions and nested objects summarised. */
  toJSON(): Record<string, unknown> {
    return { provider: this.provider, config: redactConfig(this.#config, this.#secretKeys) };
  }

  /** `util.inspect` shows the redacted view. */
  [INSPECT](): string {
    return `${this.constructor.name} ${JSON.stringify(this.toJSON())}`;
  }

  #failed(message: OutboundMessage, error: unknown): void {
    if (!isWhatsAppError(error)) return;
    this.#events.emit('message.failed', { provider: this.provider, timestamp: new Date(), message, error });
  }
}

/**
 * `read(response)`, with any error it throws scrubbed by `transport`: a provider refusing an answer quotes it,
 * and the answer may echo a credential or the recipient's number.
 */
function readThrough<T>(
  transport: HttpTransport,
  response: HttpResponse,
  read: (response: HttpResponse) => T,
  recipient?: string,
): T {
  try {
    return read(response);
  } catch (error) {
    throw error instanceof Error ? transport.scrub(error, recipient) : error;
  }
}
