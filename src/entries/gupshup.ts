/**
 * `waba-kit/gupshup`: WhatsApp over Gupshup — {@link GupshupClient}, its config and its error catalogue.
 *
 * This file is the entry's public export list, recorded in `api/gupshup.api.md` (`npm run api:report`).
 * @module waba-kit/gupshup
 */
export {
  GUPSHUP_ERROR_CODES,
  GupshupClient,
  type GupshupConfig,
  gupshupErrorFromCode,
} from '../providers/gupshup/index.js';
