/** Converts zod issues to waba-kit {@link Issue}s without ever echoing input values. @internal */
import type { z } from 'zod';
import type { Issue } from './errors.js';

/** Maps zod issues to {@link Issue}s (code `schema.<zod code>`). */
export function fromZodIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: (string | number)[] = [],
): Issue[] {
  return issues.flatMap((issue): Issue[] => {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    // A discriminated union reports the branch issues nested; surface the innermost ones.
    if (issue.code === 'invalid_union' && issue.errors.length === 1 && issue.errors[0]) {
      return fromZodIssues(issue.errors[0], path);
    }
    return [{ code: `schema.${issue.code}`, path, message: issue.message }];
  });
}

/** Renders issues as `path: message; path: message`. */
export function formatIssues(issues: readonly Issue[]): string {
  return issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}
