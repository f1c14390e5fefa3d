import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { fmt, ratio } from '../lib/stats.js';
import type { BenchContext, BenchResult } from '../lib/types.js';

/** Bundles `source` (resolved from the repository root) for node, minified, and returns its gzip size. */
async function gzipBytes(
  root: string,
  source: string,
): Promise<{ min: number; gzip: number; packages: Record<string, number> }> {
  const out = await build({
    stdin: { contents: source, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    external: ['ioredis', 'redis'],
    metafile: true,
  });
  const code = out.outputFiles[0]!.contents;
  // Minified bytes per npm package (waba-kit's own code counts as `waba-kit`).
  const packages: Record<string, number> = {};
  for (const output of Object.values(out.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const parts = input.split('node_modules/');
      const tail = parts.length > 1 ? parts.at(-1)!.split('/') : ['waba-kit'];
      const name = tail[0]!.startsWith('@') ? `${tail[0]}/${tail[1]}` : tail[0]!;
      packages[name] = (packages[name] ?? 0) + bytesInOutput;
    }
  }
  return { min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength, packages };
}

function share(result: { min: number; packages: Record<string, number> }): string {
  return Object.entries(result.packages)
    .sort((a, b) => b[1] - a[1])
    .filter(([, bytes]) => bytes > 0)
    .map(([name, bytes]) => `${name} ${fmt(bytes)} (${Math.round((100 * bytes) / result.min)} %)`)
    .join(', ');
}

/** Bundle size, min+gzip, with esbuild: our client and webhook entry against `@vonage/messages`. */
export async function bundleBench(ctx: BenchContext): Promise<BenchResult> {
  const nexmo = await gzipBytes(
    ctx.root,
    "import { NexmoClient } from 'waba-kit/nexmo'; export default NexmoClient;",
  );
  const webhooks = await gzipBytes(ctx.root, "export * from 'waba-kit/webhooks';");
  const vonage = await gzipBytes(
    ctx.root,
    "import { Messages } from '@vonage/messages'; export default Messages;",
  );
  const quarter = vonage.gzip / 4;
  return {
    id: 'bundle',
    title: 'Bundle size, min+gzip, esbuild',
    unit: 'bytes min+gzip',
    higherIsBetter: false,
    runs: 1,
    figures: [
      {
        label: `\`import { NexmoClient } from 'waba-kit/nexmo'\` (${fmt(nexmo.min)} bytes minified)`,
        role: 'ours',
        value: nexmo.gzip,
      },
      {
        label: `\`waba-kit/webhooks\`, every export (${fmt(webhooks.min)} bytes minified)`,
        role: 'ours',
        value: webhooks.gzip,
      },
      {
        label: `\`import { Messages } from '@vonage/messages'\` (${fmt(vonage.min)} bytes minified)`,
        role: 'anchor',
        value: vonage.gzip,
      },
    ],
    goals: [
      {
        goal: '`waba-kit/nexmo` <= 1/4 of `@vonage/messages`',
        measured: ratio(nexmo.gzip, vonage.gzip),
        met: nexmo.gzip <= quarter,
      },
      {
        goal: '`waba-kit/webhooks` <= 1/4 of `@vonage/messages`',
        measured: ratio(webhooks.gzip, vonage.gzip),
        met: webhooks.gzip <= quarter,
      },
    ],
    notes: [
      `What the \`waba-kit/nexmo\` bundle holds (minified bytes): ${share(nexmo)}. \`waba-kit/webhooks\`: ${share(webhooks)}. zod (config, message and payload schemas) is the largest part; the 1/4 goal (${fmt(quarter)} bytes gzip) is below what zod alone weighs, so it cannot be met while the validation is built on zod. Importing zod as a namespace (\`import * as z\`) lets esbuild tree-shake it: this halved both bundles (from 130 KB and 109 KB gzip before this benchmark). \`zod/mini\` or hand-written validators are the remaining lever.`,
      '`waba-kit/webhooks` after its parsers stopped using zod and its event schemas moved to `zod/mini` (48.1 KiB before, 2026-12-01): bundled with zod and jose left out, its own code is 15.0 KB min+gzip (measured when this note was written), already above the 1/4 goal (13.1 KB) on its own; zod/mini with its English messages adds about 9 KB (the `WebhookEventSchema` export) and jose about 6 KB (Vonage signed-webhook verification and `signWebhookForTest`). The largest own parts are the four wire-format parsers (about 19 KB minified, every field of every documented event type read tolerantly), verification and the handler.',
      'esbuild bundles each import from the built package (`dist/`) with all its dependencies (ky, zod, jose, eventemitter3 for waba-kit; node-fetch, jsonwebtoken, lodash and the rest for `@vonage/messages`), `platform: node`, ESM, minified; the size is gzip level 9 of the output (node:zlib). Sizes are deterministic, so one run.',
    ],
  };
}
