/**
 * The type-guard factory behind `isWhatsAppError()` and friends.
 * @internal
 * @module
 */

/** The global symbol under which every waba-kit error records its class chain. */
export const ERROR_KINDS: unique symbol = Symbol.for('waba-kit.error.kinds') as never;

/**
 * Builds a type guard for the error class whose `kind` is given. It reads the class chain each error records
 * under {@link ERROR_KINDS}, so it works across copies of the library (ESM and CJS loaded together).
 */
export function errorGuard<T>(kind: string): (error: unknown) => error is T {
  return (error: unknown): error is T => {
    if (typeof error !== 'object' || error === null) return false;
    const kinds = (error as { [ERROR_KINDS]?: unknown })[ERROR_KINDS];
    return Array.isArray(kinds) && kinds.includes(kind);
  };
}
