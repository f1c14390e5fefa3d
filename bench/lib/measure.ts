import { Bench } from 'tinybench';
import { median } from './stats.js';
import type { BenchContext } from './types.js';

/** A function measured by {@link interleaved}: synchronous or returning a promise. */
export type Job = () => unknown;

/**
 * Measures every job in the same process, `ctx.rounds` times, with the order of the jobs rotated each round so
 * that no job always runs first (or last) on a shared, noisy machine. Returns the median ops/s of each job.
 * ops/s of one round is `1000 / mean latency (ms)` from tinybench.
 */
export async function interleaved(
  ctx: BenchContext,
  jobs: Record<string, Job>,
): Promise<Record<string, number>> {
  const perJob = await interleavedRounds(ctx, jobs);
  return Object.fromEntries(Object.entries(perJob).map(([n, v]) => [n, median(v)]));
}

/** {@link interleaved}, returning every round's ops/s of each job (in round order) instead of the medians. */
export async function interleavedRounds(
  ctx: BenchContext,
  jobs: Record<string, Job>,
): Promise<Record<string, number[]>> {
  const names = Object.keys(jobs);
  const perJob: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < ctx.rounds; round++) {
    const order = names.map((_, i) => names[(i + round) % names.length]!);
    const bench = new Bench({
      time: ctx.taskTimeMs,
      warmupTime: Math.max(20, ctx.taskTimeMs / 5),
      iterations: 10,
      warmupIterations: 5,
      throws: true,
    });
    for (const name of order) bench.add(name, jobs[name]!);
    await bench.run();
    for (const task of bench.tasks) {
      const result = task.result;
      if (result.state !== 'completed')
        throw new Error(`benchmark task ${task.name} ended as ${result.state}`);
      perJob[task.name]!.push(1000 / result.latency.mean);
    }
  }
  return perJob;
}

/**
 * Runs `rounds` rounds of custom measurements (whole-process or concurrent ones that tinybench does not model),
 * rotating the order of the jobs each round. Each job returns its figure for one round; the median is kept.
 */
export async function interleavedCustom(
  rounds: number,
  jobs: Record<string, () => Promise<number>>,
): Promise<Record<string, number>> {
  const names = Object.keys(jobs);
  const perJob: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round) % names.length]!;
      perJob[name]!.push(await jobs[name]!());
    }
  }
  return Object.fromEntries(names.map((n) => [n, median(perJob[n]!)]));
}

/**
 * Settings for a ratio goal read between two or three candidates on this shared machine: 30 short rounds
 * (100 ms a task) instead of a few long ones, so that a change in the machine's load hits both sides of the ratio
 * alike, and the median of many rounds is steady. The same total time as the default rounds.
 */
export function inTurns(ctx: BenchContext): BenchContext {
  return ctx.quick ? ctx : { ...ctx, rounds: 30, taskTimeMs: 100 };
}

/**
 * CPU time (user + system of this process, `process.cpuUsage`) per call of each job: `rounds` rounds of `calls`
 * calls in a block, the order rotated each round; the median of the rounds, in nanoseconds. Unlike the wall time
 * tinybench reads, it leaves out the time spent waiting for a core, so on a loaded machine it still says what the
 * code itself costs (it does not count work done by another process, such as a server's).
 */
export function cpuTimePerCall(
  rounds: number,
  calls: number,
  jobs: Record<string, Job>,
): Promise<Record<string, number>> {
  const block = (job: Job) => async () => {
    const start = process.cpuUsage();
    for (let c = 0; c < calls; c++) {
      const result = job();
      if (result instanceof Promise) await result;
    }
    const used = process.cpuUsage(start);
    return ((used.user + used.system) * 1000) / calls;
  };
  return interleavedCustom(
    rounds,
    Object.fromEntries(Object.entries(jobs).map(([name, job]) => [name, block(job)])),
  );
}
