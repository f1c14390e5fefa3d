import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { fmt, ratio } from '../lib/stats.js';
import type { BenchContext, BenchResult } from '../lib/types.js';

/** Bundles `source` (resolved from the repository root) for node, minified, and returns its gzip size. */
async function gzipBytes(root: string, source: string): Promise<{ min: number; gzip: number }> {
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
  });
  const code = out.outputFiles[0]!.contents;
  return { min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
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
      'esbuild bundles each import from the built package (`dist/`) with all its dependencies (ky, zod, jose, eventemitter3 for waba-kit; node-fetch, jsonwebtoken, lodash and the rest for `@vonage/messages`), `platform: node`, ESM, minified; the size is gzip level 9 of the output (node:zlib). Sizes are deterministic, so one run.',
    ],
  };
}
