/**
 * How a provider serves media: which hosts get credentials, whether it authenticates downloads at all, and how a
 * refused download becomes a typed error.
 * @module
 */

import type { WhatsAppError } from '../errors.js';
import { defaultResponseError, type ResponseContext } from '../http.js';
import type { ProviderId } from '../provider.js';
import { MediaExpiredError } from './expired-error.js';

/**
 * A provider's media rules; see the module docs.
 * @inline
 */
export interface MediaRules {
  /** The provider's documented media hosts (exact names, https); the client's `baseUrl` origin is added. */
  hosts: readonly string[];
  /** Whether downloads carry the client's credentials (to those hosts only). */
  sendCredentials: boolean;
  /** Refuse a `{ url }` outside the hosts with `ValidationError` (the provider's media need credentials). */
  requireTrusted: boolean;
  /** Maps a refused download (non-2xx, non-3xx) to an error; default `expiringMediaError` (404 and 410 become `MediaExpiredError`). */
  responseError?: ((ctx: ResponseContext, provider: ProviderId) => WhatsAppError | undefined) | undefined;
}

/**
 * The default mapping of a refused download: 404 and 410 mean the link has expired ({@link MediaExpiredError},
 * never retried); anything else is the status's `ApiError`.
 */
export function expiringMediaError(ctx: ResponseContext, provider: ProviderId): WhatsAppError | undefined {
  if (ctx.status === 404 || ctx.status === 410) {
    return new MediaExpiredError(
      `The ${provider} media link answered HTTP ${ctx.status}: it has expired or was deleted. Ask the user to send the file again.`,
      { provider, status: ctx.status },
    );
  }
  return defaultResponseError(provider, ctx);
}
