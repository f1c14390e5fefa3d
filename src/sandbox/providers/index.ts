/**
 * The registry of emulated providers: the one place that lists them. The server, the webhook dispatcher and
 * `sandbox.config()` look a provider up here and never branch on its name.
 * @module
 */
import type { SandboxCredentials } from '../credentials.js';
import type { EmulatedProvider, ProviderRegistry, SignedWebhook } from '../provider.js';
import type { SandboxProvider, SandboxWebhookTargets } from '../types.js';
import { clevertapProvider } from './clevertap.js';
import { gupshupProvider } from './gupshup.js';
import { metaProvider } from './meta.js';
import { nexmoProvider } from './nexmo.js';

/** Every emulated provider, by id. */
export const PROVIDER_REGISTRY: ProviderRegistry = {
  nexmo: nexmoProvider,
  gupshup: gupshupProvider,
  meta: metaProvider,
  clevertap: clevertapProvider,
};

/**
 * The providers in the order their routes are tried. CleverTap comes before Meta: both answer Graph template
 * nodes, and such a request belongs to the account whose token it carries (Meta's when it is no one else's).
 */
export const ROUTING_ORDER: readonly EmulatedProvider[] = [
  nexmoProvider,
  gupshupProvider,
  clevertapProvider,
  metaProvider,
];

/** Serialises and signs a webhook for `provider`: the exact body and headers the sandbox posts. */
export function buildWebhookRequest(
  provider: SandboxProvider,
  payload: unknown,
  credentials: SandboxCredentials,
  targets: SandboxWebhookTargets,
): SignedWebhook {
  return PROVIDER_REGISTRY[provider].sign(payload, credentials, targets);
}
