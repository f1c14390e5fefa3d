/**
 * Which URLs may receive a provider's credentials. A media URL comes from a webhook payload or a redirect, so it
 * is untrusted input: a bearer token or JWT goes only to the provider's documented media hosts (over https), or
 * to the exact origin the client is configured with (`baseUrl`: tests, the sandbox, a regional host).
 * @module
 */

/** The hosts a provider documents for media, and the client's own origin. */
export interface MediaHosts {
  /** Exact host names (no wildcards) whose https URLs get credentials. */
  hosts: readonly string[];
  /** The client's `baseUrl`; its exact origin (scheme, host, port) gets credentials too. */
  baseUrl?: string | undefined;
}

/** Parses `url` (a string from a payload) or returns `undefined` when it is not an http(s) URL. */
export function parseMediaUrl(url: string): URL | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed : undefined;
    // Stryker disable next-line BlockStatement: an empty catch block returns undefined as well
  } catch {
    return undefined;
  }
}

/**
 * True when `url` may receive credentials: an https URL on one of `hosts` (exact, case-insensitive, default
 * port), or a URL on the exact origin of `baseUrl`. User info in the URL (`https://user@host`) never qualifies.
 */
export function isTrustedMediaUrl(url: URL, trusted: MediaHosts): boolean {
  if (url.username || url.password) return false;
  // Stryker disable next-line ConditionalExpression: parseMediaUrl of a missing baseUrl is undefined too
  if (trusted.baseUrl) {
    const base = parseMediaUrl(trusted.baseUrl);
    if (base && base.origin === url.origin) return true;
  }
  if (url.protocol !== 'https:' || url.port !== '') return false;
  const host = url.hostname.toLowerCase();
  return trusted.hosts.some((h) => h.toLowerCase() === host);
}

/**
 * The URL as events, logs and errors show it: the query and fragment hidden (a media URL is a capability, and
 * some carry signatures).
 */
export function displayMediaUrl(url: URL): string {
  return `${url.origin}${url.pathname}${url.search ? '?[redacted]' : ''}`;
}
