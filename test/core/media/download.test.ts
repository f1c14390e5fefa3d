import { describe, expect, it } from 'vitest';
import { checkDeclaredSize, createMediaDownload } from '../../../src/core/media/download.js';
import { Sha256 } from '../../../src/core/media/sha256.js';
import { isMediaIntegrityError, isMediaTooLargeError } from '../../../src/index.js';

const bytes = (n: number, seed = 7) => Uint8Array.from({ length: n }, (_, i) => (i * seed + 3) & 0xff);
const hexOf = (b: Uint8Array) => new Sha256().update(b).hex();

/** A source that yields `data` in chunks of `size` and records how far it was read and whether it was cancelled. */
function source(data: Uint8Array, size = 1000) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(c) {
        if (state.pulled >= data.length) return c.close();
        const chunk = data.subarray(state.pulled, state.pulled + size);
        state.pulled += chunk.length;
        c.enqueue(chunk);
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

async function drain(stream: ReadableStream<Uint8Array>): Promise<number> {
  let n = 0;
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) n += chunk.length;
  return n;
}

const spec = { provider: 'meta' as const, mimeType: 'image/png', maxBytes: 1_000_000 };

describe('createMediaDownload', () => {
  it('passes the bytes through when size and hash match', async () => {
    const data = bytes(5000);
    const d = createMediaDownload(source(data).stream, { ...spec, size: 5000, sha256: hexOf(data) });
    expect(d.size).toBe(5000);
    expect(d.sha256).toBe(hexOf(data));
    expect(await d.bytes()).toEqual(data);
  });

  it('refuses a hash mismatch from bytes(), and errors the stream at its end', async () => {
    const data = bytes(5000);
    const wrong = hexOf(bytes(5000, 9));
    const a = createMediaDownload(source(data).stream, { ...spec, sha256: wrong });
    const error = await a.bytes().catch((e: unknown) => e);
    expect(isMediaIntegrityError(error)).toBe(true);
    expect(error).toMatchObject({ check: 'sha256', expected: wrong, actual: hexOf(data) });

    const b = createMediaDownload(source(data).stream, { ...spec, sha256: wrong });
    let received = 0;
    const reader = b.body.getReader();
    const failure = await (async () => {
      for (;;) {
        const r = await reader.read();
        if (r.done) return undefined;
        received += r.value.length;
      }
    })().catch((e: unknown) => e);
    expect(received).toBe(5000); // every byte was delivered before the error at the end
    expect(isMediaIntegrityError(failure)).toBe(true);
  });

  it('refuses a truncated body (fewer bytes than declared) and a longer one', async () => {
    const data = bytes(4000);
    const short = createMediaDownload(source(data).stream, { ...spec, size: 5000 });
    expect(await short.bytes().catch((e: unknown) => e)).toMatchObject({
      check: 'size',
      expected: '5000',
      actual: '4000',
    });
    const { stream, state } = source(bytes(9000));
    const long = createMediaDownload(stream, { ...spec, size: 5000 });
    expect(isMediaIntegrityError(await long.bytes().catch((e: unknown) => e))).toBe(true);
    expect(state.cancelled).toBe(true);
  });

  it('cancels the source the moment the body passes maxBytes', async () => {
    const { stream, state } = source(bytes(50_000), 1000);
    const d = createMediaDownload(stream, { ...spec, maxBytes: 10_500 });
    const error = await drain(d.body).catch((e: unknown) => e);
    expect(isMediaTooLargeError(error)).toBe(true);
    expect(error).toMatchObject({ maxBytes: 10_500, size: 11_000 });
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBe(11_000); // one chunk past the limit, not the whole body
  });

  it('refuses a declared size over the limit before reading', () => {
    expect(() => checkDeclaredSize('meta', 2_000_000, 1_000_000)).toThrow(/over the download limit/);
    expect(() => checkDeclaredSize('meta', undefined, 1)).not.toThrow();
  });

  it('is read once: bytes() twice, or body after bytes(), is refused', async () => {
    const d = createMediaDownload(source(bytes(10)).stream, spec);
    await d.bytes();
    await expect(d.bytes()).rejects.toThrow(/already read/);
    expect(() => d.body).toThrow(/already read/);
  });
});

describe('a stalled or aborted body', () => {
  /** A source that sends one chunk and then nothing, and records its cancellation. */
  function stalling() {
    const state = { cancelled: false };
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array(10));
      },
      cancel() {
        state.cancelled = true;
      },
    });
    return { stream, state };
  }

  it('errors with TimeoutError when no bytes arrive within the idle timeout, and cancels the source', async () => {
    const { stream, state } = stalling();
    const d = createMediaDownload(stream, { ...spec, idleTimeout: 30 });
    const error = await d.bytes().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TimeoutError', timeoutMs: 30 });
    expect(state.cancelled).toBe(true);
  });

  it('errors with AbortError when the signal aborts mid-body', async () => {
    const { stream, state } = stalling();
    const controller = new AbortController();
    const d = createMediaDownload(stream, { ...spec, signal: controller.signal });
    const reading = d.bytes().catch((e: unknown) => e);
    controller.abort();
    expect(await reading).toMatchObject({ name: 'AbortError' });
    expect(state.cancelled).toBe(true);
  });
});
