// Smoke entry for runtimes with a command line (Node, Bun, Deno): runs the checks against the server whose URL
// is in WABA_SMOKE_BASE_URL, prints one JSON line, and exits 1 when a check failed.
import { runSmoke } from './smoke-checks.mjs';

const deno = globalThis.Deno;
const env = deno ? deno.env.toObject() : process.env;
const runtime = deno
  ? `deno ${deno.version.deno}`
  : globalThis.Bun
    ? `bun ${globalThis.Bun.version}`
    : `node ${process.version.slice(1)}`;

const result = await runSmoke({ baseUrl: env.WABA_SMOKE_BASE_URL, runtime });
console.log(JSON.stringify(result));
if (!result.ok) {
  if (deno) deno.exit(1);
  else process.exit(1);
}
