/**
 * The base every provider client extends. It owns what is the same everywhere: config redaction, the HTTP
 * transport (ky, retries, timeouts), typed events, message validation, recipient normalisation, `clientRef`
 * generation, send guards (quota, window) and the `message.sent` / `message.failed` events. A provider supplies
 * its auth headers, the wire mapping in `transport()`, and its error catalogue.
 * @module
 */
import type { MarkAsReadOptions, SendOptions, WebhookInput, WhatsAppClient } from './client.js';
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from './config.js';
import { isWhatsAppError, UnsupportedMessageError, ValidationError, type WhatsAppError } from './errors.js';
import { TypedEmitter, type WhatsAppEventMap, type WhatsAppEventName } from './events.js';
import {
  checkGates,
  EMIT_EVENT,
  type QuotaGate,
  recordInboundEvents,
  resolveGates,
  type WindowGate,
} from './gates.js';
import { HttpTransport, type ResponseContext } from './http.js';
import { normalizeRecipient } from './identity.js';
import { formatIssues, fromZodIssues } from './issues.js';
import type { Logger } from './logger.js';
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
import type { WebhookEvent } from './webhook-event.js';

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
 * A check run before every send, after validation: the window tracker refuses free-form messages outside the
 * 24 h window, the quota tracker refuses business-initiated conversations over the tier. It throws to refuse.
 */
export type SendGuard = (message: PreparedMessage, context: { provider: ProviderId }) => void | Promise<void>;

/** What a provider tells the base about itself. */
export interface ProviderSpec<C extends BaseConfig> {
  provider: ProviderId;
  /** The validated config. */
  config: C;
  /** Used when `config.baseUrl` is absent. */
  defaultBaseUrl: string;
  /** Config keys holding secrets: redacted from `toJSON`/`inspect` and scrubbed from error messages. */
  secretKeys: readonly (keyof C & string)[];
  /** Message types the provider can carry; others throw {@link UnsupportedMessageError} before any request. */
  supports: ReadonlySet<OutboundMessageType>;
  /** Credentials for each attempt. */
  auth?: () => Record<string, string> | Promise<Record<string, string>>;
  /** Response header carrying the provider's request id. */
  requestIdHeader?: string | undefined;
  /** Provider error catalogue: turns a response into a typed error, `undefined` on success. */
  responseError?: ((ctx: ResponseContext) => WhatsAppError | undefined) | undefined;
  /** Extra secrets to scrub that are not config keys (derived tokens). */
  extraSecrets?: () => readonly (string | undefined)[];
}

/** Shared implementation of {@link WhatsAppClient}; see the module docs. */
export abstract class BaseClient<C extends BaseConfig = BaseConfig> implements WhatsAppClient {
  /** Which provider this client talks to. */
  readonly provider: ProviderId;
  readonly #config: C;
  readonly #secretKeys: readonly string[];
  readonly #supports: ReadonlySet<OutboundMessageType>;
  readonly #events: TypedEmitter<WhatsAppEventMap>;
  readonly #http: HttpTransport;
  readonly #guards: SendGuard[] = [];
  /** Wire bodies mapped in prepare(), by prepared message. */
  readonly #wire = new WeakMap<PreparedMessage, unknown>();
  readonly #quota: QuotaGate | undefined;
  readonly #window: WindowGate | undefined;
  /** Window recordings started by `dispatchWebhookEvents` and not settled yet; sends wait for them. */
  readonly #inbound = new Set<Promise<unknown>>();

