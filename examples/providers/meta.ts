/**
 * Send a text, an interactive message and a template straight through Meta's WhatsApp Cloud API.
 *
 *   META_ACCESS_TOKEN=... META_PHONE_NUMBER_ID=... TO=+447700900123 npx tsx examples/providers/meta.ts
 *
 * Pin the Graph API version you tested against (`apiVersion`). Without META_ACCESS_TOKEN it runs against the
 * local sandbox.
 */
import { MetaCloudClient, type MetaConfig } from 'waba-kit/meta';
import { startSandbox } from 'waba-kit/sandbox';

const to = process.env.TO ?? '+447700900123';
const sandbox = process.env.META_ACCESS_TOKEN ? undefined : await startSandbox();

let config: MetaConfig;
if (sandbox) {
  const { provider: _, ...sandboxConfig } = sandbox.config('meta');
  config = sandboxConfig as MetaConfig;
  sandbox.templates.add({
    name: 'order_update',
    language: 'en_US',
    category: 'UTILITY',
    components: [{ type: 'BODY', text: 'Hi {{1}}, your order {{2}} has shipped and is on its way to you.' }],
  });
  await sandbox.inbound('meta', to, 'Hi');
} else {
  config = {
    accessToken: process.env.META_ACCESS_TOKEN ?? '',
    phoneNumberId: process.env.META_PHONE_NUMBER_ID ?? '',
    apiVersion: 'v23.0',
  };
}

const client = new MetaCloudClient(config);
console.log('text sent:', (await client.sendText(to, 'Your table is ready.')).messageId);

const question = await client.send({
  type: 'interactive',
  to,
  body: 'Confirm your booking for 8pm?',
  action: {
    type: 'buttons',
    buttons: [
      { id: 'yes', title: 'Yes' },
      { id: 'no', title: 'No' },
    ],
  },
});
console.log('buttons sent:', question.messageId);

const template = await client.sendTemplate(to, {
  name: 'order_update',
  language: 'en_US',
  body: ['Ana', '1042'],
});
console.log('template sent:', template.messageId);

await sandbox?.stop();
