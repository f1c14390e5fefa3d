/**
 * Options and records of the sandbox: what `startSandbox` accepts and what it lets a test or demo inspect.
 * @module
 */
import type { SandboxClock } from './clock.js';
import type { SandboxCredentials } from './credentials.js';

/**
 * Per-provider, per-field replacements for the generated credentials.
 * @inline
 */
export type SandboxCredentialOverrides = {
  [P in keyof SandboxCredentials]?:
    | { [K in keyof SandboxCredentials[P]]?: SandboxCredentials[P][K] | undefined }
    | undefined;
};

/**
 * The providers the sandbox emulates.
 * @inline
 */
export type SandboxProvider = 'nexmo' | 'gupshup' | 'meta' | 'clevertap';

/**
 * Where the sandbox posts one provider's webhooks (inbound messages and statuses), and how it signs them.
 * @inline
 */
export interface NexmoWebhookTarget {
  /** The application's Inbound URL (inbound messages), also used for statuses unless `statusUrl` is set. */
  url: string;
  /** The application's Status URL, when statuses go elsewhere than inbound messages (Vonage keeps them apart). */
  statusUrl?: string | undefined;
  /** Payload format, like the Vonage application's `messages.version`. Default `v1`. */
  version?: 'v1' | 'v0.1' | undefined;
}
/**
 * Gupshup webhook target; Gupshup does not sign, so extra headers (a shared secret) can be attached.
 * @inline
 */
export interface GupshupWebhookTarget {
  url: string;
  /** Sent on every callback, like the partner subscription `meta` headers. */
  headers?: Record<string, string> | undefined;
}
/**
 * Meta (and CleverTap) webhook target; signed with `X-Hub-Signature-256` using the app secret.
 * @inline
 */
export interface MetaWebhookTarget {
  url: string;
}

/**
 * Webhook targets per provider. A provider without one gets no callbacks.
 * @inline
 */
export interface SandboxWebhookTargets {
  nexmo?: NexmoWebhookTarget | undefined;
  gupshup?: GupshupWebhookTarget | undefined;
  meta?: MetaWebhookTarget | undefined;
  clevertap?: MetaWebhookTarget | undefined;
}

/** The kinds of injected faults on the send endpoints. */
export type SendFaultKind = 'rate-limit' | 'server-error' | 'unavailable' | 'slow' | 'reset' | 'malformed';

/**
 * The kinds of injected faults on media downloads (the URL a client fetches the bytes from):
 * - `media-expired`: 404, as when the URL's life ran out (the Cloud API client fetches the media object again,
 *   and a second 404 is `MediaExpiredError`).
 * - `media-truncated`: a 200 with only the first half of the bytes (`MediaIntegrityError` when a size or hash was
 *   declared).
 * - `media-hash-mismatch`: a 200 with one byte altered (`MediaIntegrityError` when a hash was declared).
 * - `media-slow`: the headers and half the bytes, then a pause of `slowMs` before the rest (`TimeoutError` when
 *   it is longer than the client's timeout).
 */
export type MediaFaultKind = 'media-expired' | 'media-truncated' | 'media-hash-mismatch' | 'media-slow';

/** The kinds of injected faults. */
export type FaultKind = SendFaultKind | MediaFaultKind;

/**
 * Fault injection. Each request to a send endpoint or a media download is faulted with probability `rate`; the
 * kind is drawn from
 * `kinds` (relative weights; default all equal). Decisions come from a PRNG seeded with `seed` and the request
 * itself, so the same seed and the same requests give the same faults whatever the arrival order.
 *
 * What each fault does, and whether the message was accepted (matters for duplicate checks):
 * - `rate-limit`: 429 + `Retry-After` before processing (not accepted).
 * - `unavailable`: 503 before processing (not accepted).
 * - `server-error`: the message is accepted, then 500 (ambiguous for the client).
 * - `slow`: the message is accepted, the answer is delayed `slowMs` (beyond the client timeout).
 * - `reset`: the message is accepted, then the connection is destroyed without an answer.
 * - `malformed`: the message is accepted, then a 2xx with a truncated JSON body.
 * @inline
 */
export interface FaultOptions {
  /** Fraction of requests faulted, 0..1. */
  rate: number;
  /** Relative weights of the kinds; a kind with weight 0 or absent (when `kinds` is given) never happens. */
  kinds?: Partial<Record<FaultKind, number>> | undefined;
  /** The `Retry-After` of injected 429s, in milliseconds (also sent as `retry-after-ms`). Default 1000. */
  retryAfterMs?: number | undefined;
  /** How long a `slow` answer (or a `media-slow` body) is held, in milliseconds. Default 2000. */
  slowMs?: number | undefined;
}

/**
 * How the sandbox serves media.
 * @inline
 */
