import { median } from './stats.js';
import type { GoalCheck } from './types.js';

/**
 * The "nothing gets slower" goal of issue 16: today's code against the code of before issue 16
 * (bench/baseline/before-issue-16/, built by bench/baseline/build.ts from commit 11040fa, whose
 * docs/BENCHMARKS.md holds the figures of before), measured side by side in the same process, interleaved.
 *
 * `now` and `before` are the per-round figures of the two (same rounds, same order of rotation), higher is better.
 * The goal is the ratio of their medians; the noise stated beside it is the spread (middle half) of the per-round
 * ratios, each round measuring both within the same second or so of the same process.
 */
export function keepsFigure(now: readonly number[], before: readonly number[], also?: string): GoalCheck {
  const { ratio, measured } = sideBySide(now, before);
  return {
    goal: '>= 0.9x of the code of before issue 16, side by side in the same run',
    measured: also ? `${measured}; ${also}` : measured,
    met: ratio >= 0.9,
  };
}

/** The ratio of the medians of `now` and `before`, and how it reads with its per-round range. */
export function sideBySide(
  now: readonly number[],
  before: readonly number[],
): { ratio: number; measured: string } {
  const ratio = median(now) / median(before);
  const rounds = now.map((n, i) => n / before[i]!).sort((a, b) => a - b);
  // The middle half of the per-round ratios: a round or two caught by a burst of other work on the machine
  // would make the full range say more about that burst than about the measurement.
  const q = (p: number) => rounds[Math.round(p * (rounds.length - 1))]!;
  const range =
    rounds.length > 1
      ? ` (per-round ratios, middle half: ${q(0.25).toFixed(2)}x to ${q(0.75).toFixed(2)}x over ${rounds.length} rounds)`
      : '';
  return { ratio, measured: `${ratio.toFixed(2)}x${range}` };
}

/** The note every "nothing gets slower" row prints about what it compares against. */
export const BEFORE_NOTE =
  "*waba-kit before issue 16* is the code of commit 11040fa (whose docs/BENCHMARKS.md holds the figures of before the issue), compiled by `bench/baseline/build.ts` with today's build options into `bench/baseline/before-issue-16/` (committed, so no git history is needed) and measured in the same process as today's `dist/`, interleaved like every other anchor; both answer the benchmark's input identically (checked before measuring). The goal reads the ratio of the medians; the per-round range beside it (its middle half) is the noise of this side-by-side measurement on the shared machine (each round measures both within a second of each other).";
