/**
 * `waba-kit/webhooks` loads no zod: its parsers read payloads with plain readers, and the zod schema of the events
 * lives in `waba-kit/webhooks/schema`. zod's module graph is most of a cold import and about a third of a bundle
 * (docs/BENCHMARKS.md, Bundle size and Cold import), so a stray import of a zod-built module into this entry must
 * fail here. Two views: what an import evaluates at run time (module factories record it), and what a bundler
 * puts in a bundle of the entry (esbuild's metafile, which also follows the lazily imported modules).
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it, vi } from 'vitest';
import { signWebhookForTest } from '../../src/webhooks/sign-for-test.js';
import { APP_BUNDLE } from '../setup/app-bundle.js';
import { fixtureText } from './helpers.js';

const loaded = vi.hoisted(() => [] as string[]);
vi.mock('zod', async (importOriginal) => {
  loaded.push('zod');
  return importOriginal();
});
vi.mock('zod/mini', async (importOriginal) => {
  loaded.push('zod/mini');
  return importOriginal();
});
vi.mock('zod/v4/locales/en.js', async (importOriginal) => {
  loaded.push('zod/v4/locales/en.js');
  return importOriginal();
});

const entry = (name: string) => fileURLToPath(new URL(`../../src/entries/${name}.ts`, import.meta.url));

/** The node_modules packages esbuild bundles into `import * from <entry>`. */
async function bundledPackages(name: string): Promise<string[]> {
  const result = await build({ ...APP_BUNDLE, entryPoints: [entry(name)], metafile: true });
  const packages = Object.keys(result.metafile.inputs).flatMap((path) => {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
    return match ? [match[1] as string] : [];
  });
  return [...new Set(packages)].sort();
}

const META_BODY = fixtureText('meta', 'status-delivered');

describe('waba-kit/webhooks loads no zod', () => {
  it('neither at import nor to verify, parse and serve a delivery; the schema subpath does', async () => {
    const webhooks = await import('../../src/entries/webhooks.js');
    const headers = await signWebhookForTest('meta', META_BODY, 'app-secret');
    const handled: string[] = [];
    const handler = webhooks.createWebhookHandler({
      provider: 'meta',
      appSecret: 'app-secret',
      on: {
        status: (event) => {
          handled.push(event.status);
        },
      },
    });
    const response = await handler(
      new Request('https://example.test/webhook', { method: 'POST', body: META_BODY, headers }),
    );
    expect(response.status).toBe(200);
    expect(handled).toEqual(['delivered']);
    expect(webhooks.parseWebhook('meta', META_BODY)).toHaveLength(1);
    expect(loaded).toEqual([]);

    const { WebhookEventSchema } = await import('../../src/entries/webhooks/schema.js');
    expect(WebhookEventSchema.safeParse(webhooks.parseWebhook('meta', META_BODY)[0]).success).toBe(true);
    expect(loaded).toContain('zod/mini');
  });

  it('a bundle of the entry holds no zod; one of the schema subpath does', async () => {
    expect(await bundledPackages('webhooks')).not.toContain('zod');
    expect(await bundledPackages('webhooks/schema')).toContain('zod');
  });
});
