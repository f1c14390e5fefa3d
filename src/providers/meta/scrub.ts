/**
 * Removes secrets from the provider-supplied fields of an error (a provider that echoes a token back must not
 * make it reach a log through `detail` or `body`). The transport already scrubs `message`.
 * @internal
 */
import { redactSecrets } from '../../core/redact.js';

function deep(value: unknown, secrets: readonly (string | undefined)[], depth: number): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets);
  if (depth > 8 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => deep(v, secrets, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deep(v, secrets, depth + 1)]));
}

const FIELDS = [
  'detail',
  'title',
  'body',
  'invalidParameters',
  'issues',
  'userMessage',
  'userTitle',
] as const;

/** Redacts `secrets` from an error's provider-supplied fields, in place; returns the error. */
export function scrubErrorFields<E extends object>(error: E, secrets: readonly (string | undefined)[]): E {
  const live = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4);
  if (live.length === 0) return error;
  for (const field of FIELDS) {
    const value = (error as Record<string, unknown>)[field];
    if (value === undefined) continue;
    const clean = deep(value, live, 0);
    if (JSON.stringify(clean) !== JSON.stringify(value)) {
      Object.defineProperty(error, field, {
        value: clean,
        enumerable: true,
        writable: false,
        configurable: true,
      });
    }
  }
  return error;
}
