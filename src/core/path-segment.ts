/**
 * Ids that go into a URL path: each one is a single encoded path segment, and an id a URL would resolve away
 * (empty, `.`, `..`) is refused, so that a hostile or broken id cannot move a request to another path.
 * @internal
 */
import { ValidationError } from './errors.js';
import type { ProviderId } from './provider.js';

/**
 * `value` encoded as one URL path segment (`encodeURIComponent`). Throws a {@link ValidationError} naming `what`
 * when it is not a string, empty, or a dot segment (`.`/`..`, which URL resolution removes).
 */
export function pathSegment(value: unknown, what: string, provider: ProviderId): string {
  const problem =
    typeof value !== 'string'
      ? 'is not a string'
      : value.length === 0
        ? 'is empty'
        : value === '.' || value === '..'
          ? `is the dot segment "${value}", which would change the URL's path`
          : undefined;
  if (problem === undefined) return encodeURIComponent(value as string);
  const message = `The ${what} ${problem}; pass the id the provider gave (an empty ${what} or a dot segment is refused).`;
  throw new ValidationError(message, {
    provider,
    issues: [{ code: 'path_segment_invalid', path: [what], message }],
  });
}
