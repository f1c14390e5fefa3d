/**
 * The one contract suite, run against every `WhatsAppClient` implementation. For each target: every send case
 * goes through msw and the exact wire request is checked (method, URL, headers, JSON body or form fields) before
 * the canned response is returned; result fields; unsupported types refused with no request; each documented
 * error response becomes the right error class with the provider's code and detail; secrets never leak; a 429
 * with Retry-After is retried; a POST answered 500 is not.
 */
import { inspect } from 'node:util';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../setup/msw.js';
import { clevertapTarget } from './clevertap.js';
import { gupshupTarget } from './gupshup.js';
import { metaTarget } from './meta.js';
import { nexmoTarget, nexmoV01Target } from './nexmo.js';
import type { CannedResponse, ContractTarget, ExpectedRequest } from './types.js';

const targets: ContractTarget[] = [metaTarget, clevertapTarget, nexmoTarget, nexmoV01Target, gupshupTarget];

interface Captured {
  method: string;
  url: string;
  headers: Headers;
  text: string;
}

/** Routes every request to `respond` and records it; assertions run after the call. */
function capture(respond: (req: Captured, n: number) => CannedResponse): Captured[] {
  const seen: Captured[] = [];
  server.use(
    http.all('*', async ({ request }) => {
      const req: Captured = {
        method: request.method,
        url: request.url,
        headers: request.headers,
        text: await request.text(),
      };
      seen.push(req);
      return toResponse(respond(req, seen.length));
    }),
  );
  return seen;
}

function toResponse(canned: CannedResponse): Response {
  const headers = new Headers(canned.headers);
  if (typeof canned.body === 'string') {
    if (!headers.has('content-type')) headers.set('content-type', 'text/plain');
    return new HttpResponse(canned.body, { status: canned.status, headers });
  }
  return HttpResponse.json(canned.body as object, { status: canned.status, headers });
}

function checkRequest(req: Captured, expected: ExpectedRequest): void {
  expect(req.method).toBe(expected.method);
  expect(req.url).toBe(expected.url);
  for (const [name, value] of Object.entries(expected.headers ?? {})) {
    const actual = req.headers.get(name);
    if (value instanceof RegExp) expect(actual, `header ${name}`).toMatch(value);
    else expect(actual, `header ${name}`).toBe(value);
  }
  if (expected.json !== undefined) expect(JSON.parse(req.text)).toEqual(expected.json);
  if (expected.form !== undefined || expected.formJson !== undefined) {
    const fields = Object.fromEntries(new URLSearchParams(req.text));
    const jsonKeys = Object.keys(expected.formJson ?? {});
    expect(Object.keys(fields).sort()).toEqual([...Object.keys(expected.form ?? {}), ...jsonKeys].sort());
    for (const [k, v] of Object.entries(expected.form ?? {})) expect(fields[k], `form field ${k}`).toBe(v);
    for (const [k, v] of Object.entries(expected.formJson ?? {})) {
      expect(JSON.parse(fields[k] ?? 'null'), `form field ${k}`).toEqual(v);
    }
  }
}

async function caught(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to throw');
}

describe.each(
  targets.map((t) => [`${t.provider}${t.sendEndpoint.url.includes('v0.1') ? ' v0.1' : ''}`, t] as const),
)('contract: %s', (_label, target) => {
  describe('sends', () => {
    it.each(target.cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const seen = capture(() => c.response);
      const client = target.create();
      const result = await client.send(c.message);
      expect(seen).toHaveLength(1);
      checkRequest(seen[0] as Captured, c.expect);
      expect(result.provider).toBe(target.provider);
      expect(result.messageId).toBe(c.messageId);
      expect(result.to).toMatch(/^\+\d{8,15}$/);
      if (c.message.clientRef !== undefined) expect(result.clientRef).toBe(c.message.clientRef);
      else expect(result.clientRef).toEqual(expect.any(String));
      if (c.requestId !== undefined) expect(result.requestId).toBe(c.requestId);
      expect(result.raw).toEqual(c.response.body);
    });
  });

  it('covers every type it does not refuse', () => {
    const sent = new Set(target.cases.map((c) => c.message.type));
    for (const { type } of target.unsupported) sent.add(type);
    expect([...sent].sort()).toEqual([
      'audio',
      'contacts',
      'document',
      'image',
      'interactive',
      'location',
      'reaction',
      'sticker',
      'template',
      'text',
      'video',
    ]);
  });

  if (target.unsupported.length > 0) {
    it.each(target.unsupported.map((u) => [u.type, u] as const))(
      'refuses %s before any request',
      async (_type, u) => {
        const seen = capture(() => ({ status: 500, body: {} }));
        const error = await caught(target.create().send(u.message));
        expect(error.name).toBe('UnsupportedMessageError');
        expect(error.messageType).toBe(u.type);
        expect(seen).toHaveLength(0);
      },
    );
  }

  describe('errors', () => {
    it.each(target.errors.map((e) => [e.name, e] as const))('%s', async (_name, e) => {
      const seen = capture(() => e.response);
      const error = await caught(target.create({ maxRetries: 0 }).send(target.sampleMessage));
      expect(seen).toHaveLength(1);
      expect(seen[0]?.method).toBe(target.sendEndpoint.method);
      expect(seen[0]?.url).toBe(target.sendEndpoint.url);
      expect(error.name).toBe(e.errorName);
      if (e.providerCode !== undefined) expect(error.providerCode).toBe(e.providerCode);
      if (e.messageIncludes !== undefined) expect(error.message).toContain(e.messageIncludes);
      expect(error.provider).toBe(target.provider);
    });
  });

  it('never shows a secret in errors, JSON or inspect output', async () => {
    const echo = target.secrets.join(' | ');
    capture(() => ({
      status: 400,
      body: {
        error: { message: `bad credentials ${echo}`, code: 100 },
        detail: echo,
        message: echo,
        status: 'error',
      },
    }));
    const client = target.create({ maxRetries: 0 });
    const error = await caught(client.send(target.sampleMessage));
    const views = [
      error.message,
      String(error),
      JSON.stringify(client),
      inspect(client, { depth: 6 }),
      String(client),
    ];
    for (const secret of target.secrets) {
      for (const view of views) expect(view).not.toContain(secret);
    }
  });

  it('retries a 429 with Retry-After, then succeeds', async () => {
    const ok = target.cases[0];
    if (!ok) throw new Error('a target needs at least one send case');
    const seen = capture((_req, n) =>
      n === 1
        ? {
            status: 429,
            body: { error: { message: 'slow down', code: 130429 } },
            headers: { 'retry-after': '0' },
          }
        : ok.response,
    );
    const result = await target.create().send(ok.message);
    expect(seen).toHaveLength(2);
    checkRequest(seen[1] as Captured, ok.expect);
    // The retry repeats the exact body (compared as text so form-encoded providers are covered too).
    expect(seen[1]?.text).toBe(seen[0]?.text);
    expect(result.messageId).toBe(ok.messageId);
  });

  it('does not retry a send answered 500 (it may have gone out)', async () => {
    const seen = capture(() => ({ status: 500, body: { error: { message: 'internal', code: 1 } } }));
    const error = await caught(target.create().send(target.sampleMessage));
    expect(seen).toHaveLength(1);
    expect(error.name).toBe('InternalServerError');
  });
});
