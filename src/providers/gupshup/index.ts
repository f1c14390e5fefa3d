/**
 * `waba-kit/gupshup`: WhatsApp over Gupshup — {@link GupshupClient}, its config, wire mapping, template records
 * and error catalogue.
 * @module
 */
export { GupshupClient } from './client.js';
export {
  GUPSHUP_DEFAULT_BASE_URL,
  GUPSHUP_SECRET_KEYS,
  type GupshupConfig,
  GupshupConfigSchema,
  parseGupshupConfig,
  type ResolvedGupshupConfig,
} from './config.js';
export {
  GUPSHUP_ERROR_CODES,
  type GupshupErrorCategory,
  type GupshupErrorCode,
  type GupshupErrorContext,
  gupshupErrorFromCode,
  gupshupResponseError,
} from './errors.js';
export { type GupshupTemplate, parseGupshupTemplate, parseGupshupTemplateList } from './templates.js';
export {
  contactMessage,
  fileNameFromUrl,
  GUPSHUP_MSG_PATH,
  GUPSHUP_SUPPORTS,
  GUPSHUP_TEMPLATE_PATH,
  type GupshupJson,
  type GupshupRequest,
  type GupshupWireOptions,
  interactiveMessage,
  sessionMessage,
  templateFields,
  toGupshupRequest,
} from './wire.js';
