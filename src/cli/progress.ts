/**
 * Broadcast progress on the terminal: a redrawn bar on a TTY, plain periodic lines otherwise (CI logs, pipes).
 * @module
 */
import type { BroadcastProgress } from '../broadcast/broadcast.js';
import type { CliIo } from './io.js';

const WIDTH = 28;

/** One progress line: `[#####-----]  50%  50/100  sent 48  failed 1  skipped 1`. */
export function progressLine(p: BroadcastProgress): string {
  const counts = `sent ${p.sent}  failed ${p.failed}  skipped ${p.skipped}`;
  if (p.total === undefined || p.total === 0) return `${p.processed} processed  ${counts}`;
  const ratio = Math.min(1, p.processed / p.total);
  const filled = Math.round(ratio * WIDTH);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}]`;
  return `${bar} ${String(Math.floor(ratio * 100)).padStart(3)}%  ${p.processed}/${p.total}  ${counts}`;
}

/** A progress reporter writing to standard error: call it with each update, then `done()`. */
export function createProgressReporter(io: CliIo): { update(p: BroadcastProgress): void; done(): void } {
  let drawn = false;
  return {
    update(p) {
      if (io.isTTY) {
        io.err(`\r${progressLine(p)}`);
        drawn = true;
      } else {
        io.err(`progress: ${progressLine(p)}\n`);
      }
    },
    done() {
      if (drawn) io.err('\n');
    },
  };
}
