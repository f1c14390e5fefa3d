// examples/quickstart/gupshup.ts
import { GupshupClient } from 'waba-kit/gupshup';

const gupshup = new GupshupClient({
  apiKey: process.env.GUPSHUP_API_KEY ?? '',
  appName: 'DemoApp',
  source: '+917834811114',
  appId: process.env.GUPSHUP_APP_ID, // for template listing
});

await gupshup.send({
  type: 'interactive',
  to: '+919876543210',
  body: 'Is 10:00 a good time?',
  action: {
    type: 'buttons',
    buttons: [
      { id: 'yes', title: 'Yes' },
      { id: 'no', title: 'No' },
    ],
  },
});

const approved = (await gupshup.listTemplates()).find((t) => t.status === 'APPROVED');
if (approved) {
  // Gupshup sends templates by template id, with positional params.
  await gupshup.sendTemplate('+919876543210', { name: approved.id, language: 'en', body: ['Daisy', 'A123'] });
}
