/**
 * The small structural interfaces the base client needs from a quota tracker and a conversation-window tracker,
 * and the send guard that consults them ({@link conversationGuard}: an ordinary send guard, run after the ones
 * added with `addSendGuard`). `waba-kit/quota` implements these shapes; core never imports it, so a client that
 * uses neither pays for neither.
 * @module
 */
import { ConfigError, QuotaExceededError, WindowClosedError } from './errors.js';
import type { WhatsAppEventMap } from './events.js';
import { identitiesOf } from './identity.js';
import type { PreparedMessage } from './message.js';
import type { ProviderId } from './provider.js';
import { maskPhone } from './redact.js';
import type { MessageEvent } from './webhook-event.js';

/**
 * Options of {@link QuotaGate.acquire} (and of `QuotaTracker.acquire` in `waba-kit/quota`).
 * @inline
 */
export interface AcquireOptions {
  /** Decision time. Default: now. */
  at?: Date | number | undefined;
  /** The recipient is inside an open customer-service window: allowed and not counted. */
  conversationOpen?: boolean | undefined;
}

/**
 * What a quota tracker answers for one recipient: the one decision type of `QuotaGate.acquire` and
 * `QuotaTracker.acquire` (`waba-kit/quota` exports it).
 */
export interface QuotaDecision {
  /** The message may be sent. */
  allowed: boolean;
  /** This decision used up one unique-recipient slot of the budget. */
  counted: boolean;
  /** Unique recipients counted in the moving window, after this decision. */
  used: number;
  /** The tier limit (`Infinity` for unlimited). */
  limit: number;
  /** `limit - used`, never negative. */
  remaining: number;
  /** When refused: when the oldest counted recipient leaves the window and a slot frees up. */
  retryAt?: Date | undefined;
}

/**
 * A quota tracker as the client sees it: `createQuotaTracker()` returns one.
 * @inline
 */
export interface QuotaGate {
  /** Decides whether a business-initiated message to `recipient` fits the budget, counting it when it does. */
  acquire(recipient: string, options?: AcquireOptions): Promise<QuotaDecision>;
  /**
   * Changes the limit (a number, `Infinity` for unlimited): Meta and CleverTap clients call it when a webhook they
   * dispatch announces a new messaging limit. Optional: a gate without it keeps its limit.
   */
  setLimit?(limit: number): Promise<void>;
  /** Subscribes to the tracker's events so the client can re-emit them. */
  on?(event: 'quota.warning', listener: (payload: WhatsAppEventMap['quota.warning']) => unknown): unknown;
  /** Subscribes to refusals. */
  on?(event: 'quota.exceeded', listener: (payload: WhatsAppEventMap['quota.exceeded']) => unknown): unknown;
  /** Subscribes to store-failure warnings (`failOpen`). */
  on?(event: 'warning', listener: (payload: WhatsAppEventMap['warning']) => unknown): unknown;
}

/**
 * A conversation-window tracker as the client sees it: `createConversationWindowTracker()` returns one.
 * @inline
 */
export interface WindowGate {
  /** Records a message from `user`, opening (or refreshing) the customer-service window. */
  recordInbound(
    user: string,
    at?: Date | number | undefined,
    options?: { freeEntryPoint?: boolean | undefined },
  ): Promise<unknown>;
  /** True while the window with `user` is open. */
  isOpen(user: string, at?: Date | number | undefined): Promise<boolean>;
  /** When the window with `user` closes (or closed); `undefined` when never opened or long forgotten. */
  expiresAt(user: string): Promise<Date | undefined>;
}

/** True when `value` has the shape of a {@link QuotaGate}. */
export function isQuotaGate(value: unknown): value is QuotaGate {
  return typeof value === 'object' && value !== null && typeof (value as QuotaGate).acquire === 'function';
}

/** True when `value` has the shape of a {@link WindowGate}. */
export function isWindowGate(value: unknown): value is WindowGate {
  const v = value as WindowGate | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.recordInbound === 'function' &&
    typeof v.isOpen === 'function' &&
    typeof v.expiresAt === 'function'
  );
}

/**
 * Reads the `quota` and `window` config keys. Absent keys give `undefined`; anything else that is not a tracker
 * is refused with a {@link ConfigError} that says how to build one.
 */
export function resolveGates(
  config: { quota?: unknown; window?: unknown },
  provider: ProviderId,
): { quota: QuotaGate | undefined; window: WindowGate | undefined } {
  const { quota, window } = config;
  if (quota !== undefined && !isQuotaGate(quota)) {
    throw new ConfigError(
      'Invalid quota: expected a quota tracker. Build one with createQuotaTracker({ tier }) from waba-kit/quota and pass it as `quota`.',
      {
        provider,
        issues: [
          {
            code: 'config.quota',
            path: ['quota'],
            message: 'expected a quota tracker (createQuotaTracker from waba-kit/quota)',
          },
        ],
      },
    );
  }
  if (window !== undefined && !isWindowGate(window)) {
    throw new ConfigError(
      'Invalid window: expected a conversation-window tracker. Build one with createConversationWindowTracker() from waba-kit/quota and pass it as `window`.',
      {
        provider,
        issues: [
          {
            code: 'config.window',
            path: ['window'],
            message:
              'expected a conversation-window tracker (createConversationWindowTracker from waba-kit/quota)',
          },
        ],
      },
    );
  }
  return { quota, window };
}

