import { describe, expect, it } from 'vitest';
import { signWebhookForTest } from '../../src/webhooks/index.js';
import { cli } from './io.js';

const metaBody = JSON.stringify({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '102290129340398',
      changes: [
        {
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
            contacts: [{ profile: { name: 'Ana' }, wa_id: '447700900123' }],
            messages: [
              {
                from: '447700900123',
                id: 'wamid.IN1',
                timestamp: '1750000000',
                type: 'text',
                text: { body: 'Hi' },
              },
            ],
            statuses: [
              {
                id: 'wamid.OUT1',
                status: 'delivered',
                timestamp: '1750000005',
                recipient_id: '447700900123',
              },
            ],
          },
        },
      ],
    },
  ],
});
const APP_SECRET = 'cli-test-app-secret';
const VONAGE_SECRET = 'cli-test-vonage-signature-secret';
const vonageBody = JSON.stringify({
  channel: 'whatsapp',
  message_uuid: 'aaaaaaaa-bbbb-4ccc-8ddd-000000000001',
  to: '447700900001',
  from: '447700900123',
  timestamp: '2025-06-15T12:00:00Z',
  message_type: 'text',
  text: 'Hello',
});

const headerArgs = (headers: Record<string, string>) =>
  Object.entries(headers).flatMap(([k, v]) => ['--header', `${k}: ${v}`]);

describe('waba webhook parse', () => {
  it('prints every event of a Meta delivery as JSON', async () => {
    const { code, stdout } = await cli(['webhook', 'parse', 'meta', 'body.json'], {
      files: { 'body.json': metaBody },
    });
    expect(code).toBe(0);
    const events = JSON.parse(stdout);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      kind: 'message',
      provider: 'meta',
      id: 'wamid.IN1',
      type: 'text',
      text: 'Hi',
    });
    expect(events[0].timestamp).toBe('2025-06-15T15:06:40.000Z');
    expect(events[1]).toMatchObject({ kind: 'status', messageId: 'wamid.OUT1', status: 'delivered' });
  });

  it('reads standard input without a file, and reports the caller provider id', async () => {
    const { code, stdout } = await cli(['webhook', 'parse', 'clevertap'], { stdin: metaBody });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)[0].provider).toBe('clevertap');
  });

  it('invalid JSON is one line and exit 1', async () => {
    const { code, stderr } = await cli(['webhook', 'parse', 'meta', '-'], { stdin: '{"entry": [' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^waba: WebhookParseError \[[a-z_.]+\]: .+\n$/);
  });

  it('an unknown provider or subcommand is a usage error', async () => {
    const a = await cli(['webhook', 'parse', 'twilio']);
    expect(a.code).toBe(2);
    expect(a.stderr).toBe(
      'waba: unknown provider "twilio": use one of nexmo, gupshup, clevertap, meta (see: waba webhook parse --help)\n',
    );
    const b = await cli(['webhook', 'explain', 'meta']);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('unknown webhook command "explain"');
    expect((await cli(['webhook'])).code).toBe(2);
  });
});

describe('waba webhook verify', () => {
  it('accepts a Meta delivery signed with the app secret', async () => {
    const headers = await signWebhookForTest('meta', metaBody, APP_SECRET);
    const { code, stdout } = await cli(
      ['webhook', 'verify', 'meta', '--secret', APP_SECRET, ...headerArgs(headers), 'body.json'],
      { files: { 'body.json': metaBody } },
    );
    expect(code).toBe(0);
    expect(stdout).toBe('valid\n');
  });

  it('refuses a tampered body with the reason, exit 1, and never prints the secret', async () => {
    const headers = await signWebhookForTest('meta', metaBody, APP_SECRET);
    const { code, stdout, stderr } = await cli(['webhook', 'verify', 'meta', ...headerArgs(headers), '-'], {
      stdin: metaBody.replace('Hi', 'Ho'),
      env: { WABA_WEBHOOK_SECRET: APP_SECRET },
    });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^invalid: signature_mismatch: /);
    expect(stdout + stderr).not.toContain(APP_SECRET);
  });

  it('verifies a Vonage signed webhook (HS256 JWT with payload_hash)', async () => {
    const headers = await signWebhookForTest('nexmo', vonageBody, VONAGE_SECRET);
    const ok = await cli(['webhook', 'verify', 'nexmo', '--secret', VONAGE_SECRET, ...headerArgs(headers)], {
      stdin: vonageBody,
    });
    expect(ok.stdout).toBe('valid\n');
    expect(ok.code).toBe(0);
    const wrong = await cli(
      ['webhook', 'verify', 'nexmo', '--secret', 'another-secret-value', ...headerArgs(headers)],
      {
        stdin: vonageBody,
      },
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/^invalid: /);
  });

  it('checks the Gupshup shared-secret header', async () => {
    const body = JSON.stringify({ app: 'SandboxApp', timestamp: 1750000000000, version: 2, type: 'message' });
    const ok = await cli(
      ['webhook', 'verify', 'gupshup', '--secret', 's3cret-token', '--header', 'Authorization: s3cret-token'],
      {
        stdin: body,
      },
    );
    expect(ok.code).toBe(0);
    const missing = await cli(['webhook', 'verify', 'gupshup', '--secret', 's3cret-token'], { stdin: body });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/^invalid: missing_header: /);
  });

  it('requires a secret and well-formed headers, without echoing them', async () => {
    const none = await cli(['webhook', 'verify', 'meta'], { stdin: metaBody });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--secret is required');
    const bad = await cli(['webhook', 'verify', 'meta', '--secret', 'x', '--header', 'sha256=deadbeef'], {
      stdin: metaBody,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'waba: --header must look like "Name: value" (see: waba webhook verify --help)\n',
    );
    const age = await cli(['webhook', 'verify', 'nexmo', '--secret', 'x', '--max-age', 'soon'], {
      stdin: '{}',
    });
    expect(age.code).toBe(2);
  });
});
