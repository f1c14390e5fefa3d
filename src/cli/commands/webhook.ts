/**
 * `waba webhook parse <provider> [file|-]` and `waba webhook verify <provider> --secret ... [file|-]`.
 * @module
 */
import { PROVIDERS, type ProviderId } from '../../core/provider.js';
import { parseWebhook } from '../../webhooks/parse.js';
import type { VerifyWebhookOptions } from '../../webhooks/types.js';
import { verifyWebhook } from '../../webhooks/verify.js';
import { parseCommand, readInput } from '../args.js';
import { EXIT_FAILURE, usageError } from '../errors.js';
import { type CliIo, utf8 } from '../io.js';
import { terminalJson } from '../terminal.js';

/** `waba webhook --help`. */
export const WEBHOOK_HELP = `Usage: waba webhook parse <provider> [file|-]
       waba webhook verify <provider> --secret <secret> [--header "Name: value"]... [file|-]

parse   reads a webhook body (a file, or standard input for "-" or no file) and prints the typed events
        (kind message, status, template-status, user, account, billing or unknown) as JSON.
verify  checks a delivery's signature against the raw body, exactly as received:
          nexmo            Authorization: Bearer <HS256 JWT>, with the signature secret
          meta, clevertap  X-Hub-Signature-256: sha256=<HMAC>, with the app secret
          gupshup          the shared-secret header you configured (Gupshup does not sign)
        Prints "valid", or "invalid: <reason>" and exits 1.

Providers: ${PROVIDERS.join(', ')}

Options (verify):
  --secret <secret>       the signature secret, app secret or shared secret (or WABA_WEBHOOK_SECRET);
                          never printed
  --header "Name: value"  a request header, repeatable (header names are case-insensitive)
  --url <url>             the full request URL (Gupshup URL tokens)
  --url-token <token>     Gupshup: the token expected in the URL's "token" query parameter
  --max-age <seconds>     Vonage: oldest accepted token iat (default 300)
  -h, --help              show this help`;

function providerPositional(value: string | undefined, command: string): ProviderId {
  if (value === undefined) throw usageError(`give the provider (${PROVIDERS.join(', ')})`, command);
  if (!(PROVIDERS as readonly string[]).includes(value)) {
    throw usageError(`unknown provider "${value}": use one of ${PROVIDERS.join(', ')}`, command);
  }
  return value as ProviderId;
}

function parseHeaders(lines: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    // Never echo the header: it may carry a token.
    if (colon <= 0) throw usageError('--header must look like "Name: value"', 'webhook verify');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** Runs `waba webhook parse|verify`. */
export async function webhookCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.out(`${WEBHOOK_HELP}\n`);
    return sub === undefined ? 2 : 0;
  }
  if (sub === 'parse') {
    const { positionals, help } = parseCommand('webhook parse', rest, {});
    if (help) {
      io.out(`${WEBHOOK_HELP}\n`);
      return 0;
    }
    if (positionals.length > 2) throw usageError('give one provider and at most one file', 'webhook parse');
    const provider = providerPositional(positionals[0], 'webhook parse');
    const body = utf8(await readInput(io, positionals[1]));
    io.out(`${terminalJson(parseWebhook(provider, body))}\n`);
    return 0;
  }
  if (sub === 'verify') {
    const { values, positionals, help } = parseCommand('webhook verify', rest, {
      secret: { type: 'string' },
      header: { type: 'string', multiple: true },
      url: { type: 'string' },
      'url-token': { type: 'string' },
      'max-age': { type: 'string' },
    });
    if (help) {
      io.out(`${WEBHOOK_HELP}\n`);
      return 0;
    }
    if (positionals.length > 2) throw usageError('give one provider and at most one file', 'webhook verify');
    const provider = providerPositional(positionals[0], 'webhook verify');
    const secret = values.secret ?? io.env.WABA_WEBHOOK_SECRET;
    const urlToken = values['url-token'];
    if (!secret && !urlToken) {
      throw usageError('--secret is required (or WABA_WEBHOOK_SECRET)', 'webhook verify');
    }
    const maxAge = values['max-age'];
    if (maxAge !== undefined && !/^\d+$/.test(maxAge)) {
      throw usageError('--max-age must be a whole number of seconds', 'webhook verify');
    }
    const rawBody = await readInput(io, positionals[1]);
    const options: VerifyWebhookOptions = {
      rawBody,
      headers: parseHeaders(values.header ?? []),
      url: values.url,
      maxAgeSeconds: maxAge === undefined ? undefined : Number(maxAge),
      verify: true,
    };
    if (secret) {
      if (provider === 'nexmo') options.signatureSecret = secret;
      else if (provider === 'gupshup') options.sharedSecret = secret;
      else options.appSecret = secret;
    }
    if (urlToken) options.urlToken = urlToken;
    const result = await verifyWebhook(provider, options);
    if (result.valid) {
      io.out('valid\n');
      return 0;
    }
    io.out(`invalid: ${result.reason}: ${result.message}\n`);
    return EXIT_FAILURE;
  }
  throw usageError(`unknown webhook command "${sub}": use parse or verify`, 'webhook');
}
