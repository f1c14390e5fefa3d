/**
 * Campaign statistics as the seeds report them: sent, delivered, viewed (read), replied, errors and control
 * group. Fold sends, status webhooks and inbound messages into one; statuses arriving out of order (read before
 * delivered) or twice are counted once.
 * @module
 */
import type { WhatsAppEventMap } from '../core/events.js';
import type { SendResult } from '../core/result.js';
import type { WebhookEvent } from '../core/webhook-event.js';
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
  /** Records a successful send. */
  recordSent(result: SendResult): void;
  /** Records a send that failed before or at the provider. */
  recordError(recipient?: string): void;
  /** Records a user held out as the control group. */
  recordControlGroup(recipient: string): void;
  /** Folds a status or inbound-message webhook event; others are ignored. */
  record(event: WebhookEvent): void;
  /** Follows a client's `message.status` and `message.received` events; returns a function that stops. */
  attach(source: StatsSource): () => void;
  /** The counters now. */
  snapshot(): CampaignStatsSnapshot;
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
 * stats.snapshot(); // { sent, delivered, viewed, replied, errors, controlGroup }
 * stop();
 * ```
 */
export function createCampaignStats(): CampaignStats {
  const counts: CampaignStatsSnapshot = {
    sent: 0,
    delivered: 0,
    viewed: 0,
    replied: 0,
    errors: 0,
    controlGroup: 0,
  };
  /** messageId -> delivery rank, or -1 once failed. */
  const messages = new Map<string, number>();
  /** Recipients messaged by the campaign (tracking keys). */
  const recipients = new Set<string>();

  const key = (phone: string): string | undefined => {
    try {
      return recipientKey(phone);
    } catch {
      return undefined;
    }
  };

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
        if (rank === undefined || rank < 0) return; // not ours, or already failed
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
        const k = key(event.from);
        const repliesToCampaign =
          event.context?.messageId !== undefined && messages.has(event.context.messageId);
        if (repliesToCampaign || (k !== undefined && recipients.has(k))) counts.replied++;
      }
    },
    attach(source) {
      const onStatus = (p: WhatsAppEventMap['message.status']) => stats.record(p.event);
      const onReceived = (p: WhatsAppEventMap['message.received']) => stats.record(p.event);
      source.on('message.status', onStatus);
      source.on('message.received', onReceived);
      return () => {
        source.off('message.status', onStatus);
        source.off('message.received', onReceived);
      };
    },
    snapshot() {
      return { ...counts };
    },
  };
  return stats;
}
