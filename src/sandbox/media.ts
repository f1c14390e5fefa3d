/**
 * The sandbox's media store: files uploaded by clients (Cloud API `POST /{phone-number-id}/media`), files customers
 * send with `sandbox.inbound(provider, from, { type: 'image', data, mimeType })`, the short-lived download URLs
 * issued for them, and Resumable Upload API sessions (template header samples). Hashes are the real SHA-256 of
 * the stored bytes; every expiry reads the sandbox clock, so a test moves past it with `clock.advance()`.
 * @module
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { SandboxClock } from './clock.js';
import type { SandboxResponse } from './http.js';
import type { SandboxProvider } from './types.js';

/** One stored file. */
export interface StoredMedia {
  /** The provider's media id (numeric for the Cloud API, a UUID-like token elsewhere). */
  readonly id: string;
  readonly provider: SandboxProvider;
  readonly bytes: Buffer;
  readonly mimeType: string;
  /** Lower-case hex SHA-256 of `bytes`. */
  readonly sha256: string;
  readonly filename?: string | undefined;
  /** Sandbox-clock time it was stored. */
  readonly createdAt: number;
}

/** A Resumable Upload API session (`upload:<id>`). */
export interface UploadSession {
  readonly id: string;
  readonly provider: SandboxProvider;
  readonly fileName: string;
  readonly fileLength: number;
  readonly fileType: string;
  /** The bytes received so far (`file_offset` is their length). */
  bytes: Buffer;
  /** The handle, once every byte arrived. */
  handle?: string | undefined;
}

/** Default life of an issued media URL: Meta documents about five minutes. */
export const DEFAULT_MEDIA_URL_TTL_MS = 5 * 60_000;

/** The largest file the sandbox stores (Meta's document limit). */
export const MAX_SANDBOX_MEDIA_BYTES = 100 * 1024 * 1024;

/** The files, URLs and upload sessions of one sandbox; see the module docs. */
export class SandboxMediaStore {
  readonly #files = new Map<string, StoredMedia>();
  readonly #urls = new Map<string, { mediaId: string; expiresAt: number }>();
  readonly #sessions = new Map<string, UploadSession>();
  /** The sandbox's base URL (set once it listens); issued URLs are on it, so clients trust them. */
  baseUrl = '';

  constructor(
    readonly clock: SandboxClock,
    readonly urlTtlMs: number = DEFAULT_MEDIA_URL_TTL_MS,
  ) {}

  /** Stores `bytes` for `provider`; Cloud API ids are numeric like Meta's, others random tokens. */
  add(
    provider: SandboxProvider,
    bytes: Uint8Array,
    mimeType: string,
    filename?: string | undefined,
  ): StoredMedia {
    const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const id =
      provider === 'meta' || provider === 'clevertap'
        ? `${randomInt(1, 10)}${String(randomInt(0, 1e8)).padStart(8, '0')}${String(randomInt(0, 1e7)).padStart(7, '0')}`
        : randomBytes(16).toString('hex');
    const media: StoredMedia = {
      id,
      provider,
      bytes: Buffer.from(data),
      mimeType,
      sha256: createHash('sha256').update(data).digest('hex'),
      filename,
      createdAt: this.clock.now(),
    };
    this.#files.set(id, media);
    return media;
  }

  /** A stored file of `provider`, or `undefined`. */
  get(provider: SandboxProvider, id: string): StoredMedia | undefined {
    const media = this.#files.get(id);
    return media?.provider === provider ? media : undefined;
  }

  /** Deletes a file (its issued URLs die with it); whether it existed. */
  delete(provider: SandboxProvider, id: string): boolean {
    if (!this.get(provider, id)) return false;
    this.#files.delete(id);
    return true;
  }

  /** Issues a download token for `media`, valid `urlTtlMs` on the sandbox clock. */
  issue(media: StoredMedia): { token: string; expiresAt: number } {
    const token = randomBytes(18).toString('base64url');
    const expiresAt = this.clock.now() + this.urlTtlMs;
    this.#urls.set(token, { mediaId: media.id, expiresAt });
    return { token, expiresAt };
  }

  /** The file an issued token names, when it has not expired and the file still exists. */
  redeem(provider: SandboxProvider, token: string): StoredMedia | undefined {
    const url = this.#urls.get(token);
    if (!url) return undefined;
    if (url.expiresAt <= this.clock.now()) {
      this.#urls.delete(token);
      return undefined;
    }
    return this.get(provider, url.mediaId);
  }

  /** Starts a resumable upload session. */
  startSession(
    provider: SandboxProvider,
    fileName: string,
    fileLength: number,
    fileType: string,
  ): UploadSession {
    const session: UploadSession = {
      id: `upload:${randomBytes(18).toString('base64url')}`,
      provider,
      fileName,
      fileLength,
      fileType,
      bytes: Buffer.alloc(0),
    };
    this.#sessions.set(session.id, session);
    return session;
  }

  /** A session of `provider`, or `undefined`. */
  session(provider: SandboxProvider, id: string): UploadSession | undefined {
    const session = this.#sessions.get(id);
    return session?.provider === provider ? session : undefined;
  }
}

/** The answer serving a stored file's bytes. */
export function mediaBody(media: StoredMedia): SandboxResponse {
  return {
    status: 200,
    headers: {
      'content-type': media.mimeType,
      ...(media.filename
        ? { 'content-disposition': `attachment; filename="${media.filename.replace(/["\\\r\n]/g, '_')}"` }
        : {}),
    },
    body: media.bytes,
    accepted: true,
  };
}

/** The bytes of `sandbox.inbound()` media data. */
export function inboundBytes(data: Uint8Array | ArrayBuffer): Uint8Array {
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
