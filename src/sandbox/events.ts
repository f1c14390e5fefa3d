/**
 * The sandbox's event log: what happened, in order (messages accepted, statuses, inbound messages, webhook
 * attempts, template reviews, injected faults), for the inspector's live view and for tests. The log keeps at
 * least the last {@link EVENT_LOG_CAP} events (at most twice that); the full records stay in `sandbox.messages` and `sandbox.webhookDeliveries`.
 * @module
 */
import type { StatusError } from './provider.js';
import type { SandboxTemplate } from './templates.js';
import type {
  FaultKind,
  InboundContent,
  SandboxMessage,
  SandboxMessageStatus,
  SandboxProvider,
  WebhookDelivery,
} from './types.js';

/** How many events the log keeps (older ones are dropped first). */
export const EVENT_LOG_CAP = 2000;

/**
 * A message a customer sent to the business with `sandbox.inbound()`.
 * @inline
 */
export interface SandboxInboundMessage {
  provider: SandboxProvider;
  /** The id as the provider reports it. */
  id: string;
  /** The customer's key: the number (digits) when known, else the BSUID. */
  from: string;
  /** The customer's BSUID, when given. */
  userId?: string | undefined;
  content: Exclude<InboundContent, string>;
  profileName: string;
  /** Sandbox-clock time. */
  receivedAt: number;
}

/** One entry of the event log, discriminated on `type`. */
export type SandboxEvent = { seq: number; at: number } & (
  | { type: 'message'; message: SandboxMessage }
  | {
      type: 'status';
      provider: SandboxProvider;
      messageId: string;
      status: SandboxMessageStatus;
      error?: StatusError | undefined;
    }
  | { type: 'inbound'; inbound: SandboxInboundMessage }
  | { type: 'webhook'; delivery: WebhookDelivery }
  | { type: 'template'; template: SandboxTemplate }
  | { type: 'fault'; kind: FaultKind; path: string }
  | { type: 'faults-configured'; rate: number }
);

/** The body of an event before the log numbers and stamps it. */
export type SandboxEventInput = SandboxEvent extends infer E
  ? E extends SandboxEvent
    ? Omit<E, 'seq' | 'at'>
    : never
  : never;

/** A bounded, ordered log with subscribers. */
export class SandboxEventLog {
  readonly #events: SandboxEvent[] = [];
  readonly #listeners = new Set<(event: SandboxEvent) => void>();
  readonly #now: () => number;
  #seq = 0;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** The last events (at most {@link EVENT_LOG_CAP}), oldest first. */
  get events(): readonly SandboxEvent[] {
    return this.#events.slice(-EVENT_LOG_CAP);
  }

  /** Appends an event and tells the subscribers. A subscriber that throws is dropped. */
  emit(input: SandboxEventInput): SandboxEvent {
    const event = { ...input, seq: ++this.#seq, at: this.#now() } as SandboxEvent;
    this.#events.push(event);
    // Trimmed in batches so an emit stays O(1) amortised under load.
    if (this.#events.length >= 2 * EVENT_LOG_CAP) this.#events.splice(0, this.#events.length - EVENT_LOG_CAP);
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        this.#listeners.delete(listener);
      }
    }
    return event;
  }

  /** Calls `listener` for every new event; returns the unsubscribe function. */
  subscribe(listener: (event: SandboxEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
