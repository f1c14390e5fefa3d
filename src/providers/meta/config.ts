/**
 * `MetaCloudClient` config: the common keys plus the Cloud API keys, validated strictly.
 * @module
 */
import * as z from 'zod/mini';
import { commonConfigShape, parseConfig } from '../../core/config.js';
import { cloudApiConfigShape } from './cloud-api-config.js';

/** The strict schema of a {@link MetaConfig}. */
export const MetaConfigSchema = z.strictObject({ ...commonConfigShape, ...cloudApiConfigShape });

/**
 * Config of `MetaCloudClient`.
 *
 * | key | required | meaning |
 * |---|---|---|
 * | `accessToken` | yes | system-user token (secret) |
 * | `phoneNumberId` | yes | the sending number's id |
 * | `wabaId` | for templates | WhatsApp Business Account id |
 * | `apiVersion` | no | pinned Graph version, default `v23.0` |
 * | `appSecret` | for webhooks | `X-Hub-Signature-256` key (secret) |
 * | `verifyToken` | for the GET handshake | (secret) |
 */
export type MetaConfig = z.input<typeof MetaConfigSchema>;

/** Secret keys of a {@link MetaConfig}: redacted from JSON, inspect output and error messages. */
export const META_SECRET_KEYS = ['accessToken', 'appSecret', 'verifyToken'] as const;

/** Validates a {@link MetaConfig}; throws a `ConfigError` naming bad keys, never echoing values. */
export function parseMetaConfig(input: unknown): z.output<typeof MetaConfigSchema> {
  return parseConfig(MetaConfigSchema, input, 'meta');
}
