/**
 * Turns a response body into a {@link MediaDownload}: a pass-through stream that counts bytes, cancels the source
 * the moment it passes `maxBytes`, hashes what it passes when a hash is declared, and errors at its end when the
 * size or hash do not match. It holds one chunk at a time (pull-driven, no internal queue), so a 100 MiB file
 * streams in constant memory.
 * @module
 */
import { AbortError, TimeoutError, WhatsAppError } from '../errors.js';
import type { ProviderId } from '../provider.js';
import { readStreamCapped } from '../read-stream.js';
import { MediaIntegrityError } from './integrity-error.js';
import { formatBytes } from './limits.js';
import { Sha256 } from './sha256.js';
import { MediaTooLargeError } from './too-large-error.js';
import type { MediaDownload } from './types.js';

/** What {@link createMediaDownload} checks the bytes against. */
export interface MediaDownloadSpec {
  provider: ProviderId;
  mimeType: string;
  /** Declared size in bytes. */
  size?: number | undefined;
  /** Declared SHA-256, lower-case hex. */
  sha256?: string | undefined;
  filename?: string | undefined;
  maxBytes: number;
  /** Longest pause between two chunks, in milliseconds. */
  idleTimeout?: number | undefined;
  signal?: AbortSignal | undefined;
}

/** Refuses a download whose declared size is over the limit, before any byte is read. */
export function checkDeclaredSize(provider: ProviderId, size: number | undefined, maxBytes: number): void {
  if (size !== undefined && size > maxBytes) {
    throw new MediaTooLargeError(
      `The media is ${formatBytes(size)}, over the download limit of ${formatBytes(maxBytes)}. Pass a larger \`maxBytes\` to downloadMedia() if you expect files this size.`,
      { provider, maxBytes, size },
    );
  }
}

/**
 * Watches a body for stalls and aborts with one timer and one listener for the whole download (not one per chunk,
 * which would allocate a promise, closures and a timer for every chunk of a 100 MiB body). When either fires it
 * records the error and cancels the source, so the pending read settles and `pull` reports the error.
 */
function watchBody(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  spec: MediaDownloadSpec,
): { failure: () => WhatsAppError | undefined; touch: () => void; stop: () => void } {
  const { idleTimeout, signal, provider } = spec;
  let failure: WhatsAppError | undefined;
  let last = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    signal?.removeEventListener('abort', onAbort);
  };
  const fail = (error: WhatsAppError) => {
    failure ??= error;
    stop();
    reader.cancel(error).catch(() => undefined);
  };
  const onAbort = () =>
    fail(new AbortError('The media download was aborted by its AbortSignal.', { provider }));
  const check = () => {
    const idle = Date.now() - last;
    if (!idleTimeout) return;
    if (idle < idleTimeout) {
      timer = setTimeout(check, idleTimeout - idle);
      return;
    }
    fail(
      new TimeoutError(
        `The media body stalled: no bytes for ${idleTimeout} ms. Raise \`timeout\` in downloadMedia() for slow links.`,
        { provider, timeoutMs: idleTimeout },
      ),
    );
  };
  if (signal?.aborted) onAbort();
  else {
    signal?.addEventListener('abort', onAbort, { once: true });
    if (idleTimeout) timer = setTimeout(check, idleTimeout);
  }
  return {
    failure: () => failure,
    touch: () => {
      last = Date.now();
    },
    stop,
  };
}

