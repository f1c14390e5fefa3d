/**
 * Who a customer is. WhatsApp users are addressed by phone number or by business-scoped user id (BSUID): Meta adds
 * a BSUID to every messages webhook since April 2026, and a user who adopts a username may arrive with no phone
 * number at all. A BSUID is the user's ISO 3166 alpha-2 country code, a period and up to 128 alphanumeric
 * characters (`US.13491208655302741918`); a parent BSUID, shared by linked business portfolios, has `ENT.` after
 * the country (`US.ENT.11815799212886844830`).
 *
 * Sources: https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids
 * (read through its public mirrors, e.g. https://whatsapp-docs.kap.so/documentation/whatsapp/business-scoped-user-ids),
 * https://learn.microsoft.com/azure/communication-services/concepts/advanced-messaging/whatsapp/whatsapp-username-support-overview
 * (the format rule), https://developer.vonage.com/en/messages/guides/handling-whatsapp-usernames-and-bsuids
 * ("always include the full value - country code prefix, period, and all alphanumeric characters").
 * @module
 */
import { ValidationError } from './errors.js';
import { normalizePhone } from './phone.js';
import { maskPhone } from './redact.js';
import type { WebhookEvent } from './webhook-event.js';

const BSUID = /^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/;

/**
 * True when `value` has the format of a business-scoped user id or parent id (`US.13491208655302741918`,
 * `US.ENT.11815799212886844830`). Checks the format only, not that the id exists.
 */
export function isBsuid(value: unknown): boolean {
  return typeof value === 'string' && BSUID.test(value);
}

/**
 * The stable key of the customer an event is about: the BSUID when the event carries one, else the phone number
 * (or, for a status, the recipient as the provider reported it). Key windows, CRMs and dedupe tables on it.
 * `undefined` for events that are not about one customer (templates, account, billing, unknown).
 *
 * @example
 * ```ts
 * client.on('message.received', ({ event }) => crm.upsert(identityOf(event), event));
 * ```
 */
export function identityOf(event: WebhookEvent): string | undefined {
  switch (event.kind) {
    case 'message':
      return event.userId ?? event.from ?? event.parentUserId;
    case 'status':
      return event.recipientUserId ?? event.recipient;
    case 'user':
      return event.userId ?? event.phone ?? event.parentUserId;
  }
  return undefined;
}

/**
 * Every identifier an event carries for its customer (phone, BSUID, parent BSUID), without duplicates. When a
 * payload carries several, they are one customer: a window opened by a message with both a phone and a BSUID is
 * open for a send to either.
 */
export function identitiesOf(event: WebhookEvent): string[] {
  const out: string[] = [];
  for (const id of identifiersOf(event)) if (id !== undefined && id !== '' && !out.includes(id)) out.push(id);
  return out;
}

/** The identifier fields of the event kinds that are about one customer, in {@link identityOf}'s order. */
function identifiersOf(event: WebhookEvent): (string | undefined)[] {
  switch (event.kind) {
    case 'message':
      return [event.userId, event.from, event.parentUserId];
    case 'status':
      return [event.recipientUserId, event.recipient];
    case 'user':
      return [event.userId, event.phone, event.parentUserId];
  }
  return [];
}

/**
 * Normalises a recipient: a phone number becomes E.164 with `+` (see `normalizePhone`), a BSUID is kept exactly
 * (it is case-sensitive). A value with letters that is not a well-formed BSUID throws {@link ValidationError}
 * with code `recipient.invalid`; a malformed number throws code `phone.invalid`.
 */
export function normalizeRecipient(input: string, path: (string | number)[] = ['to']): string {
  if (typeof input === 'string' && /[A-Za-z]/.test(input)) {
    const id = input.trim();
    if (BSUID.test(id)) return id;
    const message = `Invalid recipient ${maskPhone(id)}: it is neither a phone number nor a business-scoped user id. Use the full international number (+447700900123) or the BSUID exactly as the webhook reported it: country code, a period and its letters and digits (US.13491208655302741918).`;
    throw new ValidationError(message, { issues: [{ code: 'recipient.invalid', path, message }] });
  }
  return normalizePhone(input, path);
}

/** Most phone-to-BSUID links a client remembers; the oldest are forgotten first. */
const ALIAS_CAP = 10_000;

/**
 * Links between the identifiers of one customer, learned from webhook events that carry several (a message or a
 * status with both a phone and a BSUID). A client uses it to count a customer once in its quota whichever
 * identifier a send uses: `keyOf(to)` is the customer's BSUID when a link is known, else `to`. Bounded (10 000
 * links, oldest forgotten first), so memory stays flat on a busy number.
 * @internal
 */
export class IdentityAliases {
  /** Phone digits (or a parent BSUID) -> the customer's BSUID. */
  readonly #links = new Map<string, string>();

  /** Learns the links of every event that names a customer by more than one identifier. */
  learn(events: readonly WebhookEvent[]): void {
    for (const event of events) {
      const found = identityOf(event);
      // Only a BSUID is a key; an event with one identifier (the key itself) links nothing.
      if (!isBsuid(found)) continue;
      const key = found as string;
      for (const id of identitiesOf(event)) {
        if (id === key) continue;
        const alias = phoneDigits(id);
        this.#links.delete(alias);
        this.#links.set(alias, key);
        if (this.#links.size > ALIAS_CAP) this.#links.delete(this.#links.keys().next().value as string);
      }
    }
  }

  /** The customer key of a recipient: its BSUID when a link is known, else the recipient itself. */
  keyOf(to: string): string {
    return this.#links.get(phoneDigits(to)) ?? to;
  }
}

/** `id` without the `+` of E.164 (webhooks report numbers without it, sends may use it). */
function phoneDigits(id: string): string {
  return id.startsWith('+') ? id.slice(1) : id;
}
