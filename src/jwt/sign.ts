/**
 * Vonage application JWTs: RS256 tokens signed with the application's private key, as the Messages API expects
 * in `Authorization: Bearer <jwt>`.
 *
 * Claims follow Vonage's JWT guide (https://developer.vonage.com/en/getting-started/concepts/authentication and
 * https://developer.vonage.com/en/jwt): `application_id`, `iat`, `exp`, `jti`, and optionally `nbf`, `sub`
 * (Client SDKs) and `acl`. Vonage honours at most 24 hours after `iat`; without `exp` a token lives 15 minutes,
 * which is why the default ttl here is 900 s.
 * @module
 */
import type { Issue } from '../core/errors.js';
import { ConfigError } from '../core/errors.js';
import { createKeyCache } from '../core/key-cache.js';
import { INSPECT, REDACTED } from '../core/redact.js';
import { encodeJwsHeader, jwsCompact, jwsSigningInput } from './compact.js';
import {
  assertRs256SigningKey,
  importRs256PrivateKey,
  isCryptoKey,
  type ParsedPrivateKey,
  RS256,
  readPrivateKeyPem,
} from './keys.js';

/** Default token lifetime: 15 minutes, Vonage's own default. */
export const DEFAULT_JWT_TTL_SECONDS = 900;
/** Longest lifetime Vonage honours: 24 hours after `iat`. */
export const MAX_JWT_TTL_SECONDS = 86_400;
/** Shortest lifetime accepted. */
export const MIN_JWT_TTL_SECONDS = 1;
/** Default time before `exp` at which a cached token is replaced. */
export const DEFAULT_REFRESH_MARGIN_SECONDS = 60;

/**
 * A clock: a fixed instant, epoch milliseconds, or a function returning either.
 * @inline
 */
export type JwtClock = Date | number | (() => Date | number);

/**
 * Vonage access-control list: which API paths the token may call, e.g.
 * `{ paths: { '/v1/users/**': {}, '/v1/conversations/**': {} } }` (Vonage's docs write the version segment as
 * a wildcard). Only Client SDK tokens need one.
 * @inline
 */
