/**
 * Graph API errors for `MetaCloudClient`: the response-error hook bound to `meta`, and the Cloud API error
 * catalogue (kept once in the core Cloud API layer, shared with CleverTap BSP).
 * @module
 */
import { createGraphResponseError } from '../../core/cloud-api/errors.js';

export {
  GRAPH_ERROR_CATALOGUE,
  type GraphErrorClass,
  type GraphErrorInfo,
  lookupGraphError,
} from '../../core/cloud-api/errors.js';

/** Maps a Graph response to a typed error for the `meta` provider (`undefined` on success). */
export const metaResponseError = createGraphResponseError('meta');
