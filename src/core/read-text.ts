import type { Deadline } from './deadline.js';

/**
 * Reads a response body as text within a deadline, and settles when `signal` aborts, whether or not the abort
 * reaches the stream.
 *
 * Why not `response.text()`: ky hands fetch a signal built with `AbortSignal.any([...])` when the caller gives one.
 * Node's fetch (undici) holds a request's signal weakly, and nothing else holds the combined one once the headers
 * have arrived, so the garbage collector may reclaim it; an abort after that never reaches the body, and a body
 * that stalls after the headers would leave the read pending forever (seen on Node 20, 22 and 24; reproduced every
 * time by forcing a collection between the headers and the abort). Here the caller's own signal is watched
 * directly, the request's deadline is a plain timer ({@link Deadline}), and either cancels the read, which
 * releases the connection.
 *
 * Cancelling the reader settles a pending `read()` at once (the Streams standard closes the stream and resolves
 * its pending reads before it asks the source to cancel), so no race against a second promise is needed per chunk.
 *
 * Linear in the body: chunks are decoded as they arrive (streaming UTF-8, the BOM dropped as `text()` does) and
 * joined once.
 * @see https://streams.spec.whatwg.org/#readable-stream-cancel
 */
export async function readText(
  response: Response,
  signal: AbortSignal | undefined,
  deadline: Deadline,
): Promise<string> {
  const body = response.body;
  if (!body) return '';
  const reader = body.getReader();
  let failure: { reason: unknown } | undefined;
  const stop = (reason: unknown) => {
    if (failure) return;
    failure = { reason };
    reader.cancel(reason).catch(() => undefined);
  };
  const onAbort = () => stop(signal?.reason);
  deadline.watch(() =>
    stop(new DOMException(`The response was not read within ${deadline.ms} ms`, 'TimeoutError')),
  );
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  // The chunk before the last is decoded when the next one arrives; a body of one chunk (most answers) is decoded
  // whole by the shared decoder, without a streaming decoder of its own.
  let decoder: TextDecoder | undefined;
  let last: Uint8Array | undefined;
  const parts: string[] = [];
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        // A read that failed because it was cancelled here reports why it was cancelled.
        throw failure ? failure.reason : error;
      }
      if (failure) throw failure.reason;
      if (chunk.done) break;
      if (last) {
        decoder ??= new TextDecoder();
        parts.push(decoder.decode(last, { stream: true }));
      }
      last = chunk.value;
    }
    if (!decoder) return last ? UTF8.decode(last) : '';
    parts.push(decoder.decode(last));
    return parts.join('');
  } finally {
    deadline.unwatch();
    signal?.removeEventListener('abort', onAbort);
  }
}

/** Decodes whole bodies only (never `stream: true`), so it holds no state between calls and can be shared. */
const UTF8 = new TextDecoder();