  protected constructor(spec: ProviderSpec<C>) {
    this.provider = spec.provider;
    this.#config = spec.config;
    this.#secretKeys = spec.secretKeys;
    this.#supports = spec.supports;
    const config = spec.config;
    this.#events = new TypedEmitter<WhatsAppEventMap>({ provider: spec.provider, logger: config.logger });
    const secrets = () => [
      ...spec.secretKeys
        .map((k) => config[k] as unknown as string | undefined)
        .filter((v) => typeof v === 'string'),
      ...(spec.extraSecrets?.() ?? []),
    ];
    this.#http = new HttpTransport({
      provider: spec.provider,
      baseUrl: config.baseUrl ?? spec.defaultBaseUrl,
      timeout: config.timeout ?? DEFAULT_TIMEOUT_MS,
      maxRetries: config.maxRetries ?? DEFAULT_MAX_RETRIES,
      retry: resolveRetryPolicy(config.retry),
      fetch: config.fetch,
      logger: config.logger,
      events: this.#events,
      auth: async () => ({ ...config.headers, ...(await spec.auth?.()) }),
      requestIdHeader: spec.requestIdHeader,
      responseError: spec.responseError,
      secrets,
    });
    const gates = resolveGates(config as { quota?: unknown; window?: unknown }, spec.provider);
    this.#quota = gates.quota;
    this.#window = gates.window;
    if (this.#quota?.on) {
      const provider = this.provider;
      this.#quota.on('quota.warning', (p) => this.#events.emit('quota.warning', { ...p, provider }));
      this.#quota.on('quota.exceeded', (p) => this.#events.emit('quota.exceeded', { ...p, provider }));
      this.#quota.on('warning', (p) => this.#events.emit('warning', { ...p, provider }));
    }
  }

  /** The validated config (secrets included; never serialised). */
  protected get config(): C {
    return this.#config;
  }

  /** The HTTP transport. */
  protected get http(): HttpTransport {
    return this.#http;
  }

  /** The event emitter, for subclasses and helpers that emit on the client's behalf. */
  protected get events(): TypedEmitter<WhatsAppEventMap> {
    return this.#events;
  }

  /** Adds a {@link SendGuard} run before every send. */
  addSendGuard(guard: SendGuard): this {
    this.#guards.push(guard);
    return this;
  }

  /** Sends a message; see {@link WhatsAppClient.send}. */
  async send(message: OutboundMessage, options: SendOptions = {}): Promise<SendResult> {
    let prepared: PreparedMessage;
    try {
      prepared = this.prepare(message);
      for (const guard of this.#guards) await guard(prepared, { provider: this.provider });
      if (this.#quota || this.#window) {
        if (this.#inbound.size > 0) await Promise.allSettled([...this.#inbound]);
        await checkGates(prepared, { quota: this.#quota, window: this.#window }, this.provider);
      }
    } catch (error) {
      this.#failed(message, error);
      throw error;
    }
    try {
      const result = await this.transport(prepared, options);
      this.#events.emit('message.sent', {
        provider: this.provider,
        timestamp: new Date(),
        message: prepared,
        result,
      });
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
   * Validates a message against the neutral schema and the provider's capabilities, normalises `to` to E.164 and
   * fills `clientRef`. Throws {@link ValidationError} or {@link UnsupportedMessageError}; makes no request.
   */
  prepare(message: OutboundMessage): PreparedMessage {
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
    // Mapping here refuses what the provider cannot carry before the gates and before any request; the body is
    // kept for transport(), which receives this same object, so a send maps its message once.
    if (this.mapWire) this.#wire.set(prepared, this.mapWire(prepared));
    return prepared;
  }

  /**
   * The provider's pure wire mapping (neutral message -> request body), for providers whose mapping can refuse a
   * message. When defined, {@link prepare} runs it and {@link wireBody} returns its result.
   */
  protected mapWire?(message: PreparedMessage): unknown;

  /** The wire body {@link prepare} mapped for `message`, or mapped now when `message` was prepared elsewhere. */
  protected wireBody<W>(message: PreparedMessage): W {
    return (this.#wire.get(message) ?? this.mapWire?.(message)) as W;
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

  /** Maps a prepared message to the provider's wire format and sends it. */
  protected abstract transport(message: PreparedMessage, options: SendOptions): Promise<SendResult>;

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
