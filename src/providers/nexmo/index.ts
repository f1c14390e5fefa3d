/**
 * `waba-kit/nexmo`: WhatsApp over the Vonage (Nexmo) Messages API — {@link NexmoClient} (alias
 * {@link VonageClient}), its config, wire mapping and error catalogue.
 * @module
 */
export { NexmoClient, VonageClient } from './client.js';
export {
  NEXMO_HOSTS,
  NEXMO_SECRET_KEYS,
  type NexmoApiVersion,
  type NexmoConfig,
  NexmoConfigSchema,
  type NexmoHost,
  normalizePrivateKey,
  parseNexmoConfig,
  type ResolvedNexmoConfig,
} from './config.js';
export {
  NEXMO_ERROR_CODES,
  type NexmoErrorCategory,
  type NexmoErrorCode,
  type NexmoErrorContext,
  type NexmoProblem,
  nexmoErrorFromCode,
  nexmoResponseError,
  parseNexmoProblem,
} from './errors.js';
export {
  customContacts,
  customInteractive,
  customLocation,
  customTemplate,
  isSimpleTemplate,
  NEXMO_MAX_CLIENT_REF,
  NEXMO_SUPPORTS,
  type NexmoBody,
  type NexmoWireOptions,
  toNexmoBody,
  toNexmoV1,
  toNexmoV01,
} from './wire.js';
