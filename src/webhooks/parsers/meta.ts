/**
 * Meta Cloud API webhook format, also used by CleverTap (BSP on the Cloud API) and by Gupshup v3 ("Meta
 * format", with `gs_app_id`, `statuses[].gs_id`, a non-Meta `enqueued` status whose timestamp may be in ms,
 * `failed` statuses carrying `code`/`reason`, `set-callback` entries and `field: "billing-event"`).
 *
 * Sources: https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/ (envelope,
 * messages, statuses, template and account fields); https://partner-docs.gupshup.io/docs/events and
 * https://partner-docs.gupshup.io/docs/passthrough-v3-incoming-events (Gupshup v3 additions).
 *
 * Business-scoped user ids (BSUIDs), since April 2026:
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids and
 * https://dualhook.com/docs/contacts-bsuid-webhooks. A message's `from` (phone) may be absent; `from_user_id` /
 * `from_parent_user_id` carry the BSUIDs, `contacts[]` has `user_id`, `parent_user_id`, `profile.username` and an
 * optional `wa_id`; a status has `recipient_user_id` / `parent_recipient_user_id` (also spelt
 * `recipient_parent_user_id`) and an optional `recipient_id`. Field names follow whatsapp-api-js `src/types.ts`
 * (`ServerMessage`, `ServerContacts`, `ServerStatusPayload`, `ServerSystemMessage`).
 *
 * System messages (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/system/
 * and the changelog of Aug 11 2026): `user_changed_number` (new `wa_id`, new `user_id`, `previous_user_id`),
 * `user_changed_user_id`, and the older `customer_changed_number` (`new_wa_id`) / `customer_identity_changed`;
 * each becomes a `user` event. `user_id_update` (documented until Aug 2026, forwarded by BSPs such as 8x8,
 * https://developer.8x8.com/connect/docs/whatsapp-business-scoped-user-ids) is read tolerantly.
 *
 * Click-to-WhatsApp referrals (`messages[].referral`: source_url, source_id, source_type, headline, body,
 * media_type, image_url, video_url, thumbnail_url, ctwa_clid):
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/text/ .
 * Flow replies (`interactive.nfm_reply.response_json`, a JSON string):
 * https://developers.facebook.com/docs/whatsapp/flows/guides/receiveflowresponse .
 * Pricing on statuses (`billable`, `category`, `pricing_model`, `type`):
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/status/ .
 * @module
 */
import { isBsuid } from '../../core/identity.js';
import { normalizeSha256 } from '../../core/media/sha256.js';
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
import { readFlowResponse, readReferral } from './inbound-extras.js';
import {
  asArray,
  asRecord,
  compact,
  compactOrUndefined,
  parseTimestamp,
  readOrder,
  str,
  strOrEmpty,
  wholeBytes,
} from './util.js';

const STATUS_TABLE: Readonly<Record<string, DeliveryStatus>> = {
  // Gupshup v3 only; not a Meta status.
  enqueued: 'accepted',
  accepted: 'accepted',
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  // Voice message played: the recipient has read it.
  played: 'read',
  failed: 'failed',
  // Not in the current Cloud API reference; On-Premises and some BSPs still send it.
  deleted: 'deleted',
};

/** A `revoke` message is reported as a status: the message is deleted. */
const REVOKED: Readonly<Record<string, DeliveryStatus>> = { revoke: 'deleted' };

/** The contacts of a change that carries none. */
const NO_CONTACTS: readonly MetaContact[] = [];

const MEDIA_TYPES = new Set(['image', 'video', 'audio', 'document', 'sticker']);

/** One entry of `value.contacts[]`: the sender's ids and profile. */
interface MetaContact {
  waId?: string | undefined;
  userId?: string | undefined;
  parentUserId?: string | undefined;
  name?: string | undefined;
  username?: string | undefined;
}

