/**
 * `waba-kit/node`: serve a Fetch webhook handler from node:http, Express or Fastify.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { ConfigError } from '../core/errors.js';

/**
 * A Fetch handler, as returned by `createWebhookHandler`.
 * @inline
 */
export type FetchHandler = (request: Request) => Promise<Response>;

/** A request as seen by the adapter: node's, Express's (with `originalUrl`, `body`) or one with `rawBody`. */
export type NodeRequestLike = IncomingMessage & {
  originalUrl?: string;
  body?: unknown;
  rawBody?: unknown;
};

/**
 * The parts of a Fastify request the adapter reads.
 * @inline
 */
export interface FastifyRequestLike {
  raw: IncomingMessage;
  url: string;
  body?: unknown;
  rawBody?: unknown;
}

/**
 * The parts of a Fastify reply the adapter uses.
 * @inline
 */
export interface FastifyReplyLike {
  raw: ServerResponse;
  /** Sets the status code. */
  code(status: number): FastifyReplyLike;
  /** Sets a response header. */
  header(name: string, value: string): FastifyReplyLike;
  /** Sends the body and ends the reply. */
  send(payload?: unknown): FastifyReplyLike;
}

/**
 * Options of {@link toNodeListener}.
 * @inline
 */
export interface NodeListenerOptions {
  /** Called with errors the adapter answers itself (raw body gone, handler threw) on node:http. */
  onError?: ((error: unknown) => void) | undefined;
}

/**
 * A listener for node:http (`(req, res)`), Express (`(req, res, next)`) and Fastify (`(request, reply)`).
 * It returns a promise so Fastify waits for it; node:http and Express ignore it.
 */
export type NodeWebhookListener = {
  (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void): Promise<void>;
  (request: FastifyRequestLike, reply: FastifyReplyLike): Promise<unknown>;
};

const RAW_BODY_GONE =
  "The webhook request body was already parsed (e.g. by express.json() or Fastify's JSON parser), so the raw " +
  'bytes needed to verify the signature are gone. Mount the webhook route before express.json() or give it ' +
  "express.raw({ type: '*/*' }); in Fastify add a buffer content-type parser for the route " +
  "(addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => done(null, body))) " +
  'or set request.rawBody (fastify-raw-body).';

function rawBodyGone(): ConfigError {
  return new ConfigError(RAW_BODY_GONE, {
    issues: [{ code: 'raw_body.missing', path: ['body'], message: 'The raw request body is not available.' }],
  });
}

function isFastify(req: unknown, res: unknown): res is FastifyReplyLike {
  const r = res as Partial<FastifyReplyLike> | null;
  const q = req as Partial<FastifyRequestLike> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.send === 'function' &&
    typeof r.code === 'function' &&
    typeof r.raw === 'object' &&
    typeof q === 'object' &&
    q !== null &&
    typeof q.raw === 'object'
  );
}

/** The body as bytes when a framework already holds it; `undefined` when the stream is still unread. */
function heldBody(
  body: unknown,
  rawBody: unknown,
  method: string | undefined,
): Uint8Array | 'gone' | undefined {
  const m = (method ?? 'GET').toUpperCase();
  if (m === 'GET' || m === 'HEAD') return undefined;
  for (const candidate of [rawBody, body]) {
    if (candidate instanceof Uint8Array) return candidate;
    if (typeof candidate === 'string') return new TextEncoder().encode(candidate);
  }
  if (body !== undefined && body !== null) return 'gone';
  return undefined;
}

function toHeaders(raw: IncomingMessage['headers']): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (name.startsWith(':') || value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  return headers;
}

function buildRequest(req: IncomingMessage, path: string, held: Uint8Array | undefined): Request {
  const method = (req.method ?? 'GET').toUpperCase();
  const encrypted = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
  const url = new URL(path, `${encrypted ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`);
  const init: RequestInit & { duplex?: 'half' } = { method, headers: toHeaders(req.headers) };
  if (method !== 'GET' && method !== 'HEAD') {
    if (held) init.body = held as Uint8Array<ArrayBuffer>;
    else {
      init.body = Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>;
      init.duplex = 'half';
    }
  }
  return new Request(url, init);
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    res.setHeader(name, value);
  });
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
  res.end(body);
}

/**
 * Turns a Fetch handler (from `createWebhookHandler`) into a Node listener for node:http, Express and Fastify.
 *
 * The raw body is needed for signatures. The adapter reads it from the request stream, or from `req.rawBody`
 * / a `Buffer` or string `req.body` when a framework already read it (`express.raw()`, Fastify buffer parser).
 * When a JSON body parser already replaced it with an object, the adapter does not guess: it reports a
 * `ConfigError` that says how to fix the route (Express: `next(error)`; Fastify: `reply.send(error)`;
 * node:http: a 500 with the explanation).
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { toNodeListener } from 'waba-kit/node';
 * import { createWebhookHandler } from 'waba-kit/webhooks';
 *
 * const app = express();
 * app.all('/webhook', toNodeListener(createWebhookHandler({ provider: 'meta', appSecret, verifyToken, on })));
 * app.use(express.json()); // other routes may parse JSON; the webhook route is mounted first
 * app.listen(3000);
 * ```
 */
export function toNodeListener(
  handler: FetchHandler,
  options: NodeListenerOptions = {},
): NodeWebhookListener {
  async function listener(req: unknown, res: unknown, next?: (error?: unknown) => void): Promise<unknown> {
    if (isFastify(req, res)) {
      const request = req as FastifyRequestLike;
      const held = heldBody(request.body, request.rawBody, request.raw.method);
      if (held === 'gone') return res.send(rawBodyGone());
      const response = await handler(buildRequest(request.raw, request.url, held));
      res.code(response.status);
      response.headers.forEach((value, name) => {
        res.header(name, value);
      });
      const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
      return res.send(body);
    }
    const nodeReq = req as NodeRequestLike;
    const nodeRes = res as ServerResponse;
    const fail = (error: unknown, status: number, text: string): void => {
      if (typeof next === 'function') {
        next(error);
        return;
      }
      options.onError?.(error);
      if (!nodeRes.headersSent) {
        nodeRes.statusCode = status;
        nodeRes.setHeader('content-type', 'text/plain; charset=utf-8');
      }
      nodeRes.end(text);
    };
    try {
      let held = heldBody(nodeReq.body, nodeReq.rawBody, nodeReq.method);
      if (held === undefined && nodeReq.readableEnded && (nodeReq.method ?? 'GET') !== 'GET') held = 'gone';
      if (held === 'gone') {
        const error = rawBodyGone();
        fail(error, 500, error.message);
        return undefined;
      }
      const response = await handler(buildRequest(nodeReq, nodeReq.originalUrl ?? nodeReq.url ?? '/', held));
      await writeResponse(nodeRes, response);
    } catch (error) {
      fail(error, 500, 'Internal Server Error');
    }
    return undefined;
  }
  return listener as NodeWebhookListener;
}
