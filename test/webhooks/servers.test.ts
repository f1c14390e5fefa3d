/**
 * Real servers on 127.0.0.1 (node:http, Express, Fastify, Hono through its Request handler), each receiving
 * signed and unsigned posts through the same webhook handler.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import express from 'express';
import Fastify, { type FastifyInstance } from 'fastify';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookHandler, signWebhookForTest, type WebhookEvent } from '../../src/webhooks/index.js';
import { toNodeListener } from '../../src/webhooks/node-adapter.js';
import { fixtureText } from './helpers.js';

const APP_SECRET = 'server-test-app-secret';
const BODY = fixtureText('meta', 'message-text-unicode');

function makeHandler(received: WebhookEvent[]) {
  return createWebhookHandler({
    provider: 'meta',
    appSecret: APP_SECRET,
    verifyToken: 'vt',
    dedupe: false,
    on: { message: (e) => void received.push(e) },
  });
}

async function post(base: string, body: string, signed: boolean, path = '/webhook') {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signed) Object.assign(headers, await signWebhookForTest('meta', body, APP_SECRET));
  return fetch(`${base}${path}`, { method: 'POST', body, headers });
}

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The checks every server must pass. */
function commonChecks(getBase: () => string, received: WebhookEvent[]) {
  it('accepts a signed post (non-ASCII body) and dispatches the event', async () => {
    received.length = 0;
    const response = await post(getBase(), BODY, true);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect(received).toEqual([
      expect.objectContaining({ kind: 'message', text: 'Olá! Preço: 10€ — 你好 👋 / slash' }),
    ]);
  });

  it('refuses an unsigned post with 401', async () => {
    received.length = 0;
    const response = await post(getBase(), BODY, false);
    expect(response.status).toBe(401);
    expect(received).toEqual([]);
  });

  it('refuses a post signed for other bytes with 401', async () => {
    const headers = await signWebhookForTest('meta', BODY, APP_SECRET);
    const response = await fetch(`${getBase()}/webhook`, {
      method: 'POST',
      body: BODY.replace('10€', '99€'),
      headers: { 'content-type': 'application/json', ...headers },
    });
    expect(response.status).toBe(401);
  });

  it('answers the GET handshake', async () => {
    const ok = await fetch(`${getBase()}/webhook?hub.mode=subscribe&hub.challenge=42&hub.verify_token=vt`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('42');
    const bad = await fetch(`${getBase()}/webhook?hub.mode=subscribe&hub.challenge=42&hub.verify_token=nope`);
    expect(bad.status).toBe(403);
  });
}

describe('node:http', () => {
  const received: WebhookEvent[] = [];
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer(toNodeListener(makeHandler(received)));
    base = await listen(server);
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  commonChecks(() => base, received);

  it('answers 500 with the explanation (and calls onError) when a middleware already parsed the body', async () => {
    const errors: unknown[] = [];
    const listener = toNodeListener(makeHandler(received), { onError: (e) => errors.push(e) });
    const parsed = createServer((req, res) => {
      let text = '';
      req.on('data', (c) => (text += c));
      req.on('end', () => {
        Object.assign(req, { body: JSON.parse(text) });
        void listener(req, res);
      });
    });
    const url = await listen(parsed);
    try {
      const response = await post(url, BODY, true);
      expect(response.status).toBe(500);
      expect(await response.text()).toMatch(/raw bytes needed to verify the signature are gone/);
      expect(errors).toEqual([expect.objectContaining({ name: 'ConfigError' })]);
    } finally {
      await new Promise<void>((r) => parsed.close(() => r()));
    }
  });

  it('answers 500 when the handler itself throws', async () => {
    const errors: unknown[] = [];
    const broken = createServer(
      toNodeListener(
        async () => {
          throw new Error('boom');
        },
        { onError: (e) => errors.push(e) },
      ),
    );
    const url = await listen(broken);
    try {
      const response = await post(url, BODY, false);
      expect(response.status).toBe(500);
      expect(await response.text()).toBe('Internal Server Error');
      expect(errors).toEqual([expect.objectContaining({ message: 'boom' })]);
    } finally {
      await new Promise<void>((r) => broken.close(() => r()));
    }
  });

  it('answers 413 on an oversized body without reading it whole', async () => {
    const small = createServer(toNodeListener(createWebhookHandler({ provider: 'meta', maxBodyBytes: 64 })));
    const url = await listen(small);
    try {
      const response = await fetch(`${url}/webhook`, { method: 'POST', body: 'x'.repeat(10_000) });
      expect(response.status).toBe(413);
    } finally {
      await new Promise<void>((r) => small.close(() => r()));
    }
  });
});

describe('Express', () => {
  const received: WebhookEvent[] = [];
  let server: Server;
  let base = '';
  const errors: unknown[] = [];
  beforeAll(async () => {
    const app = express();
    const listener = toNodeListener(makeHandler(received));
    // Mounted before any body parser: the adapter reads the stream.
    app.all('/webhook', listener);
    // With express.raw(): the adapter takes the Buffer.
    app.all('/raw', express.raw({ type: '*/*' }), listener);
    // With express.json() first: the raw bytes are gone; the adapter says so.
    app.all('/parsed', express.json(), listener);
    app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      errors.push(error);
      res.status(500).send((error as Error).message);
    });
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  commonChecks(() => base, received);

  it('works after express.raw()', async () => {
    received.length = 0;
    expect((await post(base, BODY, true, '/raw')).status).toBe(200);
    expect((await post(base, BODY, false, '/raw')).status).toBe(401);
    expect(received).toHaveLength(1);
  });

  it('after express.json(), reports that the raw body is gone instead of failing the signature', async () => {
    received.length = 0;
    const response = await post(base, BODY, true, '/parsed');
    expect(response.status).toBe(500);
    expect(await response.text()).toMatch(/raw bytes needed to verify the signature are gone.*express\.raw/s);
    expect(errors.at(-1)).toMatchObject({ name: 'ConfigError', code: 'config_invalid' });
    expect(received).toEqual([]);
  });

  it('still answers the GET handshake on a route behind a body parser that set req.body', async () => {
    const app = express();
    app.use((req, _res, next) => {
      (req as { body?: unknown }).body = {}; // what body parsers of Express 4 leave on every request
      next();
    });
    app.all('/webhook', toNodeListener(makeHandler(received)));
    const other = app.listen(0, '127.0.0.1');
    await once(other, 'listening');
    try {
      const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}/webhook`;
      const ok = await fetch(`${url}?hub.mode=subscribe&hub.challenge=7&hub.verify_token=vt`);
      expect(ok.status).toBe(200);
      expect(await ok.text()).toBe('7');
      expect((await fetch(url, { method: 'POST', body: BODY })).status).toBe(500);
    } finally {
      await new Promise<void>((r) => other.close(() => r()));
    }
  });
});

describe('Fastify', () => {
  const received: WebhookEvent[] = [];
  let app: FastifyInstance;
  let parsedApp: FastifyInstance;
  let base = '';
  let parsedBase = '';
  beforeAll(async () => {
    app = Fastify();
    // Keep the body as a Buffer so the signature can be checked.
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) =>
      done(null, body),
    );
    const listener = toNodeListener(makeHandler(received));
    app.all('/webhook', (request, reply) => listener(request, reply));
    base = await app.listen({ port: 0, host: '127.0.0.1' });

    parsedApp = Fastify();
    parsedApp.all('/webhook', (request, reply) => listener(request, reply));
    parsedBase = await parsedApp.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
    await parsedApp.close();
  });
  commonChecks(() => base, received);

  it("with Fastify's default JSON parser, reports that the raw body is gone", async () => {
    received.length = 0;
    const response = await post(parsedBase, BODY, true);
    expect(response.status).toBe(500);
    expect(await response.text()).toMatch(/raw bytes needed to verify the signature are gone/);
    expect(received).toEqual([]);
  });
});

describe('Hono (Request handler)', () => {
  const received: WebhookEvent[] = [];
  let server: ReturnType<typeof serve>;
  let base = '';
  beforeAll(async () => {
    const handler = makeHandler(received);
    const app = new Hono();
    app.all('/webhook', (c) => handler(c.req.raw));
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  commonChecks(() => base, received);
});