export interface JwtAcl {
  paths: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

/**
 * Options of {@link signApplicationJwt}.
 * @inline
 */
export interface ApplicationJwtOptions {
  /** The Vonage application id (a UUID from the dashboard). */
  applicationId: string;
  /**
   * The application's RSA private key: PEM text in PKCS#8 (`-----BEGIN PRIVATE KEY-----`, what Vonage downloads)
   * or PKCS#1 (`-----BEGIN RSA PRIVATE KEY-----`), with real or literal `\n` line breaks; or a `CryptoKey`
   * (RSASSA-PKCS1-v1_5, SHA-256, private, usage `sign`). Never printed.
   */
  privateKey: string | CryptoKey;
  /** Lifetime in whole seconds, 1 to 86400 (24 h). Default 900. `exp = iat + ttlSeconds`. */
  ttlSeconds?: number | undefined;
  /** Access-control list (`acl` claim), for Client SDK tokens. */
  acl?: JwtAcl | undefined;
  /** `sub` claim: the user name, for Client SDK tokens. */
  subject?: string | undefined;
  /** `nbf` claim: a `Date` or absolute unix time in seconds before which the token is not valid. */
  notBefore?: Date | number | undefined;
  /** The current time, for tests. Default `Date.now`. */
  now?: JwtClock | undefined;
}

/**
 * Options of {@link createApplicationJwtSigner}.
 * @inline
 */
export interface ApplicationJwtSignerOptions extends ApplicationJwtOptions {
  /**
   * Replace the cached token this many seconds before its `exp`. Default 60 (or half the ttl when the ttl is
   * 120 s or less). Must be at least 0 and below `ttlSeconds`.
   */
  refreshMarginSeconds?: number | undefined;
}

/** The claims of an application JWT. */
export interface ApplicationJwtClaims {
  application_id: string;
  /** Issued at, unix seconds. */
  iat: number;
  /** Expiry, unix seconds: `iat + ttlSeconds`. */
  exp: number;
  /** A random UUID, unique per token. */
  jti: string;
  nbf?: number;
  sub?: string;
  acl?: JwtAcl;
}

/** A cached token source: {@link ApplicationJwtSigner.token} returns a valid JWT, signing only when needed. */
export interface ApplicationJwtSigner {
  /**
   * Returns the current token, or signs a new one when there is none or the current one is within
   * `refreshMarginSeconds` of `exp`. Concurrent calls during a refresh share one signing.
   */
  token(): Promise<string>;
}

interface CheckedOptions {
  applicationId: string;
  ttlSeconds: number;
  acl: JwtAcl | undefined;
  subject: string | undefined;
  notBefore: number | undefined;
  clock: () => number;
}

function fail(issues: Issue[]): never {
  throw new ConfigError(
    `Invalid application JWT options: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    { issues },
  );
}

function toMillis(value: Date | number): number {
  return value instanceof Date ? value.getTime() : value;
}

/** Turns the `now` option into a clock returning epoch milliseconds. */
function toClock(now: JwtClock | undefined): () => number {
  if (now === undefined) return Date.now;
  if (typeof now === 'function') return () => toMillis(now());
  const fixed = toMillis(now);
  return () => fixed;
}

/** Validates every option except the key and reports all problems at once. Never echoes the key. */
function checkOptions(options: ApplicationJwtOptions): CheckedOptions {
  const issues: Issue[] = [];
  const o = (
    typeof options === 'object' && options !== null ? options : {}
  ) as Partial<ApplicationJwtOptions>;
  const applicationId = typeof o.applicationId === 'string' ? o.applicationId.trim() : '';
  if (!applicationId) {
    issues.push({
      code: 'jwt.application_id_required',
      path: ['applicationId'],
      message:
        'applicationId is required: the id of your Vonage application (Dashboard > Applications), e.g. "aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab"',
    });
  }
  const ttlSeconds = o.ttlSeconds ?? DEFAULT_JWT_TTL_SECONDS;
  if (
    typeof ttlSeconds !== 'number' ||
    !Number.isInteger(ttlSeconds) ||
    ttlSeconds < MIN_JWT_TTL_SECONDS ||
    ttlSeconds > MAX_JWT_TTL_SECONDS
  ) {
    issues.push({
      code: 'jwt.ttl_out_of_range',
      path: ['ttlSeconds'],
      message: `ttlSeconds must be a whole number of seconds from ${MIN_JWT_TTL_SECONDS} to ${MAX_JWT_TTL_SECONDS} (24 h, the most Vonage honours); got ${typeof ttlSeconds === 'number' ? ttlSeconds : typeof ttlSeconds}`,
    });
  }
  if (o.privateKey === undefined || o.privateKey === null || o.privateKey === '') {
    issues.push({
      code: 'jwt.private_key_required',
      path: ['privateKey'],
      message: 'privateKey is required: the PEM private key of your Vonage application, or a CryptoKey',
    });
  } else if (typeof o.privateKey !== 'string' && !isCryptoKey(o.privateKey)) {
    issues.push({
      code: 'jwt.private_key_invalid',
      path: ['privateKey'],
      message: `privateKey must be a PEM string or a CryptoKey, got ${Array.isArray(o.privateKey) ? 'an array' : typeof o.privateKey}`,
    });
  }
  if (o.subject !== undefined && (typeof o.subject !== 'string' || o.subject === '')) {
    issues.push({
      code: 'jwt.subject_invalid',
      path: ['subject'],
      message: 'subject must be a non-empty string',
    });
  }
  if (
    o.acl !== undefined &&
    (typeof o.acl !== 'object' || o.acl === null || typeof o.acl.paths !== 'object' || o.acl.paths === null)
  ) {
    issues.push({
      code: 'jwt.acl_invalid',
      path: ['acl'],
      message: "acl must be an object with a `paths` object, e.g. { paths: { '/*/users/**': {} } }",
    });
  }
  let notBefore: number | undefined;
  if (o.notBefore !== undefined) {
    const seconds = o.notBefore instanceof Date ? Math.floor(o.notBefore.getTime() / 1000) : o.notBefore;
    if (
      typeof seconds !== 'number' ||
      !Number.isFinite(seconds) ||
      !Number.isInteger(seconds) ||
      seconds < 0
    ) {
      issues.push({
        code: 'jwt.not_before_invalid',
        path: ['notBefore'],
        message: 'notBefore must be a valid Date or a whole number of unix seconds',
      });
    } else notBefore = seconds;
  }
  if (
    o.now !== undefined &&
    typeof o.now !== 'function' &&
    !(o.now instanceof Date) &&
    typeof o.now !== 'number'
  ) {
    issues.push({
      code: 'jwt.clock_invalid',
      path: ['now'],
      message: 'now must be a Date, epoch milliseconds or a function returning one',
    });
  }
  if (issues.length > 0) fail(issues);
  return {
    applicationId,
    ttlSeconds,
    acl: o.acl,
    subject: o.subject,
    notBefore,
    clock: toClock(o.now),
  };
}

/** Reads a PEM key synchronously (so a bad key fails at creation) or checks a CryptoKey. */
function prepareKey(privateKey: string | CryptoKey): ParsedPrivateKey | CryptoKey {
  if (typeof privateKey === 'string') return readPrivateKeyPem(privateKey);
  assertRs256SigningKey(privateKey);
  return privateKey;
}

function nowSeconds(clock: () => number): number {
  const ms = clock();
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    fail([{ code: 'jwt.clock_invalid', path: ['now'], message: 'the clock returned an invalid time' }]);
  }
  return Math.floor(ms / 1000);
}

const utf8 = new TextEncoder();
/**
 * The encoded protected header, `{"alg":"RS256","typ":"JWT"}`, the same for every token: encoded once. Signing is
 * plain JWS compact serialisation (RFC 7515 section 7.1) over `crypto.subtle.sign`: going through jose's `SignJWT`
 * cost a claims copy, a header validation and extra promise hops per token (measured in the JWT benchmark).
 */
const ENCODED_HEADER = encodeJwsHeader({ alg: 'RS256', typ: 'JWT' });

/**
 * Builds the claims for `iat` and signs them: resolves to the token. Returns the signature's own promise chain
 * (one `await`), so that a token costs no more promise hops than the signature itself does.
 */
async function signToken(checked: CheckedOptions, key: CryptoKey, iat: number): Promise<string> {
  const claims: ApplicationJwtClaims = {
    application_id: checked.applicationId,
    iat,
    exp: iat + checked.ttlSeconds,
    jti: crypto.randomUUID(),
  };
  if (checked.notBefore !== undefined) claims.nbf = checked.notBefore;
  if (checked.subject !== undefined) claims.sub = checked.subject;
  if (checked.acl !== undefined) claims.acl = checked.acl;
  const input = jwsSigningInput(ENCODED_HEADER, claims);
  let signature: ArrayBuffer;
  try {
    signature = await crypto.subtle.sign(RS256, key, utf8.encode(input));
  } catch (err) {
    const kind = err instanceof Error ? err.name : 'error';
    fail([
      {
        code: 'jwt.private_key_invalid',
        path: ['privateKey'],
        message: `the key could not sign an RS256 token (${kind}); use the 2048-bit or larger RSA private key of your Vonage application`,
      },
    ]);
  }
  return jwsCompact(input, signature);
}

async function resolveKey(prepared: ParsedPrivateKey | CryptoKey): Promise<CryptoKey> {
  return isCryptoKey(prepared) ? prepared : importRs256PrivateKey(prepared);
}

/** How many imported PEM keys {@link signApplicationJwt} keeps (a process rarely uses more than one or two). */
const KEY_CACHE_SIZE = 8;

/**
 * PEM text -> its imported, non-extractable `CryptoKey`. Importing (PEM parsing, ASN.1, key setup) costs more
 * than the RSA signature itself, so repeated {@link signApplicationJwt} calls with the same PEM import it once;
 * bad keys throw synchronously (from `readPrivateKeyPem`), failed imports are not kept.
 */
const cachedPemKey = createKeyCache(KEY_CACHE_SIZE, (pem) => importRs256PrivateKey(readPrivateKeyPem(pem)));

/**
 * Signs one Vonage application JWT (RS256, header `{ alg: 'RS256', typ: 'JWT' }`) with claims `application_id`,
 * `iat`, `exp = iat + ttlSeconds`, a random UUID `jti`, and `acl`, `sub`, `nbf` when given.
 *
 * Invalid options (empty application id, ttl outside 1 s to 24 h, a key that cannot be read) throw a
 * {@link ConfigError} whose message and issues never contain the key. To sign once per ttl instead of once per
 * request, use {@link createApplicationJwtSigner}.
 *
 * @example
 * ```ts
 * import { signApplicationJwt } from 'waba-kit/jwt';
 *
 * const jwt = await signApplicationJwt({
 *   applicationId: process.env.VONAGE_APPLICATION_ID!,
 *   privateKey: process.env.VONAGE_PRIVATE_KEY!, // PEM, real or literal \n line breaks
 *   ttlSeconds: 300,
 * });
 * await fetch('https://api.nexmo.com/v1/messages', { headers: { Authorization: `Bearer ${jwt}` } });
 * ```
 */
export function signApplicationJwt(options: ApplicationJwtOptions): Promise<string> {
  // Not an `async` function, so that a token with an already imported key waits on the signature alone (an
  // async wrapper and an `await` of the cached key's promise added promise hops to every token); every failure
  // still comes back as a rejected promise, never a synchronous throw.
  try {
    const checked = checkOptions(options);
    if (typeof options.privateKey !== 'string') {
      assertRs256SigningKey(options.privateKey);
      return signToken(checked, options.privateKey, nowSeconds(checked.clock));
    }
    const pem = cachedPemKey(options.privateKey);
    if (pem.key) return signToken(checked, pem.key, nowSeconds(checked.clock));
    return pem.imported.then((key) => signToken(checked, key, nowSeconds(checked.clock)));
  } catch (err) {
    return Promise.reject(err);
  }
}

/**
 * Creates a cached application-JWT source. The key is read when the signer is created (a bad key throws a
 * {@link ConfigError} right away) and imported once, on the first {@link ApplicationJwtSigner.token} call; the
 * token is reused until `refreshMarginSeconds` before its `exp`, so a busy client signs about once per ttl instead
 * of once per request. Concurrent calls during a refresh share one signing.
 *
 * The returned object prints as `{ applicationId, ttlSeconds }` in `JSON.stringify` and `util.inspect`; the key
 * and the current token never appear.
 *
 * @example
 * ```ts
 * import { createApplicationJwtSigner } from 'waba-kit/jwt';
 *
 * const signer = createApplicationJwtSigner({
 *   applicationId: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab',
 *   privateKey: process.env.VONAGE_PRIVATE_KEY!,
 *   ttlSeconds: 900,
 * });
 * const headers = { Authorization: `Bearer ${await signer.token()}` }; // same token for ~14 minutes
 * ```
 */
export function createApplicationJwtSigner(options: ApplicationJwtSignerOptions): ApplicationJwtSigner {
  const checked = checkOptions(options);
  const margin =
    options.refreshMarginSeconds ?? Math.min(DEFAULT_REFRESH_MARGIN_SECONDS, checked.ttlSeconds / 2);
  if (typeof margin !== 'number' || !Number.isFinite(margin) || margin < 0 || margin >= checked.ttlSeconds) {
    fail([
      {
        code: 'jwt.refresh_margin_invalid',
        path: ['refreshMarginSeconds'],
        message: `refreshMarginSeconds must be at least 0 and below ttlSeconds (${checked.ttlSeconds})`,
      },
    ]);
  }
  const prepared = prepareKey(options.privateKey);
  let keyPromise: Promise<CryptoKey> | undefined;
  let current: { token: string; exp: number } | undefined;
  let inflight: Promise<string> | undefined;

  const refresh = async (): Promise<string> => {
    keyPromise ??= resolveKey(prepared);
    const key = await keyPromise;
    const iat = nowSeconds(checked.clock);
    const token = await signToken(checked, key, iat);
    current = { token, exp: iat + checked.ttlSeconds };
    return token;
  };

  const signer = {
    token(): Promise<string> {
      try {
        if (current && nowSeconds(checked.clock) < current.exp - margin)
          return Promise.resolve(current.token);
      } catch (err) {
        return Promise.reject(err);
      }
      if (!inflight) {
        inflight = refresh().finally(() => {
          inflight = undefined;
        });
      }
      return inflight;
    },
    toJSON() {
      return { applicationId: checked.applicationId, ttlSeconds: checked.ttlSeconds, privateKey: REDACTED };
    },
    [INSPECT]() {
      return `ApplicationJwtSigner { applicationId: '${checked.applicationId}', ttlSeconds: ${checked.ttlSeconds}, privateKey: ${REDACTED} }`;
    },
  };
  return signer;
}
