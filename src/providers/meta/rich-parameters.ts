/**
 * Schemas of the Cloud API's typed template body parameters (`currency`, `date_time`), checked before any
 * request when a template message carries them.
 * @module
 */
import * as z from 'zod';
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