/** Reads `value.contacts[]`, keeping the ids and profile of each sender. */
function readContacts(value: Record<string, unknown>): MetaContact[] {
  const contacts: MetaContact[] = [];
  for (const contact of asArray(value.contacts)) {
    const c = asRecord(contact);
    if (!c) continue;
    const profile = asRecord(c.profile);
    contacts.push({
      waId: str(c.wa_id),
      userId: str(c.user_id),
      parentUserId: str(c.parent_user_id),
      name: str(profile?.name),
      username: str(profile?.username),
    });
  }
  return contacts;
}

/**
 * Decodes the content of one message: `declared` is its type and `message` the object holding the field named
 * after it (the message itself, or the new version inside an `edit`).
 */
function decodeContent(declared: string, message: Record<string, unknown>): DecodedContent {
  const body = asRecord(message[declared]);
  if (declared === 'text') return textContent(strOrEmpty(body?.body));
  if (MEDIA_TYPES.has(declared)) {
    return mediaContent(declared as InboundMessageType, {
      id: str(body?.id),
      url: str(body?.url) ?? str(body?.link),
      caption: str(body?.caption),
      mimeType: str(body?.mime_type),
      filename: str(body?.filename),
      // Webhook samples carry `sha256` (seen as hex and as base64; normalised to hex) and no size; `file_size` is
      // read when present, as the media endpoint names it
      // (https://developers.facebook.com/documentation/business-messaging/whatsapp/reference/media/media-api).
      sha256: normalizeSha256(str(body?.sha256)),
      size: wholeBytes(body?.file_size),
    });
  }
  if (declared === 'location') return locationContent(body?.latitude, body?.longitude, body);
  if (declared === 'contacts') return { type: 'contacts', event: { contacts: asArray(message.contacts) } };
  if (declared === 'interactive') {
    const kind = str(body?.type);
    const reply =
      asRecord(body?.button_reply) ?? asRecord(body?.list_reply) ?? asRecord(kind ? body?.[kind] : undefined);
    const nfm = asRecord(body?.nfm_reply);
    const permission = asRecord(body?.call_permission_reply);
    return replyContent(
      nfm
        ? {
            id: str(nfm.name),
            title: str(nfm.body),
            payload: str(nfm.response_json),
            response: readFlowResponse(nfm.response_json),
          }
        : permission
          ? { id: 'call_permission_reply', title: str(permission.response) }
          : { id: str(reply?.id), title: str(reply?.title) },
    );
  }
  // Template quick-reply tap.
  if (declared === 'button') return replyContent({ title: str(body?.text), payload: str(body?.payload) });
  if (declared === 'reaction') return reactionContent(strOrEmpty(body?.emoji), str(body?.message_id));
  if (declared === 'order') {
    const order = readOrder(body);
    return { type: 'order', event: { text: order.text, order } };
  }
  return { type: 'unsupported', event: {} };
}

/** The contact entry of a sender: matched by phone or BSUID, or the only entry of the change. */
function contactOf(
  contacts: readonly MetaContact[],
  phone: string | undefined,
  userId: string | undefined,
): MetaContact | undefined {
  for (const c of contacts) {
    if ((phone && c.waId === phone) || (userId && c.userId === userId)) return c;
  }
  return contacts.length === 1 ? contacts[0] : undefined;
}

