/**
 * Campaign statistics as the seeds report them: sent, delivered, viewed (read), replied, errors and control
 * group. Fold sends, status webhooks and inbound messages into one; statuses arriving out of order (read before
 * delivered) or twice are counted once.
 * @module
 */
import type { WhatsAppEventMap } from '../core/events.js';
import { identitiesOf } from '../core/identity.js';
import type { SendResult } from '../core/result.js';
import type { StatusPricing, WebhookEvent } from '../core/webhook-event.js';
import { recipientKey } from '../quota/recipient.js';

/**
 * The counters.
 * @inline
 */
export interface CampaignStatsSnapshot {
  /** Messages accepted by the provider. */
  sent: number;
  /** Messages delivered to the user's WhatsApp (read implies delivered). */
  delivered: number;
  /** Messages the user has viewed (read receipts). */
  viewed: number;
  /** Replies users sent to the business after receiving a campaign message. */
  replied: number;
  /** Sends that failed, at once or later by status webhook. */
  errors: number;
  /** Users held out as the control group. */
  controlGroup: number;
  /**
   * Campaign messages the provider reported as charged, per pricing category (`marketing`, `utility`...), each
   * message counted once. A status counts when its `pricing.billable` is true or, where the provider dropped
   * `billable` (Meta deprecates it under per-message pricing), when its `pricing.type` is `regular`. Category
   * `unknown` when the status names none.
   */
  billable: Record<string, number>;
}

/**
 * Something whose events the stats can follow: a client.
 * @inline
 */
export interface StatsSource {
  /** Subscribes to delivery statuses. */
  on(event: 'message.status', listener: (payload: WhatsAppEventMap['message.status']) => unknown): unknown;
  /** Subscribes to inbound messages (replies). */
  on(
    event: 'message.received',
    listener: (payload: WhatsAppEventMap['message.received']) => unknown,
  ): unknown;
  /** Unsubscribes from delivery statuses. */
  off(event: 'message.status', listener: (payload: WhatsAppEventMap['message.status']) => unknown): unknown;
  /** Unsubscribes from inbound messages. */
  off(
    event: 'message.received',
    listener: (payload: WhatsAppEventMap['message.received']) => unknown,
  ): unknown;
}

/** Campaign statistics; see {@link createCampaignStats}. */
export interface CampaignStats {
  /** Records a successful send. May return a promise (the Redis stats do): await it. */
  recordSent(result: SendResult): void | Promise<void>;
  /** Records a send that failed before or at the provider. May return a promise: await it. */
  recordError(recipient?: string): void | Promise<void>;
  /** Records a user held out as the control group. May return a promise: await it. */
  recordControlGroup(recipient: string): void | Promise<void>;
  /**
   * Folds a status or inbound-message webhook event; others are ignored. May return a promise: await it (in a
   * webhook handler, so a failure answers 5xx and the provider redelivers).
   */
  record(event: WebhookEvent): void | Promise<void>;
  /** Follows a client's `message.status` and `message.received` events; returns a function that stops. */
  attach(source: StatsSource): () => void;
  /** The counters now. May return a promise (the Redis stats do): await it. */
  snapshot(): CampaignStatsSnapshot | Promise<CampaignStatsSnapshot>;
}

/**
 * True when a status says the message is charged: `billable: true`, or no `billable` and `type: "regular"` (free
 * types are `free_customer_service` and `free_entry_point`). Source:
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/pricing
 * Module-internal (not in `waba-kit/broadcast`): every {@link CampaignStats} implementation counts `billable` by it.
 * @internal
 */
export function isBillable(pricing: StatusPricing | undefined): boolean {
  if (!pricing) return false;
  if (pricing.billable !== undefined) return pricing.billable;
  return pricing.type === 'regular';
}

/**
 * Follows `source`'s status and reply events into `stats.record`; a record that rejects goes to `onError`
 * (events are emitted synchronously, nobody else could catch it). Returns a function that stops.
 * Module-internal: every {@link CampaignStats} implementation attaches through it.
 * @internal
 */
