/**
 * Zod schemas of the normalised events: what `parseWebhook` promises to return. Use them to validate events you
 * stored or received from a queue.
 *
 * Built with `zod/mini` (the same zod, shaped for tree shaking: https://zod.dev/packages/mini), so that the
 * `waba-kit/webhooks` bundle does not carry zod's whole method-chaining API; `parse` and `safeParse` work as on any
 * zod schema. zod/mini loads no error messages by itself: the English ones (those the full `zod` import sets) are
 * installed when this module loads, unless an application configured a locale of its own first.
 * @module
 */
import * as z from 'zod/mini';
import type { WebhookEvent } from '../core/webhook-event.js';
import { useEnglishUnlessConfigured } from '../core/zod.js';

// Applications call `parse` on these schemas themselves, with no call of ours before it: the messages are set
// when the module loads instead.
useEnglishUnlessConfigured();

const provider = z.enum(['nexmo', 'gupshup', 'clevertap', 'meta']);
const validDate = z.date().check(z.refine((d) => !Number.isNaN(d.getTime()), 'Invalid date'));

/** Schema of a `message` event. */
export const MessageEventSchema = z.strictObject({
  kind: z.literal('message'),
  provider,
  id: z.string().check(z.minLength(1)),
  from: z.optional(z.string().check(z.minLength(1))),
  userId: z.optional(z.string().check(z.minLength(1))),
  parentUserId: z.optional(z.string().check(z.minLength(1))),
  username: z.optional(z.string().check(z.minLength(1))),
  to: z.optional(z.string().check(z.minLength(1))),
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
  text: z.optional(z.string()),
  media: z.optional(
    z.strictObject({
      url: z.optional(z.string()),
      id: z.optional(z.string()),
      caption: z.optional(z.string()),
      mimeType: z.optional(z.string()),
      filename: z.optional(z.string()),
      size: z.optional(z.int().check(z.nonnegative())),
      sha256: z.optional(z.string().check(z.regex(/^[0-9a-f]{64}$/))),
      expiresAt: z.optional(z.date()),
    }),
  ),
  location: z.optional(
    z.strictObject({
      latitude: z.number(),
      longitude: z.number(),
      name: z.optional(z.string()),
      address: z.optional(z.string()),
    }),
  ),
  reply: z.optional(
    z.strictObject({
      id: z.optional(z.string()),
      title: z.optional(z.string()),
      payload: z.optional(z.string()),
      response: z.optional(z.record(z.string(), z.unknown())),
    }),
  ),
  reaction: z.optional(z.strictObject({ emoji: z.string(), messageId: z.string().check(z.minLength(1)) })),
  contacts: z.optional(z.array(z.unknown())),
  order: z.optional(
    z.strictObject({
      catalogId: z.optional(z.string()),
      text: z.optional(z.string()),
      items: z.array(
        z.strictObject({
          productId: z.string().check(z.minLength(1)),
          quantity: z.optional(z.number()),
          price: z.optional(z.number()),
          currency: z.optional(z.string()),
        }),
      ),
    }),
  ),
  context: z.optional(z.strictObject({ messageId: z.string().check(z.minLength(1)) })),
  edited: z.optional(z.strictObject({ messageId: z.string().check(z.minLength(1)) })),
  profileName: z.optional(z.string()),
  referral: z.optional(
    z.strictObject({
      sourceUrl: z.optional(z.string()),
      sourceId: z.optional(z.string()),
      sourceType: z.optional(z.string()),
      headline: z.optional(z.string()),
      body: z.optional(z.string()),
      mediaType: z.optional(z.string()),
      imageUrl: z.optional(z.string()),
      videoUrl: z.optional(z.string()),
      thumbnailUrl: z.optional(z.string()),
      ctwaClid: z.optional(z.string()),
    }),
  ),
  raw: z.unknown(),
});

/** Schema of a `status` event. */
export const StatusEventSchema = z.strictObject({
  kind: z.literal('status'),
  provider,
  messageId: z.string().check(z.minLength(1)),
  recipient: z.optional(z.string().check(z.minLength(1))),
  recipientUserId: z.optional(z.string().check(z.minLength(1))),
  status: z.enum(['accepted', 'sent', 'delivered', 'read', 'failed', 'deleted', 'unknown']),
  providerStatus: z.string().check(z.minLength(1)),
  timestamp: validDate,
  error: z.optional(
    z.strictObject({ code: z.string().check(z.minLength(1)), reason: z.optional(z.string()) }),
  ),
  clientRef: z.optional(z.string()),
  price: z.optional(z.strictObject({ amount: z.number(), currency: z.string().check(z.minLength(1)) })),
  conversation: z.optional(
    z.strictObject({
      id: z.optional(z.string()),
      category: z.optional(z.string()),
      expiresAt: z.optional(validDate),
    }),
  ),
  pricing: z.optional(
    z.strictObject({
      billable: z.optional(z.boolean()),
      category: z.optional(z.string()),
      model: z.optional(z.string()),
      type: z.optional(z.string()),
    }),
  ),
  raw: z.unknown(),
});

/** Schema of a `template-status` event. */
export const TemplateStatusEventSchema = z.strictObject({
  kind: z.literal('template-status'),
  provider,
  templateId: z.optional(z.string()),
  name: z.optional(z.string()),
  language: z.optional(z.string()),
  status: z.string().check(z.minLength(1)),
  reason: z.optional(z.string()),
  update: z.optional(z.enum(['status', 'quality', 'category', 'components'])),
  previousQuality: z.optional(z.string()),
  previousCategory: z.optional(z.string()),
  raw: z.unknown(),
});

/** Schema of a `user` event. */
export const UserEventSchema = z.strictObject({
  kind: z.literal('user'),
  provider,
  phone: z.optional(z.string().check(z.minLength(1))),
  userId: z.optional(z.string().check(z.minLength(1))),
  parentUserId: z.optional(z.string().check(z.minLength(1))),
  event: z.string().check(z.minLength(1)),
  previous: z.optional(
    z.strictObject({
      phone: z.optional(z.string()),
      userId: z.optional(z.string()),
      parentUserId: z.optional(z.string()),
    }),
  ),
  raw: z.unknown(),
});

/** Schema of an `account` event. */
export const AccountEventSchema = z.strictObject({
  kind: z.literal('account'),
  provider,
  event: z.string().check(z.minLength(1)),
  detail: z.optional(z.unknown()),
  raw: z.unknown(),
});

/** Schema of a `billing` event. */
export const BillingEventSchema = z.strictObject({
  kind: z.literal('billing'),
  provider,
  messageId: z.optional(z.string()),
  category: z.optional(z.string()),
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
export const WebhookEventSchema: z.ZodMiniType<WebhookEvent> = z.discriminatedUnion('kind', [
  MessageEventSchema,
  StatusEventSchema,
  TemplateStatusEventSchema,
  UserEventSchema,
  AccountEventSchema,
  BillingEventSchema,
  UnknownEventSchema,
]) as unknown as z.ZodMiniType<WebhookEvent>;
