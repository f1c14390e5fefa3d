/**
 * Vonage Messages API v1 webhooks: flat `to`/`from` strings, `channel`, `message_type` with a sibling field
 * named after it, `profile`, `context`, and RFC 7807 error objects on statuses.
 *
 * Sources: https://developer.vonage.com/messages/guides/migration-guide (v1 inbound example, whose timestamp is
 * `2020-01-01 14:00:00 UTC` while the OpenAPI description says ISO 8601: both are read), the v1 OpenAPI
 * description (`inboundWhatsAppMessageCommon`, `messageStatusWhatsApp`), and the fields mapped by Vonage's Java
 * SDK `InboundMessage` (sticker, vcard, reaction, button, `location.lat/long`, `whatsapp.referral`), which are less
 * documented and parsed tolerantly.
 *
 * Business-scoped user ids (https://developer.vonage.com/en/messages/guides/handling-whatsapp-usernames-and-bsuids
 * and https://api.support.vonage.com/hc/en-us/articles/26937692681244-Webhook-Changes-for-WhatsApp-Usernames):
 * `to`/`from` may hold a BSUID (`US.13491208655302741918`) instead of a number; statuses carry
 * `whatsapp.recipient{user_id, parent_user_id, wa_id}` and `profile{name, username}`, and `whatsapp.pricing
 * {type, pricing_model, category}`. Inbound messages are read the same way (`whatsapp.sender` with the same
 * fields, as the Java SDK maps it, or a BSUID in `from`); a sender whose id is neither a number nor a BSUID keeps
 * the message, with the id in `from`.
 * @module
 */
import { isBsuid } from '../../core/identity.js';
import type { WebhookEvent } from '../../core/webhook-event.js';
import { type DecodedContent, reactionContent, replyContent } from './content.js';
import type { ParseContext } from './context.js';
import { putCharges, unknownEvent } from './events.js';
import { readReferral } from './inbound-extras.js';
import { asRecord, compact, compactOrUndefined, parseTimestamp, readOrder, str, strOrEmpty } from './util.js';
import { decodeVonageContent } from './vonage-content.js';
import { vonageStatusEvent } from './vonage-v0.1.js';

/**
 * The customer's ids: a BSUID in `address` (the payload's `from` or `to`) is the user id, anything else the phone;
 * `whatsapp.sender` / `whatsapp.recipient` add what the address lacks.
 */
function customerIds(address: string | undefined, ids: Record<string, unknown> | undefined) {
  const bsuid = isBsuid(address) ? address : undefined;
  return {
    phone: bsuid ? str(ids?.wa_id) : (address ?? str(ids?.wa_id)),
    userId: str(ids?.user_id) ?? (bsuid && !bsuid.includes('.ENT.') ? bsuid : undefined),
    parentUserId: str(ids?.parent_user_id) ?? (bsuid?.includes('.ENT.') ? bsuid : undefined),
  };
}

/** The error code of a v1 status: RFC 7807 `title` is the code as a string; else the last segment of `type`. */
function errorCode(error: Record<string, unknown> | undefined): string | undefined {
  const title = str(error?.title);
  if (title && /^\d+$/.test(title)) return title;
  const fromType = str(error?.type)?.split(/[/#]/).pop();
  return title ?? (fromType && /^\d+$/.test(fromType) ? fromType : undefined) ?? str(error?.code);
}

/** Decodes the content types v1 adds to those v0.1 has: contacts, replies, reactions and orders. */
function decodeV1Content(
  declared: string,
  body: Record<string, unknown>,
  context: Record<string, unknown> | undefined,
): DecodedContent {
  const inner = asRecord(body[declared]);
  if (declared === 'vcard' || declared === 'contact') {
    return {
      type: 'contacts',
      event: {
        media: compactOrUndefined({ url: str(inner?.url), filename: str(inner?.name) }),
        contacts: inner ? [inner] : [],
      },
    };
  }
  if (declared === 'reply') return replyContent({ id: str(inner?.id), title: str(inner?.title) });
  // Template quick-reply tap.
  if (declared === 'button') return replyContent({ title: str(inner?.text), payload: str(inner?.payload) });
  if (declared === 'reaction') {
    const removed = str(inner?.action) === 'unreact';
    return reactionContent(removed ? '' : strOrEmpty(inner?.emoji), str(context?.message_uuid));
  }
  if (declared === 'order') return { type: 'order', event: { order: readOrder(inner) } };
  return { type: 'unsupported', event: {} };
}

/** Parses a Vonage v1 inbound message or status. */
export function parseVonageV1Payload(body: Record<string, unknown>, ctx: ParseContext): WebhookEvent[] {
  const id = str(body.message_uuid);
  if (!id) return [unknownEvent(ctx, body)];
  const timestamp = parseTimestamp(body.timestamp) ?? ctx.receivedAt;
  const to = str(body.to);
  const whatsapp = asRecord(body.whatsapp);
  const providerStatus = str(body.status);

  if (providerStatus) {
    const error = asRecord(body.error);
    const code = errorCode(error);
    const reason = str(error?.detail) ?? str(error?.reason);
    const conversation = asRecord(whatsapp?.conversation);
    const pricing = asRecord(whatsapp?.pricing);
    const recipient = customerIds(to, asRecord(whatsapp?.recipient));
    const event = vonageStatusEvent(
      ctx,
      body,
      id,
      recipient.phone,
      recipient.userId ?? recipient.parentUserId,
      providerStatus,
      timestamp,
      code,
      reason,
    );
    putCharges(event, conversation, pricing, str(asRecord(conversation?.origin)?.type));
    event.raw = body;
    return [event];
  }

  const profile = asRecord(body.profile);
  const context = asRecord(body.context);
  const declared = str(body.message_type);
  const sender = customerIds(str(body.from), asRecord(whatsapp?.sender));
  if (!declared || (!sender.phone && !sender.userId && !sender.parentUserId)) {
    return [unknownEvent(ctx, body)];
  }
  const { type, event } = decodeVonageContent(declared, body) ?? decodeV1Content(declared, body, context);
  const contextId = str(context?.message_uuid);
  return [
    compact({
      kind: 'message' as const,
      provider: ctx.provider,
      id,
      from: sender.phone,
      userId: sender.userId,
      parentUserId: sender.parentUserId,
      username: str(profile?.username),
      to,
      timestamp,
      type,
      ...event,
      context: contextId ? { messageId: contextId } : undefined,
      profileName: str(profile?.name),
      referral: readReferral(asRecord(whatsapp?.referral)),
      raw: body,
    }),
  ];
}

/** True for a v1 payload: a `channel` or `message_type` field, or a string `to` next to a `message_uuid`. */
export function isVonageV1Format(body: Record<string, unknown>): boolean {
  return (
    typeof body.channel === 'string' ||
    typeof body.message_type === 'string' ||
    (typeof body.message_uuid === 'string' && typeof body.to === 'string')
  );
}
