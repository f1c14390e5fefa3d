/**
 * Media through Vonage: inbound media arrive as a URL on Vonage's media servers. With "Secure Inbound Media" on,
 * the download needs the application JWT, which the client signs from applicationId + privateKey and sends to
 * Vonage's hosts only. Vonage has no upload API: send media by URL.
 *
 *   VONAGE_APPLICATION_ID=... VONAGE_PRIVATE_KEY="$(cat private.key)" npx tsx examples/media/nexmo.ts
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { isMediaExpiredError, isUnsupportedOperationError } from 'waba-kit';
import { NexmoClient } from 'waba-kit/nexmo';
import { toNodeListener } from 'waba-kit/node';
import { createWebhookHandler } from 'waba-kit/webhooks';

const client = new NexmoClient({
  applicationId: process.env.VONAGE_APPLICATION_ID ?? '',
  privateKey: process.env.VONAGE_PRIVATE_KEY ?? '',
  from: process.env.VONAGE_FROM ?? '14157386102',
});

const webhook = createWebhookHandler({
  provider: 'nexmo',
  on: {
    message: async (m) => {
      if (!m.media?.url) return;
      try {
        const media = await client.downloadMedia(m); // Vonage keeps standard links 48 hours
        await mkdir('inbox', { recursive: true });
        await writeFile(`inbox/${m.id}`, await media.bytes());
      } catch (error) {
        if (isMediaExpiredError(error)) console.warn(`${m.id}: the link expired; ask for the file again`);
        else throw error;
      }
    },
  },
});
createServer(toNodeListener(webhook)).listen(3000);

// Uploading is refused before any request, with a message saying to send by URL.
await client.uploadMedia(new Uint8Array([1]), { mimeType: 'image/png' }).catch((error: unknown) => {
  if (isUnsupportedOperationError(error)) console.log(error.message);
});
