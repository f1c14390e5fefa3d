/**
 * The customer-service window: free-form messages may be sent to a user only within 24 hours of the user's last
 * message; a conversation opened from a free entry point (Click-to-WhatsApp ad, Facebook Page call-to-action)
 * stays free for 72 hours. Outside it only templates go through (Meta 131047, Vonage 1340, Gupshup 470).
 * Facts: https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/send-messages#customer-service-windows
 * and https://developers.facebook.com/documentation/business-messaging/whatsapp/pricing
 * @module
 */
import { ConfigError } from '../core/errors.js';
import { recipientKey } from './recipient.js';
import type { QuotaStore } from './store.js';
import { MemoryQuotaStore } from './stores/memory.js';
import { type Clock, DAY_MS, systemClock, toMillis } from './time.js';
import { withTimeout } from './tracker.js';

/** The customer-service window: 24 h after the user's last message. */
export const SERVICE_WINDOW_MS = DAY_MS;
/** The free-entry-point window: 72 h. */
export const FREE_ENTRY_POINT_WINDOW_MS = 3 * DAY_MS;

/**
 * Options of {@link createConversationWindowTracker}.
 * @inline
 */
export interface ConversationWindowTrackerOptions {
  /** Where windows live. Default: a new {@link MemoryQuotaStore}; the Redis store shares them across processes. */
  store?: QuotaStore | undefined;
  /** Clock, epoch milliseconds. Default `Date.now`. */
  clock?: Clock | undefined;
  /** Namespace in the store, e.g. the business phone number (a window is per user and business number). */
  scope?: string | undefined;
  /** Longest wait for the store; a slower store throws `QuotaStoreError`. Default 2 000 ms. */
  storeTimeoutMs?: number | undefined;
}

/**
 * Options of {@link ConversationWindowTracker.recordInbound}.
 * @inline
 */
export interface RecordInboundOptions {
  /** The user came from a free entry point (Click-to-WhatsApp ad, Page CTA): the window lasts 72 h. */
  freeEntryPoint?: boolean | undefined;
}

/** A conversation-window tracker; see {@link createConversationWindowTracker}. Pass it to a client as `window`. */
export interface ConversationWindowTracker {
  /** The namespace in the store. */
  readonly scope: string;
  /**
   * Records a message from `user` at `at` (default now): the window is open until `at` + 24 h (72 h from a free
   * entry point). A later expiry already recorded is never shortened. Resolves with the window's expiry.
   */
  recordInbound(user: string, at?: Date | number, options?: RecordInboundOptions): Promise<Date>;
  /** True while the window with `user` is open at `at` (default now). The window closes at its expiry, exactly. */
  isOpen(user: string, at?: Date | number): Promise<boolean>;
  /** When the window with `user` closes or closed; `undefined` when the user never wrote (or is forgotten). */
  expiresAt(user: string): Promise<Date | undefined>;
}

/**
 * Creates a conversation-window tracker. A client given it (`window`) opens windows from the inbound messages
 * its webhook path parses, and refuses free-form messages to users whose window is closed with
 * `WindowClosedError` before any request.
 *
 * @example
 * ```ts
 * const window = createConversationWindowTracker();
 * await window.recordInbound('+447700900123', new Date('2026-05-01T10:00:00Z'));
 * await window.isOpen('+447700900123', new Date('2026-05-02T09:59:59Z')); // true
 * await window.isOpen('+447700900123', new Date('2026-05-02T10:00:00Z')); // false: 24 h exactly
 * ```
 */
export function createConversationWindowTracker(
  options: ConversationWindowTrackerOptions = {},
): ConversationWindowTracker {
  const store = options.store ?? new MemoryQuotaStore();
  const clock = options.clock ?? systemClock;
  const scope = options.scope ?? 'default';
  if (typeof scope !== 'string' || scope === '') {
    throw new ConfigError('Invalid scope: expected a non-empty string, e.g. the business phone number.', {
      issues: [{ code: 'window.scope_invalid', path: ['scope'], message: 'expected a non-empty string' }],
    });
  }
  const timeoutMs = options.storeTimeoutMs ?? 2_000;
  return {
    scope,
    async recordInbound(user, at, recordOptions = {}) {
      const key = recipientKey(user, 'user');
      const since = toMillis(at, clock);
      const length = recordOptions.freeEntryPoint ? FREE_ENTRY_POINT_WINDOW_MS : SERVICE_WINDOW_MS;
      const expiresAt = await withTimeout(
        'openWindow',
        () => store.openWindow({ scope, user: key, expiresAt: since + length, now: clock() }),
        timeoutMs,
      );
      return new Date(expiresAt);
    },
    async isOpen(user, at) {
      const now = toMillis(at, clock);
      const expiry = await withTimeout(
        'windowExpiry',
        () => store.windowExpiry({ scope, user: recipientKey(user, 'user') }),
        timeoutMs,
      );
      return expiry !== undefined && now < expiry;
    },
    async expiresAt(user) {
      const expiry = await withTimeout(
        'windowExpiry',
        () => store.windowExpiry({ scope, user: recipientKey(user, 'user') }),
        timeoutMs,
      );
      return expiry === undefined ? undefined : new Date(expiry);
    },
  };
}
