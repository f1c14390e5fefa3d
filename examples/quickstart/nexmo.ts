// examples/quickstart/nexmo.ts
import { isWindowClosedError } from 'waba-kit';
import { NexmoClient } from 'waba-kit/nexmo';

const vonage = new NexmoClient({
  applicationId: process.env.VONAGE_APPLICATION_ID ?? '',
  privateKey: process.env.VONAGE_PRIVATE_KEY ?? '', // PEM contents; literal \n is fine
  from: '+447700900001',
  signatureSecret: process.env.VONAGE_SIGNATURE_SECRET, // verifies signed webhooks
});

try {
  await vonage.sendText('+447700900123', 'Your order has shipped');
} catch (error) {
  if (!isWindowClosedError(error)) throw error;
  // Vonage 1340: outside the 24 h window only an approved template may be sent.
  await vonage.sendTemplate('+447700900123', {
    name: 'order_update',
    namespace: '9b6b4fcb_da19_4a26_8fe8_78074a91b584', // legacy `namespace:name` templates
    language: 'en_GB',
    body: ['Daisy', 'A123'],
  });
}

vonage.on('message.received', ({ event }) => vonage.markAsRead(event));
export const inbound = async (request: Request) => {
  await vonage.parseWebhook(request); // verifies the signature JWT, then emits events
  return new Response(null, { status: 200 });
};
