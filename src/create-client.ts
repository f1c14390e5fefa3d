/**
 * `createClient(config)`: one entry point that builds the right client from plain config.
 * @module
 */

import type { WhatsAppClient } from './core/client.js';
import { ConfigError } from './core/errors.js';
import { PROVIDERS, type ProviderId } from './core/provider.js';
import { CleverTapClient } from './providers/clevertap/client.js';
import type { CleverTapConfig } from './providers/clevertap/config.js';
import { GupshupClient } from './providers/gupshup/client.js';
import type { GupshupConfig } from './providers/gupshup/config.js';
import { MetaCloudClient } from './providers/meta/client.js';
import type { MetaConfig } from './providers/meta/config.js';
import { NexmoClient } from './providers/nexmo/client.js';
import type { NexmoConfig } from './providers/nexmo/config.js';

/** Config accepted by {@link createClient}: a provider's config plus `provider`, discriminated on `provider`. */
export type ClientConfig =
  | ({ provider: 'nexmo' } & NexmoConfig)
  | ({ provider: 'gupshup' } & GupshupConfig)
  | ({ provider: 'meta' } & MetaConfig)
  | ({ provider: 'clevertap' } & CleverTapConfig);

type Factory = (config: Record<string, unknown>) => WhatsAppClient;

/** One factory per provider; the `Record` type makes a provider without a factory a compile error. */
const factories: Record<ProviderId, Factory> = {
  nexmo: (config) => new NexmoClient(config as NexmoConfig),
  gupshup: (config) => new GupshupClient(config as GupshupConfig),
  meta: (config) => new MetaCloudClient(config as MetaConfig),
  clevertap: (config) => new CleverTapClient(config as CleverTapConfig),
};

/**
 * Builds the client for `config.provider`, validating the rest of the config strictly.
 *
 * @throws ConfigError naming the provider when it is unknown, or listing the invalid keys.
 */
export function createClient(config: ClientConfig): WhatsAppClient {
  if (typeof config !== 'object' || config === null) {
    throw new ConfigError('createClient(config) needs a config object with a `provider` key.');
  }
  const { provider, ...rest } = config;
  if (!PROVIDERS.includes(provider)) {
    throw new ConfigError(
      `Unknown provider ${JSON.stringify(String(provider)).slice(0, 40)}. Valid providers: ${PROVIDERS.join(', ')}.`,
      {
        issues: [
          {
            code: 'provider.unknown',
            path: ['provider'],
            message: `valid providers: ${PROVIDERS.join(', ')}`,
          },
        ],
      },
    );
  }
  return factories[provider](rest);
}
