/**
 * The producer of the BullMQ recipe: one send job per recipient of a campaign.
 *
 *   REDIS_URL=redis://127.0.0.1:6379 npx tsx examples/bullmq/producer.ts spring-2026 recipients.txt
 *
 * `recipients.txt` holds one E.164 number a line. Job ids are `<campaign>|<number>`, so adding the same campaign
 * again (after a crash of the producer, or twice by mistake) adds nobody twice. Run `worker.ts` in as many
 * processes as you like to send them.
 */
import { readFile } from 'node:fs/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { normalizePhone } from 'waba-kit';
import { SEND_JOB_OPTIONS, type SendJobData, sendJobId } from './send-job.js';

const [campaignId, file] = process.argv.slice(2);
if (!campaignId || !file) {
  console.error('usage: producer.ts <campaignId> <recipients file, one number a line>');
  process.exit(2);
}
const queueName = process.env.QUEUE ?? 'whatsapp-sends';
const template = { name: process.env.TEMPLATE ?? 'spring_sale', language: process.env.LANGUAGE ?? 'en' };

const connection = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
  maxRetriesPerRequest: null,
});
const queue = new Queue<SendJobData>(queueName, { connection, prefix: process.env.BULL_PREFIX ?? 'bull' });

const numbers = (await readFile(file, 'utf8'))
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line.length > 0)
  .map((line) => normalizePhone(line));
for (let i = 0; i < numbers.length; i += 1_000) {
  await queue.addBulk(
    numbers.slice(i, i + 1_000).map((to) => ({
      name: 'send',
      data: { campaignId, to, template },
      opts: { ...SEND_JOB_OPTIONS, jobId: sendJobId(campaignId, to) },
    })),
  );
}
console.log(`queued ${numbers.length} sends of ${template.name} for campaign ${campaignId} on ${queueName}`);
await queue.close();
connection.disconnect();
