/**
 * Schemas of the Cloud API's typed template body parameters (`currency`, `date_time`), and the message schema
 * Cloud API clients validate with: the neutral one, with template body parameters that may also be these.
 * @module
 */
import * as z from 'zod';
import { type OutboundMessage, OutboundMessageSchema, TemplateMessageSchema } from '../../core/message.js';
import type { CloudApiRichParameter } from '../../core/whatsapp-objects.js';

/** `currency` or `date_time` body parameter. */
export const richParameterSchema: z.ZodType<CloudApiRichParameter> = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('currency'),
    fallbackValue: z.string().min(1, 'fallbackValue is the text shown, e.g. "$100.99"'),
    code: z.string().regex(/^[A-Z]{3}$/, 'code is an ISO 4217 currency code, e.g. USD'),
    amount1000: z.number().int('amount1000 is the amount times 1000, an integer'),
  }),
  z.strictObject({
    type: z.literal('date_time'),
    fallbackValue: z.string().min(1, 'fallbackValue is the date text shown'),
  }),
]);

const bodyValue = z.union([z.string(), richParameterSchema]);

/** The neutral template message schema, body parameters possibly `currency` / `date_time`. */
const cloudApiTemplateSchema = TemplateMessageSchema.extend({
  body: z
    .union([
      z.array(bodyValue),
      z.record(z.string().regex(/^[a-z0-9_]+$/, 'named parameters are [a-z0-9_]'), bodyValue),
    ])
    .optional(),
});

/**
 * What a Cloud API client validates a message with: `OutboundMessageSchema`, its template option replaced by
 * one whose body parameters may be {@link CloudApiRichParameter}s. Built from the neutral union's options, so a
 * message type added there is accepted here too.
 */
export const cloudApiMessageSchema = z.discriminatedUnion(
  'type',
  OutboundMessageSchema.options.map((option) =>
    option.shape.type.value === 'template' ? cloudApiTemplateSchema : option,
  ) as unknown as typeof OutboundMessageSchema.options,
) as unknown as z.ZodType<OutboundMessage>;
