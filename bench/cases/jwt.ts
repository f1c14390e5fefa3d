import { createPrivateKey, sign } from 'node:crypto';
import { tokenGenerate } from '@vonage/jwt';
import { signApplicationJwt } from '../../src/jwt/index.js';
import { APPLICATION_ID, rsaKeyPair } from '../lib/fixtures.js';
import { interleaved } from '../lib/measure.js';
import { ratio } from '../lib/stats.js';
import type { BenchContext, BenchResult } from '../lib/types.js';

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Application JWT with a fresh signature: ours, `@vonage/jwt`, and a raw RS256 `crypto.sign` (the limit). */
export async function jwtBench(ctx: BenchContext): Promise<BenchResult> {
  const { privateKeyPem } = rsaKeyPair();
  const keyObject = createPrivateKey(privateKeyPem);
  const cryptoKey = await crypto.subtle.importKey(
    'pkcs8',
    keyObject.export({ type: 'pkcs8', format: 'der' }),
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const header = b64url({ alg: 'RS256', typ: 'JWT' });
  const ops = await interleaved(ctx, {
    ours: () => signApplicationJwt({ applicationId: APPLICATION_ID, privateKey: privateKeyPem }),
    oursCryptoKey: () => signApplicationJwt({ applicationId: APPLICATION_ID, privateKey: cryptoKey }),
    vonage: () => tokenGenerate(APPLICATION_ID, privateKeyPem),
    limit: () => {
      const iat = Math.floor(Date.now() / 1000);
      const input = `${header}.${b64url({ application_id: APPLICATION_ID, iat, exp: iat + 900, jti: crypto.randomUUID() })}`;
      return `${input}.${sign('sha256', Buffer.from(input), keyObject).toString('base64url')}`;
    },
  });
  const r = ops.ours! / ops.limit!;
  return {
    id: 'jwt',
    title: 'Application JWT, fresh signature',
    unit: 'ops/s',
    higherIsBetter: true,
    runs: ctx.rounds,
    figures: [
      { label: '`signApplicationJwt` with the PEM string (waba-kit)', role: 'ours', value: ops.ours! },
      {
        label: '`signApplicationJwt` with an imported `CryptoKey` (waba-kit)',
        role: 'ours',
        value: ops.oursCryptoKey!,
      },
      { label: '`@vonage/jwt` `tokenGenerate`', role: 'anchor', value: ops.vonage! },
      { label: 'raw `crypto.sign` RS256 with a `KeyObject` (the limit)', role: 'limit', value: ops.limit! },
    ],
    goals: [{ goal: '>= 0.9x the raw limit', measured: ratio(ops.ours!, ops.limit!), met: r >= 0.9 }],
    notes: [
      'Every call signs a new token (new `iat` and `jti`), 2048-bit RSA key. The limit builds the same claims by hand and signs them with a pre-parsed `KeyObject`.',
    ],
  };
}
