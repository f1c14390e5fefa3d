/**
 * RSA private-key reading for application JWTs, on Web Crypto only.
 *
 * Vonage's dashboard downloads PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`); OpenSSL and older tools write PKCS#1
 * (`-----BEGIN RSA PRIVATE KEY-----`). Web Crypto imports only PKCS#8, so a PKCS#1 key is wrapped into a PKCS#8
 * `PrivateKeyInfo` here with a few lines of ASN.1 DER (RFC 5208 section 5, RFC 8017 appendix A.1.2): no
 * `node:crypto`, so the module runs unchanged on Node, Bun, Deno and Workers.
 *
 * Nothing here ever puts key material in an error message.
 * @module
 */
import { ConfigError } from '../core/errors.js';

/**
 * The key formats {@link readPrivateKeyPem} recognises.
 * @inline
 */
export type PrivateKeyFormat = 'pkcs8' | 'pkcs1';

/**
 * A PEM private key reduced to its DER bytes, already in PKCS#8 form.
 * @inline
 */
export interface ParsedPrivateKey {
  /** The format the key was given in. */
  format: PrivateKeyFormat;
  /** PKCS#8 `PrivateKeyInfo` DER (a PKCS#1 key is wrapped). */
  pkcs8: Uint8Array;
}

const PATH = ['privateKey'];

function keyError(why: string, fix: string): ConfigError {
  const message = `privateKey: ${why}. ${fix}`;
  return new ConfigError(message, { issues: [{ code: 'jwt.private_key_invalid', path: PATH, message }] });
}

/**
 * Undoes what environment variables and config files do to a PEM: surrounding quotes, literal `\n` (and `\r\n`)
 * escapes, Windows line ends.
 */
function unescapePem(input: string): string {
  let s = input.trim();
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s.at(-1) === s[0]) s = s.slice(1, -1).trim();
  return s.replace(/\\r\\n|\\n|\\r/g, '\n').replace(/\r\n?/g, '\n');
}

