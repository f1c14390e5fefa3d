/**
 * The mutation gate CI runs (`scripts/mutation-gate.mjs --committed`, docs/testing.md), in a real child process
 * on a throw-away project: it passes only when every module of `mutate` is in the committed report, with the
 * exact source it has now, at 90 % or more; every other case exits 1 and says what to do.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const GATE = fileURLToPath(new URL('../../scripts/mutation-gate.mjs', import.meta.url));
const SOURCE = 'export const a = (x: number) => x > 1;\n';
const REPORT = 'test/mutation/stryker-incremental.json';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** `killed` killed, `survived` survived and one ignored mutant in a report of `files`. */
function fileResult(source: string, killed: number, survived: number) {
  const mutant = (status: string) => ({ id: String(Math.random()), mutatorName: 'X', status, location: {} });
  return {
    source,
    mutants: [
      ...Array.from({ length: killed }, () => mutant('Killed')),
      ...Array.from({ length: survived }, () => mutant('Survived')),
      mutant('Ignored'),
    ],
  };
}

function project(
  mutate: string[],
  files: Record<string, unknown>,
  sources: Record<string, string>,
  options: { ignoreStatic?: boolean } = {},
) {
  dir = mkdtempSync(join(tmpdir(), 'waba-kit-gate-'));
  writeFileSync(
    join(dir, 'stryker.config.mjs'),
    `export default { mutate: ${JSON.stringify(mutate)}, incrementalFile: '${REPORT}', ignoreStatic: ${options.ignoreStatic === true} };\n`,
  );
  for (const [name, text] of Object.entries(sources)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  mkdirSync(join(dir, 'test/mutation'), { recursive: true });
  writeFileSync(join(dir, REPORT), JSON.stringify({ files }));
  return dir;
}

function gate(cwd: string) {
  const run = spawnSync(process.execPath, [GATE, '--committed'], { cwd, encoding: 'utf8' });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

// Each case starts a Node process: a generous timeout keeps a loaded CI machine from failing them.
describe('mutation gate --committed', { timeout: 30_000 }, () => {
  it('passes when every module is in the report, unchanged, at 90 % or more (90 % itself included)', () => {
    const cwd = project(
      ['src/a.ts', 'src/b.ts'],
      { 'src/a.ts': fileResult(SOURCE, 9, 1), 'src/b.ts': fileResult('b', 10, 0) },
      { 'src/a.ts': SOURCE, 'src/b.ts': 'b' },
    );
    const { status, out } = gate(cwd);
    expect(out).toMatch(/src\/a\.ts\s+90\.0%\s+9\s+1\s+1/);
    expect(out).toContain('every module at or above 90 %');
    expect(status).toBe(0);
  });

  it('fails when one module is below 90 %, even if the total is above', () => {
    const cwd = project(
      ['src/a.ts', 'src/b.ts'],
      { 'src/a.ts': fileResult(SOURCE, 89, 11), 'src/b.ts': fileResult('b', 1000, 0) },
      { 'src/a.ts': SOURCE, 'src/b.ts': 'b' },
    );
    const { status, out } = gate(cwd);
    expect(out).toContain('1 module(s) below 90 %: src/a.ts');
    expect(status).toBe(1);
  });

  it('leaves static mutants out of the score when the config ignores them, as a fresh Stryker run does', () => {
    // An incremental run reports a static mutant it skipped before as `Survived` with `static: true`.
    const statics = Array.from({ length: 5 }, (_, i) => ({
      id: `s${i}`,
      mutatorName: 'StringLiteral',
      status: 'Survived',
      static: true,
      location: {},
    }));
    const result = fileResult(SOURCE, 9, 1);
    result.mutants.push(...statics);
    const ignoring = gate(
      project(['src/a.ts'], { 'src/a.ts': result }, { 'src/a.ts': SOURCE }, { ignoreStatic: true }),
    );
    expect(ignoring.out).toMatch(/src\/a\.ts\s+90\.0%\s+9\s+1\s+6/);
    expect(ignoring.status).toBe(0);
    rmSync(dir as string, { recursive: true, force: true });
    // Without `ignoreStatic` they count: 9 of 15 detected.
    const counting = gate(project(['src/a.ts'], { 'src/a.ts': result }, { 'src/a.ts': SOURCE }));
    expect(counting.out).toMatch(/src\/a\.ts\s+60\.0%\s+9\s+6\s+1/);
    expect(counting.status).toBe(1);
  });

  it('fails when a mutated module changed since the report was written, and says how to refresh it', () => {
    const cwd = project(
      ['src/a.ts'],
      { 'src/a.ts': fileResult(SOURCE, 10, 0) },
      { 'src/a.ts': SOURCE.replace('> 1', '>= 1') },
    );
    const { status, out } = gate(cwd);
    expect(out).toContain('src/a.ts changed since test/mutation/stryker-incremental.json was written');
    expect(out).toContain('npm run test:mutation -- --incremental');
    expect(status).toBe(1);
  });

  it('fails when a module of `mutate` is missing from the report, or the report lists one no longer mutated', () => {
    const missing = gate(
      project(['src/a.ts', 'src/new.ts'], { 'src/a.ts': fileResult(SOURCE, 10, 0) }, { 'src/a.ts': SOURCE }),
    );
    expect(missing.out).toContain('src/new.ts is in stryker.config.mjs `mutate` but not in');
    expect(missing.status).toBe(1);
    rmSync(dir as string, { recursive: true, force: true });
    const extra = gate(
      project(
        ['src/a.ts'],
        { 'src/a.ts': fileResult(SOURCE, 10, 0), 'src/old.ts': fileResult('o', 10, 0) },
        { 'src/a.ts': SOURCE },
      ),
    );
    expect(extra.out).toContain('lists src/old.ts, which stryker.config.mjs no longer mutates');
    expect(extra.status).toBe(1);
  });

  it('fails, with the command to run, when there is no committed report', () => {
    const cwd = project(['src/a.ts'], {}, { 'src/a.ts': SOURCE });
    rmSync(join(cwd, REPORT));
    const { status, out } = gate(cwd);
    expect(out).toContain('cannot read test/mutation/stryker-incremental.json');
    expect(status).toBe(1);
  });
});
