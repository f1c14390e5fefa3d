/**
 * Vonage Messages API v0.1 webhooks (the version CleverTap's Nexmo guide asks you to select): `to`/`from` are
 * `{ type, number }` objects and inbound content is `message.content`.
 *
 * Sources: https://developer.vonage.com/messages/guides/migration-guide (the v0.1 inbound example) and the
 * v0.1 OpenAPI description of the Messages API (`inbound-message` content types, `MessageStatus`). Location
 * coordinates are strings in the spec's examples; they become numbers.
 * @module
 */
import type { DeliveryStatus, StatusEvent, WebhookEvent } from '../../core/webhook-event.js';
import type { ParseContext } from './context.js';
import { statusEvent, unknownEvent } from './events.js';
import { asRecord, compact, num, parseTimestamp, put, str } from './util.js';
import { decodeVonageContent } from './vonage-content.js';

/** Vonage status words (v0.1 and v1 share them): there is no `failed`, `rejected`/`undeliverable` mean it. */
export const VONAGE_STATUS_TABLE: Readonly<Record<string, DeliveryStatus>> = {
  submitted: 'sent',
  delivered: 'delivered',
  read: 'read',
  rejected: 'failed',
  undeliverable: 'failed',
  failed: 'failed',
  deleted: 'deleted',
};

/** A Vonage `usage` block: `{ currency: "EUR", price: "0.0333" }` (the price is a string). */
export function vonagePrice(usage: unknown): { amount: number; currency: string } | undefined {
  const u = asRecord(usage);
  const amount = num(u?.price);
  const currency = str(u?.currency);
  return amount !== undefined && currency ? { amount, currency } : undefined;
}

/**
 * A status of either version, up to its `client_ref` and `usage` price (v1 adds its conversation and pricing
 * after them): the error is set when a code or reason is given.
 */
export function vonageStatusEvent(
  ctx: ParseContext,
  body: Record<string, unknown>,
  messageId: string,
  recipient: string | undefined,
  recipientUserId: string | undefined,
  providerStatus: string,
  timestamp: Date,
  code: string | undefined,
  reason: string | undefined,
): StatusEvent {
  const event = statusEvent(
    ctx,
    messageId,
    recipient,
    recipientUserId,
    providerStatus,
    VONAGE_STATUS_TABLE,
    timestamp,
    code || reason,
    code,
    reason,
  );
  put(event, 'clientRef', str(body.client_ref));
  put(event, 'price', vonagePrice(body.usage));
  return event;
}

/** Parses a Vonage v0.1 inbound message or status. */
export function parseVonageV01Payload(body: Record<string, unknown>, ctx: ParseContext): WebhookEvent[] {
  const id = str(body.message_uuid);
  if (!id) return [unknownEvent(ctx, body)];
  const toAddress = asRecord(body.to);
  const to = str(toAddress?.number) ?? str(toAddress?.id);
  const timestamp = parseTimestamp(body.timestamp) ?? ctx.receivedAt;
  const providerStatus = str(body.status);

  if (providerStatus) {
    const error = asRecord(body.error);
    const code = str(error?.code);
    const reason = str(error?.reason);
    const event = vonageStatusEvent(ctx, body, id, to, undefined, providerStatus, timestamp, code, reason);
    event.raw = body;
    return [event];
  }

  const fromAddress = asRecord(body.from);
  const from = str(fromAddress?.number) ?? str(fromAddress?.id);
  const content = asRecord(asRecord(body.message)?.content);
  if (!content || !from) return [unknownEvent(ctx, body)];
  const declared = str(content.type) ?? '';
  const { type, event } = decodeVonageContent(declared, content) ?? { type: 'unsupported', event: {} };
  return [
    compact({
      kind: 'message' as const,
      provider: ctx.provider,
      id,
      from,
      to,
      timestamp,
      type,
      ...event,
      raw: body,
    }),
  ];
}

/** True for a v0.1 payload: `to`/`from` are objects, or the content sits in `message.content`. */
export function isVonageV01Format(body: Record<string, unknown>): boolean {
  return (
    asRecord(body.to) !== undefined ||
    asRecord(body.from) !== undefined ||
    asRecord(asRecord(body.message)?.content) !== undefined
  );
}
