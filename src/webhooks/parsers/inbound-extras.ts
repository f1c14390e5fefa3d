/**
 * Readers for the parts of inbound payloads that several wire formats carry alike: click-to-WhatsApp referrals,
 * the pricing block of a status, and the JSON answer of a WhatsApp Flow.
 *
 * Sources: referral fields (Meta `messages[].referral`, which Vonage v1 passes on as `whatsapp.referral`):
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/text/
 * and whatsapp-api-js `src/types.ts` (`ServerMessage.referral`); pricing (Meta `statuses[].pricing`, Vonage v1
 * `whatsapp.pricing`, Gupshup v2 `payload.pricing` with `policy` for the model):
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/status/ ,
 * https://developer.vonage.com/en/messages/guides/handling-whatsapp-usernames-and-bsuids ,
 * https://partner-docs.gupshup.io/docs/pmp-events-1 ; flow replies (`nfm_reply.response_json` is a JSON string):
 * https://developers.facebook.com/docs/whatsapp/flows/guides/receiveflowresponse .
 * @module
 */
import type { Referral, StatusPricing } from '../../core/webhook-event.js';
import { asRecord, compactOrUndefined, str } from './util.js';

/** Reads a referral object (`source_url`, `source_id`, `source_type`, `headline`, `body`, media, `ctwa_clid`). */
export function readReferral(referral: Record<string, unknown> | undefined): Referral | undefined {
  if (!referral) return undefined;
  return compactOrUndefined({
    sourceUrl: str(referral.source_url),
    sourceId: str(referral.source_id),
    sourceType: str(referral.source_type),
    headline: str(referral.headline),
    body: str(referral.body),
    mediaType: str(referral.media_type),
    imageUrl: str(referral.image_url),
    videoUrl: str(referral.video_url),
    thumbnailUrl: str(referral.thumbnail_url),
    ctwaClid: str(referral.ctwa_clid),
  });
}

/** `true`/`false`, also when sent as the strings `"true"`/`"false"`. */
function bool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/** Reads a pricing block: `billable`, `category`, `pricing_model` (Gupshup: `policy`) and `type`. */
export function readPricing(pricing: unknown): StatusPricing | undefined {
  const p = asRecord(pricing);
  if (!p) return undefined;
  const billable = bool(p.billable);
  const category = str(p.category);
  const model = str(p.pricing_model) ?? str(p.policy) ?? str(p.model);
  const type = str(p.type);
  if (billable === undefined && category === undefined && model === undefined && type === undefined)
    return undefined;
  // Each field under its own name, only when present: this runs once per status of a batch of up to thousands.
  const out: StatusPricing = {};
  if (billable !== undefined) out.billable = billable;
  if (category !== undefined) out.category = category;
  if (model !== undefined) out.model = model;
  if (type !== undefined) out.type = type;
  return out;
}

/**
 * Parses a flow's `response_json` (a JSON string, or an object some BSPs pass already parsed). Returns the object,
 * or `undefined` when it is absent, not JSON, or not a JSON object; never throws.
 */
export function readFlowResponse(response: unknown): Record<string, unknown> | undefined {
  if (typeof response !== 'string') return asRecord(response);
  try {
    return asRecord(JSON.parse(response));
    // Stryker disable next-line BlockStatement: an empty catch block returns undefined as well
  } catch {
    return undefined;
  }
}
