/**
 * `waba-kit/nexmo`: WhatsApp over the Vonage (Nexmo) Messages API — {@link NexmoClient} (alias
 * {@link VonageClient}), its config and its error catalogue.
 *
 * This file is the entry's public export list, recorded in `api/nexmo.api.md` (`npm run api:report`).
 * @module waba-kit/nexmo
 */
export {
  NEXMO_ERROR_CODES,
  NexmoClient,
  type NexmoConfig,
  nexmoErrorFromCode,
  VonageClient,
} from '../providers/nexmo/index.js';
