/**
 * Webhook dedupe shared by several instances (issue "beyond one process"): 4 webhook processes on 127.0.0.1
 * share one Redis; 5 000 signed Meta deliveries, 20 % of them duplicates sent to other instances, and the
 * handler of about 5 % of the messages throwing once. The test acts as Meta: it retries every delivery answered
 * non-2xx. Each message must be handled exactly once (counted in Redis by the handlers themselves).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { signWebhookForTest } from '../../src/webhooks/index.js';
import { fixtureText } from '../webhooks/helpers.js';
import { type Fixture, startFixture, stopFixture } from './processes.js';
import { freshPrefix, redisClient, redisUrl } from './redis.js';

const APP_SECRET = 'multi-instance-app-secret-0123456789';
const INSTANCES = 4;
const DELIVERIES = 5_000;
const UNIQUE = 4_000;

const fixtures: Fixture[] = [];
afterAll(async () => {
  await Promise.all(fixtures.map(stopFixture));
});

const template = fixtureText('meta', 'message-text');

/** A Meta delivery carrying one inbound text message (the stored fixture with its id replaced). */
function delivery(id: string): string {
  const body = JSON.parse(template);
  body.entry[0].changes[0].value.messages[0].id = id;
  return JSON.stringify(body);
}

describe('webhook dedupe across 4 instances on one Redis', () => {
  it('handles each of 4 000 messages exactly once over 5 000 deliveries with duplicates and failing handlers', async () => {
    const started = Date.now();
    const url = redisUrl();
    const prefix = freshPrefix('dedupe');
    for (let i = 0; i < INSTANCES; i++)
      fixtures.push(startFixture('webhook-instance', [url, prefix, APP_SECRET]));
    const ports = (await Promise.all(fixtures.map((f) => f.ready))).map((r) => r.ready as number);

    // 4 000 originals and 1 000 duplicates, each duplicate soon after its original (so some race it).
    const ids = Array.from({ length: UNIQUE }, (_, i) => `wamid.multi.${i}`);
    const order: { id: string; instance: number }[] = ids.map((id, i) => ({ id, instance: i % INSTANCES }));
    for (let d = 0; d < DELIVERIES - UNIQUE; d++) {
      const original = (d * 7919) % UNIQUE;
      const at = Math.min(order.length, original + 1 + (d % 5));
      order.splice(at, 0, { id: ids[original] as string, instance: (original + 1 + (d % 3)) % INSTANCES });
    }
    expect(order).toHaveLength(DELIVERIES);

    const statuses = new Map<number, number>();
    let attempts = 0;
    const post = async (id: string, instance: number): Promise<void> => {
      const body = delivery(id);
      const headers = {
        'content-type': 'application/json',
        ...(await signWebhookForTest('meta', body, APP_SECRET)),
      };
      for (let attempt = 0; ; attempt++) {
        attempts++;
        const target = ports[(instance + attempt) % INSTANCES] as number;
        const response = await fetch(`http://127.0.0.1:${target}/`, { method: 'POST', headers, body });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.ok) return;
        if (attempt > 20) throw new Error(`delivery of ${id} still refused after ${attempt} retries`);
        await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
      }
    };
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < order.length) {
          const item = order[next++] as { id: string; instance: number };
          await post(item.id, item.instance);
        }
      }),
    );

    const redis = redisClient();
    const handled = await redis.hgetall(`${prefix}handled`);
    const throws = Number(await redis.get(`${prefix}throws`));
    await redis.quit();
    const counts = Object.values(handled).map(Number);
    expect(Object.keys(handled)).toHaveLength(UNIQUE);
    expect(counts.every((c) => c === 1)).toBe(true);
    // About 5 % of the messages had a handler throw once, and each was retried and handled.
    expect(throws).toBeGreaterThan(UNIQUE * 0.03);
    expect(throws).toBeLessThan(UNIQUE * 0.07);
    expect(statuses.get(500)).toBe(throws);
    console.info(
      `webhook dedupe: ${DELIVERIES} deliveries, ${attempts} attempts (${JSON.stringify(Object.fromEntries(statuses))}), ${UNIQUE} handled once each, ${throws} handler failures retried, ${Date.now() - started} ms`,
    );
  }, 120_000);
});
