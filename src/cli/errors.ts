/**
 * `CliError`: a failure the CLI reports as one line and an exit code, never with a stack trace.
 * @module
 */
import { redactSecrets } from '../core/redact.js';

/** Exit code of a usage mistake (unknown flag, missing argument). */
export const EXIT_USAGE = 2;
/** Exit code of a failed operation (invalid template, refused send, bad signature). */
export const EXIT_FAILURE = 1;

/** A CLI failure with the message printed after `waba: ` and the process exit code. */
export class CliError extends Error {
  override readonly name = 'CliError';
  /** The process exit code: {@link EXIT_USAGE} or {@link EXIT_FAILURE}. */
  readonly exitCode: number;

  constructor(message: string, exitCode: number = EXIT_USAGE) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** A usage error that ends with a pointer to the command's help. */
export function usageError(message: string, command: string): CliError {
  return new CliError(`${message} (see: waba ${command} --help)`, EXIT_USAGE);
}

/**
 * One line describing `error` for the terminal: `Name [code]: message` for library errors, the message
 * otherwise; line breaks folded, and every value in `secrets` masked as `[redacted]`.
 */
export function describeError(error: unknown, secrets: readonly (string | undefined)[] = []): string {
  let text: string;
  if (error instanceof CliError) text = error.message;
  else if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    text = `${error.name}${typeof code === 'string' ? ` [${code}]` : ''}: ${error.message}`;
  } else text = String(error);
  return maskSecrets(text, secrets)
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

/** Replaces every spelling of each secret (4 characters or more) in `text` with `[redacted]`. */
export function maskSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  return redactSecrets(text, secrets);
}
