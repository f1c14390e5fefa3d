// examples/quickstart/meta.ts
import { MetaCloudClient } from 'waba-kit/meta';

const meta = new MetaCloudClient({
  accessToken: process.env.WA_ACCESS_TOKEN ?? '', // system-user token
  phoneNumberId: process.env.WA_PHONE_NUMBER_ID ?? '',
  wabaId: process.env.WA_WABA_ID, // for template management
  apiVersion: 'v23.0', // pin the Graph API version you tested with
  appSecret: process.env.WA_APP_SECRET, // verifies X-Hub-Signature-256
  verifyToken: process.env.WA_VERIFY_TOKEN, // answers the GET hub.challenge handshake
});

await meta.sendTemplate('+447700900123', {
  name: 'order_update',
  language: 'en_US',
  header: { type: 'image', url: 'https://cdn.example.com/parcel.jpg' },
  body: ['Ana', 'A-42'],
  buttons: [{ index: 0, type: 'url', text: 'orders/A-42' }],
});

for await (const template of meta.listTemplates({ status: 'APPROVED' })) {
  console.log(template.name, template.language, template.qualityScore);
}

meta.on('message.received', ({ event }) => meta.markAsRead(event.id));
export const handleWebhook = meta.webhookHandler(); // (req: Request) => Promise<Response>
