/**
 * Typed client events on eventemitter3. A listener that throws (or rejects) is reported as an `error` event,
 * never swallowed; a throwing `error` listener goes to the logger, or `console.error` when there is none.
 * @module
 */
import { EventEmitter } from 'eventemitter3';
import type { WhatsAppError } from './errors.js';
import type { Logger } from './logger.js';
import type { OutboundMessage } from './message.js';
import type { ProviderId } from './provider.js';
import type { SendResult } from './result.js';
import type { MessageEvent, StatusEvent, TemplateStatusEvent } from './webhook-event.js';

/**
 * Fields on every event payload.
 * @inline
 */
export interface EventBase {
  /** The provider of the client that emitted the event (absent for provider-neutral emitters). */
  provider: ProviderId | undefined;
  /** When the event was emitted. */
  timestamp: Date;
}

/** Payloads of every client event, by name. */
export interface WhatsAppEventMap {
  /** An HTTP attempt is about to start. Headers are never included. */
  request: EventBase & { method: string; url: string; attempt: number; clientRef?: string | undefined };
  /** An HTTP attempt received a response. */
  response: EventBase & {
    method: string;
    url: string;
    attempt: number;
    status: number;
    durationMs: number;
    requestId?: string | undefined;
  };
  /** An attempt failed and will be retried after `delayMs`. */
  retry: EventBase & { method: string; url: string; attempt: number; delayMs: number; error: WhatsAppError };
  /** A send succeeded. */
  'message.sent': EventBase & { message: OutboundMessage; result: SendResult };
  /** A send failed; the same error is thrown to the caller. */
  'message.failed': EventBase & { message: OutboundMessage; error: WhatsAppError };
  /** An inbound message arrived through the client's webhook path. */
  'message.received': EventBase & { event: MessageEvent };
  /** A delivery status arrived through the client's webhook path. */
  'message.status': EventBase & { event: StatusEvent };
  /** A template status change arrived. */
  'template.status': EventBase & { event: TemplateStatusEvent };
  /** A quota crossed a warning threshold (80 %, 95 %). */
  'quota.warning': EventBase & { scope: string; used: number; limit: number; threshold: number };
  /** A quota refused a recipient. */
  'quota.exceeded': EventBase & { scope: string; used: number; limit: number; retryAt: Date | undefined };
  /** A broadcast made progress. */
  'broadcast.progress': EventBase & {
    total: number | undefined;
    processed: number;
    sent: number;
    failed: number;
    skipped: number;
  };
  /** Something went wrong outside a caller's await: a throwing listener, a background task. */
  error: EventBase & { error: unknown; event?: string | undefined };
  /** A non-fatal warning (e.g. editing a template stops the campaigns that use it). */
  warning: EventBase & { message: string; code: string; detail?: unknown };
}

/** Names of {@link WhatsAppEventMap}. */
export type WhatsAppEventName = keyof WhatsAppEventMap;
/** A listener for event `K`. */
export type WhatsAppListener<K extends WhatsAppEventName> = (payload: WhatsAppEventMap[K]) => unknown;

type AnyListener = (payload: unknown) => unknown;

/**
 * A typed emitter over eventemitter3 whose listeners cannot break the emitter: a throwing or rejecting listener
 * is reported as `error`.
 */
export class TypedEmitter<M extends { error: EventBase & { error: unknown; event?: string | undefined } }> {
  readonly #ee = new EventEmitter();
  readonly #wrapped = new Map<string | symbol, Map<AnyListener, AnyListener[]>>();
  readonly #provider: ProviderId | undefined;
  readonly #logger: Logger | undefined;

  constructor(options: { provider?: ProviderId | undefined; logger?: Logger | undefined } = {}) {
    this.#provider = options.provider;
    this.#logger = options.logger;
  }

  /** Adds a listener. */
  on<K extends keyof M & string>(event: K, listener: (payload: M[K]) => unknown): this {
    this.#ee.on(event, this.#wrap(event, listener as AnyListener, false));
    return this;
  }

  /** Adds a listener called at most once. */
  once<K extends keyof M & string>(event: K, listener: (payload: M[K]) => unknown): this {
    this.#ee.once(event, this.#wrap(event, listener as AnyListener, true));
    return this;
  }

  /** Removes a listener added with {@link on} or {@link once}; without a listener, removes all for the event. */
  off<K extends keyof M & string>(event: K, listener?: (payload: M[K]) => unknown): this {
    const byFn = this.#wrapped.get(event);
    if (!listener) {
      this.#ee.removeAllListeners(event);
      this.#wrapped.delete(event);
      return this;
    }
    const list = byFn?.get(listener as AnyListener);
    const wrapped = list?.pop();
    if (wrapped) this.#ee.off(event, wrapped);
    if (list && list.length === 0) byFn?.delete(listener as AnyListener);
    return this;
  }

  /** Number of listeners for an event. */
  listenerCount(event: keyof M & string): number {
    return this.#ee.listenerCount(event);
  }

  /** Emits an event. Returns true when it had listeners. */
  emit<K extends keyof M & string>(event: K, payload: M[K]): boolean {
    return this.#ee.emit(event, payload);
  }

  #wrap(event: string, listener: AnyListener, once: boolean): AnyListener {
    const report = (error: unknown) => this.#report(event, error);
    const wrapped: AnyListener = (payload) => {
      if (once) this.#forget(event, listener, wrapped);
      try {
        const result = listener(payload);
        if (result && typeof (result as Promise<unknown>).then === 'function') {
          (result as Promise<unknown>).then(undefined, report);
        }
      } catch (error) {
        report(error);
      }
    };
    let byFn = this.#wrapped.get(event);
    if (!byFn) {
      byFn = new Map();
      this.#wrapped.set(event, byFn);
    }
    const list = byFn.get(listener) ?? [];
    list.push(wrapped);
    byFn.set(listener, list);
    return wrapped;
  }

  #forget(event: string, listener: AnyListener, wrapped: AnyListener): void {
    const list = this.#wrapped.get(event)?.get(listener);
    if (!list) return;
    const i = list.indexOf(wrapped);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.#wrapped.get(event)?.delete(listener);
  }

  #report(event: string, error: unknown): void {
    if (event !== 'error' && this.#ee.listenerCount('error') > 0) {
      this.#ee.emit('error', { provider: this.#provider, timestamp: new Date(), error, event });
      return;
    }
    const message = `waba-kit: a listener for "${event}" threw`;
    if (this.#logger?.error) this.#logger.error(message, { error });
    else console.error(message, error);
  }
}
