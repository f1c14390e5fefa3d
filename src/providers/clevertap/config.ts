/**
 * `CleverTapClient` config: the Meta Cloud API keys (CleverTap BSP numbers run on the Cloud API) plus the
 * CleverTap account's `region`, `accountId` and `passcode` for the CleverTap REST API.
 * @module
 */
import * as z from 'zod/mini';
import { commonConfigShape, parseConfig } from '../../core/config.js';
import { cloudApiConfigShape } from '../meta/cloud-api-config.js';
import { CLEVERTAP_REGIONS } from './regions.js';

/** The strict schema of a {@link CleverTapConfig}. */
export const CleverTapConfigSchema = z.strictObject({
  ...commonConfigShape,
  ...cloudApiConfigShape,
  /** The CleverTap account region: picks the REST API host and the click-tracking domain. */
  region: z.enum(CLEVERTAP_REGIONS, { message: `region is one of ${CLEVERTAP_REGIONS.join(', ')}` }),
  /** The CleverTap Project (Account) ID, sent as `X-CleverTap-Account-Id`. Needed for the REST API calls. */
  accountId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  /** The account passcode, sent as `X-CleverTap-Passcode`. Needed for the REST API calls. */
  passcode: z.optional(z.string().check(z.minLength(1), z.maxLength(256))),
  /** Override of the REST API base (default `https://{region}.api.clevertap.com/1`); proxies and tests. */
  restBaseUrl: z.optional(z.url({ protocol: /^https?$/ })),
});

/**
 * Config of `CleverTapClient`.
 *
 * | key | required | meaning |
 * |---|---|---|
 * | `accessToken`, `phoneNumberId`, `wabaId`, `apiVersion`, `appSecret`, `verifyToken` | as for Meta | Cloud API |
 * | `region` | yes | `eu1`, `in1`, `sg1`, `us1`, `aps3` or `mec1` |
 * | `accountId` | for REST calls | `X-CleverTap-Account-Id` |
 * | `passcode` | for REST calls | `X-CleverTap-Passcode` (secret) |
 * | `restBaseUrl` | no | REST API base override |
 */
export type CleverTapConfig = z.input<typeof CleverTapConfigSchema>;

/** Secret keys of a {@link CleverTapConfig}. */
export const CLEVERTAP_SECRET_KEYS = ['accessToken', 'appSecret', 'verifyToken', 'passcode'] as const;

/** Validates a {@link CleverTapConfig}; throws a `ConfigError` naming bad keys, never echoing values. */
export function parseCleverTapConfig(input: unknown): z.output<typeof CleverTapConfigSchema> {
  return parseConfig(CleverTapConfigSchema, input, 'clevertap');
}
