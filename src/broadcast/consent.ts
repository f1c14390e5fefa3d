/**
 * Consent: only opted-in users are messaged. As in the seeds (CleverTap keeps every profile opted out of WhatsApp
 * until told otherwise), a user is opted out unless a predicate or store says otherwise.
 * @module
 */
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
  /** Applies opt-in / opt-out user events from webhooks (`opted-in`, `opted-out`, `marketing-stop`, `marketing-resume`). */
  record(event: WebhookEvent): void;
  /** Number of opted-in users. */
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
      if (event.event === 'opted-in' || event.event === 'marketing-resume')
        users.add(recipientKey(event.phone, 'phone'));
      else if (event.event === 'opted-out' || event.event === 'marketing-stop') {
        users.delete(recipientKey(event.phone, 'phone'));
      }
    },
    get size() {
      return users.size;
    },
  };
}
