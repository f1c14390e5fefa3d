/**
 * Gupshup inbound media: `payload.payload.url` is a Gupshup filemanager link fetched without credentials, valid
 * until `urlExpiry` (epoch ms; parsed into `media.expiresAt`) (https://docs.gupshup.io/docs/media). No API key is
 * ever sent with a media download. After the expiry the link is dead: `MediaExpiredError`, never retried.
 *
 * Uploads: Gupshup documents media-id generation only in its Partner API (`POST
 * https://partner.gupshup.io/partner/app/{appId}/media`, multipart `file` + `file_type`, with a Partner App token,
 * for Cloud API apps only: https://docs.gupshup.io/reference/generate-media-id-using-file-upload). `GupshupClient`
 * uses the self-serve `apikey` API, which documents none, so uploads throw `UnsupportedOperationError`: send media
 * by URL.
 * @module
 */

import { MediaExpiredError } from '../../core/media/expired-error.js';
import { expiringMediaError, type MediaRules } from '../../core/media/rules.js';

/** Gupshup media rules; see the module docs. */
export const GUPSHUP_MEDIA_RULES: MediaRules = {
  hosts: [],
  sendCredentials: false,
  requireTrusted: false,
  responseError: (ctx, provider) => {
    if (ctx.status === 403) {
      return new MediaExpiredError(
        'The Gupshup media link answered HTTP 403: it has expired (see media.expiresAt). Ask the user to send the file again.',
        { provider, status: ctx.status },
      );
    }
    return expiringMediaError(ctx, provider);
  },
};

/** Why the Gupshup client has no upload: the detail of its `UnsupportedOperationError`. */
export const GUPSHUP_NO_UPLOAD =
  'Gupshup documents media upload only in its Partner API, with a Partner App token, which GupshupClient does not use';
