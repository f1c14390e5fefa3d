/**
 * `waba sandbox`: starts the local provider emulator and prints its URL and the environment that points
 * `waba send` (or an app reading the same variables) at it. Runs until Ctrl-C.
 * @module
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROVIDERS, type ProviderId } from '../../core/provider.js';
import { startSandbox } from '../../sandbox/server.js';
import type { SandboxWebhookTargets } from '../../sandbox/types.js';
import type { TemplateDefinition } from '../../templates/types.js';
import { intOption, parseCommand } from '../args.js';
import { envLines } from '../client-config.js';
import { usageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { terminalSafe } from '../terminal.js';
import { readTemplateFile } from './validate.js';

/** `waba sandbox --help`. */
export const SANDBOX_HELP = `Usage: waba sandbox [--port 0] [--host 127.0.0.1] [--seed 1] [--webhook <provider>=<url>]...

Starts the local emulator of Vonage, Gupshup, Meta's Cloud API and CleverTap and prints its URL and, per
provider, the WABA_* environment that points "waba send" and "waba broadcast" at it. The credentials are
generated for this run and accepted only by this sandbox. Stops on Ctrl-C.

Options:
  --port <n>                  port to listen on (default 0: a free port)
  --host <host>               address to bind (default 127.0.0.1)
  --seed <n>                  seed of generated ids and injected faults (default 1)
  --latency <ms>              added latency on every answer (default 0)
  --webhook <provider>=<url>  post that provider's inbound messages and statuses to <url>; repeatable
  --template <file.json>      add approved templates (Meta's create-template JSON, one or an array); repeatable
  -h, --help                  show this help`;

function webhookTargets(specs: readonly string[]): SandboxWebhookTargets {
  const targets: SandboxWebhookTargets = {};
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const provider = spec.slice(0, eq);
    const url = spec.slice(eq + 1);
    if (eq <= 0 || !(PROVIDERS as readonly string[]).includes(provider) || !URL.canParse(url)) {
      throw usageError('--webhook must look like meta=http://127.0.0.1:3000/webhook', 'sandbox');
    }
    targets[provider as ProviderId] = { url };
  }
  return targets;
}

/** Runs `waba sandbox` until {@link CliIo.waitForStop} resolves. */
export async function sandboxCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals, help } = parseCommand('sandbox', argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    seed: { type: 'string' },
    latency: { type: 'string' },
    webhook: { type: 'string', multiple: true },
    template: { type: 'string', multiple: true },
  });
  if (help) {
    io.out(`${SANDBOX_HELP}\n`);
    return 0;
  }
  if (positionals.length > 0) throw usageError('sandbox takes no positional arguments', 'sandbox');
  const definitions: TemplateDefinition[] = [];
  for (const file of values.template ?? []) {
    for (const definition of await readTemplateFile(io, file)) definitions.push(definition);
  }
  const sandbox = await startSandbox({
    port: intOption(values.port, 'port', 'sandbox', 0, 65_535),
    host: values.host,
    seed: intOption(values.seed, 'seed', 'sandbox', 0, 2 ** 31 - 1),
    latencyMs: intOption(values.latency, 'latency', 'sandbox', 0, 60_000),
    webhooks: webhookTargets(values.webhook ?? []),
  });
  try {
    const keyPath = join(tmpdir(), `waba-sandbox-${sandbox.port}.key`);
    const nexmo = sandbox.config('nexmo');
    await io.writeFile(keyPath, String(nexmo.privateKey));
    io.out(`waba sandbox listening on ${sandbox.url}\n`);
    for (const definition of definitions) {
      const t = sandbox.templates.add(definition);
      io.out(
        `template ${terminalSafe(t.name)} (${terminalSafe(t.language)}) approved; Gupshup template id ${terminalSafe(t.gupshupId)}\n`,
      );
    }
    io.out('Sandbox-only credentials (generated for this run). Point a shell at one provider with:\n');
    for (const provider of PROVIDERS) {
      const config = sandbox.config(provider);
      io.out(`\n# ${provider}\nexport WABA_PROVIDER=${provider}\n`);
      io.out(`${envLines(config, keyPath).join('\n')}\n`);
    }
    io.out(
      '\nthen: waba send --to +447700900123 --text "Hello"  (or --template <name> for a template added above)\nPress Ctrl-C to stop.\n',
    );
    await io.waitForStop();
  } finally {
    await sandbox.stop();
  }
  io.err('sandbox stopped\n');
  return 0;
}