/** What a {@link SendGuard} is told besides the message. */
export interface SendGuardContext {
  /** The provider of the client that sends. */
  provider: ProviderId;
  /** The send's abort signal, when the caller gave one: a guard that waits (a rate limiter) should honour it. */
  signal?: AbortSignal | undefined;
}

/**
 * A check run before every send, after validation, normalisation and the wire mapping, and before any request.
 * It throws to refuse (the error is the send's error, and `message.failed` is emitted with it) and may wait (a
 * shared rate limiter). The client's own guards (the `quota` and `window` config keys, checked by one internal
 * guard) are guards like any other; they run after the ones added with `addSendGuard`, so
 * a refusal by another guard never uses up a quota slot.
 */
export type SendGuard = (message: PreparedMessage, context: SendGuardContext) => void | Promise<void>;

/**
 * The send guard of the `quota` and `window` config keys:
 * - a free-form (non-template) message to a user whose window is closed throws {@link WindowClosedError}
 *   (providers refuse it anyway: Meta 131047, Vonage 1340, Gupshup 470);
 * - a template goes through `quota.acquire()`, as not counted when the window is open, and throws
 *   {@link QuotaExceededError} with `retryAt` when refused.
 *
 * `settle` is awaited first when given: the client passes the window recordings of webhooks it is still
 * processing, so a reply to a message that just arrived sees the window open. `customerKey` maps a recipient to
 * the key the quota counts it under (the client passes the BSUID it learned for a phone, so one customer counts
 * once whether a template goes to the phone or the BSUID).
 */
export function conversationGuard(
  gates: { quota?: QuotaGate | undefined; window?: WindowGate | undefined },
  settle?: () => Promise<unknown>,
  customerKey: (to: string) => string = (to) => to,
): SendGuard {
  const { quota, window } = gates;
  return async (message, { provider }) => {
    const freeForm = message.type !== 'template';
    if (freeForm ? !window : !quota) return;
    await settle?.();
    const open = window ? await window.isOpen(message.to) : undefined;
    if (freeForm) {
      if (open === false && window) {
        const closedAt = await window.expiresAt(message.to);
        throw new WindowClosedError(
          `Cannot send a free-form ${message.type} message to ${maskPhone(message.to)}: the 24 h customer-service window is closed${closedAt ? ` (it closed at ${closedAt.toISOString()})` : ' (the user has not written)'}. Send an approved template instead; it reopens the conversation.`,
          { provider, closedAt },
        );
      }
      return;
    }
    if (!quota) return;
    const decision = await quota.acquire(customerKey(message.to), { conversationOpen: open === true });
    if (!decision.allowed) {
      throw new QuotaExceededError(
        `Messaging limit reached: ${decision.used} of ${decision.limit} unique users were messaged outside a customer-service window in the last 24 h, so the template to ${maskPhone(message.to)} was not sent${decision.retryAt ? `. A slot frees up at ${decision.retryAt.toISOString()}` : ''}.`,
        { provider, retryAt: decision.retryAt, limit: decision.limit, used: decision.used },
      );
    }
  };
}

/**
 * Opens the window for every inbound message, under every identifier the message carries (phone, BSUID, parent
 * BSUID: one customer, so a send to any of them finds the window open). A message from a click-to-WhatsApp ad
 * (`referral`) opens the 72 h free entry point. Other events are ignored.
 */
export function recordInboundEvents(
  window: WindowGate,
  events: readonly { kind: string }[],
): Promise<unknown>[] {
  const pending: Promise<unknown>[] = [];
  for (const event of events) {
    if (event.kind !== 'message') continue;
    const m = event as MessageEvent;
    const options = m.referral ? { freeEntryPoint: true } : undefined;
    for (const id of identitiesOf(m)) pending.push(window.recordInbound(id, m.timestamp, options));
  }
  return pending;
}

/**
 * Symbol under which a client exposes an emitter for its own events to helpers such as `broadcast()`
 * (`broadcast.progress`). Registered with `Symbol.for`, so two copies of the library agree on it.
 */
export const EMIT_EVENT: unique symbol = Symbol.for('waba-kit.client.emit');

/** Emits a client event on behalf of a helper. */
export type EmitEvent = <K extends keyof WhatsAppEventMap>(event: K, payload: WhatsAppEventMap[K]) => void;
