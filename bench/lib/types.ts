/** One measured figure of a benchmark. */
export interface Figure {
  /** What was measured, e.g. `signApplicationJwt (waba-kit)`. */
  label: string;
  /** `ours`, the `anchor` SDK, the physical `limit`, or waba-kit's own code of `before` issue 16. */
  role: 'ours' | 'anchor' | 'limit' | 'before';
  /** The median over the runs, in {@link BenchResult.unit}. */
  value: number;
}

/** One goal of the table and whether the measurement meets it. */
export interface GoalCheck {
  /** The goal as the issue states it, e.g. `>= 0.9x the raw limit`. */
  goal: string;
  /** What was measured against it, e.g. `0.93x`. */
  measured: string;
  met: boolean;
}

/** The outcome of one benchmark, turned into one table of docs/BENCHMARKS.md. */
export interface BenchResult {
  id: string;
  title: string;
  /** Unit of every figure, e.g. `ops/s`, `bytes`, `ms`. */
  unit: string;
  /** `true` when a larger figure is better (ops/s); `false` for sizes and times. */
  higherIsBetter: boolean;
  figures: Figure[];
  goals: GoalCheck[];
  /** How it was measured, and why a goal is missed where one is. */
  notes: string[];
  /** Runs the median is taken over. */
  runs: number;
}

/** Settings shared by every benchmark. */
export interface BenchContext {
  quick: boolean;
  /** Rounds per benchmark; the median of the rounds is reported. */
  rounds: number;
  /** Time budget of one tinybench task in one round, milliseconds. */
  taskTimeMs: number;
  /** The repository root. */
  root: string;
  log: (line: string) => void;
}
