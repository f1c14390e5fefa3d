/**
 * Small node:http helpers shared by the emulated endpoints: body reading, JSON answers, header access.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request as the route handlers see it. */
export interface SandboxRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  /** The raw body text. */
  body: string;
  /** The raw body bytes (multipart uploads and upload chunks are binary). */
  raw?: Buffer | undefined;
}

/** A computed answer; the server applies faults and latency before writing it. */
export interface SandboxResponse {
  status: number;
  headers?: Record<string, string> | undefined;
  /** Serialised as JSON unless a string or bytes (a media download). */
  body?: unknown;
  /** Set when the request created a message (faults after processing keep it). */
  accepted?: boolean | undefined;
}

/** Reads a whole request body as UTF-8 text, refusing more than `limit` bytes. */
export async function readBody(req: IncomingMessage, limit = 5 * 1024 * 1024): Promise<string> {
  return (await readRawBody(req, limit)).toString('utf8');
}

/** Reads a whole request body as bytes, refusing more than `limit` bytes. */
export function readRawBody(req: IncomingMessage, limit = 5 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Reads one header as a string (the first value when repeated). */
export function header(req: SandboxRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The bytes `response.body` is written as. */
export function responseBytes(response: SandboxResponse): Buffer {
  const body = response.body;
  if (body === undefined) return Buffer.alloc(0);
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
}

/** Writes the status and headers of `response` for a body of `length` bytes. */
export function writeHead(res: ServerResponse, response: SandboxResponse, length: number): void {
  const headers: Record<string, string> = { ...response.headers };
  if (length > 0 && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
    headers['content-type'] = 'application/json';
  headers['content-length'] = String(length);
  res.writeHead(response.status, headers);
}

/** Writes `response` to `res`. */
export function writeResponse(res: ServerResponse, response: SandboxResponse): void {
  const bytes = responseBytes(response);
  writeHead(res, response, bytes.length);
  res.end(bytes);
}

/** A JSON answer. */
export function json(status: number, body: unknown, headers?: Record<string, string>): SandboxResponse {
  return { status, body, headers };
}

/** Parses JSON, returning `undefined` instead of throwing. */
export function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Serialises `value` the way Meta does before signing: JSON with every non-ASCII character escaped as a
 * lowercase `\uXXXX` sequence (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/create-webhook-endpoint).
 */
export function metaJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
