/**
 * The state one sandbox instance shares between its emulated providers: credentials, platform rules, the
 * template store, accepted messages, the webhook dispatcher, and status progression.
 * @module
 */
import type { SandboxClock } from './clock.js';
import type { SandboxCredentials } from './credentials.js';
import type { SandboxEventLog, SandboxInboundMessage } from './events.js';
import { SandboxMediaStore } from './media.js';
import type { ProviderRegistry, StatusUpdate } from './provider.js';
import type { PlatformRules } from './rules.js';
import type { TemplateStore } from './templates.js';
import type {
  SandboxMessage,
  SandboxOptions,
  SandboxProvider,
  SandboxReadReceipt,
  SandboxTrigger,
} from './types.js';
import type { WebhookDispatcher } from './webhooks.js';

/** What the endpoint handlers share. */
export class SandboxContext {
  readonly messages: SandboxMessage[] = [];
  /** Ids of inbound messages created with `inbound()` (what read receipts may point at). */
  readonly inboundIds = new Set<string>();
  /** The inbound messages created with `inbound()`, in order. */
  readonly inbound: SandboxInboundMessage[] = [];
  /** Read receipts the clients sent (`markAsRead`). */
  readonly readReceipts: SandboxReadReceipt[] = [];
  /** CleverTap profiles uploaded, by identity. */
  readonly profiles = new Map<string, Record<string, unknown>>();
  /** CleverTap External Trigger calls. */
  readonly triggers: SandboxTrigger[] = [];
  /** Uploaded and inbound media, their issued URLs and upload sessions. */
  readonly media: SandboxMediaStore;
  readonly #byId = new Map<string, SandboxMessage>();
  /** Arrival order of messages and inbound messages (one sequence for both). */
  readonly #order = new WeakMap<object, number>();
  #next = 0;

  constructor(
    readonly options: SandboxOptions,
    readonly clock: SandboxClock,
    readonly credentials: SandboxCredentials,
    readonly rules: PlatformRules,
    readonly templates: TemplateStore,
    readonly dispatcher: WebhookDispatcher,
    readonly providers: ProviderRegistry,
    readonly events: SandboxEventLog,
  ) {
    this.media = new SandboxMediaStore(clock, options.media?.urlTtlMs);
  }

  /** Records an accepted message. */
  accept(message: Omit<SandboxMessage, 'status' | 'history' | 'acceptedAt'>): SandboxMessage {
    const record: SandboxMessage = {
      ...message,
      status: 'accepted',
      history: ['accepted'],
      acceptedAt: this.clock.now(),
    };
    this.messages.push(record);
    this.#byId.set(record.id, record);
    this.#order.set(record, ++this.#next);
    this.rules.counters.accepted(record.to, record.acceptedAt);
    this.events.emit({ type: 'message', message: record });
    return record;
  }

  /** Records a message a customer sent (after its id was made by the provider module). */
  receive(inbound: SandboxInboundMessage): void {
    this.inboundIds.add(inbound.id);
    this.inbound.push(inbound);
    this.#order.set(inbound, ++this.#next);
    this.events.emit({ type: 'inbound', inbound });
  }

  /** Where `record` (a message or an inbound message) stands in arrival order. */
  orderOf(record: SandboxMessage | SandboxInboundMessage): number {
    return this.#order.get(record) ?? 0;
  }

  /** A message by id. */
  message(id: string): SandboxMessage | undefined {
    return this.#byId.get(id);
  }

  /** Whether the recipient reads messages (a `read` status follows `delivered`). */
  get readsMessages(): boolean {
    return this.options.statuses?.read ?? true;
  }

  /**
   * Plays `updates` one after another (each `statuses.delayMs` apart): updates the message, then posts the
   * provider's status payload (built now, by the provider module) to its webhook target.
   */
  progress(provider: SandboxProvider, message: SandboxMessage, updates: StatusUpdate[]): void {
    const module = this.providers[provider];
    const steps = updates.map((update) => ({ update, payload: module.status(this, message, update) }));
    const apply = (update: StatusUpdate) => {
      message.status = update.status;
      message.history.push(update.status);
      if (update.error) message.error = update.error;
      this.events.emit({
        type: 'status',
        provider,
        messageId: message.id,
        status: update.status,
        error: update.error,
      });
    };
    if (!this.dispatcher.has(provider, 'status')) {
      // Nobody listens: apply the statuses at once (no timers per message when the sandbox runs a load test).
      for (const { update } of steps) apply(update);
      return;
    }
    const delay = this.options.statuses?.delayMs ?? 10;
    const run = async () => {
      for (const { update, payload } of steps) {
        await new Promise((resolve) => setTimeout(resolve, delay));
        apply(update);
        await this.dispatcher.post(provider, 'status', payload);
      }
    };
    this.dispatcher.track(run());
  }
}

/** Digits of a phone number (drops `+`, spaces, dashes). */
export function digits(value: unknown): string {
  return typeof value === 'string' ? value.replace(/[^\d]/g, '') : '';
}
