/**
 * What one emulated provider contributes to the sandbox. The shared server (`server.ts`) owns the clock, the
 * platform rules, the template store, faults, webhook delivery with retries and the event log; a provider module
 * (`providers/<id>.ts`) owns its wire format: routes, authentication, error answers, inbound and status payloads,
 * its business number, the client config pointed at the sandbox, and how its webhooks are signed and addressed.
 * The registry (`providers/index.ts`) lists the modules; adding a provider means adding a module there.
 * @module
 */
import type { ClientConfig } from '../create-client.js';
import type { SandboxContext } from './context.js';
import type { SandboxCredentials } from './credentials.js';
import type { SandboxRequest, SandboxResponse } from './http.js';
import type { StoredMedia } from './media.js';
import type { SandboxTemplate, TemplateStore } from './templates.js';
import type {
  InboundContent,
  SandboxMessage,
  SandboxProvider,
  SandboxReferral,
  SandboxWebhookTargets,
  WebhookDelivery,
} from './types.js';
import type { MessageView } from './view.js';

/** The client config `sandbox.config(provider)` returns: what `createClient` accepts for that provider. */
export type SandboxClientConfig<P extends SandboxProvider = SandboxProvider> = Extract<
  ClientConfig,
  { provider: P }
>;

/** What a webhook delivery carries: an inbound message, a message status, or a template status. */
export type WebhookKind = WebhookDelivery['kind'];

/** One endpoint of an emulated provider. */
export interface SandboxRoute {
  /** HTTP method, upper case; any method when absent. */
  readonly method?: string | undefined;
  /** Matched against the path (no query string); the match is passed to `handle`. */
  readonly path: RegExp;
  /** Whether the endpoint sends messages: injected send faults apply to these requests. */
  readonly send?: boolean | undefined;
  /** Whether the endpoint serves media bytes: injected media faults apply to these requests. */
  readonly media?: boolean | undefined;
  /** The largest body accepted, in bytes (uploads); default 5 MiB. */
  readonly bodyLimit?: number | undefined;
  /** An extra condition, e.g. that the id in the path is this provider's number. */
  when?(ctx: SandboxContext, req: SandboxRequest, match: RegExpMatchArray): boolean;
  /** Answers the request. */
  handle(ctx: SandboxContext, req: SandboxRequest, match: RegExpMatchArray): SandboxResponse;
}

/** A platform error as the provider reports it on a failed status. */
export interface StatusError {
  code: number;
  reason: string;
}

/** One step of a message's status progression, in neutral terms; the provider module builds its payload. */
export interface StatusUpdate {
  /** `accepted` is the BSP's own acknowledgement (Gupshup's `enqueued`); providers without one never use it. */
  status: 'accepted' | 'sent' | 'delivered' | 'read' | 'failed';
  error?: StatusError | undefined;
  /** The failure was decided by the BSP before WhatsApp saw the message (Gupshup's template checks). */
  byBsp?: boolean | undefined;
}

/** What a provider needs to build an inbound-message webhook. */
export interface InboundInput {
  /** The business number (digits). */
  business: string;
  /** The customer's key: the number (digits) when known, else the BSUID. */
  customer: string;
  /** The customer's number (digits), when the customer shares one. */
  phone?: string | undefined;
  /** The customer's BSUID, when given. */
  userId?: string | undefined;
  /** The customer's username, when given. */
  username?: string | undefined;
  /** The ad or post the message came from. */
  referral?: SandboxReferral | undefined;
  content: Exclude<InboundContent, string>;
  /** The stored file, when the inbound message carries media data (`content.url` is then its link). */
  media?: InboundMedia | undefined;
  /** Sandbox-clock time. */
  now: number;
  profileName: string;
}

/** Media a customer sent with `sandbox.inbound()`: the stored file and how the provider links to it. */
export interface InboundMedia {
  stored: StoredMedia;
  /** The link the webhook carries, for providers that send links. */
  url?: string | undefined;
  /** When the link stops working (sandbox clock), for providers that say so. */
  expiresAt?: number | undefined;
}

/** A webhook request, serialised and signed as the provider sends it. */
export interface SignedWebhook {
  body: string;
  headers: Record<string, string>;
}

/** One emulated provider; see the module docs. */
export interface EmulatedProvider<P extends SandboxProvider = SandboxProvider> {
  readonly id: P;
  /** Display name (the inspector shows it). */
  readonly name: string;
  /** Whether `path` is in this provider's URL space: its fault and not-found answers are used there. */
  owns(path: string): boolean;
  /** Its endpoints, tried in order. */
  readonly routes: readonly SandboxRoute[];
  /** Checks a request's credentials: the provider's 401 answer, or `undefined` when accepted. */
  authorize(ctx: SandboxContext, req: SandboxRequest): SandboxResponse | undefined;
  /** The provider's answer to an injected 429 / 500 / 503. */
  fault(status: 429 | 500 | 503, headers?: Record<string, string>): SandboxResponse;
  /** The provider's answer to a path it does not serve. */
  notFound(req: SandboxRequest): SandboxResponse;
  /** The business number (digits) messages are sent from. */
  businessNumber(credentials: SandboxCredentials): string;
  /** The provider's own fields of a client config for a sandbox at `url` (`provider` and `baseUrl` are added). */
  clientConfig(
    credentials: SandboxCredentials,
    url: string,
  ): Omit<SandboxClientConfig<P>, 'provider' | 'baseUrl'>;
  /** A new inbound message: its id as the provider reports it and the webhook payload. */
  inbound(ctx: SandboxContext, input: InboundInput): { id: string; payload: unknown };
  /**
   * How the provider's inbound webhook points at a stored file (its link and expiry), for providers whose
   * inbound messages carry media the client can download.
   */
  inboundMedia?(ctx: SandboxContext, media: StoredMedia): Omit<InboundMedia, 'stored'>;
  /** The status webhook payload announcing `update` for `message`. */
  status(ctx: SandboxContext, message: SandboxMessage, update: StatusUpdate): unknown;
  /** An accepted message as the customer sees it (what the inspector renders), read from its wire body. */
  view(message: SandboxMessage, templates: TemplateStore): MessageView;
  /** The template-status webhook payload, for providers that report template reviews. */
  templateStatus?(ctx: SandboxContext, template: SandboxTemplate): unknown;
  /** The webhook payload announcing a new messaging limit, for providers that announce one. */
  messagingLimitUpdate?(ctx: SandboxContext, oldLimit: number, newLimit: number): unknown;
  /** Serialises and signs a webhook payload as the provider does. */
  sign(payload: unknown, credentials: SandboxCredentials, targets: SandboxWebhookTargets): SignedWebhook;
  /** Where a webhook of `kind` goes, or `undefined` when no target is configured. */
  webhookUrl(targets: SandboxWebhookTargets, kind: WebhookKind): string | undefined;
  /**
   * The secrets a webhook receiver needs to verify this provider's signatures, by client config key (e.g.
   * `{ appSecret }`); empty when the provider does not sign.
   */
  signingSecrets(credentials: SandboxCredentials): Record<string, string>;
  /** The `hub.verify_token` of Meta-style callback verification, for providers that have one. */
  verifyToken?(credentials: SandboxCredentials): string;
}

/** Every emulated provider, by id. */
export type ProviderRegistry = { readonly [P in SandboxProvider]: EmulatedProvider<P> };
