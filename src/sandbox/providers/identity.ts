/**
 * Customers with a business-scoped user id (BSUID) in the emulated webhooks: each provider's inbound payload gets
 * the identifiers and the click-to-WhatsApp referral the way that provider documents them.
 *
 * - Meta / CleverTap: `messages[].from` only when the customer shares a number, `from_user_id`, and
 *   `contacts[]{ wa_id?, user_id, profile{ name, username? } }`
 *   (https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids);
 *   `messages[].referral` (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/text/).
 * - Vonage v1: `from` is the number or the BSUID, `profile.username`, `whatsapp.referral`
 *   (https://developer.vonage.com/en/messages/guides/handling-whatsapp-usernames-and-bsuids); v0.1 has no BSUID.
 * - Gupshup v2: `sender.userId` (https://partner-docs.gupshup.io/docs/bsuid).
 * @module
 */

import { isRecord } from '../../core/record.js';
import type { InboundInput } from '../provider.js';
import type { SandboxReferral } from '../types.js';

/** Meta's `referral` object. */
function metaReferral(r: SandboxReferral): Record<string, unknown> {
  const out: Record<string, unknown> = {
    source_url: r.sourceUrl,
    source_id: r.sourceId,
    source_type: r.sourceType,
  };
  if (r.headline !== undefined) out.headline = r.headline;
  if (r.body !== undefined) out.body = r.body;
  if (r.mediaType !== undefined) out.media_type = r.mediaType;
  if (r.imageUrl !== undefined) out.image_url = r.imageUrl;
  if (r.videoUrl !== undefined) out.video_url = r.videoUrl;
  if (r.ctwaClid !== undefined) out.ctwa_clid = r.ctwaClid;
  return out;
}

/** Rewrites a Cloud API inbound payload (one change, one message, one contact) for the customer's identifiers. */
export function withCloudIdentity(
  payload: Record<string, unknown>,
  input: InboundInput,
): Record<string, unknown> {
  const entry = Array.isArray(payload.entry) ? payload.entry[0] : undefined;
  const change = isRecord(entry) && Array.isArray(entry.changes) ? entry.changes[0] : undefined;
  const value = isRecord(change) && isRecord(change.value) ? change.value : undefined;
  const message = value && Array.isArray(value.messages) ? value.messages[0] : undefined;
  const contact = value && Array.isArray(value.contacts) ? value.contacts[0] : undefined;
  if (!isRecord(message) || !isRecord(contact)) return payload;
  if (input.phone === undefined) {
    delete message.from;
    delete contact.wa_id;
  }
  if (input.userId !== undefined) {
    message.from_user_id = input.userId;
    contact.user_id = input.userId;
  }
  if (input.username !== undefined && isRecord(contact.profile)) contact.profile.username = input.username;
  if (input.referral !== undefined) message.referral = metaReferral(input.referral);
  return payload;
}

/** Rewrites a Vonage inbound payload: v1 takes a BSUID in `from`; v0.1 cannot carry one. */
export function withVonageIdentity(
  payload: Record<string, unknown>,
  input: InboundInput,
  version: 'v1' | 'v0.1',
): Record<string, unknown> {
  if (version === 'v0.1') {
    if (input.phone === undefined)
      throw new RangeError(
        'inbound(): Vonage v0.1 webhooks carry no BSUID; give the customer a phone, or use v1',
      );
    return payload;
  }
  if (input.phone === undefined && input.userId !== undefined) payload.from = input.userId;
  if (input.username !== undefined && isRecord(payload.profile)) payload.profile.username = input.username;
  if (input.referral !== undefined) payload.whatsapp = { referral: metaReferral(input.referral) };
  return payload;
}

/** Rewrites a Gupshup v2 inbound payload: `sender.userId`, and the BSUID as `source` when there is no number. */
export function withGupshupIdentity(
  payload: Record<string, unknown>,
  input: InboundInput,
): Record<string, unknown> {
  const inner = isRecord(payload.payload) ? payload.payload : undefined;
  const sender = inner && isRecord(inner.sender) ? inner.sender : undefined;
  if (!inner || !sender) return payload;
  if (input.userId !== undefined) sender.userId = input.userId;
  if (input.phone === undefined) {
    delete sender.phone;
    delete sender.country_code;
    delete sender.dial_code;
  }
  return payload;
}
