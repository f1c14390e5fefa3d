import type { GoalCheck } from './types.js';

/**
 * Figures recorded before issue 16 (docs/BENCHMARKS.md of 2026-11-22, same machine), for its "nothing gets
 * slower" goal. Ratios are taken against a limit measured in the same run, so they hold across load changes;
 * template validation has no limit to compare with and is an absolute rate.
 */
export const BEFORE_ISSUE_16 = {
  /** `validateTemplate`, the slower of the two profiles, templates/s. */
  templateOpsPerSecond: 126_834,
  /** Memory-store quota decision ÷ a bare `Map` lookup. */
  quotaMemoryVsMap: 0.3,
  /** Redis-store quota decision ÷ one `SET NX` round trip. */
  quotaRedisVsRoundTrip: 0.76,
} as const;

/** The "keeps its figure" goal: at least 90 % of the figure before (10 % is the run-to-run noise here). */
export function keepsFigure(before: number, now: number, show: (n: number) => string): GoalCheck {
  return {
    goal: `keeps its figure of before issue 16 (${show(before)}, within the 10 % run-to-run noise)`,
    measured: `${show(now)} (${(now / before).toFixed(2)}x of before)`,
    met: now >= before * 0.9,
  };
}
