/**
 * The sandbox as a registry of providers: the server names none of them, every registered module serves its
 * own URL space, and what the shared server owns (event log, webhook attempts, per-kind webhook URLs) works the
 * same for every provider.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/index.js';
import { type Sandbox, type SandboxProvider, startSandbox } from '../../src/sandbox/index.js';
import { PROVIDER_REGISTRY, ROUTING_ORDER } from '../../src/sandbox/providers/index.js';
import { type Collector, startCollector } from './helpers.js';

const IDS = Object.keys(PROVIDER_REGISTRY) as SandboxProvider[];

let sandbox: Sandbox | undefined;
let hooks: Collector | undefined;
afterEach(async () => {
  await sandbox?.stop();
  await hooks?.close();
  sandbox = undefined;
  hooks = undefined;
});

describe('provider registry', () => {
  it('server.ts names no provider: no id, no display name, no provider module import', () => {
    const source = readFileSync(new URL('../../src/sandbox/server.ts', import.meta.url), 'utf8')
      // Comments may say what the sandbox emulates; code may not branch on it.
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    const names = [...IDS, ...IDS.map((id) => PROVIDER_REGISTRY[id].name), 'vonage', 'cloud-api'];
    for (const name of names) expect(source.toLowerCase()).not.toContain(name.toLowerCase());
    expect(source).not.toMatch(/providers\/(?!index)/);
  });

  it('lists every provider once, keyed by its own id, each routing order entry registered', () => {
    for (const id of IDS) expect(PROVIDER_REGISTRY[id].id).toBe(id);
    expect(new Set(ROUTING_ORDER.map((p) => p.id))).toEqual(new Set(IDS));
    expect(ROUTING_ORDER).toHaveLength(IDS.length);
  });

  it("each provider's unknown paths get that provider's own error shape; other paths a plain 404", async () => {
    sandbox = await startSandbox();
    const get = async (path: string) => {
      const response = await fetch(`${sandbox?.url}${path}`, { method: 'POST' });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    expect(await get('/v1/nothing')).toMatchObject({ status: 404, body: { title: 'Not Found' } });
    expect(await get('/wa/api/v1/nothing')).toEqual({
      status: 404,
      body: { status: 'error', message: 'Not Found' },
    });
    expect(await get('/1/nothing')).toEqual({
      status: 404,
      body: { status: 'fail', error: 'Not Found', code: 404 },
    });
    expect(await get('/v23.0/999/messages')).toMatchObject({
      status: 400,
      body: { error: { code: 100, error_subcode: 33 } },
    });
    expect(await get('/nowhere')).toMatchObject({ status: 404, body: { error: 'Not Found' } });
  });

  it('config(provider) of every registered provider builds a working client', async () => {
    hooks = await startCollector();
    sandbox = await startSandbox();
    for (const id of IDS) {
      await sandbox.inbound(id, '+447700900123', 'hi');
      const result = await createClient(sandbox.config(id)).sendText('+447700900123', `hello ${id}`);
      expect(result.messageId).toBeTruthy();
    }
    expect(sandbox.messages.map((m) => m.provider)).toEqual(IDS);
  });
});

describe('event log', () => {
  it('records inbound, accepted, statuses and webhook attempts in order, and streams them to subscribers', async () => {
    hooks = await startCollector();
    sandbox = await startSandbox({ webhooks: { meta: { url: hooks.url } }, statuses: { delayMs: 1 } });
    const live: string[] = [];
    const unsubscribe = sandbox.events.subscribe((e) => live.push(e.type));
    await sandbox.inbound('meta', '+447700900123', 'hi');
    await createClient(sandbox.config('meta')).sendText('+447700900123', 'hello');
    await sandbox.idle();
    unsubscribe();
    const types = sandbox.events.events.map((e) => (e.type === 'status' ? `status:${e.status}` : e.type));
    expect(types).toEqual([
      'inbound',
      'webhook',
      'message',
      'status:sent',
      'webhook',
      'status:delivered',
      'webhook',
      'status:read',
      'webhook',
    ]);
    expect(live).toEqual(sandbox.events.events.map((e) => e.type));
    const seqs = sandbox.events.events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });
});

describe('webhook attempts', () => {
  it("keep the signature headers, latency and the start of the answer (a refusal's reason)", async () => {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(401, { 'content-type': 'text/plain' });
        res.end('signature_mismatch');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      sandbox = await startSandbox({
        webhooks: { meta: { url } },
        webhookRetry: { attempts: 2, baseDelayMs: 1 },
      });
      const result = await sandbox.inbound('meta', '+447700900123', 'hi');
      expect(result.status).toBe(401);
      const [first, second] = sandbox.webhookDeliveries;
      expect(first).toMatchObject({ id: 1, attempt: 1, status: 401, answer: 'signature_mismatch', url });
      expect(second).toMatchObject({ id: 2, attempt: 2, status: 401 });
      expect(first?.headers['x-hub-signature-256']).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(first?.latencyMs).toBeGreaterThanOrEqual(0);
    } finally {
      server.close();
    }
  });

  it('record why a connection failed', async () => {
    sandbox = await startSandbox({
      webhooks: { gupshup: { url: 'http://127.0.0.1:1/closed' } },
      webhookRetry: { attempts: 1 },
    });
    await sandbox.inbound('gupshup', '+919876543210', 'hi');
    expect(sandbox.webhookDeliveries[0]).toMatchObject({ status: 0, error: expect.stringMatching(/\S/) });
  });
});

describe('Vonage inbound and status URLs', () => {
  it('posts inbound messages to url and statuses to statusUrl, as a Vonage application does', async () => {
    hooks = await startCollector();
    sandbox = await startSandbox({
      webhooks: { nexmo: { url: `${hooks.url}/inbound`, statusUrl: `${hooks.url}/status` } },
      statuses: { delayMs: 1 },
    });
    await sandbox.inbound('nexmo', '+447700900123', 'hi');
    await createClient(sandbox.config('nexmo')).sendText('+447700900123', 'hello');
    await sandbox.idle();
    const byPath = hooks.received.map((r) => [
      r.path,
      (r.json as { status?: string; message_type?: string }).status ??
        (r.json as { message_type?: string }).message_type,
    ]);
    expect(byPath).toEqual([
      ['/inbound', 'text'],
      ['/status', 'submitted'],
      ['/status', 'delivered'],
      ['/status', 'read'],
    ]);
  });

  it('posts both to url when no statusUrl is given', async () => {
    hooks = await startCollector();
    sandbox = await startSandbox({
      webhooks: { nexmo: { url: `${hooks.url}/all` } },
      statuses: { delayMs: 1 },
    });
    await sandbox.inbound('nexmo', '+447700900123', 'hi');
    await createClient(sandbox.config('nexmo')).sendText('+447700900123', 'hello');
    await sandbox.idle();
    expect(new Set(hooks.received.map((r) => r.path))).toEqual(new Set(['/all']));
    expect(hooks.received).toHaveLength(4);
  });
});
