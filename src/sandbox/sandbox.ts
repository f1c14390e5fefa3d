/**
 * The `Sandbox` handle `startSandbox()` resolves with.
 * @module
 */
import type { SandboxClock } from './clock.js';
import type { SandboxCounts } from './counters.js';
import type { SandboxCredentials } from './credentials.js';
import type { SandboxEventLog, SandboxInboundMessage } from './events.js';
import type { SandboxClientConfig } from './provider.js';
import type { TemplateStore } from './templates.js';
import type {
  FaultKind,
  InboundContent,
  InboundOptions,
  InboundResult,
  SandboxCustomer,
  SandboxMessage,
  SandboxProvider,
  SandboxReadReceipt,
  SandboxTrigger,
  WebhookDelivery,
} from './types.js';

/** A running sandbox. */
export interface Sandbox {
  /** Base URL, e.g. `http://127.0.0.1:53123`: pass it as every client's `baseUrl`. */
  readonly url: string;
  /** The inspector page, when started with `ui: true` (e.g. `http://127.0.0.1:53123/_inspector`). */
  readonly inspectorUrl: string | undefined;
  /** The port it listens on. */
  readonly port: number;
  /** The clock the platform rules read. */
  readonly clock: SandboxClock;
  /** The credentials this instance accepts (generated; nothing real). */
  readonly credentials: SandboxCredentials;
  /** Every accepted message, in order. */
  readonly messages: readonly SandboxMessage[];
  /** The template store (seed with `templates.add()`, pause with `templates.setStatus()`). */
  readonly templates: TemplateStore;
  /** Every webhook delivery attempt. */
  readonly webhookDeliveries: readonly WebhookDelivery[];
  /** Read receipts sent by the clients. */
  readonly readReceipts: readonly SandboxReadReceipt[];
  /** CleverTap profiles uploaded, by identity. */
  readonly profiles: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  /** CleverTap External Trigger calls. */
  readonly triggers: readonly SandboxTrigger[];
  /** Messages customers sent with `inbound()`, in order. */
  readonly inboundMessages: readonly SandboxInboundMessage[];
  /** The event log: the last events in order, and live subscription (what the inspector streams). */
  readonly events: SandboxEventLog;
  /** Injected faults per kind. */
  readonly faults: Readonly<Record<FaultKind, number>>;
  /** Requests served. */
  readonly requestCount: number;
  /**
   * Messages accepted per recipient and per second, the busiest sliding second, and sends refused by the
   * throughput (130429) and pair-rate (131056) limits: what a test reads to prove a shared limit held.
   */
  readonly counts: SandboxCounts;
  /** Unique recipients of business-initiated messages in the moving 24 h for `provider`'s number. */
  reached(provider: SandboxProvider): number;
  /** Whether the 24 h window between `provider`'s number and `customer` is open. */
  windowOpen(provider: SandboxProvider, customer: string): boolean;
  /**
   * A client config for `provider` pointed at this sandbox, typed as `createClient` expects it for that
   * provider (the provider's class constructor accepts it too). `extra` is merged in (e.g.
   * `{ timeout: 200, maxRetries: 3 }`).
   */
  config<P extends SandboxProvider>(
    provider: P,
    extra?: Partial<Omit<SandboxClientConfig<P>, 'provider'>>,
  ): SandboxClientConfig<P>;
  /**
   * A customer writes to the business: posts the provider's inbound-message webhook to its target (signed like
   * the provider) and opens the 24 h window. Resolves when the webhook was answered (or gave up).
   *
   * `from` is a phone number, a BSUID (`US.13491208655302741918`), or `{ phone?, userId?, username? }` for a
   * customer with a username (Meta, CleverTap, Gupshup and Vonage v1 carry the BSUID as each documents it;
   * Vonage v0.1 has no BSUID and needs a phone). `options.referral` makes it a click-to-WhatsApp ad message.
   */
  inbound(
    provider: SandboxProvider,
    from: string | SandboxCustomer,
    content: InboundContent,
    options?: InboundOptions,
  ): Promise<InboundResult>;
  /**
   * Meta's callback verification, as when a webhook URL is saved in the App dashboard: a GET with
   * `hub.mode=subscribe`, a random `hub.challenge` and the account's `hub.verify_token`. `ok` is true when the
   * endpoint answered 200 with exactly the challenge.
   */
  verifyCallback(
    provider: 'meta' | 'clevertap',
    verifyToken?: string,
  ): Promise<{ ok: boolean; status: number }>;
  /**
   * Meta changes the messaging limit: from the next send the sandbox allows `tier` unique recipients of
   * business-initiated messages per moving 24 h, `GET /{phone-number-id}` reports it, and the Cloud API numbers
   * (Meta, CleverTap) post a `phone_number_quality_update` webhook (`UPGRADE` or `DOWNGRADE`, with `old_limit`
   * and `current_limit`) to their targets. Resolves when the webhooks were answered (or gave up).
   *
   * @example
   * ```ts
   * await sandbox.setMessagingLimit(2000); // a client's webhookHandler() raises its quota tracker to 2000
   * ```
   */
  setMessagingLimit(tier: number | 'unlimited'): Promise<void>;
  /** Resolves when every scheduled status, review and webhook delivery has finished. */
  idle(): Promise<void>;
  /** Stops the server and all pending deliveries. */
  stop(): Promise<void>;
  /** A summary without credentials (`JSON.stringify(sandbox)` and `util.inspect` never print the secrets). */
  toJSON(): Record<string, unknown>;
}
