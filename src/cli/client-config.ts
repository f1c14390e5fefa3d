/**
 * Client config from command-line flags and `WABA_*` environment variables, for `waba send`, `waba broadcast`
 * and the environment `waba sandbox` prints. One table maps each config key to its flag and variable.
 * @module
 */
import type { WhatsAppClient } from '../core/client.js';
import { isConfigError } from '../core/errors.js';
import { PROVIDERS, type ProviderId } from '../core/provider.js';
import { type ClientConfig, createClient } from '../create-client.js';
import type { OptionSpec } from './args.js';
import { usageError } from './errors.js';
import { type CliIo, utf8 } from './io.js';

/** One client config key as the CLI exposes it. */
export interface ConfigField {
  /** The config key, e.g. `accessToken`. */
  key: string;
  /** The flag without dashes, e.g. `access-token`. */
  flag: string;
  /** The environment variable, e.g. `WABA_ACCESS_TOKEN`. */
  env: string;
  /** The providers that take this key. */
  providers: readonly ProviderId[];
  /** A secret: never printed, better given through the environment than a flag. */
  secret?: boolean;
  /** A PEM: the value is a file path, or the PEM itself. */
  pem?: boolean;
  /** A number. */
  number?: boolean;
}

const ALL = PROVIDERS;
const CLOUD = ['meta', 'clevertap'] as const;

const field = (
  key: string,
  providers: readonly ProviderId[],
  extra: Partial<ConfigField> = {},
): ConfigField => {
  const flag = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return { key, flag, env: `WABA_${flag.replace(/-/g, '_').toUpperCase()}`, providers, ...extra };
};

/** Every config key the CLI can set, in the order `waba sandbox` prints them. */
export const CONFIG_FIELDS: readonly ConfigField[] = [
  field('baseUrl', ALL),
  field('applicationId', ['nexmo']),
  field('privateKey', ['nexmo'], { secret: true, pem: true }),
  field('apiKey', ['nexmo', 'gupshup'], { secret: true }),
  field('apiSecret', ['nexmo'], { secret: true }),
  field('from', ['nexmo']),
  field('apiVersion', ['nexmo', ...CLOUD]),
  field('appName', ['gupshup']),
  field('source', ['gupshup']),
  field('appId', ['gupshup']),
  field('accessToken', CLOUD, { secret: true }),
  field('phoneNumberId', CLOUD),
  field('wabaId', CLOUD),
  field('region', ['clevertap']),
  field('accountId', ['clevertap']),
  field('passcode', ['clevertap'], { secret: true }),
  field('restBaseUrl', ['clevertap']),
  field('timeout', ALL, { number: true }),
  field('maxRetries', ALL, { number: true }),
];

/** The `parseArgs` options of every config flag plus `--provider`. */
export const CONFIG_OPTIONS: Record<string, OptionSpec> = Object.fromEntries([
  ['provider', { type: 'string' }],
  ...CONFIG_FIELDS.map((f) => [f.flag, { type: 'string' }] as const),
]);

/** Checks a provider name. */
export function providerArg(value: string | undefined, command: string): ProviderId {
  if (value === undefined) throw usageError(`--provider is required (${PROVIDERS.join(', ')})`, command);
  if (!(PROVIDERS as readonly string[]).includes(value)) {
    throw usageError(`unknown provider "${value}": use one of ${PROVIDERS.join(', ')}`, command);
  }
  return value as ProviderId;
}

/**
 * Builds a {@link ClientConfig} for `provider`: each key from its flag, else its `WABA_*` variable. A flag of
 * another provider is a usage error. `--private-key` (and `WABA_PRIVATE_KEY`) take a file path or the PEM text.
 * The client validates the result strictly; its errors name keys, never values.
 */
export async function buildClientConfig(
  provider: ProviderId,
  values: Readonly<Record<string, unknown>>,
  io: CliIo,
  command: string,
): Promise<ClientConfig> {
  const config: Record<string, unknown> = { provider };
  for (const f of CONFIG_FIELDS) {
    const flagValue = values[f.flag];
    if (typeof flagValue === 'string' && !f.providers.includes(provider)) {
      throw usageError(`--${f.flag} does not apply to provider ${provider}`, command);
    }
    if (!f.providers.includes(provider)) continue;
    const raw = typeof flagValue === 'string' ? flagValue : io.env[f.env];
    if (raw === undefined || raw === '') continue;
    if (f.number) {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 0)
        throw usageError(`--${f.flag} (or ${f.env}) must be a whole number`, command);
      config[f.key] = n;
    } else if (f.pem && !raw.includes('-----BEGIN')) {
      config[f.key] = await readPem(io, raw, f, command);
    } else {
      config[f.key] = raw;
    }
  }
  return config as ClientConfig;
}

/**
 * `createClient(config)` for a command: a config problem is reported by flag and variable
 * (`--access-token (or WABA_ACCESS_TOKEN) is required`), not by the config key the library names.
 */
export function createCliClient(config: ClientConfig, command: string): WhatsAppClient {
  try {
    return createClient(config);
  } catch (error) {
    if (!isConfigError(error) || error.issues.length === 0) throw error;
    const values = config as unknown as Record<string, unknown>;
    const problems = error.issues.map((issue) => {
      const key = issue.path?.[0];
      const f = CONFIG_FIELDS.find((c) => c.key === key);
      if (!f) return issue.message;
      return values[f.key] === undefined
        ? `--${f.flag} (or ${f.env}) is required for provider ${config.provider}`
        : `--${f.flag} (or ${f.env}) is invalid: ${issue.message}`;
    });
    throw usageError([...new Set(problems)].join('; '), command);
  }
}

async function readPem(io: CliIo, path: string, f: ConfigField, command: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(path);
  } catch {
    // The value may be a mistyped key rather than a path: never echo it.
    throw usageError(`--${f.flag} (or ${f.env}) is neither a readable file nor PEM text`, command);
  }
  return utf8(bytes);
}

/** Shell-quotes a value for `export NAME='value'` lines. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The `export WABA_...=...` lines that point the CLI at `config` (what `waba sandbox` prints). */
export function envLines(config: Readonly<Record<string, unknown>>, pemPath?: string): string[] {
  const lines: string[] = [];
  for (const f of CONFIG_FIELDS) {
    const value = config[f.key];
    if (value === undefined) continue;
    const text = f.pem && pemPath !== undefined ? pemPath : String(value);
    lines.push(`export ${f.env}=${shellQuote(text)}`);
  }
  return lines;
}

/** Help text lines describing the config flags of each provider. */
export function configHelp(): string {
  return CONFIG_FIELDS.map(
    (f) =>
      `  --${f.flag.padEnd(16)} ${f.env.padEnd(22)} ${f.providers.join(', ')}${f.secret ? ' (secret: prefer the variable)' : ''}${f.pem ? ' (file or PEM)' : ''}`,
  ).join('\n');
}
