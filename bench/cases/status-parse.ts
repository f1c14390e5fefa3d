import { dist } from '../lib/dist.js';
import { GUPSHUP_V2_STATUS, VONAGE_V1_STATUS, VONAGE_V01_STATUS } from '../lib/fixtures.js';
import { interleaved } from '../lib/measure.js';
import { fmt, ratio } from '../lib/stats.js';
import type { BenchContext, BenchResult } from '../lib/types.js';

/** One provider's status callback, parsed from its raw body against `JSON.parse` of the same body. */
interface StatusCase {
  id: string;
  title: string;
  provider: 'nexmo' | 'gupshup';
  raw: string;
  /** What the body is and where it comes from. */
  body: string;
}

const PROFILE_NOTE =
  'Where the time goes (`node --cpu-prof`): `JSON.parse` is the largest part of `parseWebhook`; the rest is format detection, the timestamp (`Date.parse` of the ISO string, or the unix time), the status word and price readers, and the `StatusEvent`. Changes made from the profiles: the tolerant zod payload schema (a copy of the whole payload per call) became direct reads with the same tolerant readers; the event is built field by field, not as a literal copied without its undefined values; a timestamp already in the canonical ISO form goes to `Date.parse` as it is (the number regex, the trim and the capture groups were a third of the work after `JSON.parse`); the parse context is a class instance, not a literal with a getter (5 % of a profile), and reads the clock only when the payload has no usable time. Before them (same machine, 2026-12-01): 0.14x-0.18x `JSON.parse` for the Vonage v0.1 status.';

async function statusParseBench(ctx: BenchContext, c: StatusCase): Promise<BenchResult> {
  const { parseWebhook } = await dist('webhooks');
  const [event] = parseWebhook(c.provider, c.raw);
  if (event?.kind !== 'status') throw new Error(`${c.id}: expected a status event, got ${event?.kind}`);
  const ops = await interleaved(ctx, {
    ours: () => parseWebhook(c.provider, c.raw),
    limit: () => JSON.parse(c.raw),
  });
  return {
    id: c.id,
    title: c.title,
    unit: 'ops/s',
    higherIsBetter: true,
    runs: ctx.rounds,
    figures: [
      {
        label: `\`parseWebhook('${c.provider}', raw)\` (waba-kit): JSON, format detection, typed \`StatusEvent\``,
        role: 'ours',
        value: ops.ours!,
      },
      { label: '`JSON.parse(raw)` alone (the limit)', role: 'limit', value: ops.limit! },
    ],
    goals: [
      {
        goal: '>= 0.5x JSON.parse throughput',
        measured: ratio(ops.ours!, ops.limit!),
        met: ops.ours! >= 0.5 * ops.limit!,
      },
    ],
    notes: [
      `The body is ${c.body} (${c.raw.length} bytes), parsed from the string each time.`,
      `Per call: ${fmt(1e6 / ops.ours!)} µs for waba-kit against ${fmt(1e6 / ops.limit!)} µs for \`JSON.parse\` alone.`,
      PROFILE_NOTE,
    ],
  };
}

/** Vonage v0.1 `delivered` status. */
export function nexmoWebhookBench(ctx: BenchContext): Promise<BenchResult> {
  return statusParseBench(ctx, {
    id: 'nexmo-webhook',
    title: 'Webhook parse, Vonage v0.1 status',
    provider: 'nexmo',
    raw: VONAGE_V01_STATUS,
    body: "Vonage's documented v0.1 `delivered` status",
  });
}

/** Vonage v1 `read` status with price, client ref and conversation. */
export function vonageV1WebhookBench(ctx: BenchContext): Promise<BenchResult> {
  return statusParseBench(ctx, {
    id: 'vonage-v1-webhook',
    title: 'Webhook parse, Vonage v1 status',
    provider: 'nexmo',
    raw: VONAGE_V1_STATUS,
    body: 'a Vonage v1 `read` status as the v1 OpenAPI description documents it (`usage` price, `client_ref`, `whatsapp.conversation`)',
  });
}

/** Gupshup v2 `sent` message event with conversation and pricing. */
export function gupshupWebhookBench(ctx: BenchContext): Promise<BenchResult> {
  return statusParseBench(ctx, {
    id: 'gupshup-webhook',
    title: 'Webhook parse, Gupshup v2 status',
    provider: 'gupshup',
    raw: GUPSHUP_V2_STATUS,
    body: "a Gupshup v2 `sent` message event with `pricing`, as Gupshup's message-event and PMP pages document it",
  });
}
