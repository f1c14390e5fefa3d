/**
 * The file a command streams its output to (`waba media download -o`): written to a hidden sibling first and
 * renamed into place only when the stream closes, so a download that fails half way (integrity mismatch, size cap,
 * a dropped connection, Ctrl-C) never leaves a truncated file under the name the user asked for, nor a stray part.
 * @module
 */
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A writable stream to `path` that appears there, whole, only on close; see the module docs. */
export function openFileOutput(path: string): WritableStream<Uint8Array> {
  const part = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.part`);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  const discard = async () => {
    await handle?.close().catch(() => undefined);
    handle = undefined;
    await rm(part, { force: true });
  };
  return new WritableStream<Uint8Array>({
    async start() {
      // `wx`: never through a file or symlink already at the part's name.
      handle = await open(part, 'wx', 0o644);
    },
    async write(chunk) {
      try {
        let offset = 0;
        while (offset < chunk.byteLength) {
          const { bytesWritten } = await (handle as NonNullable<typeof handle>).write(chunk, offset);
          offset += bytesWritten;
        }
      } catch (error) {
        await discard();
        throw error;
      }
    },
    async close() {
      try {
        await (handle as NonNullable<typeof handle>).close();
        handle = undefined;
        await rename(part, path);
      } catch (error) {
        await discard();
        throw error;
      }
    },
    async abort() {
      await discard();
    },
  });
}
