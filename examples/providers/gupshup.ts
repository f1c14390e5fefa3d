/**
 * Send a text and a template over Gupshup's WhatsApp API (`apikey` header, form-encoded bodies).
 *
 *   GUPSHUP_API_KEY=... GUPSHUP_APP_NAME=MyApp GUPSHUP_SOURCE=+917834811114 GUPSHUP_TEMPLATE_ID=<uuid> \
 *   TO=+919999999999 npx tsx examples/providers/gupshup.ts
 *
 * Gupshup sends templates by their Gupshup template id (a UUID from the dashboard), not by name. Without
 * GUPSHUP_API_KEY it runs against the local sandbox.
 */
import { GupshupClient, type GupshupConfig } from 'waba-kit/gupshup';
import { startSandbox } from 'waba-kit/sandbox';

const to = process.env.TO ?? '+919999999999';
const sandbox = process.env.GUPSHUP_API_KEY ? undefined : await startSandbox();

let config: GupshupConfig;
let templateId = process.env.GUPSHUP_TEMPLATE_ID ?? '';
if (sandbox) {
  const { provider: _, ...sandboxConfig } = sandbox.config('gupshup');
  config = sandboxConfig as GupshupConfig;
  templateId = sandbox.templates.add({
    name: 'order_update',
    language: 'en',
    category: 'UTILITY',
    components: [{ type: 'BODY', text: 'Hi {{1}}, your order {{2}} has shipped and is on its way to you.' }],
  }).gupshupId;
  await sandbox.inbound('gupshup', to, 'Hi');
} else {
  config = {
    apiKey: process.env.GUPSHUP_API_KEY ?? '',
    appName: process.env.GUPSHUP_APP_NAME ?? '',
    source: process.env.GUPSHUP_SOURCE ?? '',
  };
}

const client = new GupshupClient(config);
console.log('text sent:', (await client.sendText(to, 'Your table is ready.')).messageId);
const template = await client.sendTemplate(to, { name: templateId, language: 'en', body: ['Ana', '1042'] });
console.log('template sent:', template.messageId);

await sandbox?.stop();
