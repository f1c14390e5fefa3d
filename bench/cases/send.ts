import { Messages } from '@vonage/messages';
import ky from 'ky';
import { dist } from '../lib/dist.js';
import { APPLICATION_ID, rsaKeyPair } from '../lib/fixtures.js';
import { interleavedCustom } from '../lib/measure.js';
import { runConcurrent, startFakeApi } from '../lib/server.js';
import { ratio } from '../lib/stats.js';
import type { BenchContext, BenchResult } from '../lib/types.js';

const FROM = '447700900001';
const to = (i: number) => `4477009${String(10000 + (i % 80000)).padStart(5, '0')}`;
const TEXT = 'Your order A-1042 has shipped and arrives on Friday.';

async function clients(privateKeyPem: string, baseUrl: string) {
  const { NexmoClient } = await dist('nexmo');
  const ours = new NexmoClient({
    applicationId: APPLICATION_ID,
    privateKey: privateKeyPem,
    from: FROM,
    baseUrl,
  });
  const vonage = new Messages(
    { applicationId: APPLICATION_ID, privateKey: privateKeyPem },
    { apiHost: baseUrl },
  );
  return {
    ours: (i: number) => ours.send({ type: 'text', to: `+${to(i)}`, text: TEXT }),
    vonage: (i: number) =>
      vonage.send({ channel: 'whatsapp', messageType: 'text', to: to(i), from: FROM, text: TEXT } as never),
  };
}

/** Counts the RSA signatures behind `sends` sends of each SDK (see the auth benchmark). */
export async function countSendSignatures(
  privateKeyPem: string,
  sends: number,
): Promise<{ oursTokens: number; vonageTokens: number; oursSubtleSigns: number }> {
  const api = await startFakeApi();
  try {
    const c = await clients(privateKeyPem, api.url);
    const subtle = crypto.subtle;
    const original = subtle.sign;
    let oursSubtleSigns = 0;
    subtle.sign = function (this: SubtleCrypto, ...args: Parameters<SubtleCrypto['sign']>) {
      const algorithm = args[0];
      const name = typeof algorithm === 'string' ? algorithm : algorithm.name;
      if (name === 'RSASSA-PKCS1-v1_5') oursSubtleSigns++;
      return original.apply(this, args);
    } as SubtleCrypto['sign'];
    try {
      await runConcurrent(sends, 64, c.ours);
    } finally {
      subtle.sign = original;
    }
    const oursTokens = new Set(api.authorizations).size;
    api.reset();
    await runConcurrent(sends, 64, c.vonage);
    const vonageTokens = new Set(api.authorizations).size;
    return { oursTokens, vonageTokens, oursSubtleSigns };
  } finally {
    await api.close();
  }
}

