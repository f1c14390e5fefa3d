/**
 * The credentials the sandbox accepts, generated per instance (nothing real, nothing shared), and the client
 * configs that use them.
 * @module
 */
import { createPublicKey, generateKeyPair, randomBytes, randomUUID } from 'node:crypto';
import type { SandboxCredentialOverrides, SandboxProvider } from './types.js';

/**
 * Vonage application credentials: the sandbox verifies JWTs with `publicKey`, Basic auth with key/secret.
 * @inline
 */
export interface NexmoSandboxCredentials {
  applicationId: string;
  /** PKCS8 PEM private key the client signs its application JWTs with. */
  privateKey: string;
  /** The application's public key (SPKI PEM) the sandbox verifies them with. */
  publicKey: string;
  apiKey: string;
  apiSecret: string;
  /** The signature secret status/inbound webhooks are signed with (HS256). */
  signatureSecret: string;
  /** The business number (digits). */
  from: string;
}

/**
 * Gupshup app credentials.
 * @inline
 */
export interface GupshupSandboxCredentials {
  apiKey: string;
  appName: string;
  appId: string;
  /** The business number (digits). */
  source: string;
}

/**
 * Meta Cloud API credentials (CleverTap numbers run on the Cloud API too).
 * @inline
 */
export interface MetaSandboxCredentials {
  accessToken: string;
  phoneNumberId: string;
  wabaId: string;
  appSecret: string;
  verifyToken: string;
  /** The Meta app id the Resumable Upload API (template header samples) runs under. */
  appId: string;
  /** The business number (digits). */
  displayPhoneNumber: string;
}

/**
 * CleverTap credentials: the account headers plus the Cloud API number behind CleverTap as BSP.
 * @inline
 */
export interface CleverTapSandboxCredentials extends MetaSandboxCredentials {
  accountId: string;
  passcode: string;
}

/**
 * Everything a sandbox instance accepts.
 * @inline
 */
export interface SandboxCredentials {
  nexmo: NexmoSandboxCredentials;
  gupshup: GupshupSandboxCredentials;
  meta: MetaSandboxCredentials;
  clevertap: CleverTapSandboxCredentials;
}

const token = (bytes: number) => randomBytes(bytes).toString('base64url');

let keyPair: Promise<{ privateKey: string; publicKey: string }> | undefined;

/**
 * The RSA-2048 key pair of the emulated Vonage application. Generating one takes a noticeable fraction of a
 * second, so one pair is made per process and shared by its sandboxes (every other secret is per instance).
 */
function applicationKeyPair(): Promise<{ privateKey: string; publicKey: string }> {
  keyPair ??= new Promise((resolve, reject) =>
    generateKeyPair(
      'rsa',
      {
        modulusLength: 2048,
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
        publicKeyEncoding: { type: 'spki', format: 'pem' },
      },
      (error, publicKey, privateKey) => (error ? reject(error) : resolve({ privateKey, publicKey })),
    ),
  );
  return keyPair;
}

/**
 * Generates a fresh set of sandbox credentials, with `overrides` applied field by field. A Vonage `privateKey`
 * given without `publicKey` gets its public key derived from it.
 */
export async function generateCredentials(
  overrides: SandboxCredentialOverrides = {},
): Promise<SandboxCredentials> {
  const generated = await freshCredentials();
  const nexmo = { ...generated.nexmo, ...defined<NexmoSandboxCredentials>(overrides.nexmo) };
  if (overrides.nexmo?.privateKey !== undefined && overrides.nexmo.publicKey === undefined)
    nexmo.publicKey = createPublicKey(overrides.nexmo.privateKey)
      .export({ type: 'spki', format: 'pem' })
      .toString();
  return {
    nexmo,
    gupshup: { ...generated.gupshup, ...defined<GupshupSandboxCredentials>(overrides.gupshup) },
    meta: { ...generated.meta, ...defined<MetaSandboxCredentials>(overrides.meta) },
    clevertap: { ...generated.clevertap, ...defined<CleverTapSandboxCredentials>(overrides.clevertap) },
  };
}

/** The fields of `value` that are set (an `undefined` override keeps the generated value). */
function defined<T extends object>(value: { [K in keyof T]?: T[K] | undefined } | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

async function freshCredentials(): Promise<SandboxCredentials> {
  const { privateKey, publicKey } = await applicationKeyPair();
  return {
    nexmo: {
      applicationId: randomUUID(),
      privateKey,
      publicKey,
      apiKey: randomBytes(4).toString('hex'),
      apiSecret: token(12),
      signatureSecret: token(24),
      from: '447700900001',
    },
    gupshup: {
      apiKey: token(24),
      appName: 'SandboxApp',
      appId: randomUUID(),
      source: '917834811114',
    },
    meta: {
      accessToken: `EAAG${token(48)}`,
      phoneNumberId: '106540352242922',
      wabaId: '102290129340398',
      appSecret: token(24),
      verifyToken: token(12),
      appId: '306540352242944',
      displayPhoneNumber: '15550001234',
    },
    clevertap: {
      accessToken: `EAAG${token(48)}`,
      phoneNumberId: '206540352242933',
      wabaId: '202290129340399',
      appSecret: token(24),
      verifyToken: token(12),
      appId: '406540352242955',
      displayPhoneNumber: '15550005678',
      accountId: 'TEST-K8Z-9R5-RW7Z',
      passcode: token(12),
    },
  };
}

/** The provider an incoming Cloud API request belongs to, by phone number id or WABA id. */
export function cloudApiOwner(
  credentials: SandboxCredentials,
  id: string,
): { provider: 'meta' | 'clevertap'; kind: 'phone' | 'waba' } | undefined {
  for (const provider of ['meta', 'clevertap'] as const) {
    const c = credentials[provider];
    if (c.phoneNumberId === id) return { provider, kind: 'phone' };
    if (c.wabaId === id) return { provider, kind: 'waba' };
  }
  return undefined;
}

/** Type guard for provider ids. */
export function isSandboxProvider(value: unknown): value is SandboxProvider {
  return value === 'nexmo' || value === 'gupshup' || value === 'meta' || value === 'clevertap';
}
