/**
 * `MetaCloudClient`: WhatsApp through Meta's Cloud API directly.
 * @module
 */
import { CloudApiClient, type CloudApiClientOptions } from './cloud-api-client.js';
import { META_SECRET_KEYS, type MetaConfig, parseMetaConfig } from './config.js';
import { metaResponseError } from './errors.js';

/** The config after validation and defaults. */
type ParsedMetaConfig = ReturnType<typeof parseMetaConfig>;

/**
 * Sends WhatsApp messages through Meta's Cloud API (`POST https://graph.facebook.com/{apiVersion}/{phoneNumberId}/messages`
 * with a bearer token), marks messages read, parses webhooks and manages templates on `/{wabaId}/message_templates`
 * (validated locally with the `meta` rule profile).
 *
 * @example
 * ```ts
 * import { MetaCloudClient } from 'waba-kit/meta';
 *
 * const client = new MetaCloudClient({
 *   accessToken: process.env.WA_TOKEN!,
 *   phoneNumberId: '106540352242922',
 *   wabaId: '102290129340398',
 *   apiVersion: 'v23.0',
 * });
 * const { messageId } = await client.sendTemplate('+447700900123', {
 *   name: 'order_update', language: 'en_US', body: ['Ana', 'A-42'],
 * });
 * ```
 */
export class MetaCloudClient extends CloudApiClient<ParsedMetaConfig> {
  /**
   * @param config - see {@link MetaConfig}; validated strictly (a `ConfigError` lists bad keys, never values)
   * @param options - non-config options such as the clock of the template edit history
   */
  constructor(config: MetaConfig, options: CloudApiClientOptions = {}) {
    super({
      provider: 'meta',
      config: parseMetaConfig(config),
      secretKeys: META_SECRET_KEYS,
      templateProfile: 'meta',
      responseError: metaResponseError,
      options,
    });
  }
}