function parseMessage(
  item: unknown,
  value: Record<string, unknown>,
  contacts: readonly MetaContact[],
  ctx: ParseContext,
): WebhookEvent {
  const m = asRecord(item);
  if (!m) return unknownEvent(ctx, item);
  const id = str(m.id);
  const sender = str(m.from);
  const senderUserId = str(m.from_user_id);
  const contact = contactOf(contacts, sender, senderUserId);
  // Some BSPs put the BSUID in `from` itself: it is the user id then, not a phone.
  const bsuidFrom = isBsuid(sender) ? sender : undefined;
  const userId = senderUserId ?? contact?.userId ?? bsuidFrom;
  const from = (bsuidFrom ? undefined : sender) ?? contact?.waId;
  // A message whose sender has only a BSUID (a user with a username) is still a message.
  if (!id || (!from && !userId)) return unknownEvent(ctx, item);
  const metadata = asRecord(value.metadata);
  const declared = str(m.type) ?? 'unsupported';
  const body = asRecord(m[declared]);
  const parentUserId = str(m.from_parent_user_id);
  if (declared === 'system') return parseSystem(body, from, userId, parentUserId, ctx, item);
  const timestamp = parseTimestamp(m.timestamp);
  if (declared === 'revoke') return parseRevoke(body, from, userId, timestamp, ctx, item);
  // An edit carries the new version of an earlier message: decode that one and say which message it replaces.
  const edit = declared === 'edit' ? asRecord(body?.message) : undefined;
  const edited = str(body?.original_message_id);
  const { type, event } = edit
    ? decodeContent(str(edit.type) ?? 'unsupported', edit)
    : decodeContent(declared, m);

  const contextId = str(asRecord(m.context)?.id);
  return compact({
    kind: 'message' as const,
    provider: ctx.provider,
    id,
    from,
    userId,
    parentUserId: parentUserId ?? contact?.parentUserId,
    username: contact?.username,
    to: str(metadata?.display_phone_number) ?? str(metadata?.phone_number_id),
    timestamp: timestamp ?? ctx.receivedAt,
    type,
    ...event,
    context: contextId ? { messageId: contextId } : undefined,
    edited: edit && edited ? { messageId: edited } : undefined,
    profileName: contact?.name,
    referral: readReferral(asRecord(m.referral)),
    raw: item,
  });
}

/** System message words and the user event each becomes. */
const SYSTEM_EVENTS: Readonly<Record<string, string>> = {
  user_changed_number: 'changed-number',
  customer_changed_number: 'changed-number',
  user_changed_user_id: 'changed-user-id',
  customer_identity_changed: 'identity-changed',
};

/**
 * A `system` message: the user changed number or BSUID (or, in older versions, their identity key). The ids in
 * the message's envelope are the old ones; `system.wa_id` / `new_wa_id` / `user_id` are the new ones.
 */
function parseSystem(
  system: Record<string, unknown> | undefined,
  from: string | undefined,
  userId: string | undefined,
  parentUserId: string | undefined,
  ctx: ParseContext,
  raw: unknown,
): WebhookEvent {
  const word = str(system?.type) ?? 'system';
  const event = Object.hasOwn(SYSTEM_EVENTS, word) ? (SYSTEM_EVENTS[word] ?? word) : word;
  const newPhone = str(system?.wa_id) ?? str(system?.new_wa_id);
  const newUserId = str(system?.user_id);
  const newParent = str(system?.parent_user_id);
  const previous = compactOrUndefined({
    phone: newPhone && newPhone !== from ? from : undefined,
    userId: str(system?.previous_user_id) ?? (newUserId && newUserId !== userId ? userId : undefined),
    parentUserId:
      str(system?.previous_parent_user_id) ??
      (newParent && newParent !== parentUserId ? parentUserId : undefined),
  });
  return userEvent(
    ctx,
    raw,
    newPhone ?? from,
    newUserId ?? userId,
    newParent ?? parentUserId,
    event,
    previous,
  );
}

/**
 * A `revoke`: the user deleted a message they sent (`revoke.original_message_id`). Reported like Gupshup's
 * `deleted` event: a status `deleted` of that message, naming the user.
 */
function parseRevoke(
  revoke: Record<string, unknown> | undefined,
  from: string | undefined,
  userId: string | undefined,
  timestamp: Date | undefined,
  ctx: ParseContext,
  raw: unknown,
): WebhookEvent {
  const messageId = str(revoke?.original_message_id);
  if (!messageId) return unknownEvent(ctx, raw);
  const event = statusEvent(
    ctx,
    messageId,
    from,
    userId,
    'revoke',
    REVOKED,
    timestamp ?? ctx.receivedAt,
    false,
    undefined,
    undefined,
  );
  event.raw = raw;
  return event;
}

