/**
 * A small cache of imported `CryptoKey`s by their source text (a secret, a PEM), shared by the webhook HMAC keys and
 * the application-JWT signing keys.
 * @internal
 * @module
 */

/** One source's import: its promise, and the `CryptoKey` itself once the import has succeeded. @internal */
export interface CachedKey {
  readonly imported: Promise<CryptoKey>;
  key: CryptoKey | undefined;
}

/**
 * Returns a lookup that starts `importKey(source)` once per source and keeps at most `size` entries, the oldest
 * leaving first. The settled key is kept beside its promise so a caller can use it synchronously (start a Web
 * Crypto job inside its own call, with no microtask hop); a failed import is dropped, so the next call tries
 * again. Errors `importKey` throws synchronously propagate to the caller and cache nothing. The map is private
 * to the closure, never enumerated or printed (its keys are secrets).
 * @internal
 */
export function createKeyCache(
  size: number,
  importKey: (source: string) => Promise<CryptoKey>,
): (source: string) => CachedKey {
  const keys = new Map<string, CachedKey>();
  return (source) => {
    const hit = keys.get(source);
    if (hit) return hit;
    const entry: CachedKey = { imported: importKey(source), key: undefined };
    keys.set(source, entry);
    if (keys.size > size) keys.delete(keys.keys().next().value as string);
    entry.imported.then(
      (key) => {
        entry.key = key;
      },
      () => {
        if (keys.get(source) === entry) keys.delete(source);
      },
    );
    return entry;
  };
}
