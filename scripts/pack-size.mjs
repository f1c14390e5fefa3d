#!/usr/bin/env node
// Packed-size budget: `npm pack --dry-run` of the BUILT package (run after `npm run build`; the prepack build
// is skipped) must unpack to under 2 MB and hold the sandbox inspector's page. Exits 1 otherwise.
import { execFileSync } from 'node:child_process';

const BUDGET = 2 * 1000 * 1000;
const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' });
const [pack] = JSON.parse(out);
const files = pack.files.map((f) => f.path);
const problems = [];
if (pack.unpackedSize >= BUDGET)
  problems.push(`unpacks to ${(pack.unpackedSize / 1e6).toFixed(2)} MB, over the 2 MB budget`);
for (const needed of [
  'dist/index.js',
  'dist/cli.js',
  'dist/inspector/index.html',
  'dist/inspector/inspector.js',
])
  if (!files.includes(needed)) problems.push(`${needed} is not in the package (run npm run build first)`);
const maps = files.filter((f) => f.endsWith('.map'));
if (maps.length > 0) problems.push(`${maps.length} source map(s) packed`);
console.log(
  `package: ${files.length} files, ${(pack.size / 1e6).toFixed(2)} MB packed, ${(pack.unpackedSize / 1e6).toFixed(2)} MB unpacked (budget 2 MB)`,
);
for (const p of problems) console.error(`pack-size: ${p}`);
process.exit(problems.length > 0 ? 1 : 0);
