/**
 * Send through CleverTap as WhatsApp BSP: the Cloud API transport with CleverTap's rules (region, account).
 *
 *   CLEVERTAP_ACCESS_TOKEN=... CLEVERTAP_PHONE_NUMBER_ID=... CLEVERTAP_REGION=eu1 \
 *   TO=+447700900123 npx tsx examples/providers/clevertap.ts
 *
 * Without CLEVERTAP_ACCESS_TOKEN it runs against the local sandbox.
 */
import { CleverTapClient, type CleverTapConfig } from 'waba-kit/clevertap';
import { startSandbox } from 'waba-kit/sandbox';

const to = process.env.TO ?? '+447700900123';
const sandbox = process.env.CLEVERTAP_ACCESS_TOKEN ? undefined : await startSandbox();

let config: CleverTapConfig;
if (sandbox) {
  const { provider: _, ...sandboxConfig } = sandbox.config('clevertap');
  config = sandboxConfig as CleverTapConfig;
  sandbox.templates.add(
    {
      name: 'order_update',
      language: 'en_US',
      category: 'UTILITY',
      components: [
        { type: 'BODY', text: 'Hi {{1}}, your order {{2}} has shipped and is on its way to you.' },
      ],
    },
    'APPROVED',
    'clevertap',
  );
  await sandbox.inbound('clevertap', to, 'Hi');
} else {
  config = {
    accessToken: process.env.CLEVERTAP_ACCESS_TOKEN ?? '',
    phoneNumberId: process.env.CLEVERTAP_PHONE_NUMBER_ID ?? '',
    region: (process.env.CLEVERTAP_REGION ?? 'eu1') as CleverTapConfig['region'],
    apiVersion: 'v23.0',
  };
}

const client = new CleverTapClient(config);
console.log('text sent:', (await client.sendText(to, 'Your table is ready.')).messageId);
const template = await client.sendTemplate(to, {
  name: 'order_update',
  language: 'en_US',
  body: ['Ana', '1042'],
});
console.log('template sent:', template.messageId);

await sandbox?.stop();
