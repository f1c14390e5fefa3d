import { Auth } from '@vonage/auth';
import { dist } from '../lib/dist.js';
import { APPLICATION_ID, rsaKeyPair } from '../lib/fixtures.js';
import { interleaved } from '../lib/measure.js';
import { fmt, ratio } from '../lib/stats.js';
import type { BenchContext, BenchResult } from '../lib/types.js';
import { countSendSignatures } from './send.js';

/**
 * Authorization per send. Signatures per 1 000 sends are counted on the wire: a node:http server records the
 * Authorization header of every request, and each distinct JWT is one RSA signature (every token has its own
 * `jti`); for waba-kit, `crypto.subtle.sign` calls are counted too. Time per auth is what each SDK does per
 * request to get its header: our cached signer's `token()`, and `@vonage/auth`'s `createBearerHeader()`, which
 * `@vonage/messages` calls for every request.
 */
export async function authBench(ctx: BenchContext): Promise<BenchResult> {
  const { createApplicationJwtSigner } = await dist('jwt');
  const { privateKeyPem } = rsaKeyPair();
  const sends = 1000;
  const counted = await countSendSignatures(privateKeyPem, sends);
  const signer = createApplicationJwtSigner({ applicationId: APPLICATION_ID, privateKey: privateKeyPem });
  await signer.token();
  const auth = new Auth({ applicationId: APPLICATION_ID, privateKey: privateKeyPem });
  const ops = await interleaved(ctx, {
    ours: async () => `Bearer ${await signer.token()}`,
    vonage: () => auth.createBearerHeader(),
  });
  const fewer = counted.vonageTokens / Math.max(1, counted.oursTokens);
  const faster = ops.ours! / ops.vonage!;
  return {
    id: 'auth',
    title: 'Authorization per send',
    unit: 'auth headers/s',
    higherIsBetter: true,
    runs: ctx.rounds,
    figures: [
      { label: "client's cached signer, `token()` (waba-kit)", role: 'ours', value: ops.ours! },
      {
        label: '`@vonage/auth` `createBearerHeader()` (what `@vonage/messages` does per request)',
        role: 'anchor',
        value: ops.vonage!,
      },
    ],
    goals: [
      {
        goal: '>= 50x fewer RSA signatures per 1 000 sends',
        measured: `${counted.oursTokens} vs ${counted.vonageTokens} (${fmt(fewer)}x fewer; ${counted.oursSubtleSigns} \`crypto.subtle.sign\` calls)`,
        met: fewer >= 50,
      },
      { goal: '>= 20x faster auth per send', measured: ratio(ops.ours!, ops.vonage!), met: faster >= 20 },
    ],
    notes: [
      `Signatures counted over ${sends} sends of one client to a node:http server on 127.0.0.1: distinct Authorization tokens seen by the server (${counted.oursTokens} for waba-kit, ${counted.vonageTokens} for \`@vonage/messages\`).`,
      'waba-kit signs one application JWT per client and reuses it until 60 s before it expires (15 min lifetime by default), so a 1 000-send burst costs one signature; `@vonage/messages` signs a new JWT for each request.',
    ],
  };
}
