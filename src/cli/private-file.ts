/**
 * Private files the CLI hands to the user's shell (the sandbox's Vonage key): created exclusively, readable by
 * the owner only, in a fresh private directory, and removed with that directory on every exit path.
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A file made by {@link createPrivateFile}. */
export interface PrivateFile {
  /** Where it is. */
  readonly path: string;
  /** Removes the file and its directory (synchronous, so it also works in a process `exit` handler); idempotent. */
  remove(): void;
}

/**
 * Writes `text` to a file that must not exist yet (`O_CREAT | O_EXCL`, mode 0600): a symlink or any file
 * already at `path` (planted or left over) makes it fail with `EEXIST`, and nothing is written through it.
 */
export async function writeExclusive(path: string, text: string): Promise<void> {
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
  } finally {
    await handle.close();
  }
}

/**
 * Creates `name` holding `text` inside a new `mkdtemp` directory (mode 0700, an unpredictable name under the
 * system temp directory), exclusively and with mode 0600. `remove()` deletes both; a process `exit` hook does it
 * too when the caller never gets to.
 */
export async function createPrivateFile(prefix: string, name: string, text: string): Promise<PrivateFile> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let removed = false;
  const remove = (): void => {
    if (removed) return;
    removed = true;
    process.off('exit', remove);
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', remove);
  const path = join(dir, name);
  try {
    await writeExclusive(path, text);
  } catch (error) {
    remove();
    throw error;
  }
  return { path, remove };
}