function parseStatus(item: unknown, contacts: readonly MetaContact[], ctx: ParseContext): WebhookEvent {
  const s = asRecord(item);
  if (!s) return unknownEvent(ctx, item);
  const providerStatus = str(s.status);
  if (!providerStatus) {
    // Gupshup v3 sends `{ "type": "set-callback" }` when a subscription is set.
    const type = str(s.type);
    if (type) return accountEvent(ctx, type, item, item);
    return unknownEvent(ctx, item);
  }
  const messageId = str(s.gs_id) ?? str(s.id);
  if (!messageId) return unknownEvent(ctx, item);
  const errors = s.errors;
  const firstError = Array.isArray(errors) ? asRecord(errors[0]) : undefined;
  const errorCode = str(firstError?.code) ?? str(s.code);
  const errorReason =
    str(asRecord(firstError?.error_data)?.details) ??
    str(firstError?.message) ??
    str(firstError?.title) ??
    str(s.reason);
  const conversation = asRecord(s.conversation);
  const pricing = asRecord(s.pricing);
  const recipientId = str(s.recipient_id);
  const recipientUserId = str(s.recipient_user_id);
  const contact = contactOf(contacts, recipientId, recipientUserId);
  // A BSUID in `recipient_id` (a send to a BSUID, as some BSPs report it) is the recipient's user id.
  const bsuidRecipient = isBsuid(recipientId) ? recipientId : undefined;
  const event = statusEvent(
    ctx,
    messageId,
    (bsuidRecipient ? undefined : recipientId) ?? contact?.waId,
    recipientUserId ??
      contact?.userId ??
      bsuidRecipient ??
      str(s.parent_recipient_user_id) ??
      str(s.recipient_parent_user_id),
    providerStatus,
    STATUS_TABLE,
    parseTimestamp(s.timestamp) ?? ctx.receivedAt,
    errorCode || errorReason,
    errorCode,
    errorReason,
  );
  const clientRef = str(s.biz_opaque_callback_data);
  if (clientRef !== undefined) event.clientRef = clientRef;
  putCharges(
    event,
    conversation,
    pricing,
    str(asRecord(conversation?.origin)?.type),
    parseTimestamp(conversation?.expiration_timestamp),
  );
  event.raw = item;
  return event;
}

function parseTemplateChange(field: string, value: Record<string, unknown>, ctx: ParseContext): WebhookEvent {
  const ids = {
    templateId: str(value.message_template_id),
    name: str(value.message_template_name),
    language: str(value.message_template_language),
  };
  if (field === 'message_template_quality_update') {
    return templateEvent(ctx, value, 'quality', str(value.new_quality_score), {
      ...ids,
      previousQuality: str(value.previous_quality_score),
    });
  }
  if (field === 'template_category_update') {
    return templateEvent(ctx, value, 'category', str(value.new_category) ?? str(value.correct_category), {
      ...ids,
      previousCategory: str(value.previous_category),
    });
  }
  if (field === 'message_template_components_update') {
    return templateEvent(ctx, value, 'components', 'COMPONENTS_UPDATED', ids);
  }
  return templateEvent(ctx, value, 'status', str(value.event), {
    ...ids,
    reason: str(value.reason) ?? str(asRecord(value.rejection_info)?.reason),
  });
}

const TEMPLATE_FIELDS = new Set([
  'message_template_status_update',
  'message_template_quality_update',
  'message_template_components_update',
  'template_category_update',
]);

/** `user_preferences`: marketing stop/resume, one event per preference. */
function parseUserPreferences(value: Record<string, unknown>, ctx: ParseContext, out: WebhookEvent[]): void {
  const prefs = asArray(value.user_preferences);
  if (prefs.length === 0) {
    out.push(unknownEvent(ctx, value));
    return;
  }
  for (const p of prefs) {
    const pref = asRecord(p);
    out.push(preferenceEvent(ctx, p, str(pref?.wa_id), str(pref?.user_id), str(pref?.parent_user_id)));
  }
}

/**
 * `user_id_update` and `contacts` changes: a phone number linked to (or a BSUID replacing) another id. Their shape
 * is documented only loosely by BSPs that forward them, so every array of the value is read and each entry with a
 * phone or BSUID becomes a `user` event: `changed-user-id` when it names a previous id, else `user-id`.
 */
