/**
 * No secret leaves a client, for every contract target and every way it authenticates. Each secret of the config
 * and each credential derived from it — the bearer token, Vonage's application JWT, the Basic
 * `base64(key:secret)` and its decoding, Gupshup's `apikey` — read from the request the client actually sent, is
 * echoed back by the provider everywhere an answer can carry it: the body at depth 1, 14 and 64, the fields
 * errors copy (`message`, `title`, `detail`, `invalid_parameters`, Graph `error.*`), the request-id header and
 * other headers; on error answers, on 2xx answers the client refuses, on retried answers, and from a `fetch`
 * that rejects with the URL and the Authorization header in its message. Then no secret may appear in
 * `JSON.stringify(error)`, `util.inspect(error, { depth: null })`, `error.stack`, `String(error)`, any payload of
 * `request`, `response`, `retry`, `message.failed` or `error`, or any line a debug logger receives.
 */
import { inspect } from 'node:util';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Logger, WhatsAppClient } from '../../src/index.js';
import { server } from '../setup/msw.js';
import { clevertapTarget } from './clevertap.js';
import { gupshupTarget } from './gupshup.js';
import { metaTarget } from './meta.js';
import { nexmoTarget, nexmoV01Target } from './nexmo.js';
import type { ClientOverrides, ContractTarget } from './types.js';

const targets: ContractTarget[] = [metaTarget, clevertapTarget, nexmoTarget, nexmoV01Target, gupshupTarget];

/** Every way to authenticate each target: its default config and its auth variants. */
const runs = targets.flatMap((t) => {
  const label = `${t.provider}${t.sendEndpoint.url.includes('v0.1') ? ' v0.1' : ''}`;
  return [
    { label, target: t, create: t.create, secrets: t.secrets },
    ...(t.authVariants ?? []).map((v) => ({
      label: `${label} (${v.name})`,
      target: t,
      create: v.create,
      secrets: v.secrets,
    })),
  ];
});

/** Credential headers of a request, and the credentials inside them. */
function credentialsSent(headers: Headers): string[] {
  const out: string[] = [];
  for (const name of ['authorization', 'apikey', 'x-clevertap-passcode']) {
    const value = headers.get(name);
    if (!value) continue;
    out.push(value);
    const match = /^(Bearer|Basic) (.+)$/.exec(value);
    if (match?.[2]) {
      out.push(match[2]);
      if (match[1] === 'Basic') out.push(atob(match[2]));
    }
  }
  return out;
}

function nest(value: unknown, depth: number): unknown {
  let out = value;
  for (let i = 0; i < depth; i++) out = i % 2 === 0 ? { nested: out } : [out];
  return out;
}

/** A body that puts `values` everywhere an error or a refusal could copy them from. */
function echoBody(
  values: readonly string[],
  status: 'error' | 'refused',
  graphCode = 190,
): Record<string, unknown> {
  const all = values.join(' | ');
  return {
    // Graph (Meta, CleverTap)
    ...(status === 'error'
      ? {
          error: {
            message: `Invalid OAuth access token ${all}`,
            type: all,
            code: graphCode,
            ...(graphCode === 190 ? { error_subcode: 463 } : {}),
            error_user_title: all,
            error_user_msg: all,
            error_data: { details: all },
            fbtrace_id: all,
          },
        }
      : {}),
    // RFC 7807 (Vonage)
    type: 'https://developer.nexmo.com/api-errors#unauthorized',
    title: all,
    detail: all,
    instance: all,
    invalid_parameters: values.map((v) => ({ name: v, reason: v })),
    // Gupshup, CleverTap REST
    ...(status === 'error' ? { status: 'error' } : {}),
    message: all,
    echo: { depth1: all, depth14: nest(all, 14), depth64: nest(values, 64), [all]: 'as a key' },
  };
}

/** Response headers echoing the single-line values (header values cannot hold a PEM's newlines). */
function echoHeaders(values: readonly string[]): Record<string, string> {
  const line = values.filter((v) => !/[\r\n]/.test(v) && /^[\x20-\x7e]*$/.test(v)).join(' | ');
  return {
    'x-fb-trace-id': line,
    'x-nexmo-trace-id': line,
    'x-request-id': line,
    'www-authenticate': `Bearer error="invalid_token" ${line}`,
    'x-echo': line,
  };
}

/** Everything a client showed: events, log lines, and the views of the error it threw. */
function observe(): { logger: Logger; lines: string[]; listen(client: WhatsAppClient): void } {
  const lines: string[] = [];
  const record =
    (level: string) =>
    (...args: unknown[]) =>
      lines.push(
        `${level} ${args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: null }))).join(' ')}`,
      );
  const logger = {
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    level: 'debug',
  } as unknown as Logger;
  return {
    logger,
    lines,
    listen(client) {
      for (const event of ['request', 'response', 'retry', 'message.failed', 'error'] as const) {
        client.on(event, (payload: unknown) => {
          lines.push(`${event} json ${JSON.stringify(payload)}`);
          lines.push(`${event} inspect ${inspect(payload, { depth: null })}`);
        });
      }
    },
  };
}

