/**
 * The check behind `isWhatsAppError()` and friends.
 * @internal
 * @module
 */

/** The global symbol under which every waba-kit error records its class chain. */
export const ERROR_KINDS: unique symbol = Symbol.for('waba-kit.error.kinds') as never;

/**
 * Whether `error` is of the error class whose `kind` is given. It reads the class chain each error records under
 * {@link ERROR_KINDS}, so it works across copies of the library (ESM and CJS loaded together).
 *
 * Each public guard is an arrow around it (`(error): error is ConfigError => hasErrorKind(error, 'ConfigError')`),
 * not a guard built by a factory call at load: a bundler must keep a module-level call, so every client bundle
 * carried all the guards; an unused arrow is left out.
 */
export function hasErrorKind(error: unknown, kind: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const kinds = (error as { [ERROR_KINDS]?: unknown })[ERROR_KINDS];
  return Array.isArray(kinds) && kinds.includes(kind);
}
