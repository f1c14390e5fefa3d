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
 *
 * This file is the entry's public export list, recorded in `api/sandbox.api.md` (`npm run api:report`).
 * @module waba-kit/sandbox
 */
export {
  createManualClock,
  type ManualClock,
  type Sandbox,
  type SandboxClientConfig,
  type SandboxClock,
  startSandbox,
} from '../sandbox/index.js';
