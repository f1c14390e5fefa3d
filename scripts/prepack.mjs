#!/usr/bin/env node
// `prepack` (before `npm pack` and `npm publish`): builds the package unless dist/ is already newer than every
// source file, so a fresh clone packs a built package and the test command, which has just built, does not
// build again for each `npm pack` it runs.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const built = existsSync('dist/index.js') ? statSync('dist/index.js').mtimeMs : 0;
const sources = Math.max(existsSync('src') ? newest('src') : 0, statSync('package.json').mtimeMs);
if (built > sources) {
  console.error('prepack: dist/ is newer than src/, not rebuilding');
  process.exit(0);
}
const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
