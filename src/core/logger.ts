/** A logger waba-kit can write to: `console` fits, and so do pino, winston and bunyan instances. */
export interface Logger {
  /** Request and response lines (method, URL, status, duration; never headers or secrets). */
  debug?(message: string, meta?: Record<string, unknown>): void;
  /** Informational lines. */
  info?(message: string, meta?: Record<string, unknown>): void;
  /** Retries, fail-open quota decisions and other recoverable problems. */
  warn?(message: string, meta?: Record<string, unknown>): void;
  /** Errors that have no caller to throw to, such as a throwing event listener. */
  error?(message: string, meta?: Record<string, unknown>): void;
}
