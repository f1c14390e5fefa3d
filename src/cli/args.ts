/**
 * Argument parsing on `node:util` `parseArgs`, with errors turned into one-line {@link CliError}s, plus the
 * small value readers the commands share.
 * @module
 */
import { parseArgs } from 'node:util';
import { CliError, EXIT_FAILURE, usageError } from './errors.js';
import type { CliIo } from './io.js';

/** One option: a string (optionally repeatable) or a boolean flag. */
export type OptionSpec =
  | { type: 'string'; multiple?: boolean; short?: string }
  | { type: 'boolean'; short?: string };

type Values<T extends Record<string, OptionSpec>> = {
  [K in keyof T]?: T[K] extends { type: 'boolean' }
    ? boolean
    : T[K] extends { multiple: true }
      ? string[]
      : string;
};

/** Parsed arguments: option values, positionals, and whether `--help` was asked for. */
export interface Parsed<T extends Record<string, OptionSpec>> {
  values: Values<T>;
  positionals: string[];
  help: boolean;
}

/**
 * Parses `argv` strictly against `options` (`--help`/`-h` is always accepted). Unknown options and missing
 * option values become a usage {@link CliError} naming the option, never echoing a value.
 */
export function parseCommand<T extends Record<string, OptionSpec>>(
  command: string,
  argv: readonly string[],
  options: T,
): Parsed<T> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    const { help, ...rest } = values as Record<string, unknown>;
    return { values: rest as Values<T>, positionals, help: help === true };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Node's messages go on with advice about `--`; the first sentence names the problem.
    throw usageError(message.split(/\.(?:\s|$)/)[0] ?? message, command);
  }
}

/** Parses an integer option within `[min, max]`; `undefined` stays `undefined`. */
export function intOption(
  value: string | undefined,
  flag: string,
  command: string,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw usageError(`--${flag} must be a whole number from ${min} to ${max}`, command);
  }
  return n;
}

/** Parses a positive number option (decimals allowed); `undefined` stays `undefined`. */
export function numberOption(value: string | undefined, flag: string, command: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw usageError(`--${flag} must be a positive number`, command);
  }
  return n;
}

/** Reads a file, or standard input for `-` or no path. A missing file is a one-line failure. */
export async function readInput(io: CliIo, path: string | undefined): Promise<Uint8Array> {
  if (path === undefined || path === '-') return io.readStdin();
  return readFileOrFail(io, path);
}

/** Reads a file; a missing or unreadable file is a one-line {@link CliError} naming the path. */
export async function readFileOrFail(io: CliIo, path: string): Promise<Uint8Array> {
  try {
    return await io.readFile(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'cannot be read';
    throw new CliError(`${path}: ${why}`, EXIT_FAILURE);
  }
}
