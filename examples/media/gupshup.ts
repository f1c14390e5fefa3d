/**
 * Media through Gupshup: inbound media arrive as a filemanager URL that needs no credentials and expires at
 * `urlExpiry` (`event.media.expiresAt`). The client never sends the apikey with a download, and refuses an expired
 * link before any request. The self-serve API has no upload: send media by URL.
 *
 *   GUPSHUP_API_KEY=... GUPSHUP_APP_NAME=... GUPSHUP_SOURCE=917834811114 npx tsx examples/media/gupshup.ts
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { isMediaExpiredError } from 'waba-kit';
import { GupshupClient } from 'waba-kit/gupshup';
import { toNodeListener } from 'waba-kit/node';
import { createWebhookHandler } from 'waba-kit/webhooks';

const client = new GupshupClient({
  apiKey: process.env.GUPSHUP_API_KEY ?? '',
  appName: process.env.GUPSHUP_APP_NAME ?? '',
  source: process.env.GUPSHUP_SOURCE ?? '917834811114',
});

const webhook = createWebhookHandler({
  provider: 'gupshup',
  on: {
    message: async (m) => {
      if (!m.media?.url) return;
      console.log(
        `${m.type} from ${m.from}, link valid until ${m.media.expiresAt?.toISOString() ?? 'unknown'}`,
      );
      try {
        const media = await client.downloadMedia(m);
        await mkdir('inbox', { recursive: true });
        await writeFile(`inbox/${m.id}`, await media.bytes());
      } catch (error) {
        if (isMediaExpiredError(error)) console.warn(`${m.id}: expired at ${error.expiredAt?.toISOString()}`);
        else throw error;
      }
    },
  },
});
createServer(toNodeListener(webhook)).listen(3000);

// Sending media: by URL (Gupshup fetches it).
if (process.env.TO) {
  await client.send({
    type: 'image',
    to: process.env.TO,
    url: 'https://example.com/receipt.jpg',
    caption: 'Receipt',
  });
}
