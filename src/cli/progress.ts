/**
 * Broadcast progress on the terminal: a redrawn bar on a TTY, plain periodic lines otherwise (CI logs, pipes).
 * @module
 */
import type { BroadcastProgress } from '../broadcast/broadcast.js';
import type { CliIo } from './io.js';

const WIDTH = 28;

/** A bar and percentage for `ratio` (0..1): `[#####-----]  50%`. */
export function progressBar(ratio: number): string {
  const r = Math.min(1, Math.max(0, ratio));
  const filled = Math.round(r * WIDTH);
  return `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.floor(r * 100)).padStart(3)}%`;
}

/** One progress line: `[#####-----]  50%  50/100  sent 48  failed 1  skipped 1`. */
export function progressLine(p: BroadcastProgress): string {
  const counts = `sent ${p.sent}  failed ${p.failed}  skipped ${p.skipped}`;
  if (p.total === undefined || p.total === 0) return `${p.processed} processed  ${counts}`;
  return `${progressBar(p.processed / p.total)}  ${p.processed}/${p.total}  ${counts}`;
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
