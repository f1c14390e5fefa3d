import { generateKeyPairSync } from 'node:crypto';
import jsonwebtoken from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { cli } from './io.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
const publicPem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
const APP = 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab';
const files = { 'private.key': pkcs8, 'rsa.key': pkcs1, 'garbage.key': 'not a key at all' };
const keyBody = (pem: string) => pem.split('\n')[1] as string;

describe('waba jwt', () => {
  it('prints an RS256 application JWT that verifies with the public key', async () => {
    const { code, stdout, stderr } = await cli(
      ['jwt', '--application-id', APP, '--private-key', 'private.key'],
      {
        files,
      },
    );
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.endsWith('\n')).toBe(true);
    const claims = jsonwebtoken.verify(stdout.trim(), publicPem, { algorithms: ['RS256'] }) as Record<
      string,
      number | string
    >;
    expect(claims.application_id).toBe(APP);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(900);
    expect(stdout).not.toContain(keyBody(pkcs8));
  });

  it('honours --ttl and reads PKCS#1 keys', async () => {
    const { code, stdout } = await cli(
      ['jwt', '--application-id', APP, '--private-key', 'rsa.key', '--ttl', '60'],
      {
        files,
      },
    );
    expect(code).toBe(0);
    const claims = jsonwebtoken.verify(stdout.trim(), publicPem) as Record<string, number>;
    expect(Number(claims.exp) - Number(claims.iat)).toBe(60);
  });

  it('takes the application id and key (PEM text or path) from the environment', async () => {
    const { code, stdout } = await cli(['jwt'], {
      env: { WABA_APPLICATION_ID: APP, WABA_PRIVATE_KEY: pkcs8 },
    });
    expect(code).toBe(0);
    expect((jsonwebtoken.verify(stdout.trim(), publicPem) as { application_id: string }).application_id).toBe(
      APP,
    );
  });

  it('a key that is not PEM fails on one line without printing it', async () => {
    const { code, stdout, stderr } = await cli(
      ['jwt', '--application-id', APP, '--private-key', 'garbage.key'],
      {
        files,
      },
    );
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toHaveLength(2);
    expect(stderr).toMatch(/^waba: ConfigError \[/);
    expect(stderr).not.toContain('not a key at all');
  });

  it.each([
    [['--private-key', 'private.key'], '--application-id is required'],
    [['--application-id', APP], '--private-key <file> is required'],
    [
      ['--application-id', APP, '--private-key', 'private.key', '--ttl', '0'],
      '--ttl must be a whole number from 1 to 86400',
    ],
    [
      ['--application-id', APP, '--private-key', 'private.key', '--ttl', '1.5'],
      '--ttl must be a whole number',
    ],
  ])('usage error %j -> exit 2', async (args, message) => {
    const { code, stderr } = await cli(['jwt', ...args], { files });
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('a missing key file is named, exit 1', async () => {
    const { code, stderr } = await cli(['jwt', '--application-id', APP, '--private-key', 'missing.key'], {
      files,
    });
    expect(code).toBe(1);
    expect(stderr).toBe('waba: missing.key: no such file\n');
  });
});
