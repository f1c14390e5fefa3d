/**
 * `waba sandbox`: starts the local provider emulator and prints its URL and the environment that points
 * `waba send` (or an app reading the same variables) at it. Runs until Ctrl-C.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { PROVIDERS, type ProviderId } from '../../core/provider.js';
import { startSandbox } from '../../sandbox/server.js';
import type { SandboxWebhookTargets } from '../../sandbox/types.js';
import type { TemplateDefinition } from '../../templates/types.js';
import { intOption, parseCommand } from '../args.js';
import { envLines } from '../client-config.js';
import { usageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { createPrivateFile, type PrivateFile } from '../private-file.js';
import { terminalSafe } from '../terminal.js';
import { readTemplateFile } from './validate.js';

/** `waba sandbox --help`. */
export const SANDBOX_HELP = `Usage: waba sandbox [--ui] [--port 0] [--host 127.0.0.1] [--seed 1] [--webhook <provider>=<url>]...

Starts the local emulator of Vonage, Gupshup, Meta's Cloud API and CleverTap and prints its URL and, per
provider, the WABA_* environment that points "waba send" and "waba broadcast" at it. The credentials are
generated for this run and accepted only by this sandbox. Stops on Ctrl-C.

Options:
  --port <n>                  port to listen on (default 0: a free port)
  --host <host>               address to bind (default 127.0.0.1)
  --seed <n>                  seed of generated ids and injected faults (default 1)
  --latency <ms>              added latency on every answer (default 0)
  --ui                        serve the inspector page (conversations, webhook log, templates, faults)
  --webhook <provider>=<url>  post that provider's inbound messages and statuses to <url>; repeatable.
                              nexmo-status=<url> sends Vonage statuses apart from its inbound messages
  --app-secret <s>            sign Meta and CleverTap webhooks with this app secret   (WABA_APP_SECRET)
  --signature-secret <s>      sign Vonage webhooks with this signature secret         (WABA_SIGNATURE_SECRET)
  --shared-secret <s>         send this in Gupshup callbacks' Authorization header    (WABA_SHARED_SECRET)
  --template <file.json>      add approved templates (Meta's create-template JSON, one or an array); repeatable
  -h, --help                  show this help

Without the secret options the sandbox generates them; it prints each provider's webhook secrets so your
webhook server can verify what it receives, and logs every refused delivery with its status and reason.`;

/** A webhook receiver's secret, as the sandbox signs with it and the webhook handler's option names it. */
interface SigningSecret {
  flag: 'app-secret' | 'signature-secret' | 'shared-secret';
  env: string;
}
const SIGNING: readonly SigningSecret[] = [
  { flag: 'app-secret', env: 'WABA_APP_SECRET' },
  { flag: 'signature-secret', env: 'WABA_SIGNATURE_SECRET' },
  { flag: 'shared-secret', env: 'WABA_SHARED_SECRET' },
];

function webhookTargets(specs: readonly string[], sharedSecret: string): SandboxWebhookTargets {
  const targets: SandboxWebhookTargets = {};
  let nexmoStatus: string | undefined;
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const provider = spec.slice(0, eq);
    const url = spec.slice(eq + 1);
    const known = (PROVIDERS as readonly string[]).includes(provider) || provider === 'nexmo-status';
    if (eq <= 0 || !known || !URL.canParse(url)) {
      throw usageError(
        `--webhook must look like meta=http://127.0.0.1:3000/webhook (providers: ${PROVIDERS.join(', ')}, nexmo-status)`,
        'sandbox',
      );
    }
    if (provider === 'nexmo-status') nexmoStatus = url;
    else if (provider === 'gupshup') targets.gupshup = { url, headers: { authorization: sharedSecret } };
    else targets[provider as ProviderId] = { url };
  }
  if (nexmoStatus !== undefined) {
    if (!targets.nexmo)
      throw usageError('--webhook nexmo-status=<url> needs --webhook nexmo=<url> too', 'sandbox');
    targets.nexmo.statusUrl = nexmoStatus;
  }
  return targets;
}