export interface SandboxMediaOptions {
  /**
   * How long a media URL lives on the sandbox clock: the Cloud API URL issued by `GET /{media-id}` (404 once
   * expired, so the client fetches the media object again) and a Gupshup inbound link (its `urlExpiry`).
   * Default 5 minutes.
   */
  urlTtlMs?: number | undefined;
  /** Vonage's Secure Inbound Media: inbound media URLs need the application's JWT. Default `false`. */
  secureInbound?: boolean | undefined;
}

/**
 * Platform limits the sandbox enforces.
 * @inline
 */
export interface SandboxLimits {
  /** Refuse free-form messages outside the 24 h customer-service window. Default `true`. */
  window?: boolean | undefined;
  /** Unique recipients of business-initiated messages per moving 24 h. Default 250 (a new portfolio). */
  tier?: number | 'unlimited' | undefined;
  /** Messages per second per business number (130429 above it). Default 80; `false` disables. */
  throughputPerSecond?: number | false | undefined;
  /** Per-recipient pair rate (131056): `burst` messages, one more every `intervalMs`. Default 45 / 6000; `false` disables. */
  pairRate?: { burst: number; intervalMs: number } | false | undefined;
}

/**
 * How fast statuses progress after a message is accepted.
 * @inline
 */
export interface StatusOptions {
  /** Delay between successive status callbacks, in (real) milliseconds. Default 10. */
  delayMs?: number | undefined;
  /** Whether the recipient reads the message (a `read` status follows `delivered`). Default `true`. */
  read?: boolean | undefined;
}

/**
 * How undelivered webhooks are retried (real services retry on non-2xx for hours; the sandbox scales it down).
 * @inline
 */
export interface WebhookRetryOptions {
  /** Attempts per callback, including the first. Default 5. */
  attempts?: number | undefined;
  /** First retry delay in milliseconds, doubled each time. Default 50. */
  baseDelayMs?: number | undefined;
  /** Per-attempt timeout in milliseconds. Default 5000. */
  timeoutMs?: number | undefined;
}

/**
 * Options of `startSandbox`.
 * @inline
 */
export interface SandboxOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number | undefined;
  /** Host to bind; default `127.0.0.1`. */
  host?: string | undefined;
  /**
   * Serve the inspector page (conversations, webhook log, templates, faults, live) at `/` and `/_inspector` of
   * the sandbox's own server. Default `false`.
   */
  ui?: boolean | undefined;
  /** Where to post webhooks. */
  webhooks?: SandboxWebhookTargets | undefined;
  /** Seed of the fault PRNG and of generated ids. Default 1. */
  seed?: number | undefined;
  /** Added latency on every answer, in milliseconds. Default 0. */
  latencyMs?: number | undefined;
  /** Fault injection on the send endpoints. */
  faults?: FaultOptions | undefined;
  /** Platform limits. */
  limits?: SandboxLimits | undefined;
  /** Status progression. */
  statuses?: StatusOptions | undefined;
  /** Webhook retry policy. */
  webhookRetry?: WebhookRetryOptions | undefined;
  /**
   * Credentials to use instead of generated ones, per provider and field (e.g. the `appSecret` your webhook
   * server already verifies with, or your Vonage application's `privateKey`; its public key is derived).
   */
  credentials?: SandboxCredentialOverrides | undefined;
  /** The clock the platform rules read; default the wall clock. */
  clock?: SandboxClock | undefined;
  /** Media emulation: URL life and Vonage's Secure Inbound Media. */
  media?: SandboxMediaOptions | undefined;
  /**
   * How long a submitted template stays PENDING before review, in real milliseconds. Default 20. `'manual'`:
   * templates stay PENDING until `sandbox.templates.review(id)` is called.
   */
  reviewDelayMs?: number | 'manual' | undefined;
}

/**
 * Delivery states of a message in the sandbox.
 * @inline
 */
export type SandboxMessageStatus = 'accepted' | 'sent' | 'delivered' | 'read' | 'failed';

/**
 * One message the sandbox accepted.
 * @inline
 */
export interface SandboxMessage {
  /** The id returned to the client (message_uuid, messageId, wamid). */
  id: string;
  provider: SandboxProvider;
  /** Recipient, digits only. */
  to: string;
  /** Business number, digits only. */
  from: string;
  /** Wire type (`text`, `template`, `image`, `custom`, ...). */
  type: string;
  /** Whether the platform treats it as a template (business-initiated) or free-form. */
  category: 'template' | 'free-form';
  /** The template name (Vonage/Meta) or Gupshup template id, for templates. */
  template?: string | undefined;
  /** Vonage `client_ref` / Meta `biz_opaque_callback_data`, when sent. */
  clientRef?: string | undefined;
  /** The request body as received (form fields for Gupshup). */
  body: unknown;
  status: SandboxMessageStatus;
  /** Every status reached, in order. */
  history: SandboxMessageStatus[];
  /** The platform error when `status` is `failed`, in the provider's own code. */
  error?: { code: number; reason: string } | undefined;
  /** Sandbox-clock time of acceptance. */
  acceptedAt: number;
}

