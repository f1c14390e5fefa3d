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
  /**
   * The user's phone number, digits as the provider sent them, when the payload carries one. A user who adopted a
   * WhatsApp username may arrive with only {@link MessageEvent.userId}; use {@link identityOf} for a stable key.
   */
  from?: string | undefined;
  /** The user's business-scoped user id (BSUID, e.g. `US.13491208655302741918`), when the provider sends it. */
  userId?: string | undefined;
  /** The user's parent BSUID (`US.ENT.…`), when the business has parent BSUIDs enabled. */
  parentUserId?: string | undefined;
  /** The user's WhatsApp username, when the user adopted one. Not stable: users may change it. */
  username?: string | undefined;
  /** The business number or id the message was sent to, when the payload says. */
  to?: string | undefined;
  timestamp: Date;
  type: InboundMessageType;
  /** Text body, caption-less text, or the reply title for button replies. */
  text?: string | undefined;
  /**
   * The media of an image, video, audio, document or sticker message; pass the event to `client.downloadMedia()`.
   * `size` (bytes), `sha256` (lower-case hex) and `expiresAt` (when the link stops working) are set wherever the
   * payload carries them (Cloud API `sha256`/`file_size`, Gupshup `urlExpiry`).
   */
  media?:
    | {
        url?: string;
        id?: string;
        caption?: string;
        mimeType?: string;
        filename?: string;
        size?: number;
        sha256?: string;
        expiresAt?: Date;
      }
    | undefined;
  location?: { latitude: number; longitude: number; name?: string; address?: string } | undefined;
  /**
   * Button or list reply: the id/payload the business set and the title the user tapped. For a flow reply
   * (`nfm_reply`) `id` is the reply's name (`flow`, `address_message`), `title` its body and `payload` the raw
   * `response_json`; `response` is that JSON parsed (when it parses to an object).
   */
  reply?:
    | { id?: string; title?: string; payload?: string; response?: Record<string, unknown> | undefined }
    | undefined;
  /** Reactions: the emoji (empty when removed) and the message reacted to. */
  reaction?: { emoji: string; messageId: string } | undefined;
  /** Contacts shared by the user, as the provider sent them. */
  contacts?: unknown[] | undefined;
  /** A cart sent from a catalog (`type: 'order'`). */
  order?: OrderDetails | undefined;
  /** The message this one replies to. */
  context?: { messageId: string } | undefined;
  /** Set when the user edited an earlier message: this event is its new version (Meta `type: "edit"`). */
  edited?: { messageId: string } | undefined;
  /** The user's WhatsApp profile name. */
  profileName?: string | undefined;
  /** The ad or post the user came from (click-to-WhatsApp), when the message carries a referral. */
  referral?: Referral | undefined;
  /** The provider's payload for this message. */
  raw: unknown;
}

/**
 * A click-to-WhatsApp referral: the ad or post that opened the conversation (Meta `messages[].referral`, Vonage v1
 * `whatsapp.referral`). A conversation from one opens the 72 h free entry point.
 */
export interface Referral {
  /** The ad's or post's URL. */
  sourceUrl?: string | undefined;
  /** The ad's or post's id. */
  sourceId?: string | undefined;
  /** `ad` or `post`. */
  sourceType?: string | undefined;
  headline?: string | undefined;
  body?: string | undefined;
  /** `image` or `video`. */
  mediaType?: string | undefined;
  imageUrl?: string | undefined;
  videoUrl?: string | undefined;
  thumbnailUrl?: string | undefined;
  /** The click id, for conversion reporting. */
  ctwaClid?: string | undefined;
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
  /**
   * The recipient's phone number (or group id), when the status carries one. A message sent to a BSUID may
   * report only {@link StatusEvent.recipientUserId}; use {@link identityOf} for a stable key.
   */
  recipient?: string | undefined;
  /** The recipient's BSUID, when the provider reports it. */
  recipientUserId?: string | undefined;
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
  /** How the message is charged, when the status says (Meta `pricing`, Gupshup `pricing`, Vonage `whatsapp.pricing`). */
  pricing?: StatusPricing | undefined;
  raw: unknown;
}

/** The pricing block of a status. */
export interface StatusPricing {
  /** Whether the message is charged (Meta marks it deprecated; absent when the provider omits it). */
  billable?: boolean | undefined;
  /** `marketing`, `utility`, `authentication`, `authentication_international`, `service`, `marketing_lite`... */
  category?: string | undefined;
  /** The pricing model: `PMP` (per message) or `CBP` (per conversation, legacy). */
  model?: string | undefined;
  /** `regular`, `free_customer_service` or `free_entry_point`. */
  type?: string | undefined;
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

/**
 * A user-level event: opt-in, opt-out, marketing preferences, and identity changes. `changed-number` (the user
 * moved to a new phone number; `phone` is the new one) and `changed-user-id` (the BSUID changed) carry the old
 * identifiers in `previous`; `user-id` links a phone number to a BSUID (Meta's `user_id_update` and
 * `contacts` webhooks).
 */
export interface UserEvent {
  kind: 'user';
  provider: ProviderId;
  /** The user's phone number (digits), when the payload carries one. */
  phone?: string | undefined;
  /** The user's BSUID, when the payload carries one. */
  userId?: string | undefined;
  /** The user's parent BSUID, when the payload carries one. */
  parentUserId?: string | undefined;
  event:
    | 'opted-in'
    | 'opted-out'
    | 'marketing-stop'
    | 'marketing-resume'
    | 'changed-number'
    | 'changed-user-id'
    | 'user-id'
    | (string & {});
  /** The identifiers before the change (`changed-number`, `changed-user-id`). */
  previous?: { phone?: string; userId?: string; parentUserId?: string } | undefined;
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
