/**
 * The events trackers emit, and where they send them: their own emitter (`tracker.on(...)`), an optional
 * external sink (`events` option: a client, an EventEmitter, anything with `emit`), and the client they are
 * given to, which re-emits them as its own `quota.warning` / `quota.exceeded` / `warning` events.
 * @module
 */
import { TypedEmitter, type WhatsAppEventMap } from '../core/events.js';
import type { Logger } from '../core/logger.js';

/**
 * The events a tracker emits: `quota.warning` (usage crossed 80 % or 95 %), `quota.exceeded` (a recipient was
 * refused), `warning` (the store failed and `failOpen` let the message through), `error` (a listener threw).
 * Payloads are the client's, so a client re-emits them as its own.
 * @inline
 */
export type QuotaEventMap = Pick<WhatsAppEventMap, 'quota.warning' | 'quota.exceeded' | 'warning' | 'error'>;

/**
 * Anything events can be forwarded to: a Node `EventEmitter`, an eventemitter3 instance, a client.
 * @inline
 */
export interface EventSink {
  /** Emits `event` with `payload` (a client's or your own emitter). */
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