function base64ToBytes(b64: string): Uint8Array | undefined {
  const clean = b64.replace(/\s+/g, '');
  if (clean.length === 0 || clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(clean)) return undefined;
  const bin = atob(clean);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** One DER element: where its contents start and end inside the buffer. */
interface Tlv {
  tag: number;
  start: number;
  end: number;
}

/** Reads one DER tag-length-value at `offset`; undefined when the bytes are not valid DER. @internal */
export function readTlv(der: Uint8Array, offset: number): Tlv | undefined {
  const tag = der[offset];
  let lenByte = der[offset + 1];
  if (tag === undefined || lenByte === undefined) return undefined;
  let start = offset + 2;
  let length = lenByte;
  if (lenByte & 0x80) {
    const n = lenByte & 0x7f;
    if (n === 0 || n > 4) return undefined;
    length = 0;
    for (let i = 0; i < n; i++) {
      lenByte = der[start + i];
      if (lenByte === undefined) return undefined;
      length = length * 256 + lenByte;
    }
    start += n;
  }
  const end = start + length;
  if (end > der.length) return undefined;
  return { tag, start, end };
}

/** DER length octets for `length` (short form below 128, long form above). @internal */
export function derLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

function derElement(tag: number, contents: readonly number[] | Uint8Array): Uint8Array {
  const len = derLength(contents.length);
  const out = new Uint8Array(1 + len.length + contents.length);
  out[0] = tag;
  out.set(len, 1);
  out.set(contents, 1 + len.length);
  return out;
}

/** `version INTEGER 0` followed by `AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }`. */
const PKCS8_RSA_PREFIX = [
  0x02, 0x01, 0x00, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
];

/** True when `der` is a whole DER SEQUENCE whose first element is `INTEGER 0` (RSAPrivateKey and PKCS#8 both). */
function isVersionZeroSequence(der: Uint8Array): boolean {
  const outer = readTlv(der, 0);
  if (outer?.tag !== 0x30 || outer.end !== der.length) return false;
  const version = readTlv(der, outer.start);
  return !!version && version.tag === 0x02 && version.end - version.start === 1 && der[version.start] === 0;
}

/**
 * Wraps a PKCS#1 `RSAPrivateKey` DER into a PKCS#8 `PrivateKeyInfo` DER:
 * `SEQUENCE { INTEGER 0, SEQUENCE { OID rsaEncryption, NULL }, OCTET STRING { <pkcs1> } }`.
 */
export function wrapPkcs1InPkcs8(pkcs1: Uint8Array): Uint8Array {
  const octetString = derElement(0x04, pkcs1);
  const body = new Uint8Array(PKCS8_RSA_PREFIX.length + octetString.length);
  body.set(PKCS8_RSA_PREFIX, 0);
  body.set(octetString, PKCS8_RSA_PREFIX.length);
  return derElement(0x30, body);
}

/**
 * Reads a PEM RSA private key (PKCS#8 or PKCS#1; real newlines, literal `\n`, or one line with spaces) into
 * PKCS#8 DER. Throws a {@link ConfigError} (code `jwt.private_key_invalid`) that says what is wrong without
 * echoing the key.
 */
export function readPrivateKeyPem(input: string): ParsedPrivateKey {
  const pem = unescapePem(input);
  const match = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(pem);
  if (!match) {
    throw keyError(
      'not a PEM private key (no matching -----BEGIN ...----- / -----END ...----- lines were found)',
      'Pass the contents of the private.key file Vonage downloaded (not its path), e.g. readFileSync(path, "utf8") or an environment variable holding the PEM with real or literal \\n line breaks.',
    );
  }
  const label = match[1] ?? '';
  const der = base64ToBytes(match[2] ?? '');
  if (label === 'ENCRYPTED PRIVATE KEY') {
    throw keyError(
      'the key is encrypted with a passphrase, which is not supported',
      'Decrypt it once with `openssl pkcs8 -topk8 -nocrypt -in encrypted.key -out private.key`.',
    );
  }
  if (label === 'PUBLIC KEY' || label === 'RSA PUBLIC KEY' || label === 'CERTIFICATE') {
    throw keyError(
      `this is a ${label.toLowerCase()}, not a private key`,
      'Use the application private key (-----BEGIN PRIVATE KEY-----); the public key stays with Vonage.',
    );
  }
  if (label !== 'PRIVATE KEY' && label !== 'RSA PRIVATE KEY') {
    throw keyError(
      `unsupported PEM type "${label}"`,
      'Use an RSA private key in PKCS#8 (-----BEGIN PRIVATE KEY-----) or PKCS#1 (-----BEGIN RSA PRIVATE KEY-----) form.',
    );
  }
  if (!der || !isVersionZeroSequence(der)) {
    throw keyError(
      'the PEM body is not valid base64 DER (the key looks truncated or altered)',
      'Copy the whole key again, including the BEGIN and END lines.',
    );
  }
  if (label === 'RSA PRIVATE KEY') return { format: 'pkcs1', pkcs8: wrapPkcs1InPkcs8(der) };
  return { format: 'pkcs8', pkcs8: der };
}

/** Structural check for a Web Crypto `CryptoKey` (no `instanceof`, which fails across realms). */
export function isCryptoKey(value: unknown): value is CryptoKey {
  if (typeof value !== 'object' || value === null) return false;
  const k = value as Partial<CryptoKey>;
  return (
    typeof k.type === 'string' &&
    typeof k.algorithm === 'object' &&
    k.algorithm !== null &&
    Array.isArray(k.usages) &&
    typeof k.extractable === 'boolean'
  );
}

/** Checks that a `CryptoKey` can sign RS256: a private RSASSA-PKCS1-v1_5 key with SHA-256 and `sign` usage. */
export function assertRs256SigningKey(key: CryptoKey): void {
  const alg = key.algorithm as { name?: string; hash?: { name?: string } | string };
  const hash = typeof alg.hash === 'string' ? alg.hash : alg.hash?.name;
  if (key.type !== 'private' || alg.name !== 'RSASSA-PKCS1-v1_5' || hash !== 'SHA-256') {
    throw keyError(
      `the CryptoKey is a ${key.type} ${alg.name ?? 'unknown'} key${hash ? ` with ${hash}` : ''}, RS256 needs a private RSASSA-PKCS1-v1_5 key with SHA-256`,
      "Import it with crypto.subtle.importKey('pkcs8', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']).",
    );
  }
  if (!key.usages.includes('sign')) {
    throw keyError('the CryptoKey does not allow the "sign" usage', "Import it with usages ['sign'].");
  }
  assertModulusLength(key);
}

/** The Web Crypto algorithm of RS256 (RFC 7518 section 3.3): RSASSA-PKCS1-v1_5 with SHA-256. @internal */
export const RS256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/**
 * Imports a parsed key as a non-extractable RS256 signing `CryptoKey` with `crypto.subtle.importKey` (the DER is
 * already PKCS#8, so no PEM round trip through jose). Refuses keys that are not RSA or shorter than 2048 bits
 * (RFC 7518 section 3.3's minimum for RS256) with a {@link ConfigError}.
 */
export async function importRs256PrivateKey(parsed: ParsedPrivateKey): Promise<CryptoKey> {
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey('pkcs8', parsed.pkcs8 as BufferSource, RS256, false, ['sign']);
  } catch (err) {
    const kind = err instanceof Error ? err.name : 'error';
    throw keyError(
      `the key could not be imported as an RSA private key (${kind})`,
      'Use the RSA private key of your Vonage application; EC and Ed25519 keys cannot sign RS256.',
    );
  }
  assertModulusLength(key);
  return key;
}

/** RFC 7518 section 3.3: an RS256 key is at least 2048 bits (jose refuses shorter ones too). */
function assertModulusLength(key: CryptoKey): void {
  const modulusLength = (key.algorithm as { modulusLength?: number }).modulusLength;
  if (typeof modulusLength === 'number' && modulusLength < 2048) {
    throw keyError(
      `the RSA key is ${modulusLength} bits, RS256 needs at least 2048`,
      'Generate a new key pair for the application in the Vonage dashboard.',
    );
  }
}
