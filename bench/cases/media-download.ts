import { join } from 'node:path';
import { build } from 'esbuild';
import { nodeEval } from '../lib/child.js';
import { interleavedCustom } from '../lib/measure.js';
import { fmt } from '../lib/stats.js';
import type { BenchContext, BenchResult } from '../lib/types.js';

const MiB = 1024 * 1024;

/**
 * One download of `size` bytes through `MetaCloudClient.downloadMedia(...).body` (or a bare `fetch` for the
 * limit) in a fresh `node --expose-gc` process on the built package, from a node:http server on 127.0.0.1 in a second
 * process.
 * The server writes one 64 KiB chunk over and over with backpressure, so it holds no file; the media object
 * declares the size and SHA-256, so the client checks both while streaming. Memory is sampled on every chunk;
 * printed: the peak minus the figure before the download (after a full GC) of RSS, of the ArrayBuffer bytes
 * (`process.memoryUsage().arrayBuffers`: the chunks) and of the JS heap in use, in bytes, and the throughput in MiB/s.
 */
const SERVER = `
const http = await import('node:http');
const SIZE = Number(process.env.SIZE);
const sha256 = process.env.SHA;
const chunk = Buffer.alloc(65536);
for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 31 + 7) & 0xff;
let origin;
const server = http.createServer((req, res) => {
  if (req.url.startsWith('/v23.0/')) {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ url: origin + '/file?mid=1', mime_type: 'video/mp4', file_size: String(SIZE), sha256, id: '1' }));
  }
  if (req.url.startsWith('/small')) {
    res.writeHead(200, { 'content-type': 'video/mp4' });
    return res.end(chunk);
  }
  res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(SIZE) });
  let sent = 0;
  const pump = () => {
    while (sent < SIZE) {
      const part = chunk.subarray(0, Math.min(chunk.length, SIZE - sent));
      sent += part.length;
      if (!res.write(part)) return res.once('drain', pump);
    }
    res.end();
  };
  pump();
});
server.listen(0, '127.0.0.1', () => {
  origin = 'http://127.0.0.1:' + server.address().port;
  console.log(origin);
});
`;

type Kind = 'ours' | 'floor' | 'fetch';

/**
 * The child script of one figure. `ours` reads `downloadMedia({ id }).body`; `floor` reads a bare `fetch` body
 * and feeds each chunk to the SDK's own SHA-256 (`shaModule`, bundled from its source), which is the least a
 * download checked while streaming does; `fetch` only counts the bytes.
 */
function downloadScript(kind: Kind, size: number, shaModule: string): string {
  return `
const { createHash } = await import('node:crypto');
const { MetaCloudClient } = await import('waba-kit/meta');
const { Sha256 } = await import(${JSON.stringify(`data:text/javascript,${encodeURIComponent(shaModule)}`)});
const SIZE = ${size};
const chunk = Buffer.alloc(65536);
for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 31 + 7) & 0xff;
const hash = createHash('sha256');
for (let sent = 0; sent < SIZE; sent += chunk.length) hash.update(chunk.subarray(0, Math.min(chunk.length, SIZE - sent)));
const sha256 = hash.digest('hex');
// The server runs in its own process, so the RSS measured is the downloading process's alone.
const { spawn } = await import('node:child_process');
const serverCode = ${JSON.stringify(SERVER)};
const child = spawn(process.execPath, ['--input-type=module', '-e', serverCode], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, SIZE: String(SIZE), SHA: sha256 } });
const origin = await new Promise((resolve) => child.stdout.once('data', (d) => resolve(String(d).trim())));
// Warm up: the first fetch loads undici's code, which is the runtime's cost, not the download's.
const client = new MetaCloudClient({ accessToken: 'EAAJBbenchToken0123456789abcdef', phoneNumberId: '1', baseUrl: origin });
if (${kind === 'ours'}) await (await client.downloadMedia({ url: origin + '/small' })).bytes();
else await (await fetch(origin + '/small')).arrayBuffer();
globalThis.gc(); globalThis.gc();
const before = process.memoryUsage();
const peak = { ...before };
const started = performance.now();
let body;
if (${kind === 'ours'}) {
  body = (await client.downloadMedia({ id: '1' }, { maxBytes: SIZE })).body;
} else {
  body = (await fetch(origin + '/file')).body;
}
const check = ${kind === 'floor'} ? new Sha256() : undefined;
const reader = body.getReader();
let received = 0;
for (;;) {
  const { done, value } = await reader.read();
  if (done) break;
  received += value.byteLength;
  check?.update(value);
  const now = process.memoryUsage();
  if (now.rss > peak.rss) peak.rss = now.rss;
  if (now.arrayBuffers > peak.arrayBuffers) peak.arrayBuffers = now.arrayBuffers;
  if (now.heapUsed > peak.heapUsed) peak.heapUsed = now.heapUsed;
}
const seconds = (performance.now() - started) / 1000;
if (received !== SIZE) throw new Error('received ' + received);
if (check && check.hex() !== sha256) throw new Error('sha256');
child.kill();
console.log(JSON.stringify({ growth: peak.rss - before.rss, buffers: peak.arrayBuffers - before.arrayBuffers, heap: peak.heapUsed - before.heapUsed, mibs: SIZE / ${MiB} / seconds }));
`;
}

