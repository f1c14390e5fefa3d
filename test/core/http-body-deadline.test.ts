/**
 * The per-attempt deadline covers the whole response, body included: a server on 127.0.0.1 that writes the
 * response headers and then stalls the body must not leave `send()` pending. An abort while the body is being read
 * is an `AbortError`, not an `ApiError` about a missing message id.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AbortError, TimeoutError } from '../../src/core/errors.js';
import { GupshupClient } from '../../src/providers/gupshup/index.js';
import { MetaCloudClient } from '../../src/providers/meta/index.js';
import { NexmoClient } from '../../src/providers/nexmo/index.js';

let server: Server;
let base: string;
const sockets = new Set<Socket>();
let headersSent: () => void = () => undefined;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      // Headers and the first bytes of a JSON body, then nothing: the body never ends.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"messages":[');
      headersSent();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

// A full garbage collection on demand. ky gives fetch a signal made by `AbortSignal.any`, which fetch holds only
// weakly: once it is collected, an abort never reaches the body. Collecting between the headers and the abort makes
// that deterministic (without the fix every test below hangs; before, they hung about one run in three).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
async function collectGarbage(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Sends every request of a client to the stalling server, whatever host the client means. */
const toStall = ((input: RequestInfo | URL, init?: RequestInit) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const target = `${base}${url.pathname}${url.search}`;
  return input instanceof Request ? fetch(new Request(target, input), init) : fetch(target, init);
}) as typeof fetch;

const clients = {
  meta: () =>
    new MetaCloudClient({
      accessToken: 'EAAJBstallToken0123456789abcdef',
      phoneNumberId: '106540352242922',
      fetch: toStall,
      maxRetries: 0,
    }),
  nexmo: () =>
    new NexmoClient({
      apiKey: 'key123',
      apiSecret: 'secret123',
      from: '447700900001',
      fetch: toStall,
      maxRetries: 0,
    }),
  gupshup: () =>
    new GupshupClient({
      apiKey: 'gs-api-key-0123456789',
      appName: 'DemoApp',
      source: '917834811114',
      fetch: toStall,
      maxRetries: 0,
    }),
};

describe('a response whose body stalls after the headers', () => {
  for (const [name, make] of Object.entries(clients)) {
    it(`${name}: send() with timeout 500 settles with TimeoutError`, { timeout: 8000 }, async () => {
      const headers = new Promise<void>((resolve) => {
        headersSent = resolve;
      });
      const pending = make()
        .sendText('447700900123', 'hello', { timeout: 500 })
        .catch((e: unknown) => e);
      await headers;
      await collectGarbage();
      const error = await pending;
      expect(error).toBeInstanceOf(TimeoutError);
      expect((error as TimeoutError).message).toMatch(/timed out after 500 ms/);
    });

    it(`${name}: an abort during the body read is AbortError`, { timeout: 8000 }, async () => {
      const controller = new AbortController();
      const headers = new Promise<void>((resolve) => {
        headersSent = resolve;
      });
      const pending = make()
        .sendText('447700900123', 'hello', { timeout: 60_000, signal: controller.signal })
        .catch((e: unknown) => e);
      await headers;
      // Let the client receive the headers and start reading the body.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await collectGarbage();
      controller.abort();
      expect(await pending).toBeInstanceOf(AbortError);
    });
  }
});
