/**
 * Configuration of {@link NexmoClient}: the strict zod schema, the Vonage hosts, and the parser that turns plain
 * config into a validated {@link ResolvedNexmoConfig}. Errors name the bad keys and never echo a value.
 * @module
 */
import * as z from 'zod/mini';
import { commonConfigShape, parseConfig } from '../../core/config.js';
import { isValidPhone, phoneDigits } from '../../core/phone.js';

/**
 * Vonage Messages API hosts. `production` is the default; `sandbox` is the Messages API sandbox (allow-listed
 * numbers, sender 14157386102, no templates, 1 message/second); `eu`, `us` and `ap` are the regional hosts.
 * Pass a key (`baseUrl: 'sandbox'`) or any URL (`baseUrl: 'https://api-eu.vonage.com'`).
 *
 * Sources: https://developer.vonage.com/en/api/messages (servers),
 * https://developer.vonage.com/messages/concepts/messages-api-sandbox.
 */
export const NEXMO_HOSTS = Object.freeze({
  /** The global production host (default). */
  production: 'https://api.nexmo.com',
  /** The Messages API sandbox. */
  sandbox: 'https://messages-sandbox.nexmo.com',
  /** The EU regional host. */
  eu: 'https://api-eu.vonage.com',
  /** The US regional host. */
  us: 'https://api-us.vonage.com',
  /** The Asia-Pacific regional host. */
  ap: 'https://api-ap.vonage.com',
});

/** A key of `NEXMO_HOSTS`: `production`, `sandbox`, `eu`, `us` or `ap`. */
export type NexmoHost = keyof typeof NEXMO_HOSTS;

/**
 * Messages API versions: `v1` (current, default) and `v0.1` (legacy; the version older integrations configure).
 * @inline
 */
export type NexmoApiVersion = 'v1' | 'v0.1';

const PEM = /-----BEGIN (RSA |ENCRYPTED )?PRIVATE KEY-----[\s\S]+-----END (RSA |ENCRYPTED )?PRIVATE KEY-----/;

/**
 * Normalises a PEM private key pasted into an environment variable: literal `\n` sequences become newlines,
 * Windows line ends become `\n`, and surrounding whitespace is trimmed.
 */
export function normalizePrivateKey(key: string): string {
  return key
    .replace(/\\r\\n|\\n/g, '\n')
    .replace(/\r\n/g, '\n')
    .trim();
}

const secretString = (what: string) => z.string().check(z.minLength(1, `${what} must not be empty`));

