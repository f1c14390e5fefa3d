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
export type {
  CleverTapSandboxCredentials,
  GupshupSandboxCredentials,
  MetaSandboxCredentials,
  NexmoSandboxCredentials,
  SandboxCredentials,
} from './credentials.js';
export { FAULT_KINDS } from './faults.js';
export { fnv1a, mulberry32, seededRandom } from './prng.js';
export { DAY_MS } from './rules.js';
export { type Sandbox, startSandbox } from './server.js';
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
  SandboxWebhookTargets,
  StatusOptions,
  WebhookDelivery,
  WebhookRetryOptions,
} from './types.js';
export { buildWebhookRequest, signMetaWebhook, signVonageWebhook } from './webhooks.js';
