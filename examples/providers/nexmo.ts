/**
 * Send a text and a template over Vonage (Nexmo) Messages API v1, authenticated with an application JWT.
 *
 *   VONAGE_APPLICATION_ID=... VONAGE_PRIVATE_KEY_PATH=./private.key VONAGE_FROM=+447700900001 \
 *   TO=+447700900123 npx tsx examples/providers/nexmo.ts
 *
 * Without VONAGE_APPLICATION_ID it runs against the local sandbox, so it works offline as is.
 * In the Vonage dashboard: Messages capability on, inbound and status URLs set, and for legacy accounts the
 * webhook "payload version" (v0.1 or v1) matching `apiVersion`.
 */
import { readFileSync } from 'node:fs';
import { NexmoClient, type NexmoConfig } from 'waba-kit/nexmo';
import { startSandbox } from 'waba-kit/sandbox';

const to = process.env.TO ?? '+447700900123';
const sandbox = process.env.VONAGE_APPLICATION_ID ? undefined : await startSandbox();

let config: NexmoConfig;
if (sandbox) {
  const { provider: _, ...sandboxConfig } = sandbox.config('nexmo');
  config = sandboxConfig as NexmoConfig;
  sandbox.templates.add({
    name: 'order_update',
    language: 'en_US',
    category: 'UTILITY',
    components: [{ type: 'BODY', text: 'Hi {{1}}, your order {{2}} has shipped and is on its way to you.' }],
  });
  await sandbox.inbound('nexmo', to, 'Hi'); // the customer writes first: the 24 h window opens
} else {
  config = {
    applicationId: process.env.VONAGE_APPLICATION_ID,
    privateKey: readFileSync(process.env.VONAGE_PRIVATE_KEY_PATH ?? 'private.key', 'utf8'),
    from: process.env.VONAGE_FROM ?? '',
  };
}

const client = new NexmoClient(config);
const text = await client.sendText(to, 'Your table is ready.');
console.log('text sent:', text.messageId);

const template = await client.sendTemplate(to, {
  name: 'order_update',
  language: 'en_US',
  body: ['Ana', '1042'],
});
console.log('template sent:', template.messageId);

await sandbox?.stop();