function views(error: unknown): Record<string, string> {
  const e = error as Error;
  return {
    'JSON.stringify(error)': JSON.stringify(e),
    'util.inspect(error, { depth: null })': inspect(e, { depth: null }),
    'error.stack': String(e.stack),
    'String(error)': String(e),
    'error.message': e.message,
  };
}

function expectNoLeak(secrets: readonly string[], shown: Record<string, string>): void {
  const leaks: string[] = [];
  for (const secret of secrets) {
    for (const [where, text] of Object.entries(shown)) {
      const spellings = [secret, secret.replace(/\n/g, '\\n')];
      if (spellings.some((s) => text.includes(s)))
        leaks.push(`${where} shows ${JSON.stringify(secret.slice(0, 24))}...`);
    }
  }
  expect(leaks).toEqual([]);
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

describe.each(runs.map((r) => [r.label, r] as const))('secrets: %s', (_label, run) => {
  const { target } = run;

  /** Serves `answer(credentials)` for every request; returns the credentials each request carried. */
  function serve(answer: (credentials: string[], n: number) => Response): string[] {
    const sent: string[] = [];
    let n = 0;
    server.use(
      http.all('*', ({ request }) => {
        const credentials = credentialsSent(request.headers);
        sent.push(...credentials);
        n += 1;
        return answer([...run.secrets, ...credentials], n);
      }),
    );
    return sent;
  }

  async function attempt(overrides: ClientOverrides = {}) {
    const seen = observe();
    const client = run.create({ maxRetries: 0, logger: seen.logger, ...overrides });
    seen.listen(client);
    const error = await caught(client.send(target.sampleMessage));
    return { error, lines: seen.lines, client };
  }

  function check(secrets: readonly string[], error: unknown, lines: readonly string[]) {
    expect(error).toBeInstanceOf(Error);
    expectNoLeak(secrets, { ...views(error), 'events and log lines': lines.join('\n') });
  }

  it.each([400, 401, 403, 422, 500])('an HTTP %i error answer echoing every secret', async (status) => {
    const sent = serve(
      (values) =>
        HttpResponse.json(echoBody(values, 'error'), { status, headers: echoHeaders(values) }) as Response,
    );
    const { error, lines } = await attempt();
    expect(sent.length).toBeGreaterThan(0);
    expect((error as { name: string }).name).not.toBe('Error');
    check([...run.secrets, ...sent], error, lines);
  });

  it('a 2xx answer the client refuses (no message id) echoing every secret', async () => {
    const sent = serve(
      (values) =>
        HttpResponse.json(echoBody(values, 'refused'), {
          status: 200,
          headers: echoHeaders(values),
        }) as Response,
    );
    const { error, lines } = await attempt();
    expect((error as { name: string }).name).toMatch(/Error$/);
    check([...run.secrets, ...sent], error, lines);
  });

  it('a 2xx answer refused as an error body ({"status":"error"} / a Graph error object)', async () => {
    const sent = serve(
      (values) =>
        HttpResponse.json(echoBody(values, 'error'), {
          status: 200,
          headers: echoHeaders(values),
        }) as Response,
    );
    const { error, lines } = await attempt();
    check([...run.secrets, ...sent], error, lines);
  });

  it('a retried 429 whose answers echo every secret (the retry event carries the error)', async () => {
    const sent = serve(
      (values) =>
        // Graph 130429 is the rate-limit code (190 would be an authentication error, not retried).
        HttpResponse.json(echoBody(values, 'error', 130429), {
          status: 429,
          headers: { ...echoHeaders(values), 'retry-after': '0' },
        }) as Response,
    );
    const { error, lines } = await attempt({ maxRetries: 1 });
    expect(lines.some((l) => l.startsWith('retry json'))).toBe(true);
    check([...run.secrets, ...sent], error, lines);
  });

  it('a rejected fetch whose message holds the URL and the Authorization header', async () => {
    const sent: string[] = [];
    const failing = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
      const credentials = credentialsSent(headers);
      sent.push(...credentials);
      const url = input instanceof Request ? input.url : String(input);
      const line = `${url} authorization=${headers.get('authorization')} apikey=${headers.get('apikey')} passcode=${headers.get('x-clevertap-passcode')}`;
      const cause = Object.assign(new Error(`socket closed while sending ${line}`), {
        code: 'UND_ERR_SOCKET',
        request: { url, headers: Object.fromEntries(headers) },
      });
      throw new TypeError(`fetch failed: ${line}`, { cause });
    }) as typeof fetch;
    const { error, lines } = await attempt({ fetch: failing });
    expect((error as { name: string }).name).toBe('ConnectionError');
    expect(sent.length).toBeGreaterThan(0);
    check([...run.secrets, ...sent], error, lines);
  });
});
