/**
 * The CLI's view of the outside world, injected so that every command runs in-process in tests and on real
 * streams and files in the `waba` binary.
 * @module
 */

/** What a command may read and write. */
export interface CliIo {
  /** Writes to standard output (no newline is added). */
  out(text: string): void;
  /** Writes to standard error (no newline is added). */
  err(text: string): void;
  /** Reads a whole file. */
  readFile(path: string): Promise<Uint8Array>;
  /** Writes a whole file (UTF-8). */
  writeFile(path: string, text: string): Promise<void>;
  /**
   * A binary sink: the file at `path`, or standard output when `path` is `undefined`. The file appears (replacing
   * one already there) only when the stream closes; an aborted stream leaves nothing behind. Standard output stays
   * open.
   */
  openOutput(path: string | undefined): WritableStream<Uint8Array>;
  /** Reads standard input to its end. */
  readStdin(): Promise<Uint8Array>;
  /** Environment variables (config fallbacks). */
  env: Readonly<Record<string, string | undefined>>;
  /** Whether standard error is a terminal (progress bars) rather than a pipe or file (plain lines). */
  isTTY: boolean;
  /** The current time in milliseconds. */
  now(): number;
  /**
   * Resolves when the user next asks a long-running command to stop (Ctrl-C, SIGTERM), with the signal's name
   * when known. Each call waits for the next request (a second Ctrl-C).
   */
  waitForStop(): Promise<'SIGINT' | 'SIGTERM' | undefined>;
}

/** Decodes bytes as UTF-8 text, refusing invalid sequences. */
export function utf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}
