/**
 * `waba media download -o` writes through `openFileOutput` (real files in a temporary directory): the file
 * appears whole on success, and a download that fails half way leaves neither a truncated file nor a stray part.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFileOutput } from '../../src/cli/file-output.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'waba-output-test-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/**
 * A body of `chunks` that errors after them when `failWith` is given (an integrity or size failure). Each chunk
 * after the first comes a little later, as from a network, so a plain file stream would have written the earlier
 * ones under the final name by then (what the old `-o` did).
 */
function body(chunks: Uint8Array[], failWith?: Error): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 30));
      const chunk = chunks[i++];
      if (chunk) controller.enqueue(chunk);
      else if (failWith) controller.error(failWith);
      else controller.close();
    },
  });
}

const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);

describe('openFileOutput', () => {
  it('writes every byte and the file appears under its name only at the end', async () => {
    const path = join(dir, 'parcel.jpg');
    const seen: string[][] = [];
    const chunks = [bytes(70_000, 1), bytes(5, 2), bytes(131_072, 3)];
    const spy = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen.push(readdirSync(dir));
        controller.enqueue(chunk);
      },
    });
    await body(chunks).pipeThrough(spy).pipeTo(openFileOutput(path));
    expect(readFileSync(path)).toEqual(Buffer.concat(chunks));
    // While the bytes flowed, the name the user asked for did not exist yet.
    for (const names of seen) expect(names).not.toContain('parcel.jpg');
    expect(readdirSync(dir)).toEqual(['parcel.jpg']);
  });

  it('a body that fails half way leaves nothing: no truncated file, no part', async () => {
    const path = join(dir, 'invoice.pdf');
    const failure = new Error('The media does not match its SHA-256');
    const result = await body([bytes(1000, 7), bytes(1000, 8)], failure)
      .pipeTo(openFileOutput(path))
      .catch((e: unknown) => e);
    expect(result).toBe(failure);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a failed download keeps the file that was there before; a good one replaces it', async () => {
    const path = join(dir, 'note.ogg');
    writeFileSync(path, 'the earlier download');
    await body([bytes(10, 1)], new Error('stalled'))
      .pipeTo(openFileOutput(path))
      .catch(() => undefined);
    expect(readFileSync(path, 'utf8')).toBe('the earlier download');
    await body([bytes(3, 9)]).pipeTo(openFileOutput(path));
    expect(readFileSync(path)).toEqual(Buffer.from([9, 9, 9]));
    expect(readdirSync(dir)).toEqual(['note.ogg']);
  });

  it('a missing directory is an error, with nothing written', async () => {
    const path = join(dir, 'no-such-dir', 'out.bin');
    const result = await body([bytes(4, 1)])
      .pipeTo(openFileOutput(path))
      .catch((e: unknown) => e);
    expect((result as NodeJS.ErrnoException).code).toBe('ENOENT');
    expect(readdirSync(dir)).toEqual([]);
  });
});
