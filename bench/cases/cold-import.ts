import { execFile } from 'node:child_process';
import { interleavedCustom } from '../lib/measure.js';
import { fmt, ratio } from '../lib/stats.js';
import type { BenchContext, BenchResult } from '../lib/types.js';

/** Wall time, ms, of one fresh `node -e "<code>"` process. */
export function wall(code: string, cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    execFile(process.execPath, ['-e', code], { cwd }, (error) =>
      error ? reject(error) : resolve(performance.now() - t0),
    );
  });
}

/** The pure subpaths with a cold-start goal of their own: at most 40 ms above bare node each. */
const SUBPATHS = ['templates', 'jwt', 'quota', 'webhooks'] as const;
const SUBPATH_BUDGET_MS = 40;

/** Cold import: median wall time of fresh processes importing the package. */
export async function coldImportBench(ctx: BenchContext): Promise<BenchResult> {
  const n = ctx.quick ? 2 : 15;
  const ms = await interleavedCustom(n, {
    ours: () => wall("import('waba-kit')", ctx.root),
    vonage: () => wall("import('@vonage/server-sdk')", ctx.root),
    node: () => wall('0', ctx.root),
    nexmo: () => wall("import('waba-kit/nexmo')", ctx.root),
    ...Object.fromEntries(SUBPATHS.map((sub) => [sub, () => wall(`import('waba-kit/${sub}')`, ctx.root)])),
    zod: () => wall("import('zod/mini')", ctx.root),
    jose: () => wall("import('jose')", ctx.root),
    ky: () => wall("import('ky')", ctx.root),
  });
  const above = (id: string) => ms[id]! - ms.node!;
  const oursImport = above('ours');
  const vonageImport = above('vonage');
  return {
    id: 'cold-import',
    title: 'Cold import',
    unit: 'ms wall time',
    higherIsBetter: false,
    runs: n,
    figures: [
      {
        label: `\`node -e "import('waba-kit')"\` (built package; ${fmt(oursImport)} ms above bare node)`,
        role: 'ours',
        value: ms.ours!,
      },
      {
        label: `\`node -e "import('@vonage/server-sdk')"\` (${fmt(vonageImport)} ms above bare node)`,
        role: 'anchor',
        value: ms.vonage!,
      },
      { label: '`node -e "0"`: process start alone (the limit)', role: 'limit', value: ms.node! },
      {
        label: `\`import('waba-kit/nexmo')\` (${fmt(above('nexmo'))} ms above bare node)`,
        role: 'ours',
        value: ms.nexmo!,
      },
      ...SUBPATHS.map((sub) => ({
        label: `\`import('waba-kit/${sub}')\` (${fmt(above(sub))} ms above bare node)`,
        role: 'ours' as const,
        value: ms[sub]!,
      })),
      {
        label: '`node -e "import(\'zod/mini\')"`: a runtime dependency alone',
        role: 'limit',
        value: ms.zod!,
      },
      { label: '`node -e "import(\'jose\')"`: a runtime dependency alone', role: 'limit', value: ms.jose! },
      { label: '`node -e "import(\'ky\')"`: a runtime dependency alone', role: 'limit', value: ms.ky! },
    ],
    goals: [
      {
        goal: "`import('waba-kit')` above bare node <= 0.5x `@vonage/server-sdk`'s",
        measured: `${ratio(oursImport, vonageImport)} (${fmt(oursImport)} ms vs ${fmt(vonageImport)} ms)`,
        met: oursImport <= vonageImport / 2,
      },
      ...SUBPATHS.map((sub) => ({
        goal: `\`waba-kit/${sub}\` <= ${SUBPATH_BUDGET_MS} ms above bare node`,
        measured: `${fmt(above(sub))} ms`,
        met: above(sub) <= SUBPATH_BUDGET_MS,
      })),
    ],
    notes: [
      `Median of ${n} fresh processes each, interleaved (every candidate once per round, in rotating order). The goals compare import cost alone, the time above bare node start (${fmt(ms.node!)} ms here), which no package can remove; whole-process times are in the table.`,
      `Where the time goes (\`node --cpu-prof\` of \`import('waba-kit')\`): most of it is Node's ES module loader resolving, reading and linking files, so the number of modules loaded counts more than their bytes. zod is the largest part: any zod entry (\`zod\` or \`zod/mini\`) loads about 100 modules, every locale included (\`export * as locales\`), ${fmt(above('zod'))} ms above bare node alone, and the schemas must exist when the package loads (a client's constructor validates its config synchronously). ky (${fmt(above('ky'))} ms alone) is no longer loaded at import but with a client's first request, and jose (${fmt(above('jose'))} ms alone) not at all (test/core/lazy-dependencies.test.ts), so neither is in these figures: application JWTs are signed, and Vonage signed webhooks verified, on \`crypto.subtle\` directly, so \`waba-kit/jwt\` loads no dependency at all.`,
      `${above('webhooks') <= SUBPATH_BUDGET_MS ? '`waba-kit/webhooks` meets its goal' : `\`waba-kit/webhooks\` misses its goal (${fmt(above('webhooks'))} ms)`}. It loads no dependency at import: its parsers read payloads without zod, and \`WebhookEventSchema\` (on \`zod/mini\`) moved to \`waba-kit/webhooks/schema\`, so importing the entry no longer loads zod's ~90 modules (${fmt(above('zod'))} ms alone here; 127 ms above bare node for the entry before the move, 2026-12-01); test/webhooks/no-zod.test.ts fails if the entry or a bundle of it pulls zod back in. What remains is its own code, a handful of chunks shared with the other entries.`,
      'The machine is shared and the load varies during a run; subpath figures of a few tens of ms move by 10 ms or more between runs, so a figure near its 40 ms goal can read met in one run and missed in the next.',
    ],
  };
}
