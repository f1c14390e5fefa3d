/**
 * The state one sandbox instance shares between its emulated providers: credentials, platform rules, the
 * template store, accepted messages, the webhook dispatcher, and status progression.
 * @module
 */
import type { SandboxClock } from './clock.js';
import type { SandboxCredentials } from './credentials.js';
import type { PlatformRules } from './rules.js';
import type { TemplateStore } from './templates.js';
import type { SandboxMessage, SandboxMessageStatus, SandboxOptions, SandboxProvider } from './types.js';
import type { WebhookDispatcher } from './webhooks.js';

/** One step of a message's status progression: the neutral state and the provider payload announcing it. */
export interface StatusStep {
  status: SandboxMessageStatus;
  payload: unknown;
  error?: { code: number; reason: string } | undefined;
}

/** What the endpoint handlers share. */
export class SandboxContext {
  readonly messages: SandboxMessage[] = [];
  /** Ids of inbound messages created with `inbound()` (what read receipts may point at). */
  readonly inboundIds = new Set<string>();
  /** Read receipts the clients sent (`markAsRead`). */
  readonly readReceipts: { provider: SandboxProvider; messageId: string }[] = [];
  readonly #byId = new Map<string, SandboxMessage>();

  constructor(
    readonly options: SandboxOptions,
    readonly clock: SandboxClock,
    readonly credentials: SandboxCredentials,
    readonly rules: PlatformRules,
    readonly templates: TemplateStore,
    readonly dispatcher: WebhookDispatcher,
  ) {}

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
    return record;
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
   * Plays `steps` one after another (each `statuses.delayMs` apart): updates the message, then posts the
   * payload to `provider`'s webhook target. The first step may be immediate.
   */
  progress(provider: SandboxProvider, message: SandboxMessage, steps: StatusStep[]): void {
    if (!this.dispatcher.has(provider)) {
      // Nobody listens: apply the statuses at once (no timers per message when the sandbox runs a load test).
      for (const step of steps) {
        message.status = step.status;
        message.history.push(step.status);
        if (step.error) message.error = step.error;
      }
      return;
    }
    const delay = this.options.statuses?.delayMs ?? 10;
    const run = async () => {
      for (const step of steps) {
        await new Promise((resolve) => setTimeout(resolve, delay));
        message.status = step.status;
        message.history.push(step.status);
        if (step.error) message.error = step.error;
        await this.dispatcher.post(provider, 'status', step.payload);
      }
    };
    this.dispatcher.track(run());
  }
}

/** Digits of a phone number (drops `+`, spaces, dashes). */
export function digits(value: unknown): string {
  return typeof value === 'string' ? value.replace(/[^\d]/g, '') : '';
}
