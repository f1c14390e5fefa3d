/**
 * Gupshup v2 callbacks: `{ app, timestamp (ms), version: 2, type, payload }` with `type` one of `message`,
 * `message-event`, `user-event`, `billing-event`, `template-event`, `account-event`, `preference-event`.
 *
 * Sources: https://docs.gupshup.io/docs/subscriptions-and-notifications (envelope),
 * https://docs.gupshup.io/docs/inbound-messages and the per-type pages (text, media, other, interactive),
 * https://docs.gupshup.io/reference/postback-text-support (template button taps),
 * https://docs.gupshup.io/docs/message-events, https://docs.gupshup.io/docs/user-event,
 * https://partner-docs.gupshup.io/docs/pmp-events-1 (billing), https://docs.gupshup.io/docs/system-events
 * (template and account events), https://partner-docs.gupshup.io/docs/bsuid (preference events, and the BSUID
 * attributes: `sender.userId` on inbound messages, `payload.userId` next to `destination` on message events,
 * opt-in per app since https://partner-docs.gupshup.io/changelog/march-2026; `parent_user_id` / `parentUserId`
 * and a `userId`-only sender are read tolerantly). `pricing{policy, category, type}` on `sent` events:
 * https://partner-docs.gupshup.io/docs/pmp-events-1.
 *
 * Uncertain wire details, handled tolerantly: a template quick-reply tap arrives with `type: "quick_reply"` on
 * one page and `type: "text"` on another, the reliable flag being the inner `type: "button"`; the session
 * quick-reply is labelled `button_reply` or `quick_reply`; `gsId` is missing on events older than a week.
 * @module
 */
import { isBsuid } from '../../core/identity.js';
import type { DeliveryStatus, InboundMessageType, WebhookEvent } from '../../core/webhook-event.js';
import {
  type DecodedContent,
  locationContent,
  mediaContent,
  reactionContent,
  replyContent,
  textContent,
} from './content.js';
import type { ParseContext } from './context.js';
import {
  accountEvent,
  billingEvent,
  preferenceEvent,
  putCharges,
  statusEvent,
  templateEvent,
  unknownEvent,
  userEvent,
} from './events.js';
import { asArray, asRecord, compact, parseTimestamp, readOrder, str, strOrEmpty } from './util.js';

const STATUS_TABLE: Readonly<Record<string, DeliveryStatus>> = {
  enqueued: 'accepted',
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
  deleted: 'deleted',
};

const MEDIA: Readonly<Record<string, InboundMessageType>> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  file: 'document',
  document: 'document',
  sticker: 'sticker',
};

/** The envelope fields every event reads: `phone` (the business number), `timestamp` (ms) and `payload`. */
interface Envelope {
  phone: string | undefined;
  timestamp: Date | undefined;
  payload: Record<string, unknown> | undefined;
}

/** Decodes the content of an inbound message: `declared` is its `type`, `q` its inner `payload`. */
function decodeContent(
  declared: string,
  q: Record<string, unknown>,
  context: Record<string, unknown> | undefined,
): DecodedContent {
  if ((declared === 'text' || declared === 'quick_reply') && str(q.type) === 'button') {
    // Template quick-reply tap (the inner `type: "button"` is the reliable flag).
    return replyContent({ title: str(q.text), payload: str(q.postbackText) });
  }
  if (declared === 'text') return textContent(strOrEmpty(q.text));
  if (declared === 'button_reply' || declared === 'list_reply' || declared === 'quick_reply') {
    return replyContent({
      id: str(q.id),
      title: str(q.title) ?? str(q.text),
      payload: str(q.postbackText) ?? str(q.reply),
    });
  }
  if (Object.hasOwn(MEDIA, declared)) {
    return mediaContent(MEDIA[declared] ?? 'document', {
      url: str(q.url),
      caption: str(q.caption),
      mimeType: str(q.contentType) ?? str(q['content-type']),
      filename: str(q.name),
      // `urlExpiry` (epoch ms): the filemanager link stops working then (https://docs.gupshup.io/docs/media).
      expiresAt: parseTimestamp(q.urlExpiry),
    });
  }
  if (declared === 'location') return locationContent(q.latitude, q.longitude, q);
  if (declared === 'contact' || declared === 'contacts') {
    return { type: 'contacts', event: { contacts: asArray(q.contacts) } };
  }
  if (declared === 'reaction') {
    // Not on Gupshup's v2 pages; read by analogy with Meta's reaction (emoji, the reacted-to message id).
    return reactionContent(
      strOrEmpty(q.emoji),
      str(q.msgId) ?? str(q.message_id) ?? str(q.id) ?? str(context?.id),
    );
  }
  // Not on Gupshup's v2 pages; the cart as Meta sends it (catalog_id, product_items), also nested in `order`.
  if (declared === 'order') return { type: 'order', event: { order: readOrder(asRecord(q.order) ?? q) } };
  return { type: 'unsupported', event: {} };
}

function parseInbound(envelope: Envelope, body: Record<string, unknown>, ctx: ParseContext): WebhookEvent {
  const p = envelope.payload;
  const sender = asRecord(p?.sender);
  const source = str(p?.source) ?? str(sender?.phone);
  // With BSUIDs enabled a user with a username may arrive with only `sender.userId` (or a BSUID as `source`).
  const userId = str(sender?.userId) ?? str(sender?.user_id) ?? (isBsuid(source) ? source : undefined);
  const from = isBsuid(source) ? str(sender?.phone) : source;
  const id = str(p?.id);
  if (!p || !id || (!from && !userId)) return unknownEvent(ctx, body);
  const context = asRecord(p.context);
  const { type, event } = decodeContent(str(p.type) ?? '', asRecord(p.payload) ?? {}, context);
  const contextId = str(context?.gsId) ?? str(context?.id);
  return compact({
    kind: 'message' as const,
    provider: ctx.provider,
    id,
    from: from === userId ? undefined : from,
    userId,
    parentUserId: str(sender?.parentUserId) ?? str(sender?.parent_user_id),
    username: str(sender?.username),
    to: envelope.phone,
    timestamp: envelope.timestamp ?? ctx.receivedAt,
    type,
    ...event,
    context: contextId ? { messageId: contextId } : undefined,
    profileName: str(sender?.name),
    raw: body,
  });
}

