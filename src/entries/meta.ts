/**
 * `waba-kit/meta`: `MetaCloudClient` (Meta's WhatsApp Cloud API, directly), its config, template management
 * types, the phone number's health and the Graph error catalogue.
 *
 * This file is the entry's public export list, recorded in `api/meta.api.md` (`npm run api:report`).
 * @module waba-kit/meta
 */
export {
  DEFAULT_GRAPH_API_VERSION,
  GRAPH_ERROR_CATALOGUE,
  lookupGraphError,
  type MessageTemplate,
  MetaCloudClient,
  type MetaConfig,
  type PhoneNumberHealth,
} from '../providers/meta/index.js';