/** The strict schema of {@link NexmoConfig}: the common keys plus the Vonage ones. */
export const NexmoConfigSchema = z
  .strictObject({
    ...commonConfigShape,
    /**
     * A Vonage host, `production`, `sandbox` (the Messages API sandbox), `eu`, `us` or `ap`, or an http(s) URL.
     * Default `production` (`https://api.nexmo.com`).
     */
    baseUrl: z.optional(
      z.union([
        z.enum(Object.keys(NEXMO_HOSTS) as [NexmoHost, ...NexmoHost[]]),
        z.url({ protocol: /^https?$/ }),
      ]),
    ),
    /** The Vonage application id (dashboard, Applications). Used with `privateKey` for JWT auth. */
    applicationId: z.optional(z.string().check(z.trim(), z.minLength(1, 'applicationId must not be empty'))),
    /** The application's private key, PEM (PKCS#8 or PKCS#1); literal `\n` sequences are accepted. */
    privateKey: z.optional(
      z.pipe(secretString('privateKey'), z.transform(normalizePrivateKey)).check(
        z.refine((k) => PEM.test(k), {
          message:
            'privateKey must be a PEM private key ("-----BEGIN PRIVATE KEY-----" or "-----BEGIN RSA PRIVATE KEY-----"); pass the file contents, not its path',
        }),
        z.refine((k) => !k.includes('ENCRYPTED'), {
          message: 'privateKey must not be passphrase-encrypted; export it unencrypted',
        }),
      ),
    ),
    /** Account API key, for Basic auth (with `apiSecret`) when no application is used. */
    apiKey: z.optional(secretString('apiKey')),
    /** Account API secret, for Basic auth. */
    apiSecret: z.optional(secretString('apiSecret')),
    /** The WhatsApp business number messages are sent from (E.164; `+` optional). */
    from: z.pipe(
      z.string().check(
        z.refine(isValidPhone, {
          message: 'from must be the WhatsApp business number in E.164 form, e.g. +447700900001',
        }),
      ),
      z.transform((v: string) => phoneDigits(v)),
    ),
    /** Messages API version. Default `v1`. */
    apiVersion: z.optional(z.enum(['v1', 'v0.1'])),
    /** Signature secret (dashboard, account settings) used to verify signed webhooks. */
    signatureSecret: z.optional(secretString('signatureSecret')),
    /**
     * `true`: refuse webhooks unless `signatureSecret` is set and the signature verifies. `false`: never verify.
     * Default: verify when `signatureSecret` is set.
     */
    verifyWebhooks: z.optional(z.boolean()),
    /** Application JWT lifetime in seconds (default 900, at most 86 400). A token is reused until near expiry. */
    jwtTtlSeconds: z.optional(z.number().check(z.int(), z.gte(30), z.lte(86_400))),
  })
  .check(
    z.superRefine((c, ctx) => {
      const jwt = c.applicationId !== undefined || c.privateKey !== undefined;
      const basic = c.apiKey !== undefined || c.apiSecret !== undefined;
      if (c.applicationId !== undefined && c.privateKey === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['privateKey'],
          message: 'privateKey is required with applicationId',
        });
      if (c.privateKey !== undefined && c.applicationId === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['applicationId'],
          message: 'applicationId is required with privateKey',
        });
      if (c.apiKey !== undefined && c.apiSecret === undefined)
        ctx.addIssue({ code: 'custom', path: ['apiSecret'], message: 'apiSecret is required with apiKey' });
      if (c.apiSecret !== undefined && c.apiKey === undefined)
        ctx.addIssue({ code: 'custom', path: ['apiKey'], message: 'apiKey is required with apiSecret' });
      if (!jwt && !basic)
        ctx.addIssue({
          code: 'custom',
          path: ['applicationId'],
          message:
            'credentials are missing: give applicationId + privateKey (JWT, recommended) or apiKey + apiSecret (Basic)',
        });
    }),
  );

/** Plain config of {@link NexmoClient}, as written by the caller. */
export type NexmoConfig = z.input<typeof NexmoConfigSchema>;

/** Config after validation: `from` is digits only, `privateKey` normalised, `baseUrl` a URL. */
export type ResolvedNexmoConfig = Omit<z.output<typeof NexmoConfigSchema>, 'baseUrl' | 'apiVersion'> & {
  /** The API host URL, aliases resolved, without a trailing slash. */
  baseUrl: string;
  /** The Messages API version sends use. */
  apiVersion: NexmoApiVersion;
};

/** Config keys whose values are secrets: redacted from `toJSON`/`inspect` and scrubbed from error messages. */
export const NEXMO_SECRET_KEYS = ['privateKey', 'apiKey', 'apiSecret', 'signatureSecret'] as const;

/**
 * Validates a {@link NexmoConfig}. Throws `ConfigError` listing every bad key (never a value).
 *
 * @example
 * ```ts
 * const config = parseNexmoConfig({ applicationId, privateKey: process.env.VONAGE_PRIVATE_KEY, from: '+447700900001' });
 * config.baseUrl; // 'https://api.nexmo.com'
 * ```
 */
export function parseNexmoConfig(input: unknown): ResolvedNexmoConfig {
  const parsed = parseConfig(NexmoConfigSchema, input, 'nexmo');
  const baseUrl =
    parsed.baseUrl === undefined
      ? NEXMO_HOSTS.production
      : parsed.baseUrl in NEXMO_HOSTS
        ? NEXMO_HOSTS[parsed.baseUrl as NexmoHost]
        : parsed.baseUrl.replace(/\/+$/, '');
  return { ...parsed, baseUrl, apiVersion: parsed.apiVersion ?? 'v1' };
}