/** The SDK's incremental SHA-256, bundled from its source into one ES module (it is internal, not exported). */
async function sha256Module(root: string): Promise<string> {
  const out = await build({
    entryPoints: [join(root, 'src/core/media/sha256.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
  });
  return out.outputFiles[0]!.text;
}

interface Sample {
  growth: number;
  buffers: number;
  heap: number;
  mibs: number;
}

/** Streaming a 100 MiB media download through `body`: memory stays flat. */
export async function mediaDownloadBench(ctx: BenchContext): Promise<BenchResult> {
  const size = ctx.quick ? 8 * MiB : 100 * MiB;
  const shaModule = await sha256Module(ctx.root);
  const rounds = ctx.quick ? 1 : 3;
  const samples: Record<Kind, Sample[]> = { ours: [], floor: [], fetch: [] };
  const job = (kind: Kind) => async () => {
    const r = JSON.parse(
      await nodeEval(downloadScript(kind, size, shaModule), ctx.root, ['--expose-gc']),
    ) as Sample;
    samples[kind].push(r);
    return r.growth;
  };
  await interleavedCustom(rounds, { ours: job('ours'), floor: job('floor'), fetch: job('fetch') });
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const mib = (kind: Kind, key: keyof Sample) => median(samples[kind].map((s) => s[key])) / MiB;
  const range = (kind: Kind) => {
    const all = samples[kind].map((s) => s.growth / MiB);
    return `${fmt(Math.min(...all))} to ${fmt(Math.max(...all))}`;
  };
  const growth = mib('ours', 'growth');
  const floorGrowth = mib('floor', 'growth');
  const fetchGrowth = mib('fetch', 'growth');
  const speed = (kind: Kind) => fmt(median(samples[kind].map((s) => s.mibs)));
  const parts = (kind: Kind) =>
    `${fmt(mib(kind, 'buffers'))} MiB of ArrayBuffers and ${fmt(mib(kind, 'heap'))} MiB of JS heap`;
  return {
    id: 'media-download',
    title: `Media download, ${size / MiB} MiB through body`,
    unit: 'MiB of RSS growth (peak)',
    higherIsBetter: false,
    runs: rounds,
    figures: [
      {
        label: '`client.downloadMedia({ id }).body`, size and SHA-256 checked (waba-kit)',
        role: 'ours',
        value: growth,
      },
      {
        label:
          'a bare `fetch(url).body`, each chunk through the same SHA-256 (the floor of a checked download)',
        role: 'limit',
        value: floorGrowth,
      },
      { label: 'a bare `fetch(url).body`, nothing checked', role: 'limit', value: fetchGrowth },
    ],
    goals: [
      {
        goal: 'process memory within 32 MiB of its start',
        measured: `${fmt(growth)} MiB (the same hash on a bare fetch: ${fmt(floorGrowth)} MiB; bare fetch: ${fmt(fetchGrowth)} MiB)`,
        met: growth <= 32,
      },
    ],
    notes: [
      `Each figure is one fresh \`node --expose-gc\` process (median of ${rounds}) on the built package: one 64 KiB download first (the first \`fetch\` loads undici's code, a runtime cost paid once), then RSS after a full GC, then the peak RSS sampled on every chunk while ${size / MiB} MiB stream from a node:http server on 127.0.0.1 in a second process (it writes one 64 KiB chunk again and again, honouring backpressure, so neither side holds the file). The floor reads a bare \`fetch\` body and feeds each chunk to the SDK's SHA-256 (bundled from its source), the least any download checked while streaming does.`,
      `The client fetches the media object (size and SHA-256 declared), then streams the URL through its checking stream: a pull-driven pass-through with no internal queue (it hands on the runtime's chunk itself, no copy), hashing incrementally in place (no allocation per block), so the body is never buffered. Throughput ${speed('ours')} MiB/s (the floor ${speed('floor')}, bare fetch ${speed('fetch')} MiB/s); the difference from bare fetch is the pure-TypeScript SHA-256 (Web Crypto has no incremental digest).`,
      `What grows, at the peak: waba-kit ${parts('ours')}, the floor ${parts('floor')}, bare fetch ${parts('fetch')}; RSS is the C heap (malloc) under those ArrayBuffers. The ArrayBuffers are dead chunks waiting for the garbage collector, not bytes held: undici allocates two per chunk (Node's socket read and the copy its fetch enqueues, \`new Uint8Array(bytes)\`), and V8 (Node 20's 11.3) collects young ArrayBuffers only when their bytes reach twice its default semi-space, 2 x 16 MiB on 64-bit (\`Heap::AllocateExternalBackingStore\`: a scavenge for "external memory pressure" in \`--trace-gc\`; \`--max-semi-space-size\` does not move it). So a download peaks at 32 MiB of ArrayBuffers or a little more however large the file (the 8 MiB \`--quick\` run peaks at 16 MiB, all of its chunks twice, before any collection), and RSS adds the JS heap and what malloc does not reuse at once, more for a faster reader (bare fetch, nothing checked, grows most). The goal sits at that runtime floor: waba-kit measures within the spread of the same hash on a bare fetch.`,
      `Tried and not kept: one timer per download instead of a per-chunk stall timer and promise (kept for its own sake, it did not move the figure); the SHA-256 already allocates nothing per 64-byte block or per chunk, and the stream holds one chunk. Lowering the figure further would take collecting garbage from inside the SDK (allocating to trigger the collector, or \`gc()\`), which would measure the trick, not what a user gets. The ${rounds} processes of this run measured ${range('ours')} MiB (floor ${range('floor')}, bare fetch ${range('fetch')} MiB)${growth <= 32 ? '' : `: the goal is missed by ${fmt(growth - 32)} MiB at the median`}.`,
    ],
  };
}
