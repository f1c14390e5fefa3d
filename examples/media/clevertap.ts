/**
 * Media on a CleverTap BSP number (Cloud API underneath): download what a customer sent, upload a file and send
 * it by media id. Same calls, same checks as Meta; events and errors report `clevertap`.
 *
 *   WA_TOKEN=... WA_PHONE_NUMBER_ID=... TO=+447700900123 npx tsx examples/media/clevertap.ts photo.jpg
 */
import { readFile } from 'node:fs/promises';
import { CleverTapClient } from 'waba-kit/clevertap';

const client = new CleverTapClient({
  accessToken: process.env.WA_TOKEN ?? '',
  phoneNumberId: process.env.WA_PHONE_NUMBER_ID ?? '',
  region: 'eu1',
});

client.on('message.received', async ({ event }) => {
  if (!event.media) return;
  const download = await client.downloadMedia(event);
  console.log(
    `${event.type} from ${event.from}: ${download.mimeType}, ${(await download.bytes()).length} bytes`,
  );
});

const file = process.argv[2];
if (file && process.env.TO) {
  const { mediaId } = await client.uploadMedia(await readFile(file), { mimeType: 'image/jpeg' });
  await client.send({ type: 'image', to: process.env.TO, mediaId, caption: 'Your receipt' });
}
