/**
 * The benchmarks measure the built package (`dist/`, through the package's own `exports`), the code a consumer
 * runs, not the TypeScript sources through a loader (tsx compiles with `keepNames`, which wraps every nested
 * function in a naming helper and distorts hot paths). Types still come from `src/`, so `bench/` typechecks before
 * a build.
 */
import type * as Jwt from '../../src/entries/jwt.js';
import type * as Nexmo from '../../src/entries/nexmo.js';
import type * as Quota from '../../src/entries/quota.js';
import type * as Templates from '../../src/entries/templates.js';
import type * as Webhooks from '../../src/entries/webhooks.js';

interface Entries {
  jwt: typeof Jwt;
  nexmo: typeof Nexmo;
  quota: typeof Quota;
  templates: typeof Templates;
  webhooks: typeof Webhooks;
}

/** `import('waba-kit/<entry>')` from the built package, typed as its source. */
export async function dist<K extends keyof Entries>(entry: K): Promise<Entries[K]> {
  const specifier: string = `waba-kit/${entry}`;
  return (await import(specifier)) as Entries[K];
}

/**
 * The same entry as it was before issue 16: bench/baseline/before-issue-16/, compiled from commit 11040fa by
 * bench/baseline/build.ts with today's build options. Typed as today's source; the benchmarks call only what
 * both versions have with the same signature.
 */
export async function beforeIssue16<K extends 'quota' | 'templates'>(entry: K): Promise<Entries[K]> {
  const specifier: string = `../baseline/before-issue-16/${entry}.js`;
  return (await import(specifier)) as Entries[K];
}
