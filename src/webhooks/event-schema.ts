/**
 * Zod schemas of the normalised events: what `parseWebhook` promises to return. Use them to validate events you
 * stored or received from a queue.
 * @module
 */
import * as z from 'zod';
import type { WebhookEvent } from '../core/webhook-event.js';

const provider = z.enum(['nexmo', 'gupshup', 'clevertap', 'meta']);
const validDate = z.date().refine((d) => !Number.isNaN(d.getTime()), 'Invalid date');

/** Schema of a `message` event. */
export const MessageEventSchema = z.strictObject({
  kind: z.literal('message'),
  provider,
  id: z.string().min(1),
  from: z.string().min(1).optional(),
  userId: z.string().min(1).optional(),
  parentUserId: z.string().min(1).optional(),
  username: z.string().min(1).optional(),
  to: z.string().min(1).optional(),
  timestamp: validDate,
  type: z.enum([
    'text',
    'image',
    'video',
    'audio',
    'document',
    'sticker',
    'location',
    'contacts',
    'reply',
    'reaction',
    'order',
    'unsupported',
  ]),
  text: z.string().optional(),
  media: z
    .strictObject({
      url: z.string().optional(),
      id: z.string().optional(),
      caption: z.string().optional(),
      mimeType: z.string().optional(),
      filename: z.string().optional(),
      size: z.number().int().nonnegative().optional(),
      sha256: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .optional(),
      expiresAt: z.date().optional(),
    })
    .optional(),
  location: z
    .strictObject({
      latitude: z.number().finite(),
      longitude: z.number().finite(),
      name: z.string().optional(),
      address: z.string().optional(),
    })
    .optional(),
  reply: z
    .strictObject({
      id: z.string().optional(),
      title: z.string().optional(),
      payload: z.string().optional(),
      response: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
  reaction: z.strictObject({ emoji: z.string(), messageId: z.string().min(1) }).optional(),
  contacts: z.array(z.unknown()).optional(),
  order: z
    .strictObject({
      catalogId: z.string().optional(),
      text: z.string().optional(),
      items: z.array(
        z.strictObject({
          productId: z.string().min(1),
          quantity: z.number().finite().optional(),
          price: z.number().finite().optional(),
          currency: z.string().optional(),
        }),
      ),
    })
    .optional(),
  context: z.strictObject({ messageId: z.string().min(1) }).optional(),
  edited: z.strictObject({ messageId: z.string().min(1) }).optional(),
  profileName: z.string().optional(),
  referral: z
    .strictObject({
      sourceUrl: z.string().optional(),
      sourceId: z.string().optional(),
      sourceType: z.string().optional(),
      headline: z.string().optional(),
      body: z.string().optional(),
      mediaType: z.string().optional(),
      imageUrl: z.string().optional(),
      videoUrl: z.string().optional(),
      thumbnailUrl: z.string().optional(),
      ctwaClid: z.string().optional(),
    })
    .optional(),
  raw: z.unknown(),
});

/** Schema of a `status` event. */
export const StatusEventSchema = z.strictObject({
  kind: z.literal('status'),
  provider,
  messageId: z.string().min(1),
  recipient: z.string().min(1).optional(),
  recipientUserId: z.string().min(1).optional(),
  status: z.enum(['accepted', 'sent', 'delivered', 'read', 'failed', 'deleted', 'unknown']),
  providerStatus: z.string().min(1),
  timestamp: validDate,
  error: z.strictObject({ code: z.string().min(1), reason: z.string().optional() }).optional(),
  clientRef: z.string().optional(),
  price: z.strictObject({ amount: z.number().finite(), currency: z.string().min(1) }).optional(),
  conversation: z
    .strictObject({
      id: z.string().optional(),
      category: z.string().optional(),
      expiresAt: validDate.optional(),
    })
    .optional(),
  pricing: z
    .strictObject({
      billable: z.boolean().optional(),
      category: z.string().optional(),
      model: z.string().optional(),
      type: z.string().optional(),
    })
    .optional(),
  raw: z.unknown(),
});

/** Schema of a `template-status` event. */
export const TemplateStatusEventSchema = z.strictObject({
  kind: z.literal('template-status'),
  provider,
  templateId: z.string().optional(),
  name: z.string().optional(),
  language: z.string().optional(),
  status: z.string().min(1),
  reason: z.string().optional(),
  update: z.enum(['status', 'quality', 'category', 'components']).optional(),
  previousQuality: z.string().optional(),
  previousCategory: z.string().optional(),
  raw: z.unknown(),
});

/** Schema of a `user` event. */
export const UserEventSchema = z.strictObject({
  kind: z.literal('user'),
  provider,
  phone: z.string().min(1).optional(),
  userId: z.string().min(1).optional(),
  parentUserId: z.string().min(1).optional(),
  event: z.string().min(1),
  previous: z
    .strictObject({
      phone: z.string().optional(),
      userId: z.string().optional(),
      parentUserId: z.string().optional(),
    })
    .optional(),
  raw: z.unknown(),
});

/** Schema of an `account` event. */
export const AccountEventSchema = z.strictObject({
  kind: z.literal('account'),
  provider,
  event: z.string().min(1),
  detail: z.unknown().optional(),
  raw: z.unknown(),
});

/** Schema of a `billing` event. */
export const BillingEventSchema = z.strictObject({
  kind: z.literal('billing'),
  provider,
  messageId: z.string().optional(),
  category: z.string().optional(),
  raw: z.unknown(),
});

/** Schema of an `unknown` event. */
export const UnknownEventSchema = z.strictObject({ kind: z.literal('unknown'), provider, raw: z.unknown() });

/**
 * Schema of every {@link WebhookEvent}, discriminated on `kind`.
 *
 * @example
 * ```ts
 * const event = WebhookEventSchema.parse(JSON.parse(stored, reviveDates));
 * ```
 */
export const WebhookEventSchema: z.ZodType<WebhookEvent> = z.discriminatedUnion('kind', [
  MessageEventSchema,
  StatusEventSchema,
  TemplateStatusEventSchema,
  UserEventSchema,
  AccountEventSchema,
  BillingEventSchema,
  UnknownEventSchema,
]) as unknown as z.ZodType<WebhookEvent>;
