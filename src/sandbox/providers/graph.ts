/**
 * What every emulated Graph endpoint shares: the Graph error object and the bearer-token check of a Cloud API
 * number. Sources: https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { SandboxContext } from '../context.js';
import { header, type SandboxRequest, type SandboxResponse } from '../http.js';

/** The providers whose numbers run on the Cloud API. */
export type CloudProvider = 'meta' | 'clevertap';

/** A Graph API error answer. */
export function graphError(
  status: number,
  code: number,
  message: string,
  options: { subcode?: number; transient?: boolean; details?: string; headers?: Record<string, string> } = {},
): SandboxResponse {
  return {
    status,
    headers: {
      'www-authenticate': status === 401 ? 'OAuth "Facebook Platform" "invalid_token"' : '',
      ...options.headers,
    },
    body: {
      error: {
        message: `(#${code}) ${message}`,
        type: 'OAuthException',
        code,
        ...(options.subcode !== undefined ? { error_subcode: options.subcode } : {}),
        error_data: { messaging_product: 'whatsapp', details: options.details ?? message },
        is_transient: options.transient ?? false,
        fbtrace_id: randomBytes(12).toString('base64url'),
      },
    },
  };
}

/** Checks the bearer token of `provider`'s number. */
export function checkAuth(
  ctx: SandboxContext,
  req: SandboxRequest,
  provider: CloudProvider,
): SandboxResponse | undefined {
  const auth = header(req, 'authorization') ?? '';
  if (auth !== `Bearer ${ctx.credentials[provider].accessToken}`)
    return graphError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
  return undefined;
}
