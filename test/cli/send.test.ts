import { generateKeyPairSync } from 'node:crypto';
import jsonwebtoken from 'jsonwebtoken';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../setup/msw.js';
import { cli } from './io.js';

const BASE = 'https://graph.cli.test';
const TOKEN = 'EAAcli0test0access0token0that0is0long0enough';
const PHONE_ID = '106540352242922';
const metaEnv = {
  WABA_PROVIDER: 'meta',
  WABA_BASE_URL: BASE,
  WABA_ACCESS_TOKEN: TOKEN,
  WABA_PHONE_NUMBER_ID: PHONE_ID,
  WABA_API_VERSION: 'v23.0',
  WABA_MAX_RETRIES: '0',
};

describe('waba send (Meta Cloud API)', () => {
  it('sends a text and prints the full response payload', async () => {
    const answer = {
      messaging_product: 'whatsapp',
      contacts: [{ input: '447700900123', wa_id: '447700900123' }],
      messages: [{ id: 'wamid.CLI1', message_status: 'accepted' }],
    };
    let body: Record<string, unknown> | undefined;
    server.use(
      http.post(`${BASE}/v23.0/${PHONE_ID}/messages`, async ({ request }) => {
        expect(request.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
        body = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json(answer);
      }),
    );
    const { code, stdout, stderr } = await cli(
      ['send', '--to', '+44 7700 900123', '--text', 'Hello from the CLI'],
      {
        env: metaEnv,
      },
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(body).toMatchObject({
      messaging_product: 'whatsapp',
      to: '447700900123',
      type: 'text',
      text: { body: 'Hello from the CLI' },
    });
    const printed = JSON.parse(stdout);
    expect(printed).toMatchObject({ ok: true, provider: 'meta', messageId: 'wamid.CLI1', response: answer });
    expect(printed.clientRef).toEqual(expect.any(String));
    expect(stdout).not.toContain(TOKEN);
  });

  it('sends a template with positional parameters and a language', async () => {
    let body: any;
    server.use(
      http.post(`${BASE}/v23.0/${PHONE_ID}/messages`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ messaging_product: 'whatsapp', messages: [{ id: 'wamid.T1' }] });
      }),
    );
    const { code } = await cli(
      [
        'send',
        '--to',
        '447700900123',
        '--template',
        'order_update',
        '--language',
        'en_US',
        '--param',
        'Ana',
        '--param',
        '1042',
      ],
      { env: metaEnv },
    );
    expect(code).toBe(0);
    expect(body.type).toBe('template');
    expect(body.template.name).toBe('order_update');
    expect(body.template.language).toEqual({ code: 'en_US', policy: 'deterministic' });
    expect(body.template.components).toEqual([
      {
        type: 'body',
        parameters: [
          { type: 'text', text: 'Ana' },
          { type: 'text', text: '1042' },
        ],
      },
    ]);
  });

  it("prints the provider's error body and one error line, exit 1", async () => {
    const errorBody = {
      error: {
        message: '(#131047) Re-engagement message',
        type: 'OAuthException',
        code: 131047,
        error_data: { messaging_product: 'whatsapp', details: 'More than 24 hours have passed' },
        fbtrace_id: 'AbC123',
      },
    };
    server.use(
      http.post(`${BASE}/v23.0/${PHONE_ID}/messages`, () => HttpResponse.json(errorBody, { status: 400 })),
    );
    const { code, stdout, stderr } = await cli(['send', '--to', '447700900123', '--text', 'late'], {
      env: metaEnv,
    });
    expect(code).toBe(1);
    const printed = JSON.parse(stdout);
    expect(printed).toMatchObject({ ok: false, provider: 'meta', status: 400, body: errorBody });
    expect(stderr.split('\n')).toHaveLength(2);
    expect(stderr).toMatch(/^waba: WindowClosedError \[window_closed\]: .*131047/);
    expect(stdout + stderr).not.toContain(TOKEN);
  });

  it('masks a secret the provider echoes back', async () => {
    server.use(
      http.post(`${BASE}/v23.0/${PHONE_ID}/messages`, () =>
        HttpResponse.json(
          {
            error: { message: `Invalid OAuth access token - Cannot parse access token ${TOKEN}`, code: 190 },
          },
          { status: 401 },
        ),
      ),
    );
    const { code, stdout, stderr } = await cli(['send', '--to', '447700900123', '--text', 'x'], {
      env: metaEnv,
    });
    expect(code).toBe(1);
    expect(stdout + stderr).not.toContain(TOKEN);
    expect(stdout).toContain('[redacted]');
  });

  it('flags beat environment variables', async () => {
    server.use(
      http.post('https://flag.cli.test/v23.0/999/messages', () =>
        HttpResponse.json({ messaging_product: 'whatsapp', messages: [{ id: 'wamid.F1' }] }),
      ),
    );
    const { code, stdout } = await cli(
      [
        'send',
        '--base-url',
        'https://flag.cli.test',
        '--phone-number-id',
        '999',
        '--to',
        '447700900123',
        '--text',
        'x',
      ],
      { env: metaEnv },
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout).messageId).toBe('wamid.F1');
  });

  it('a config error names the key, never the value', async () => {
    const { code, stderr } = await cli(['send', '--to', '447700900123', '--text', 'x'], {
      env: { ...metaEnv, WABA_ACCESS_TOKEN: 'short-secret' },
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^waba: --access-token \(or WABA_ACCESS_TOKEN\) is invalid: .*too short/);
    expect(stderr).not.toContain('short-secret');
  });

  it.each([
    [['--to', '1'], 'give exactly one of --text or --template'],
    [['--to', '1', '--text', 'a', '--template', 'b'], 'give exactly one of --text or --template'],
    [['--text', 'a'], '--to <number> is required'],
    [['--to', '1', '--text', 'a', '--param', 'p'], '--param, --language and --namespace go with --template'],
    [['--to', '1', '--text', 'a', '--app-name', 'x'], '--app-name does not apply to provider meta'],
    [['--to', '1', '--text', 'a', '--provider', 'twilio'], 'unknown provider "twilio"'],
    [['--to', '1', '--text', 'a', '--timeout', 'soon'], '--timeout (or WABA_TIMEOUT) must be a whole number'],
  ])('usage error %j', async (args, message) => {
    const { code, stderr } = await cli(['send', ...args], { env: metaEnv });
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('needs a provider', async () => {
    const { code, stderr } = await cli(['send', '--to', '1', '--text', 'a']);
    expect(code).toBe(2);
    expect(stderr).toContain('--provider is required');
  });
});

describe('waba send (Vonage, JWT from a key file)', () => {
  it('signs the request with an application JWT from --private-key', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const publicPem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const APP = 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab';
    let body: any;
    server.use(
      http.post('https://vonage.cli.test/v1/messages', async ({ request }) => {
        const auth = request.headers.get('authorization') ?? '';
        expect(auth.startsWith('Bearer ')).toBe(true);
        const claims = jsonwebtoken.verify(auth.slice(7), publicPem, { algorithms: ['RS256'] }) as any;
        expect(claims.application_id).toBe(APP);
        body = await request.json();
        return HttpResponse.json({ message_uuid: 'aaaaaaaa-0000-4000-8000-000000000001' }, { status: 202 });
      }),
    );
    const { code, stdout, stderr } = await cli(
      [
        'send',
        '--provider',
        'nexmo',
        '--base-url',
        'https://vonage.cli.test',
        '--application-id',
        APP,
        '--private-key',
        'app.key',
        '--from',
        '+447700900001',
        '--to',
        '+447700900123',
        '--text',
        'Hi',
      ],
      { files: { 'app.key': pem } },
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(body).toMatchObject({
      channel: 'whatsapp',
      message_type: 'text',
      to: '447700900123',
      from: '447700900001',
      text: 'Hi',
    });
    expect(JSON.parse(stdout).messageId).toBe('aaaaaaaa-0000-4000-8000-000000000001');
    expect(stdout).not.toContain(pem.split('\n')[1]);
  });

  it('a --private-key that is neither a file nor PEM is refused without echoing it', async () => {
    const { code, stderr } = await cli([
      'send',
      '--provider',
      'nexmo',
      '--private-key',
      'MIIEvQ-not-a-path',
      '--from',
      '1',
      '--to',
      '1',
      '--text',
      'x',
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('--private-key (or WABA_PRIVATE_KEY) is neither a readable file nor PEM text');
    expect(stderr).not.toContain('MIIEvQ-not-a-path');
  });
});

describe('waba send config errors', () => {
  it('names the flag and the environment variable of a missing option, not the config key', async () => {
    const { WABA_ACCESS_TOKEN: _, ...withoutToken } = metaEnv;
    const { code, stderr } = await cli(['send', '--to', '+447700900123', '--text', 'hi'], {
      env: withoutToken,
    });
    expect(code).toBe(2);
    expect(stderr).toContain('--access-token (or WABA_ACCESS_TOKEN) is required for provider meta');
    expect(stderr).not.toContain('expected string, received undefined');
  });

  it('names the flag of an invalid option', async () => {
    const { code, stderr } = await cli(
      ['send', '--to', '+447700900123', '--text', 'hi', '--base-url', 'ftp://x'],
      {
        env: metaEnv,
      },
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/--base-url \(or WABA_BASE_URL\) is invalid: /);
  });
});

describe('waba send (Vonage, Basic auth): no credential in the output', () => {
  const KEY = 'cli0key1';
  const SECRET = 'CliApiSecret0123';
  const BASIC = btoa(`${KEY}:${SECRET}`);
  const args = [
    'send',
    '--provider',
    'nexmo',
    '--base-url',
    'https://vonage-basic.cli.test',
    '--from',
    '+447700900001',
    '--to',
    '+447700900123',
    '--text',
    'Hi',
    '--max-retries',
    '0',
  ];
  const env = { WABA_API_KEY: KEY, WABA_API_SECRET: SECRET };
  /** Everything the request authenticated with, as the provider could echo it. */
  const echo = (auth: string) => `${auth} | ${auth.slice(6)} | ${atob(auth.slice(6))}`;

  it('a refusal echoing the Basic credential prints the body and the error without it', async () => {
    let auth = '';
    server.use(
      http.post('https://vonage-basic.cli.test/v1/messages', ({ request }) => {
        auth = request.headers.get('authorization') ?? '';
        return HttpResponse.json(
          {
            type: 'https://developer.nexmo.com/api-errors#unauthorized',
            title: echo(auth),
            detail: `You did not provide correct credentials: ${echo(auth)}`,
            deep: { a: { b: { c: { d: { e: { f: { g: { h: { i: { j: echo(auth) } } } } } } } } } },
          },
          { status: 401, headers: { 'x-nexmo-trace-id': echo(auth) } },
        );
      }),
    );
    const { code, stdout, stderr } = await cli(args, { env });
    expect(auth).toBe(`Basic ${BASIC}`);
    expect(code).toBe(1);
    expect(stdout).toContain('"ok": false');
    expect(stdout).toContain('[redacted]');
    for (const text of [stdout, stderr]) {
      for (const secret of [BASIC, `${KEY}:${SECRET}`, KEY, SECRET]) expect(text).not.toContain(secret);
    }
  });

  it('a success answer echoing the Basic credential prints the response without it', async () => {
    server.use(
      http.post('https://vonage-basic.cli.test/v1/messages', ({ request }) =>
        HttpResponse.json(
          {
            message_uuid: 'aaaaaaaa-0000-4000-8000-000000000009',
            echo: echo(request.headers.get('authorization') ?? ''),
          },
          { status: 202 },
        ),
      ),
    );
    const { code, stdout } = await cli(args, { env });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).messageId).toBe('aaaaaaaa-0000-4000-8000-000000000009');
    for (const secret of [BASIC, `${KEY}:${SECRET}`, SECRET]) expect(stdout).not.toContain(secret);
  });
});
