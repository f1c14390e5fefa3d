/**
 * Media through Meta's Cloud API: save every image a customer sends, upload a PDF and send it by media id, and
 * upload a template header sample (the `header_handle` of a media-header template).
 *
 *   META_ACCESS_TOKEN=... META_PHONE_NUMBER_ID=... META_APP_ID=... META_APP_SECRET=... \
 *     TO=+447700900123 npx tsx examples/media/meta.ts invoice.pdf
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { isMediaIntegrityError, isMediaTooLargeError } from 'waba-kit';
import { MetaCloudClient } from 'waba-kit/meta';
import { toNodeListener } from 'waba-kit/node';

const client = new MetaCloudClient({
  accessToken: process.env.META_ACCESS_TOKEN ?? '',
  phoneNumberId: process.env.META_PHONE_NUMBER_ID ?? '',
  appId: process.env.META_APP_ID,
  appSecret: process.env.META_APP_SECRET,
  apiVersion: 'v23.0',
});

// 1. Receive: the webhook carries a media id; downloadMedia resolves it and checks size and SHA-256.
const webhook = client.webhookHandler({
  on: {
    message: async (m) => {
      if (m.type !== 'image' || !m.media) return;
      try {
        const image = await client.downloadMedia(m, { maxBytes: 5 * 1024 * 1024 });
        await mkdir('inbox', { recursive: true });
        await writeFile(
          `inbox/${m.id}.${image.mimeType === 'image/png' ? 'png' : 'jpg'}`,
          await image.bytes(),
        );
      } catch (error) {
        if (isMediaTooLargeError(error) || isMediaIntegrityError(error)) console.warn(m.id, error.message);
        else throw error;
      }
    },
  },
});
createServer(toNodeListener(webhook)).listen(3000);

// 2. Send by upload: the type and size are checked against Meta's table before the upload.
const file = process.argv[2];
if (file && process.env.TO) {
  const { mediaId } = await client.uploadMedia(await readFile(file), {
    mimeType: 'application/pdf',
    filename: 'invoice.pdf',
  });
  await client.send({ type: 'document', to: process.env.TO, mediaId, filename: 'invoice.pdf' });
}

// 3. A template with an image header needs a sample uploaded through the Resumable Upload API.
if (process.env.META_APP_ID && process.argv[3]) {
  const { headerHandle } = await client.uploadTemplateSample(await readFile(process.argv[3]), {
    mimeType: 'image/png',
  });
  console.log(`header_handle for createTemplate: ${headerHandle}`);
}
