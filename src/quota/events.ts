/**
 * The events trackers emit, and where they send them: their own emitter (`tracker.on(...)`), an optional
 * external sink (`events` option: a client, an EventEmitter, anything with `emit`), and the client they are
 * given to, which re-emits them as its own `quota.warning` / `quota.exceeded` / `warning` events.
 * @module
 */
import { TypedEmitter, type WhatsAppEventMap } from '../core/events.js';
import type { Logger } from '../core/logger.js';

/** The events a tracker emits. */
export interface QuotaEventMap {
  /** Usage crossed 80 % or 95 % of the limit. */
  'quota.warning': WhatsAppEventMap['quota.warning'];
  /** A recipient was refused. */
  'quota.exceeded': WhatsAppEventMap['quota.exceeded'];
  /** The store failed and the tracker let the message through (`failOpen: true`). */
  warning: WhatsAppEventMap['warning'];
  /** A listener threw. */
  error: WhatsAppEventMap['error'];
}

/** Anything events can be forwarded to: a Node `EventEmitter`, an eventemitter3 instance, a client. */
export interface EventSink {
  emit(event: string, payload: unknown): unknown;
}

/** The emitter half a tracker exposes. */
export interface QuotaEvents {
  /** Adds a listener. */
  on<K extends keyof QuotaEventMap>(event: K, listener: (payload: QuotaEventMap[K]) => unknown): this;
  /** Removes a listener (or all listeners of an event). */
  off<K extends keyof QuotaEventMap>(event: K, listener?: (payload: QuotaEventMap[K]) => unknown): this;
}

/** Emits on the tracker's own emitter and on the optional sink. */
export function createEmitter(
  sink: EventSink | undefined,
  logger: Logger | undefined,
): {
  emitter: TypedEmitter<QuotaEventMap>;
  emit: <K extends keyof QuotaEventMap>(event: K, payload: QuotaEventMap[K]) => void;
} {
  const emitter = new TypedEmitter<QuotaEventMap>({ logger });
  return {
    emitter,
    emit(event, payload) {
      emitter.emit(event, payload);
      sink?.emit(event, payload);
    },
  };
}