function parseMessageEvent(
  envelope: Envelope,
  body: Record<string, unknown>,
  ctx: ParseContext,
): WebhookEvent {
  const p = envelope.payload;
  const messageId = str(p?.gsId) ?? str(p?.id);
  const providerStatus = str(p?.type);
  if (!p || !messageId || !providerStatus) return unknownEvent(ctx, body);
  const q = asRecord(p.payload);
  const code = str(q?.code);
  const reason = str(q?.reason);
  const destination = str(p.destination) ?? str(q?.phone);
  const destinationIsBsuid = isBsuid(destination);
  const conversation = asRecord(p.conversation);
  const pricing = asRecord(p.pricing);
  const event = statusEvent(
    ctx,
    messageId,
    destinationIsBsuid ? undefined : destination,
    str(p.userId) ?? str(p.user_id) ?? (destinationIsBsuid ? destination : undefined),
    providerStatus,
    STATUS_TABLE,
    // `payload.ts` is Meta's time in seconds; the envelope's is Gupshup's in ms.
    parseTimestamp(q?.ts) ?? envelope.timestamp ?? ctx.receivedAt,
    providerStatus === 'failed' || code,
    code,
    reason,
  );
  putCharges(event, conversation, pricing, str(conversation?.type), parseTimestamp(conversation?.expiresAt));
  event.raw = body;
  return event;
}

function parseTemplateEvent(
  envelope: Envelope,
  body: Record<string, unknown>,
  ctx: ParseContext,
): WebhookEvent {
  const p = envelope.payload ?? {};
  const kind = str(p.type);
  const ids = { templateId: str(p.id), name: str(p.elementName), language: str(p.languageCode) };
  if (kind === 'category-update') {
    return templateEvent(
      ctx,
      body,
      'category',
      str(p.newCategory) ?? str(p.new_category) ?? str(p.category),
      {
        ...ids,
        previousCategory: str(p.oldCategory) ?? str(p.previous_category),
      },
    );
  }
  if (kind === 'quality-update') {
    return templateEvent(ctx, body, 'quality', str(p.quality) ?? str(p.new_quality_score), {
      ...ids,
      previousQuality: str(p.previousQuality) ?? str(p.previous_quality_score),
    });
  }
  return templateEvent(ctx, body, 'status', str(p.status), {
    ...ids,
    reason: str(p.rejectedReason) ?? str(p.reason) ?? str(p.description),
  });
}

function parseUserEvent(envelope: Envelope, body: Record<string, unknown>, ctx: ParseContext): WebhookEvent {
  const p = envelope.payload ?? {};
  const phone = str(p.phone);
  const userId = str(p.userId) ?? str(p.user_id);
  const event = str(p.type);
  if ((!phone && !userId) || !event) return unknownEvent(ctx, body);
  return userEvent(ctx, body, phone, userId, undefined, event);
}

function parsePreferenceEvent(
  envelope: Envelope,
  body: Record<string, unknown>,
  ctx: ParseContext,
): WebhookEvent[] {
  const inner = asRecord(envelope.payload?.payload) ?? envelope.payload ?? {};
  const prefs = asArray(inner.user_preferences);
  if (prefs.length === 0) return [unknownEvent(ctx, body)];
  return prefs.map((p) => {
    const pref = asRecord(p);
    return preferenceEvent(
      ctx,
      p,
      str(pref?.wa_id) ?? str(pref?.phone),
      str(pref?.user_id) ?? str(pref?.userId),
      undefined,
    );
  });
}

function parseBillingEvent(
  envelope: Envelope,
  body: Record<string, unknown>,
  ctx: ParseContext,
): WebhookEvent {
  return billingEvent(ctx, envelope.payload ?? {}, body);
}

/** Parses a Gupshup v2 callback. */
export function parseGupshupV2Payload(body: Record<string, unknown>, ctx: ParseContext): WebhookEvent[] {
  const envelope: Envelope = {
    phone: str(body.phone),
    timestamp: parseTimestamp(body.timestamp),
    payload: asRecord(body.payload),
  };
  switch (str(body.type)) {
    case 'message':
      return [parseInbound(envelope, body, ctx)];
    case 'message-event':
      return [parseMessageEvent(envelope, body, ctx)];
    case 'template-event':
      return [parseTemplateEvent(envelope, body, ctx)];
    case 'user-event':
      return [parseUserEvent(envelope, body, ctx)];
    case 'preference-event':
      return parsePreferenceEvent(envelope, body, ctx);
    case 'billing-event':
      return [parseBillingEvent(envelope, body, ctx)];
    case 'account-event':
      return [accountEvent(ctx, str(envelope.payload?.type) ?? 'account-event', envelope.payload, body)];
    default:
      return [unknownEvent(ctx, body)];
  }
}

/** True for a Gupshup v2 envelope (`version: 2` and a string `type`). */
export function isGupshupV2Format(body: Record<string, unknown>): boolean {
  return (body.version === 2 || body.version === '2') && typeof body.type === 'string';
}