/** A secret from its flag, else its variable, else undefined (the sandbox generates one). */
function secretOption(values: Record<string, unknown>, s: SigningSecret, io: CliIo): string | undefined {
  const value = values[s.flag];
  const raw = typeof value === 'string' ? value : io.env[s.env];
  if (raw === '') throw usageError(`--${s.flag} (or ${s.env}) must not be empty`, 'sandbox');
  return raw;
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
    ui: { type: 'boolean' },
    'app-secret': { type: 'string' },
    'signature-secret': { type: 'string' },
    'shared-secret': { type: 'string' },
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
  const [appSecret, signatureSecret, sharedSecret] = SIGNING.map((s) => secretOption(values, s, io));
  const gupshupSecret = sharedSecret ?? randomBytes(18).toString('base64url');
  const sandbox = await startSandbox({
    port: intOption(values.port, 'port', 'sandbox', 0, 65_535),
    host: values.host,
    seed: intOption(values.seed, 'seed', 'sandbox', 0, 2 ** 31 - 1),
    latencyMs: intOption(values.latency, 'latency', 'sandbox', 0, 60_000),
    webhooks: webhookTargets(values.webhook ?? [], gupshupSecret),
    ui: values.ui === true,
    credentials: {
      meta: { appSecret },
      clevertap: { appSecret },
      nexmo: { signatureSecret },
    },
  });
  const unsubscribe = sandbox.events.subscribe((event) => {
    if (event.type !== 'webhook') return;
    const d = event.delivery;
    if (d.status >= 200 && d.status < 300) return;
    // JSON quoting keeps whatever the receiver answered on one line, control characters escaped.
    const why = d.answer ? ` ${JSON.stringify(d.answer)}` : d.error ? ` (${JSON.stringify(d.error)})` : '';
    io.err(
      `webhook ${d.provider} ${d.kind} -> ${terminalSafe(d.url)}: ${d.status === 0 ? 'unreachable' : `answered ${d.status}`}${terminalSafe(why)} (attempt ${d.attempt})\n`,
    );
  });
  let key: PrivateFile | undefined;
  try {
    // Exclusive, 0600, in a private mkdtemp directory: never through a file planted at a predictable path,
    // and removed below on every way out (stop, Ctrl-C, SIGTERM, an error).
    key = await createPrivateFile(
      'waba-sandbox-',
      'vonage-private.key',
      String(sandbox.config('nexmo').privateKey),
    );
    const keyPath = key.path;
    io.out(`waba sandbox listening on ${sandbox.url}\n`);
    if (sandbox.inspectorUrl) io.out(`inspector: ${sandbox.inspectorUrl}\n`);
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
    io.out('\nWebhook secrets (give them to your webhook handler to verify what the sandbox posts):\n');
    const c = sandbox.credentials;
    io.out(`  meta       appSecret       ${c.meta.appSecret}\n`);
    io.out(`  clevertap  appSecret       ${c.clevertap.appSecret}\n`);
    io.out(`  nexmo      signatureSecret ${c.nexmo.signatureSecret}\n`);
    io.out(`  gupshup    sharedSecret    ${gupshupSecret}  (sent as the Authorization header)\n`);
    // Listen for Ctrl-C before saying so: a signal that arrived between the line and the listener (a loaded
    // machine may run the reader first) would end the process by the default action, leaving the key file.
    const stopped = io.waitForStop();
    io.out(
      '\nthen: waba send --to +447700900123 --text "Hello"  (or --template <name> for a template added above)\nPress Ctrl-C to stop.\n',
    );
    await stopped;
  } finally {
    key?.remove();
    unsubscribe();
    await sandbox.stop();
  }
  io.err('sandbox stopped\n');
  return 0;
}
