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
}

/** A computed answer; the server applies faults and latency before writing it. */
export interface SandboxResponse {
  status: number;
  headers?: Record<string, string> | undefined;
  /** Serialised as JSON unless a string. */
  body?: unknown;
  /** Set when the request created a message (faults after processing keep it). */
  accepted?: boolean | undefined;
}

/** Reads a whole request body as UTF-8 text, refusing more than `limit` bytes. */
export function readBody(req: IncomingMessage, limit = 5 * 1024 * 1024): Promise<string> {
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
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Reads one header as a string (the first value when repeated). */
export function header(req: SandboxRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Writes `response` to `res`. */
export function writeResponse(res: ServerResponse, response: SandboxResponse): void {
  const text =
    response.body === undefined
      ? ''
      : typeof response.body === 'string'
        ? response.body
        : JSON.stringify(response.body);
  const headers: Record<string, string> = { ...response.headers };
  if (text.length > 0 && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
    headers['content-type'] = 'application/json';
  headers['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(response.status, headers);
  res.end(text);
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
