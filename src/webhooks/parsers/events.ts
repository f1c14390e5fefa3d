/**
 * Event builders the wire-format parsers share: the `unknown` and `account` events every format emits, the head
 * of a status event and its conversation summary, template-status updates, marketing preferences and billing
 * events. Each parser reads its own field names and passes the values; what is built from them, and in which key
 * order, is written once here.
 * @module
 */
import type {
  AccountEvent,
  BillingEvent,
  DeliveryStatus,
  StatusEvent,
  TemplateStatusEvent,
  UnknownEvent,
  UserEvent,
  WebhookEvent,
} from '../../core/webhook-event.js';
import type { ParseContext } from './context.js';
import { readPricing } from './inbound-extras.js';
import { asRecord, compact, mapStatus, str } from './util.js';

/** The event for a payload (or a part of one) in no shape a parser knows: its data is kept as `raw`. */
export function unknownEvent(ctx: ParseContext, raw: unknown): UnknownEvent {
  return { kind: 'unknown', provider: ctx.provider, raw };
}

/** An `account` event: a change about the business account rather than one message. */
export function accountEvent(ctx: ParseContext, event: string, detail: unknown, raw: unknown): AccountEvent {
  return { kind: 'account', provider: ctx.provider, event, detail, raw };
}

/**
 * The head of a status event, field by field in the order of the type (no literal with undefined values to
 * copy: this runs once per status of a batch of up to thousands): the message, its recipient, the status
 * mapped through `table` and verbatim, its time, and the error when `failed` (its code `unknown` when none is
 * given). The parser adds what its format carries after that and `raw` last.
 */
export function statusEvent(
  ctx: ParseContext,
  messageId: string,
  recipient: string | undefined,
  recipientUserId: string | undefined,
  providerStatus: string,
  table: Readonly<Record<string, DeliveryStatus>>,
  timestamp: Date,
  failed: unknown,
  code: string | undefined,
  reason: string | undefined,
): StatusEvent {
  const event = { kind: 'status', provider: ctx.provider, messageId } as StatusEvent;
  // Each optional field under its own name, only when present: a named store per field. (A shared
  // `put(target, key, value)` helper made every store a keyed one across all the shapes it sees, a fifth of the
  // time of building a batch's events in a profile.)
  if (recipient !== undefined) event.recipient = recipient;
  if (recipientUserId !== undefined) event.recipientUserId = recipientUserId;
  event.status = mapStatus(providerStatus, table);
  event.providerStatus = providerStatus;
  event.timestamp = timestamp;
  if (failed) event.error = compact({ code: code ?? 'unknown', reason });
  return event;
}

/**
 * Sets a status's `conversation` summary (its id, the pricing category or else the conversation's, when it
 * expires) when the payload has a conversation or pricing block and the summary is not empty, then its `pricing`.
 */
export function putCharges(
  event: StatusEvent,
  conversation: Record<string, unknown> | undefined,
  pricing: Record<string, unknown> | undefined,
  conversationCategory: string | undefined,
  expiresAt?: Date,
): void {
  if (conversation || pricing) {
    const id = str(conversation?.id);
    const category = str(pricing?.category) ?? conversationCategory;
    // Only what is there (no object built and then found empty), each field under its own name.
    if (id || category || expiresAt) {
      const summary: NonNullable<StatusEvent['conversation']> = {};
      if (id !== undefined) summary.id = id;
      if (category !== undefined) summary.category = category;
      if (expiresAt !== undefined) summary.expiresAt = expiresAt;
      event.conversation = summary;
    }
  }
  const priced = readPricing(pricing);
  if (priced !== undefined) event.pricing = priced;
}

/** The ids and details a template update carries besides its kind and status. */
type TemplateDetails = Pick<
  TemplateStatusEvent,
  'templateId' | 'name' | 'language' | 'reason' | 'previousQuality' | 'previousCategory'
>;

/**
 * A `template-status` event: `update` says what changed and `status` is the new value, upper-cased (`UNKNOWN` when
 * the payload names none).
 */
export function templateEvent(
  ctx: ParseContext,
  raw: unknown,
  update: NonNullable<TemplateStatusEvent['update']>,
  status: string | undefined,
  { templateId, name, language, ...details }: TemplateDetails,
): TemplateStatusEvent {
  return compact({
    kind: 'template-status' as const,
    provider: ctx.provider,
    templateId,
    name,
    language,
    raw,
    update,
    status: (status ?? 'UNKNOWN').toUpperCase(),
    ...details,
  });
}

/** A `user` event: something about one customer (a preference, a new number or user id). */
export function userEvent(
  ctx: ParseContext,
  raw: unknown,
  phone: string | undefined,
  userId: string | undefined,
  parentUserId: string | undefined,
  event: UserEvent['event'],
  previous?: UserEvent['previous'],
): UserEvent {
  return compact({
    kind: 'user' as const,
    provider: ctx.provider,
    phone,
    userId,
    parentUserId,
    event,
    previous,
    raw,
  });
}

/**
 * The `user` event of one marketing preference (`value` `stop` or `resume`; another word is kept as it is), or an
 * `unknown` one when it names no customer or no word.
 */
export function preferenceEvent(
  ctx: ParseContext,
  raw: unknown,
  phone: string | undefined,
  userId: string | undefined,
  parentUserId: string | undefined,
): WebhookEvent {
  const word = str(asRecord(raw)?.value)?.toLowerCase();
  if ((!phone && !userId) || !word) return unknownEvent(ctx, raw);
  const event = word === 'stop' ? 'marketing-stop' : word === 'resume' ? 'marketing-resume' : word;
  return userEvent(ctx, raw, phone, userId, parentUserId, event);
}

/** A `billing` event from a block with `references{gsId | id}` and `deductions{category | type}` (Gupshup). */
export function billingEvent(
  ctx: ParseContext,
  billing: Record<string, unknown>,
  raw: unknown,
): BillingEvent {
  const references = asRecord(billing.references);
  const deductions = asRecord(billing.deductions);
  return compact({
    kind: 'billing' as const,
    provider: ctx.provider,
    messageId: str(references?.gsId) ?? str(references?.id),
    category: str(deductions?.category) ?? str(deductions?.type),
    raw,
  });
}