/**
 * One webhook delivery attempt.
 * @inline
 */
export interface WebhookDelivery {
  /** 1-based position in `sandbox.webhookDeliveries`. */
  id: number;
  provider: SandboxProvider;
  url: string;
  /**
   * What was delivered: an inbound message, a status, a template status, or an account update (a messaging-limit
   * change, `sandbox.setMessagingLimit()`).
   */
  kind: 'message' | 'status' | 'template-status' | 'account';
  /** 1 for the first try; a replay from the inspector is attempt 1 of a new delivery. */
  attempt: number;
  /** HTTP status answered, or 0 when the connection failed. */
  status: number;
  /** The exact body posted. */
  body: string;
  /** The headers posted, signature included (the signature of this body, never a secret). */
  headers: Record<string, string>;
  /** Sandbox-clock time the attempt started. */
  at: number;
  /** Milliseconds until the answer (or the failure). */
  latencyMs: number;
  /** The first 500 characters of the answer's body, when it had one (a refusal's reason, e.g. `signature_mismatch`). */
  answer?: string | undefined;
  /** Why the connection failed, when `status` is 0. */
  error?: string | undefined;
}

/**
 * A read receipt a client sent (`markAsRead`); `typing` when it also asked for a typing indicator.
 * @inline
 */
export interface SandboxReadReceipt {
  provider: SandboxProvider;
  messageId: string;
  typing?: boolean | undefined;
}

/**
 * A CleverTap External Trigger call the sandbox received.
 * @inline
 */
export interface SandboxTrigger {
  campaignId: string;
  identities: string[];
  vars: Record<string, unknown>;
}

/**
 * Content of an inbound message created with `sandbox.inbound()`.
 * @inline
 */
export type InboundContent =
  | string
  | { type: 'text'; text: string }
  | {
      type: 'image';
      /** A link to the image (the webhook carries it as is; nothing is stored). */
      url?: string | undefined;
      /** The image's bytes: stored and served by the sandbox, so the client can download them. */
      data?: Uint8Array | ArrayBuffer | undefined;
      /** The type of `data`. Default `image/jpeg`. */
      mimeType?: string | undefined;
      caption?: string | undefined;
    }
  | { type: 'location'; latitude: number; longitude: number; name?: string | undefined }
  | {
      type: 'reply';
      /** The reply button or list row id, or a template quick reply's payload. */
      id: string;
      title: string;
      /** A list row's description. */
      description?: string | undefined;
      /** What was tapped: an interactive reply button (default), a list row, or a template's quick reply. */
      source?: 'button' | 'list' | 'template' | undefined;
      /** The id of the message the customer replied to (the provider's `context`). */
      context?: string | undefined;
    };

/**
 * Who writes with `sandbox.inbound()`: a phone number, a business-scoped user id (a customer with a username and no
 * shared number), or both (one customer; the webhook carries both, as Meta sends them).
 * @inline
 */
export interface SandboxCustomer {
  /** The customer's number (E.164, `+` optional). */
  phone?: string | undefined;
  /** The customer's BSUID, e.g. `US.13491208655302741918`. */
  userId?: string | undefined;
  /** The customer's WhatsApp username, e.g. `@kerry`. */
  username?: string | undefined;
}

/**
 * A click-to-WhatsApp ad or post the inbound message came from (Meta's `referral` fields).
 * @inline
 */
export interface SandboxReferral {
  sourceUrl: string;
  sourceId: string;
  sourceType: 'ad' | 'post';
  headline?: string | undefined;
  body?: string | undefined;
  mediaType?: 'image' | 'video' | undefined;
  imageUrl?: string | undefined;
  videoUrl?: string | undefined;
  ctwaClid?: string | undefined;
}

/**
 * Options of `sandbox.inbound()`.
 * @inline
 */
export interface InboundOptions {
  /** The customer's WhatsApp profile name. Default `Sandbox User`. */
  profileName?: string | undefined;
  /** The ad or post the message came from; the webhook carries it as the provider does. */
  referral?: SandboxReferral | undefined;
}

/**
 * What `sandbox.inbound()` returns.
 * @inline
 */
export interface InboundResult {
  /** The id of the inbound message, as the provider reports it. */
  id: string;
  /** The HTTP status your webhook answered on the last attempt (0 when no target or unreachable). */
  status: number;
}
