/**
 * Type-level checks of the configs a new user writes first (compiled by `npm run typecheck` under the strict
 * settings of tsconfig.json; nothing here runs). `sandbox.config(provider)` is accepted by `createClient` and
 * by the provider's class; `quota` and `window` take trackers, not anything.
 */
import { createClient } from 'waba-kit';
import { CleverTapClient } from 'waba-kit/clevertap';
import { GupshupClient } from 'waba-kit/gupshup';
import { MetaCloudClient } from 'waba-kit/meta';
import { NexmoClient } from 'waba-kit/nexmo';
import { createConversationWindowTracker, createQuotaTracker } from 'waba-kit/quota';
import { type SandboxClientConfig, startSandbox } from 'waba-kit/sandbox';

export async function typedConfigs(): Promise<void> {
  const sandbox = await startSandbox();
  createClient(sandbox.config('meta'));
  createClient(sandbox.config('nexmo', { timeout: 2000 }));
  new MetaCloudClient(sandbox.config('meta'));
  new CleverTapClient(sandbox.config('clevertap'));
  new GupshupClient(sandbox.config('gupshup'));
  new NexmoClient(sandbox.config('nexmo'));
  const meta: SandboxClientConfig<'meta'> = sandbox.config('meta');
  meta.accessToken satisfies string;
  createClient({
    ...meta,
    quota: createQuotaTracker({ tier: 250 }),
    window: createConversationWindowTracker(),
  });
  // @ts-expect-error quota takes a tracker from createQuotaTracker(), not a number
  createClient({ ...meta, quota: 42 });
  // @ts-expect-error window takes a tracker from createConversationWindowTracker(), not a boolean
  createClient({ ...meta, window: true });
  // @ts-expect-error extra keys are checked against the provider's config
  sandbox.config('meta', { signatureSecret: 'x' });
  await sandbox.stop();
}
