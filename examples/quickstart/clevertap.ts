// examples/quickstart/clevertap.ts
import { CleverTapClient } from 'waba-kit/clevertap';

const clevertap = new CleverTapClient({
  accessToken: process.env.WA_ACCESS_TOKEN ?? '', // Cloud API token of the WABA onboarded through CleverTap
  phoneNumberId: process.env.WA_PHONE_NUMBER_ID ?? '',
  wabaId: process.env.WA_WABA_ID,
  apiVersion: 'v23.0',
  region: 'in1', // eu1 | in1 | sg1 | us1 | aps3 | mec1
  accountId: process.env.CLEVERTAP_ACCOUNT_ID ?? '',
  passcode: process.env.CLEVERTAP_PASSCODE ?? '',
});

// Editing or deleting a template stops the campaigns that use it: surfaced as warnings.
clevertap.on('warning', ({ code, message }) => console.warn(code, message));

await clevertap.setWhatsAppOptIn(['user-42', 'user-43'], true); // the MSG-whatsapp profile property
await clevertap.sendTemplate('+919812345678', {
  name: 'order_update',
  language: 'en',
  body: ['Asha', 'A-42'],
});
const { added } = await clevertap.importTemplates({ mode: 'add' }); // approved templates from Meta
console.log('imported', added.length);
await clevertap.triggerCampaign('1695721550', 'user-42', { orderId: 'A-42' }); // External Trigger API
