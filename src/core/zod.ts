/**
 * The schemas of the package are built on `zod/mini`, zod's tree-shakable build: the same schemas, checks, issues
 * and messages as `zod` (both are thin layers over `zod/v4/core`), with checks as functions
 * (`z.string().check(z.minLength(1))`) instead of methods, so a bundle carries only the checks the schemas use,
 * about a third of the bytes of the same schemas on classic `zod`, which also drags in its JSON Schema generator
 * (docs/BENCHMARKS.md, Bundle size). Each module imports it as `import * as z from 'zod/mini'`, which bundlers
 * tree-shake; re-exporting the namespace from one module would defeat that.
 *
 * `zod/mini` loads no locale, so its messages would read "Invalid input". {@link useEnglishUnlessConfigured} is
 * called before every parse whose messages users see (client configs, outbound messages).
 * @internal
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * Sets zod's English messages when no locale is configured, which is what `import 'zod'` does when it loads; a
 * locale the application configured is kept. Config errors and validation errors so read word for word what
 * classic zod says, whichever zod build the application loaded (or none).
 */
export function useEnglishUnlessConfigured(): void {
  if (!config().localeError) config(en());
}
