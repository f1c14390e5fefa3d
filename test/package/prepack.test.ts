/**
 * `npm pack` (and so `npm publish`) builds first: in a fresh copy of the package without `dist/`, the packed
 * file list holds `dist/`. The real build takes minutes, so the copy's `build` script is a stand-in that writes
 * one file; what is tested is the package's own `prepack` and `files`.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('npm pack in a fresh copy without dist/ runs the build and packs dist/', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'waba-kit-pack-'));
  try {
    const stub =
      "require('fs').mkdirSync('dist',{recursive:true});require('fs').writeFileSync('dist/index.js','')";
    pkg.scripts = { ...pkg.scripts, build: `node -e "${stub}"` };
    writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg));
    writeFileSync(join(dir, 'README.md'), '');
    mkdirSync(join(dir, 'scripts'));
    copyFileSync(new URL('../../scripts/prepack.mjs', import.meta.url), join(dir, 'scripts/prepack.mjs'));
    const out = execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: dir, encoding: 'utf8' });
    const files = (JSON.parse(out) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path);
    expect(pkg.scripts.prepack).toBeDefined();
    expect(files).toContain('dist/index.js');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
