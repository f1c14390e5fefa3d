/**
 * Vonage Messages API v0.1 webhooks (the version CleverTap's Nexmo guide asks you to select): `to`/`from` are
 * `{ type, number }` objects and inbound content is `message.content`.
 *
 * Sources: https://developer.vonage.com/messages/guides/migration-guide (the v0.1 inbound example) and the
 * v0.1 OpenAPI description of the Messages API (`inbound-message` content types, `MessageStatus`). Location
 * coordinates are strings in the spec's examples; they become numbers.
 * @module
 */
import * as z from 'zod';
import type {
  DeliveryStatus,
  InboundMessageType,
  MessageEvent,
  WebhookEvent,
} from '../../core/webhook-event.js';
import type { ParseContext } from './context.js';
import { asRecord, compact, loose, mapStatus, num, safe, str } from './util.js';
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

/** The v0.1 payload (inbound and status share it). */
export const VonageV01Schema = z.looseObject({
  message_uuid: loose.str,
  timestamp: loose.date,
  to: loose.record,
  from: loose.record,
  message: loose.record,
  status: loose.str,
  error: loose.record,
  usage: loose.record,
  client_ref: loose.str,
});

/** Parses a Vonage v0.1 inbound message or status. */
export function parseVonageV01Payload(body: Record<string, unknown>, ctx: ParseContext): WebhookEvent[] {
  const p = safe(VonageV01Schema, body);
  const id = p?.message_uuid;
  if (!p || !id) return [{ kind: 'unknown', provider: ctx.provider, raw: body }];
  const to = str(p.to?.number) ?? str(p.to?.id);
  const from = str(p.from?.number) ?? str(p.from?.id);
  const timestamp = p.timestamp ?? ctx.receivedAt;

  if (p.status) {
    const code = str(p.error?.code);
    const reason = str(p.error?.reason);
    return [
      compact({
        kind: 'status' as const,
        provider: ctx.provider,
        messageId: id,
        recipient: to,
        status: mapStatus(p.status, VONAGE_STATUS_TABLE),
        providerStatus: p.status,
        timestamp,
        error: code || reason ? compact({ code: code ?? 'unknown', reason }) : undefined,
        clientRef: p.client_ref,
        price: vonagePrice(p.usage),
        raw: body,
      }),
    ];
  }

  const content = asRecord(p.message?.content);
  if (!content || !from) return [{ kind: 'unknown', provider: ctx.provider, raw: body }];
  const declared = str(content.type) ?? '';
  const decoded = decodeVonageContent(declared, content);
  const type: InboundMessageType = decoded?.type ?? 'unsupported';
  const event: Partial<MessageEvent> = decoded?.event ?? {};
  return [
    compact({
      kind: 'message' as const,
      provider: ctx.provider,
      id,
      from,
      to,
      timestamp,
      type,
      text: event.text,
      media: event.media,
      location: event.location,
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
