/**
 * Graph API errors for `MetaCloudClient`: the Cloud API error catalogue (`graph-errors.ts`, shared with
 * CleverTap BSP) bound to the `meta` provider.
 * @module
 */
import type { WhatsAppError } from '../../core/errors.js';
import type { ResponseContext } from '../../core/http.js';
import { createGraphResponseError } from './graph-errors.js';

/** Maps a Graph response to a typed error for the `meta` provider (`undefined` on success). */
export const metaResponseError: (ctx: ResponseContext) => WhatsAppError | undefined =
  createGraphResponseError('meta');
