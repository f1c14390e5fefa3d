import { afterEach, describe, expect, it } from 'vitest';
import { FaultInjector } from '../../src/sandbox/faults.js';
import { mulberry32, type Sandbox, seededRandom, startSandbox } from '../../src/sandbox/index.js';

describe('seeded PRNG', () => {
  it('mulberry32 is deterministic, seed-dependent and uniform enough', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 10_000 }, () => a());
    expect(Array.from({ length: 10_000 }, () => b())).toEqual(xs);
    expect(mulberry32(43)()).not.toBe(xs[0]);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
    const low = xs.filter((x) => x < 0.2).length / xs.length;
    expect(Math.abs(low - 0.2)).toBeLessThan(0.02);
  });

  it('seededRandom depends on the seed and the key', () => {
    expect(seededRandom(1, 'k')()).toBe(seededRandom(1, 'k')());
    expect(seededRandom(1, 'k')()).not.toBe(seededRandom(2, 'k')());
    expect(seededRandom(1, 'k')()).not.toBe(seededRandom(1, 'j')());
  });
});

describe('FaultInjector', () => {
  const decisions = (seed: number, n: number) => {
    const f = new FaultInjector({ rate: 0.2 }, seed);
    return Array.from({ length: n }, (_, i) => f.decide('POST', '/v1/messages', `{"i":${i}}`));
  };

  it('faults about `rate` of requests, every kind, the same way for the same seed', () => {
    const a = decisions(7, 5000);
    expect(decisions(7, 5000)).toEqual(a);
    expect(decisions(8, 5000)).not.toEqual(a);
    const faulted = a.filter(Boolean);
    expect(faulted.length / a.length).toBeGreaterThan(0.18);
    expect(faulted.length / a.length).toBeLessThan(0.22);
    expect(new Set(faulted)).toEqual(
      new Set(['rate-limit', 'server-error', 'unavailable', 'slow', 'reset', 'malformed']),
    );
  });

  it('decides per request, not per arrival order', () => {
    const f1 = new FaultInjector({ rate: 0.5 }, 3);
    const f2 = new FaultInjector({ rate: 0.5 }, 3);
    const bodies = Array.from({ length: 200 }, (_, i) => `{"i":${i}}`);
    const forward = bodies.map((b) => f1.decide('POST', '/p', b));
    const backward = [...bodies]
      .reverse()
      .map((b) => f2.decide('POST', '/p', b))
      .reverse();
    expect(backward).toEqual(forward);
  });

  it('gives a retried identical request a fresh decision', () => {
    const f = new FaultInjector({ rate: 0.5 }, 1);
    const seq = Array.from({ length: 64 }, () => f.decide('POST', '/p', 'same'));
    expect(new Set(seq).size).toBeGreaterThan(1);
  });

  it('honours kind weights and refuses a rate outside 0..1', () => {
    const f = new FaultInjector({ rate: 1, kinds: { 'rate-limit': 1 } }, 1);
    expect(new Set(Array.from({ length: 100 }, (_, i) => f.decide('POST', '/p', String(i))))).toEqual(
      new Set(['rate-limit']),
    );
    expect(() => new FaultInjector({ rate: 1.5 }, 1)).toThrow(RangeError);
  });
});

describe('faults over HTTP', () => {
  let sandbox: Sandbox;
  afterEach(() => sandbox.stop());

  const send = (i: number) =>
    fetch(`${sandbox.url}/v23.0/${sandbox.credentials.meta.phoneNumberId}/messages`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${sandbox.credentials.meta.accessToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        messaging_product: 'whatsapp',
        to: `1650555${String(i).padStart(4, '0')}`,
        type: 'text',
        text: { body: 'x' },
      }),
    });

  it('answers 429 with Retry-After and retry-after-ms, before accepting anything', async () => {
    sandbox = await startSandbox({
      faults: { rate: 1, kinds: { 'rate-limit': 1 }, retryAfterMs: 1500 },
      limits: { window: false },
    });
    const res = await send(1);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(res.headers.get('retry-after-ms')).toBe('1500');
    expect(await res.json()).toMatchObject({ error: { code: 4, is_transient: true } });
    expect(sandbox.messages).toHaveLength(0);
    expect(sandbox.faults['rate-limit']).toBe(1);
  });

  it('accepts the message, then answers 500 (ambiguous for the client)', async () => {
    sandbox = await startSandbox({
      faults: { rate: 1, kinds: { 'server-error': 1 } },
      limits: { window: false },
    });
    const res = await send(1);
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ error: { code: 131000 } });
    expect(sandbox.messages).toHaveLength(1);
  });

  it('answers 503 without accepting', async () => {
    sandbox = await startSandbox({
      faults: { rate: 1, kinds: { unavailable: 1 } },
      limits: { window: false },
    });
    expect((await send(1)).status).toBe(503);
    expect(sandbox.messages).toHaveLength(0);
  });

  it('accepts the message, then resets the connection', async () => {
    sandbox = await startSandbox({ faults: { rate: 1, kinds: { reset: 1 } }, limits: { window: false } });
    await expect(send(1)).rejects.toThrow();
    expect(sandbox.messages).toHaveLength(1);
  });

  it('accepts the message, then answers 200 with a truncated JSON body', async () => {
    sandbox = await startSandbox({ faults: { rate: 1, kinds: { malformed: 1 } }, limits: { window: false } });
    const res = await send(1);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(() => JSON.parse(text)).toThrow();
    expect(text.startsWith('{"messaging_product":"whatsapp"')).toBe(true);
    expect(sandbox.messages).toHaveLength(1);
  });

  it('holds a slow answer beyond a client timeout, having accepted the message', async () => {
    sandbox = await startSandbox({
      faults: { rate: 1, kinds: { slow: 1 }, slowMs: 5000 },
      limits: { window: false },
    });
    const res = fetch(`${sandbox.url}/v23.0/${sandbox.credentials.meta.phoneNumberId}/messages`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${sandbox.credentials.meta.accessToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        messaging_product: 'whatsapp',
        to: '16505550001',
        type: 'text',
        text: { body: 'x' },
      }),
      signal: AbortSignal.timeout(100),
    });
    await expect(res).rejects.toThrow();
    expect(sandbox.messages).toHaveLength(1);
  });

  it('faults only the send endpoints', async () => {
    sandbox = await startSandbox({ faults: { rate: 1 } });
    const res = await fetch(`${sandbox.url}/v23.0/${sandbox.credentials.meta.wabaId}/message_templates`, {
      headers: { authorization: `Bearer ${sandbox.credentials.meta.accessToken}` },
    });
    expect(res.status).toBe(200);
  });
});
