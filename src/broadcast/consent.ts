/**
 * Consent: only opted-in users are messaged. As in the seeds (CleverTap keeps every profile opted out of WhatsApp
 * until told otherwise), a user is opted out unless a predicate or store says otherwise.
 * @module
 */
import { identitiesOf } from '../core/identity.js';
import type { WebhookEvent } from '../core/webhook-event.js';
import { recipientKey } from '../quota/recipient.js';

/** Anything that answers "has this user opted in?". */
export interface ConsentStore {
  /** True when `phone` has opted in. */
  isOptedIn(phone: string): boolean | Promise<boolean>;
}

/**
 * A consent predicate, given the normalised phone (`+E.164`) and the recipient as you passed it.
 * @inline
 */
export type ConsentPredicate<R> = (phone: string, recipient: R) => boolean | Promise<boolean>;

/**
 * A predicate or a store.
 * @inline
 */
export type ConsentCheck<R> = ConsentPredicate<R> | ConsentStore;

/** Asks a predicate or a store. */
export function hasConsent<R>(
  check: ConsentCheck<R>,
  phone: string,
  recipient: R,
): boolean | Promise<boolean> {
  return typeof check === 'function' ? check(phone, recipient) : check.isOptedIn(phone);
}

/**
 * The in-memory store of {@link createConsentStore}.
 * @inline
 */
export interface MemoryConsentStore extends ConsentStore {
  /** Records an opt-in. */
  optIn(phone: string): void;
  /** Records an opt-out. */
  optOut(phone: string): void;
  /**
   * Applies opt-in / opt-out user events from webhooks (`opted-in`, `opted-out`, `marketing-stop`,
   * `marketing-resume`) to every identifier the event carries: a user known by phone and BSUID is opted in (or
   * out) under both, so a later send to either is decided alike.
   */
  record(event: WebhookEvent): void;
  /** Number of opted-in identifiers (a user recorded under a phone and a BSUID counts once per identifier). */
  readonly size: number;
}

/**
 * An in-memory consent store, everyone opted out until opted in.
 *
 * @example
 * ```ts
 * const consent = createConsentStore(['+447700900123']);
 * // Keep it current from webhooks (user events: opted-in, opted-out, marketing-stop, marketing-resume).
 * const handler = createWebhookHandler({ provider: 'gupshup', on: { user: (event) => consent.record(event) } });
 * await broadcast(client, recipients, build, { consent });
 * ```
 */
export function createConsentStore(optedIn: Iterable<string> = []): MemoryConsentStore {
  const users = new Set<string>();
  for (const phone of optedIn) users.add(recipientKey(phone, 'phone'));
  return {
    isOptedIn: (phone) => users.has(recipientKey(phone, 'phone')),
    optIn: (phone) => {
      users.add(recipientKey(phone, 'phone'));
    },
    optOut: (phone) => {
      users.delete(recipientKey(phone, 'phone'));
    },
    record(event) {
      if (event.kind !== 'user') return;
      const optIn = event.event === 'opted-in' || event.event === 'marketing-resume';
      const optOut = event.event === 'opted-out' || event.event === 'marketing-stop';
      if (!optIn && !optOut) return;
      for (const id of identitiesOf(event)) {
        if (optIn) users.add(recipientKey(id, 'phone'));
        else users.delete(recipientKey(id, 'phone'));
      }
    },
    get size() {
      return users.size;
    },
  };
}
