/**
 * What an app bundling one client leaves out: module-level values a bundler must keep unless it can tell they have
 * no side effects. Two were in every client bundle (docs/BENCHMARKS.md, Bundle size): the supported-media table
 * (uploads only; `16 * MiB` counts as a possible side effect, so it is written in number literals) and the error
 * type guards (built by a factory call at load, now arrows). Bundled from the sources without minifying, so the
 * names stay readable, and with tree shaking, as an app's bundler does.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ConfigError, isConfigError, isQuotaStoreError } from '../../src/core/errors.js';
import {
  ANIMATED_STICKER_MAX_BYTES,
  DEFAULT_MAX_DOWNLOAD_BYTES,
  MEDIA_LIMITS,
} from '../../src/core/media/limits.js';
import { APP_BUNDLE } from '../setup/app-bundle.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** `source` (importing from `./src/...`) bundled with tree shaking, not minified. */
async function bundle(source: string): Promise<string> {
  const result = await build({ ...APP_BUNDLE, stdin: { contents: source, resolveDir: root, loader: 'ts' } });
  return result.outputFiles[0]?.text ?? '';
}

const client = (name: string, entry: string) =>
  bundle(`import { ${name} } from './src/entries/${entry}.ts'; export default ${name};`);

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

// Booleans, not the bundle text, in the assertions: a failure would print megabytes of code.
describe('a client bundle leaves out what the client never uses', () => {
  it('the supported-media table: out of NexmoClient (no upload API), in MetaCloudClient (uploads)', async () => {
    expect(MEDIA_LIMITS.flatMap((row) => row.mimeTypes)).toContain(DOCX);
    const nexmo = await client('NexmoClient', 'nexmo');
    expect(nexmo.includes('message_uuid'), 'the client itself is in the bundle').toBe(true);
    expect(nexmo.includes(DOCX), 'the upload table is in the NexmoClient bundle').toBe(false);
    expect((await client('MetaCloudClient', 'meta')).includes(DOCX)).toBe(true);
  });

  it('the error type guards it does not call, while a guard imported is there', async () => {
    for (const [name, entry] of [
      ['NexmoClient', 'nexmo'],
      ['MetaCloudClient', 'meta'],
    ] as const) {
      const text = await client(name, entry);
      expect(text.includes('ConfigError = class'), `${name}: its errors are in the bundle`).toBe(true);
      expect(/\bisQuotaStoreError\b/.test(text), `${name}: isQuotaStoreError is in the bundle`).toBe(false);
      expect(/\bisConfigError\b/.test(text), `${name}: isConfigError is in the bundle`).toBe(false);
    }
    const used = await bundle("export { isQuotaStoreError } from './src/core/errors.ts';");
    expect(/\bisQuotaStoreError\b/.test(used)).toBe(true);
  });

  it('the guards and the table behave as before', () => {
    expect(isConfigError(new ConfigError('x'))).toBe(true);
    expect(isQuotaStoreError(new ConfigError('x'))).toBe(false);
    expect(isConfigError({})).toBe(false);
    expect(Object.fromEntries(MEDIA_LIMITS.map((row) => [row.kind, row.maxBytes]))).toEqual({
      audio: 16 * 1024 * 1024,
      document: 100 * 1024 * 1024,
      image: 5 * 1024 * 1024,
      sticker: 100 * 1024,
      video: 16 * 1024 * 1024,
    });
    expect(ANIMATED_STICKER_MAX_BYTES).toBe(500 * 1024);
    expect(DEFAULT_MAX_DOWNLOAD_BYTES).toBe(100 * 1024 * 1024);
  });
});
