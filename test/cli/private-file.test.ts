/**
 * The CLI's private files (the sandbox key): an exclusive create that never follows a planted symlink, inside a
 * private `mkdtemp` directory, removed with its directory.
 */
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPrivateFile, writeExclusive } from '../../src/cli/private-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'waba-private-test-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('writeExclusive', () => {
  it('refuses a path that is a symlink to a file, leaving the target alone', async () => {
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, join(dir, 'key.pem'));
    await expect(writeExclusive(join(dir, 'key.pem'), 'SECRET')).rejects.toMatchObject({ code: 'EEXIST' });
    expect(readFileSync(victim, 'utf8')).toBe('precious');
  });

  it('refuses a dangling symlink and does not create its target', async () => {
    const target = join(dir, 'created-by-attacker-choice');
    symlinkSync(target, join(dir, 'key.pem'));
    await expect(writeExclusive(join(dir, 'key.pem'), 'SECRET')).rejects.toMatchObject({ code: 'EEXIST' });
    expect(existsSync(target)).toBe(false);
  });

  it('writes a new file with mode 0600', async () => {
    await writeExclusive(join(dir, 'key.pem'), 'SECRET');
    expect(statSync(join(dir, 'key.pem')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'key.pem'), 'utf8')).toBe('SECRET');
  });
});

describe('createPrivateFile', () => {
  it('puts the file in a fresh 0700 directory and removes both, once, idempotently', async () => {
    const file = await createPrivateFile('waba-test-', 'key.pem', 'SECRET');
    expect(lstatSync(file.path).isFile()).toBe(true);
    expect(statSync(file.path).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(file.path)).mode & 0o777).toBe(0o700);
    expect(readFileSync(file.path, 'utf8')).toBe('SECRET');
    file.remove();
    file.remove();
    expect(existsSync(dirname(file.path))).toBe(false);
  });

  it('two files never share a directory', async () => {
    const a = await createPrivateFile('waba-test-', 'key.pem', 'A');
    const b = await createPrivateFile('waba-test-', 'key.pem', 'B');
    try {
      expect(dirname(a.path)).not.toBe(dirname(b.path));
    } finally {
      a.remove();
      b.remove();
    }
  });
});
