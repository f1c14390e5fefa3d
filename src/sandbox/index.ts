/**
 * `waba-kit/sandbox`: a local, offline emulator of Vonage, Gupshup, Meta's Cloud API and CleverTap, faithful to
 * their wire formats, for demos, development and end-to-end tests. Node only (node:http, node:crypto).
 *
 * @example
 * ```ts
 * import { createClient } from 'waba-kit';
 * import { startSandbox } from 'waba-kit/sandbox';
 *
 * const sandbox = await startSandbox();
 * const client = createClient(sandbox.config('nexmo'));
 * await sandbox.inbound('nexmo', '+447700900123', 'Hi');
 * await client.sendText('+447700900123', 'Hello!');
 * await sandbox.stop();
 * ```
 * @module
 */
export { createManualClock, type ManualClock, type SandboxClock, systemClock } from './clock.js';
export type { SandboxCounts } from './counters.js';
export type {
  CleverTapSandboxCredentials,
  GupshupSandboxCredentials,
  MetaSandboxCredentials,
  NexmoSandboxCredentials,
  SandboxCredentials,
} from './credentials.js';
export type { SandboxEvent, SandboxEventLog, SandboxInboundMessage } from './events.js';
export { FAULT_KINDS } from './faults.js';
export { fnv1a, mulberry32, seededRandom } from './prng.js';
export type { SandboxClientConfig } from './provider.js';
export { buildWebhookRequest } from './providers/index.js';
export { signMetaWebhook } from './providers/meta.js';
export { signVonageWebhook } from './providers/nexmo.js';
export { DAY_MS } from './rules.js';
export type { Sandbox } from './sandbox.js';
export { startSandbox } from './server.js';
export {
  type SandboxTemplate,
  type SandboxTemplateStatus,
  TemplateOperationError,
  TemplateStore,
} from './templates.js';
export type {
  FaultKind,
  FaultOptions,
  GupshupWebhookTarget,
  InboundContent,
  InboundResult,
  MetaWebhookTarget,
  NexmoWebhookTarget,
  SandboxCredentialOverrides,
  SandboxLimits,
  SandboxMessage,
  SandboxMessageStatus,
  SandboxOptions,
  SandboxProvider,
  SandboxTrigger,
  SandboxWebhookTargets,
  StatusOptions,
  WebhookDelivery,
  WebhookRetryOptions,
} from './types.js';