export function attachStats(
  stats: Pick<CampaignStats, 'record'>,
  source: StatsSource,
  onError: (error: unknown) => void = () => {},
): () => void {
  const follow = (event: WebhookEvent) => {
    try {
      const done = stats.record(event);
      if (done) done.catch(onError);
    } catch (error) {
      onError(error);
    }
  };
  const onStatus = (p: WhatsAppEventMap['message.status']) => follow(p.event);
  const onReceived = (p: WhatsAppEventMap['message.received']) => follow(p.event);
  source.on('message.status', onStatus);
  source.on('message.received', onReceived);
  return () => {
    source.off('message.status', onStatus);
    source.off('message.received', onReceived);
  };
}

/** All counters at zero. @internal */
export function emptySnapshot(): CampaignStatsSnapshot {
  return { sent: 0, delivered: 0, viewed: 0, replied: 0, errors: 0, controlGroup: 0, billable: {} };
}

/** The recipient's tracking key, or undefined for what is no phone or BSUID. @internal */
export function trackingKey(phone: string | undefined): string | undefined {
  if (phone === undefined) return undefined;
  try {
    return recipientKey(phone);
  } catch {
    return undefined;
  }
}

/** Delivery progress of one message: 1 sent, 2 delivered, 3 read. */
const RANK = { sent: 1, delivered: 2, read: 3 } as const;

/**
 * Creates campaign statistics. `broadcast(..., { stats })` records sends, errors and the control group; status
 * and reply webhooks come from `stats.attach(client)` or `stats.record(event)`.
 *
 * @example
 * ```ts
 * const stats = createCampaignStats();
 * const stop = stats.attach(client);
 * await broadcast(client, recipients, build, { consent, stats });
 * // ... later, once webhooks have arrived
 * await stats.snapshot(); // { sent, delivered, viewed, replied, errors, controlGroup, billable }
 * stop();
 * ```
 */
export function createCampaignStats(): CampaignStats {
  const counts = emptySnapshot();
  /** Billable campaign messages per category (a Map: categories are provider text, never object keys). */
  const billable = new Map<string, number>();
  /** messageId -> delivery rank, or -1 once failed. */
  const messages = new Map<string, number>();
  /** Campaign messages already counted as billable. */
  const billed = new Set<string>();
  /** Recipients messaged by the campaign (tracking keys). */
  const recipients = new Set<string>();

  const key = trackingKey;

  const stats: CampaignStats = {
    recordSent(result) {
      counts.sent++;
      messages.set(result.messageId, Math.max(messages.get(result.messageId) ?? 0, RANK.sent));
      const k = key(result.to);
      if (k) recipients.add(k);
    },
    recordError() {
      counts.errors++;
    },
    recordControlGroup() {
      counts.controlGroup++;
    },
    record(event) {
      if (event.kind === 'status') {
        const rank = messages.get(event.messageId);
        if (rank === undefined) return; // not ours
        if (isBillable(event.pricing) && !billed.has(event.messageId)) {
          billed.add(event.messageId);
          const category = event.pricing?.category ?? 'unknown';
          billable.set(category, (billable.get(category) ?? 0) + 1);
        }
        if (rank < 0) return; // already failed
        if (event.status === 'failed') {
          messages.set(event.messageId, -1);
          counts.errors++;
          return;
        }
        const next =
          event.status === 'read' ? RANK.read : event.status === 'delivered' ? RANK.delivered : rank;
        if (rank < RANK.delivered && next >= RANK.delivered) counts.delivered++;
        if (rank < RANK.read && next >= RANK.read) counts.viewed++;
        if (next > rank) messages.set(event.messageId, next);
      } else if (event.kind === 'message') {
        const repliesToCampaign =
          event.context?.messageId !== undefined && messages.has(event.context.messageId);
        // The sender may be known by phone, BSUID or both: any of them identifies a campaign recipient.
        const fromRecipient = identitiesOf(event).some((id) => {
          const k = key(id);
          return k !== undefined && recipients.has(k);
        });
        if (repliesToCampaign || fromRecipient) counts.replied++;
      }
    },
    attach(source) {
      return attachStats(stats, source);
    },
    snapshot() {
      return { ...counts, billable: Object.fromEntries(billable) };
    },
  };
  return stats;
}