function parseIdentityChange(
  field: string,
  value: Record<string, unknown>,
  ctx: ParseContext,
  events: WebhookEvent[],
): void {
  const own = asArray(value[field]);
  const items = own.length > 0 ? own : asArray(value.contacts).length > 0 ? asArray(value.contacts) : [value];
  for (const item of items) {
    const r = asRecord(item);
    const current = asRecord(r?.user_id) ?? asRecord(r?.current);
    const userId = str(r?.user_id) ?? str(r?.new_user_id) ?? str(current?.user_id) ?? str(current?.id);
    const phone = str(r?.wa_id) ?? str(r?.phone) ?? str(r?.phone_number);
    if (!r || (!userId && !phone)) {
      events.push(unknownEvent(ctx, item));
      continue;
    }
    const previous = compactOrUndefined({
      userId: str(r.previous_user_id) ?? str(r.old_user_id) ?? str(asRecord(r.previous)?.user_id),
      parentUserId: str(r.previous_parent_user_id),
    });
    events.push(
      userEvent(
        ctx,
        item,
        phone,
        userId,
        str(r.parent_user_id) ?? str(r.new_parent_user_id),
        previous?.userId ? 'changed-user-id' : 'user-id',
        previous,
      ),
    );
  }
}

/** Gupshup v3 `field: "billing-event"`: `value.billing{deductions, references}`. */
function parseBilling(value: Record<string, unknown>, ctx: ParseContext): WebhookEvent {
  return billingEvent(ctx, asRecord(value.billing) ?? value, value);
}

/** Appends the events of one change to `out`: one per message, status, echo and error, or one for the change. */
function parseChange(change: unknown, ctx: ParseContext, out: WebhookEvent[]): void {
  const c = asRecord(change);
  const value = asRecord(c?.value);
  if (!c || !value) {
    out.push(unknownEvent(ctx, change));
    return;
  }
  const field = str(c.field) ?? (value.messages || value.statuses ? 'messages' : undefined);
  if (field === 'messages' || field === 'smb_message_echoes') {
    const before = out.length;
    // Status batches carry no `contacts`: nothing to read then.
    const contacts = value.contacts === undefined ? NO_CONTACTS : readContacts(value);
    for (const message of asArray(value.messages)) out.push(parseMessage(message, value, contacts, ctx));
    for (const status of asArray(value.statuses)) out.push(parseStatus(status, contacts, ctx));
    // Coexistence: messages the business sent from the WhatsApp Business app, echoed (not a customer's message).
    for (const echo of asArray(value.message_echoes)) {
      out.push(accountEvent(ctx, 'message_echo', echo, echo));
    }
    for (const error of asArray(value.errors)) {
      out.push(accountEvent(ctx, 'error', error, error));
    }
    if (out.length === before) out.push(unknownEvent(ctx, change));
  } else if (field && TEMPLATE_FIELDS.has(field)) out.push(parseTemplateChange(field, value, ctx));
  else if (field === 'user_preferences') parseUserPreferences(value, ctx, out);
  else if (field === 'user_id_update' || field === 'contacts') parseIdentityChange(field, value, ctx, out);
  else if (field === 'billing-event') out.push(parseBilling(value, ctx));
  else if (field) out.push(accountEvent(ctx, field, value, change));
  else out.push(unknownEvent(ctx, change));
}

/**
 * Parses a Meta-format payload: every change of every entry, every message, status and error of each change,
 * in order. Each event is appended to one array as it is built (no per-change list copied into it).
 */
export function parseMetaPayload(body: Record<string, unknown>, ctx: ParseContext): WebhookEvent[] {
  const entries = asArray(asRecord(body)?.entry);
  const events: WebhookEvent[] = [];
  for (const entry of entries) {
    const changes = asRecord(entry)?.changes;
    if (!Array.isArray(changes)) {
      events.push(unknownEvent(ctx, entry));
      continue;
    }
    for (const change of changes) parseChange(change, ctx, events);
  }
  if (events.length === 0) events.push(unknownEvent(ctx, body));
  return events;
}

/** True when the payload is in Meta's format (Cloud API, CleverTap, Gupshup v3). */
export function isMetaFormat(body: Record<string, unknown>): boolean {
  return (
    body.object === 'whatsapp_business_account' || (Array.isArray(body.entry) && body.type === undefined)
  );
}
