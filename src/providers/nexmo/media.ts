/**
 * Vonage inbound media: where the URLs live and how a refused download reads.
 *
 * Inbound media messages carry a URL on Vonage's media servers (`https://api-us.nexmo.com/v3/media/<uuid>` in
 * Vonage's sample). Standard links work without credentials for 48 hours; with "Secure Inbound Media" switched on
 * in the application, a GET needs `Authorization: Bearer <JWT>` signed with the application id and private key of
 * the application whose webhook received the message
 * (https://developer.vonage.com/en/messages/concepts/secure-inbound-media,
 * https://developer.vonage.com/en/blog/secure-your-inbound-media-files-with-the-vonage-messages-api).
 * Vonage names no other media host; its API hosts (`api.nexmo.com`, the regional `api-{eu,us,ap}` on nexmo.com and
 * vonage.com, the sandbox) are the ones trusted with the JWT. A URL anywhere else is fetched without it.
 * Vonage documents no media upload, media object or delete API: send media by URL.
 * @module
 */
import { AuthenticationError } from '../../core/errors.js';
import { expiringMediaError, type MediaRules } from '../../core/media/rules.js';

/** Vonage hosts trusted with the application JWT for media downloads. */
export const VONAGE_MEDIA_HOSTS: readonly string[] = [
  'api.nexmo.com',
  'api-eu.nexmo.com',
  'api-us.nexmo.com',
  'api-ap.nexmo.com',
  'api-eu.vonage.com',
  'api-us.vonage.com',
  'api-ap.vonage.com',
  'messages-sandbox.nexmo.com',
];

/** Vonage media rules; see the module docs. */
export const VONAGE_MEDIA_RULES: MediaRules = {
  hosts: VONAGE_MEDIA_HOSTS,
  sendCredentials: true,
  requireTrusted: false,
  responseError: (ctx, provider) => {
    if (ctx.status === 401 || ctx.status === 403) {
      return new AuthenticationError(
        `Vonage refused the media download (HTTP ${ctx.status}). With Secure Inbound Media on, downloads need the application JWT: configure applicationId and privateKey of the application whose webhook received the message.`,
        { provider, status: ctx.status, requestId: ctx.requestId },
      );
    }
    return expiringMediaError(ctx, provider);
  },
};

/** Why the Vonage client has no upload: the message of its `UnsupportedOperationError`. */
export const VONAGE_NO_UPLOAD = 'the Vonage Messages API takes media by URL only';