/** Wraps `source` in the checking stream; see the module docs. */
export function checkedMediaStream(
  source: ReadableStream<Uint8Array>,
  spec: MediaDownloadSpec,
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  const watch = watchBody(reader, spec);
  const hash = spec.sha256 ? new Sha256() : undefined;
  let received = 0;
  const fail = (controller: ReadableStreamDefaultController<Uint8Array>, error: unknown) => {
    watch.stop();
    reader.cancel(error).catch(() => undefined);
    controller.error(error);
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let result: ReadableStreamReadResult<Uint8Array>;
        try {
          result = await reader.read();
        } catch (e) {
          return fail(
            controller,
            watch.failure() ??
              (e instanceof WhatsAppError
                ? e
                : new WhatsAppError(
                    `The media body failed after ${received} bytes: ${e instanceof Error ? e.message : String(e)}`,
                    { provider: spec.provider, code: 'media_body_failed', cause: e },
                  )),
          );
        }
        const stopped = watch.failure();
        if (stopped) return fail(controller, stopped);
        watch.touch();
        if (result.done) {
          watch.stop();
          const error = endError(spec, received, hash?.hex());
          if (error) controller.error(error);
          else controller.close();
          return;
        }
        const chunk = result.value;
        received += chunk.byteLength;
        if (received > spec.maxBytes) {
          return fail(
            controller,
            new MediaTooLargeError(
              `The media passed the download limit of ${formatBytes(spec.maxBytes)}; the download was cancelled. Pass a larger \`maxBytes\` to downloadMedia() if you expect files this size.`,
              { provider: spec.provider, maxBytes: spec.maxBytes, size: received },
            ),
          );
        }
        if (spec.size !== undefined && received > spec.size) {
          return fail(controller, sizeError(spec, received, 'more'));
        }
        hash?.update(chunk);
        controller.enqueue(chunk);
      },
      cancel(reason) {
        watch.stop();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

function sizeError(spec: MediaDownloadSpec, received: number, how: 'more' | 'fewer'): MediaIntegrityError {
  return new MediaIntegrityError(
    `The media body has ${how} bytes than the ${spec.size} ${spec.provider} declared (${received}${how === 'more' ? '+' : ''} received); it was truncated or altered. Download it again.`,
    { provider: spec.provider, check: 'size', expected: String(spec.size), actual: String(received) },
  );
}

function endError(spec: MediaDownloadSpec, received: number, actual: string | undefined): Error | undefined {
  if (spec.size !== undefined && received !== spec.size) return sizeError(spec, received, 'fewer');
  if (spec.sha256 && actual !== spec.sha256) {
    return new MediaIntegrityError(
      `The media's SHA-256 (${actual}) does not match the ${spec.sha256} ${spec.provider} declared; it was altered on the way. Download it again.`,
      { provider: spec.provider, check: 'sha256', expected: spec.sha256, actual: actual ?? '' },
    );
  }
  return undefined;
}

/** Reads a whole stream into one array (preallocated when the size is known). */
async function readAll(stream: ReadableStream<Uint8Array>, size: number | undefined): Promise<Uint8Array> {
  // The checking stream has already bounded the body by maxBytes (and by `size` when declared).
  if (size === undefined)
    return readStreamCapped(stream, Number.POSITIVE_INFINITY, () => new Error('unbounded'));
  const reader = stream.getReader();
  const out = new Uint8Array(size);
  let at = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return at === size ? out : out.subarray(0, at);
    out.set(value, at);
    at += value.byteLength;
  }
}

/** Builds the {@link MediaDownload} for a response body. */
export function createMediaDownload(
  source: ReadableStream<Uint8Array>,
  spec: MediaDownloadSpec,
): MediaDownload {
  const body = checkedMediaStream(source, spec);
  let used: 'body' | 'bytes' | undefined;
  const once = (how: 'body' | 'bytes') => {
    if (used && (used !== how || how === 'bytes')) {
      throw new WhatsAppError(
        'The media body was already read (a download is read once: either `body` or `bytes()`); download again to read it twice.',
        { provider: spec.provider, code: 'media_body_used' },
      );
    }
    used = how;
  };
  return {
    mimeType: spec.mimeType,
    ...(spec.size !== undefined ? { size: spec.size } : {}),
    ...(spec.sha256 ? { sha256: spec.sha256 } : {}),
    ...(spec.filename ? { filename: spec.filename } : {}),
    get body() {
      once('body');
      return body;
    },
    async bytes() {
      once('bytes');
      return readAll(body, spec.size);
    },
  };
}
