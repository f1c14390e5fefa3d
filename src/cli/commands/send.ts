/**
 * `waba send`: the seeds' "Send Test". Sends one text or template message and prints the provider's full
 * response payload, or its error body, for debugging with the provider.
 * @module
 */
import { isWhatsAppError } from '../../core/errors.js';
import type { OutboundMessage } from '../../core/message.js';
import type { ProviderId } from '../../core/provider.js';
import { parseCommand } from '../args.js';
import {
  buildClientConfig,
  CONFIG_FIELDS,
  CONFIG_OPTIONS,
  configHelp,
  createCliClient,
  providerArg,
} from '../client-config.js';
import { CliError, describeError, EXIT_FAILURE, maskSecrets, usageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { terminalJson } from '../terminal.js';

/** `waba send --help`. */
export const SEND_HELP = `Usage: waba send --provider <p> --to <number> (--text <text> | --template <name> [--param <value>]...)

Sends one message and prints the provider's full response payload as JSON. When the provider refuses, prints
its error body as JSON and the error on one line, and exits 1. Use it to check credentials and templates
before wiring an app, and to show a provider's support exactly what they answered.

Message:
  --to <number>          recipient, E.164 ("+" optional)
  --text <text>          a free-form text (needs an open 24 h customer-service window)
  --template <name>      an approved template (Gupshup: the template id)
  --language <code>      the template's language (default en)
  --param <value>        a body parameter {{1}}, {{2}}, ... in order; repeatable
  --namespace <ns>       Vonage legacy templates: the WhatsApp namespace

Provider config (flag, else environment variable):
${configHelp()}
  --provider <p>         nexmo, gupshup, meta or clevertap (or WABA_PROVIDER)

Secrets are never printed. Pass them through the environment rather than flags (shell history).`;

/** The secret values in a built config, to mask in anything printed. */
export function configSecrets(config: Readonly<Record<string, unknown>>): string[] {
  return CONFIG_FIELDS.filter((f) => f.secret)
    .map((f) => config[f.key])
    .filter((v): v is string => typeof v === 'string');
}

/** The message flags shared by `send` and `broadcast`. */
export const MESSAGE_OPTIONS = {
  template: { type: 'string' },
  language: { type: 'string' },
  param: { type: 'string', multiple: true },
  namespace: { type: 'string' },
} as const;

/** Pretty JSON with every secret masked. */
export function maskJson(value: unknown, secrets: readonly string[]): string {
  return maskSecrets(terminalJson(value), secrets);
}

/** Runs `waba send`. */
export async function sendCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals, help } = parseCommand('send', argv, {
    ...CONFIG_OPTIONS,
    ...MESSAGE_OPTIONS,
    to: { type: 'string' },
    text: { type: 'string' },
  });
  if (help) {
    io.out(`${SEND_HELP}\n`);
    return 0;
  }
  if (positionals.length > 0) throw usageError('send takes no positional arguments', 'send');
  const provider: ProviderId = providerArg(
    ((values as Record<string, unknown>).provider as string | undefined) ?? io.env.WABA_PROVIDER,
    'send',
  );
  const to = values.to as string | undefined;
  if (!to) throw usageError('--to <number> is required', 'send');
  const text = values.text as string | undefined;
  const template = values.template as string | undefined;
  if ((text === undefined) === (template === undefined)) {
    throw usageError('give exactly one of --text or --template', 'send');
  }
  const params = (values.param as string[] | undefined) ?? [];
  if (text !== undefined && (params.length > 0 || values.language || values.namespace)) {
    throw usageError('--param, --language and --namespace go with --template', 'send');
  }
  const config = await buildClientConfig(provider, values, io, 'send');
  const secrets = configSecrets(config as Record<string, unknown>);
  const message: OutboundMessage =
    text !== undefined
      ? { type: 'text', to, text }
      : {
          type: 'template',
          to,
          name: template as string,
          language: (values.language as string | undefined) ?? 'en',
          ...(values.namespace ? { namespace: values.namespace as string } : {}),
          ...(params.length > 0 ? { body: params } : {}),
        };
  const client = createCliClient(config, 'send');
  try {
    const result = await client.send(message);
    io.out(
      `${maskJson(
        {
          ok: true,
          provider: result.provider,
          messageId: result.messageId,
          clientRef: result.clientRef,
          requestId: result.requestId,
          response: result.raw,
        },
        secrets,
      )}\n`,
    );
    return 0;
  } catch (error) {
    // ApiError and TemplateError carry the provider's answer: print it whole, for the provider's support.
    if (isWhatsAppError(error) && 'body' in error && error.body !== undefined) {
      const e = error as typeof error & { status?: number; providerCode?: string; requestId?: string };
      io.out(
        `${maskJson(
          {
            ok: false,
            provider,
            status: e.status,
            providerCode: e.providerCode,
            requestId: e.requestId,
            body: e.body,
          },
          secrets,
        )}\n`,
      );
    }
    throw new CliError(describeError(error, secrets), EXIT_FAILURE);
  }
}
