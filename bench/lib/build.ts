import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

/**
 * The bundle-size and cold-import benchmarks measure the built package (`dist/`), as a consumer gets it. Builds it
 * with `npm run build` when it is missing or older than `src/`.
 */
export function ensureBuilt(root: string, log: (line: string) => void): void {
  const marker = path.join(root, 'dist', 'index.js');
  if (existsSync(marker) && statSync(marker).mtimeMs >= newestMtime(path.join(root, 'src'))) return;
  log('dist/ is missing or older than src/: running npm run build');
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
