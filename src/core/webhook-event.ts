/**
 * The normalised webhook event model shared by every provider. `parseWebhook` (in `waba-kit/webhooks`)
 * produces these; clients emit them as `message.received`, `message.status` and `template.status`.
 * @module
 */
import type { ProviderId } from './provider.js';

/**
 * Normalised delivery status. Anything a provider sends that is not recognised becomes `unknown`.
 * @inline
 */
export type DeliveryStatus = 'accepted' | 'sent' | 'delivered' | 'read' | 'failed' | 'deleted' | 'unknown';

/**
 * Content types of an inbound message.
 * @inline
 */
export type InboundMessageType =
  | 'text'
  | 'image'
  | 'video'
  | 'audio'
  | 'document'
  | 'sticker'
  | 'location'
  | 'contacts'
  | 'reply'
  | 'reaction'
  | 'order'
  | 'unsupported';

/** A message a user sent to the business. */
export interface MessageEvent {
  kind: 'message';
  provider: ProviderId;
  /** The provider's message id (Gupshup: `gsId ?? id`). */
  id: string;
  /** The user's number, digits as the provider sent them. */
  from: string;
  /** The business number or id the message was sent to, when the payload says. */
  to?: string | undefined;
  timestamp: Date;
  type: InboundMessageType;
  /** Text body, caption-less text, or the reply title for button replies. */
  text?: string | undefined;
  media?: { url?: string; id?: string; caption?: string; mimeType?: string; filename?: string } | undefined;
  location?: { latitude: number; longitude: number; name?: string; address?: string } | undefined;
  /** Button or list reply: the id/payload the business set and the title the user tapped. */
  reply?: { id?: string; title?: string; payload?: string } | undefined;
  /** Reactions: the emoji (empty when removed) and the message reacted to. */
  reaction?: { emoji: string; messageId: string } | undefined;
  /** Contacts shared by the user, as the provider sent them. */
  contacts?: unknown[] | undefined;
  /** A cart sent from a catalog (`type: 'order'`). */
  order?: OrderDetails | undefined;
  /** The message this one replies to. */
  context?: { messageId: string } | undefined;
  /** The user's WhatsApp profile name. */
  profileName?: string | undefined;
  /** The provider's payload for this message. */
  raw: unknown;
}

/**
 * The cart of an inbound `order` message. Prices are numbers.
 * @inline
 */
export interface OrderDetails {
  catalogId?: string | undefined;
  /** The user's note, when any. */
  text?: string | undefined;
  items: {
    productId: string;
    quantity?: number | undefined;
    price?: number | undefined;
    currency?: string | undefined;
  }[];
}

/** A delivery status update for a message the business sent. */
export interface StatusEvent {
  kind: 'status';
  provider: ProviderId;
  /** The provider's message id, as returned by `send()`. */
  messageId: string;
  /** The recipient's number. */
  recipient: string;
  status: DeliveryStatus;
  /** The provider's own status word, kept verbatim. */
  providerStatus: string;
  timestamp: Date;
  /** Failure details; `code` is always a string. */
  error?: { code: string; reason?: string } | undefined;
  /** The `clientRef` given at send time, echoed back. */
  clientRef?: string | undefined;
  price?: { amount: number; currency: string } | undefined;
  /** Conversation and pricing category when the provider reports one. */
  conversation?: { id?: string; category?: string; expiresAt?: Date } | undefined;
  raw: unknown;
}

/** A template was approved, rejected, paused, disabled... */
export interface TemplateStatusEvent {
  kind: 'template-status';
  provider: ProviderId;
  templateId?: string | undefined;
  name?: string | undefined;
  language?: string | undefined;
  /**
   * The provider's status word, upper-cased (`APPROVED`, `REJECTED`, `PAUSED`, ...). For `update: 'quality'`
   * it is the new quality score (`GREEN`, `YELLOW`, `RED`, `UNKNOWN`), for `update: 'category'` the new category.
   */
  status: string;
  reason?: string | undefined;
  /** What changed: the review status (default), the quality score, the category, or the components. */
  update?: 'status' | 'quality' | 'category' | 'components' | undefined;
  /** The quality score before a `quality` update. */
  previousQuality?: string | undefined;
  /** The category before a `category` update. */
  previousCategory?: string | undefined;
  raw: unknown;
}

/** A user-level event: opt-in, opt-out, marketing preferences. */
export interface UserEvent {
  kind: 'user';
  provider: ProviderId;
  phone: string;
  event: 'opted-in' | 'opted-out' | 'marketing-stop' | 'marketing-resume' | (string & {});
  raw: unknown;
}

/** An account-level event: quality rating, messaging tier, capability or account changes. */
export interface AccountEvent {
  kind: 'account';
  provider: ProviderId;
  event: string;
  detail?: unknown;
  raw: unknown;
}

/** A billing or conversation-charge event. */
export interface BillingEvent {
  kind: 'billing';
  provider: ProviderId;
  messageId?: string | undefined;
  category?: string | undefined;
  raw: unknown;
}

/** Valid JSON in a shape the parser does not know. Nothing is dropped: it is kept in `raw`. */
export interface UnknownEvent {
  kind: 'unknown';
  provider: ProviderId;
  raw: unknown;
}

/** Every normalised webhook event, discriminated on `kind`. */
export type WebhookEvent =
  | MessageEvent
  | StatusEvent
  | TemplateStatusEvent
  | UserEvent
  | AccountEvent
  | BillingEvent
  | UnknownEvent;

/** The `kind`s of {@link WebhookEvent}. */
export type WebhookEventKind = WebhookEvent['kind'];