/** Send throughput to a node:http server on 127.0.0.1 with keep-alive, 64 requests in flight. */
export async function sendBench(ctx: BenchContext): Promise<BenchResult> {
  const { privateKeyPem } = rsaKeyPair();
  const api = await startFakeApi();
  const total = ctx.quick ? 300 : 3000;
  const concurrency = 64;
  try {
    const c = await clients(privateKeyPem, api.url);
    const body = (i: number) =>
      JSON.stringify({ message_type: 'text', channel: 'whatsapp', to: to(i), from: FROM, text: TEXT });
    const bearer = `Bearer ${'x'.repeat(600)}`;
    const bare = async (i: number) => {
      const res = await fetch(`${api.url}/v1/messages`, {
        method: 'POST',
        headers: { authorization: bearer, 'content-type': 'application/json', accept: 'application/json' },
        body: body(i),
      });
      return res.json();
    };
    const viaKy = (i: number) =>
      ky
        .post(`${api.url}/v1/messages`, {
          headers: { authorization: bearer, 'content-type': 'application/json', accept: 'application/json' },
          body: body(i),
          retry: 0,
          timeout: 30_000,
          throwHttpErrors: false,
        })
        .json();
    // Warm up every path (connections, JIT, our signer's first token).
    await runConcurrent(concurrency * 2, concurrency, c.ours);
    await runConcurrent(concurrency * 2, concurrency, c.vonage);
    await runConcurrent(concurrency * 2, concurrency, bare);
    await runConcurrent(concurrency * 2, concurrency, viaKy);
    const ops = await interleavedCustom(ctx.quick ? 1 : 7, {
      ours: () => runConcurrent(total, concurrency, c.ours),
      vonage: () => runConcurrent(Math.ceil(total / 3), concurrency, c.vonage),
      fetch: () => runConcurrent(total, concurrency, bare),
      ky: () => runConcurrent(total, concurrency, viaKy),
    });
    const vsVonage = ops.ours! / ops.vonage!;
    const vsKy = ops.ours! / ops.ky!;
    return {
      id: 'send',
      title: 'Send throughput to a 127.0.0.1 server, concurrency 64',
      unit: 'sends/s',
      higherIsBetter: true,
      runs: ctx.quick ? 1 : 7,
      figures: [
        { label: '`NexmoClient.send` (waba-kit), text message, JWT auth', role: 'ours', value: ops.ours! },
        { label: '`@vonage/messages` `send`, same message, JWT auth', role: 'anchor', value: ops.vonage! },
        {
          label: 'bare `fetch` POST of the same JSON with a fixed header (the limit)',
          role: 'limit',
          value: ops.fetch!,
        },
        {
          label:
            '`ky` POST of the same JSON with a per-request timeout (the HTTP library waba-kit sends through)',
          role: 'limit',
          value: ops.ky!,
        },
      ],
      goals: [
        { goal: '>= 1.5x `@vonage/messages`', measured: ratio(ops.ours!, ops.vonage!), met: vsVonage >= 1.5 },
        { goal: '>= 0.9x `ky` alone', measured: ratio(ops.ours!, ops.ky!), met: vsKy >= 0.9 },
      ],
      notes: [
        `A real node:http server on 127.0.0.1 (keep-alive, answers 202 with a \`message_uuid\` like the Messages API); ${total} sends per round for waba-kit and bare fetch, ${Math.ceil(total / 3)} for \`@vonage/messages\` (slower), 64 in flight, the server in the same process. The server's own cost is part of every figure, so the ratios understate the differences between the clients.`,
        `Where the time goes: ky alone (a \`Request\` object, a timeout signal, option merging and hooks per call) ran at ${ratio(ops.ky!, ops.fetch!)} of bare fetch, and waba-kit at ${ratio(ops.ours!, ops.ky!)} of ky. ky is the HTTP layer the design names for the core, so the goal is measured against ky alone and bare \`fetch\` stays in the table as the limit (waba-kit: ${ratio(ops.ours!, ops.fetch!)} of it; the earlier goal of 0.8x bare fetch is superseded by issue 16's). A CPU profile of \`NexmoClient.send\` (\`node --cpu-prof\`, same server) beside one of ky alone showed three costs of waba-kit's own. First the secret scrubber spelling out every secret (the PEM key, URL- and JSON-escaped) on each send, about 115 µs a send: spellings are now computed once per secrets list (src/core/redact.ts). Then the abort signal waba-kit gave ky for every attempt (an \`AbortController\` and a timer for the deadline): ky combines a signal it is given with its own through \`AbortSignal.any\`, about 60 µs a request on Node 20 in a loop of its own, plus the collector's work on the weak references it leaves. The wait for the headers is now bounded by ky's own \`timeout\` (the timer and signal ky makes for every request anyway), the caller's signal goes to ky only when there is one, and the body is read until the same deadline by a plain timer (src/core/deadline.ts) that \`readText\` watches with the caller's signal, so the body deadline that the GC bug of \`AbortSignal.any\` made necessary stays. Last, work nobody used: the \`request\`, \`response\`, \`retry\` and \`message.sent\` events (and the scrubbed URL in each) are built only when something listens, the credentials inside the auth header are read once per token instead of once per send, a one-chunk body is decoded by a shared decoder instead of a streaming one, and the per-chunk \`Promise.race\` of the body read is gone (cancelling the reader settles a pending read). In CPU time per send, measured side by side in one process on the shared machine, waba-kit went from 0.80x-0.87x of ky alone to 0.87x-0.96x; in this benchmark, six runs of each build alternating, from 0.80x-0.86x to 0.83x-0.97x. What remains is undici (Node's fetch: the \`Request\` ky builds and the clone it keeps for retries, body streams) and the garbage collector for most of the samples, ky's per-call work (option and header merging), then waba-kit's own synchronous work, about 6 % of the samples: validation (zod/mini, about 1 %), wire mapping (under 1 %), the scrub of the answer, \`JSON.stringify\` and \`JSON.parse\`, and the promise hops of its async layers. Tried and not kept: passing ky only the options a request sets (ky copies its options object once per key; no measurable gain). A run-to-run spread of 10-20 % on this shared machine is larger than the difference between waba-kit and ky alone: read the ratio as a range.`,
        "waba-kit validates the message, normalises the number, sets a client_ref, reuses its cached JWT and sends through `fetch` (keep-alive via Node's global agent). `@vonage/messages` signs a new RS256 JWT per request and sends through node-fetch.",
      ],
    };
  } finally {
    await api.close();
  }
}
