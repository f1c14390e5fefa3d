/**
 * The supported-media table is for uploads; a client without an upload API (Vonage) never reads it, and a bundler
 * must be able to leave it out of an app that bundles that client. It is written in number literals for that
 * (src/core/media/limits.ts): a table computed at load (`16 * MiB`) counts as a possible side effect and is kept.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { MEDIA_LIMITS } from '../../../src/core/media/limits.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** `import { <name> } from <entry>` bundled and minified (tree-shaken) as an app would ship it. */
async function bundle(name: string, entry: string): Promise<string> {
  const result = await build({
    stdin: {
      contents: `import { ${name} } from './src/entries/${entry}.ts'; export default ${name};`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    external: ['node:*', 'ioredis', 'redis'],
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('the supported-media table is left out of bundles that never upload', () => {
  it('NexmoClient (no upload API) bundles without it; MetaCloudClient (uploads) with it', async () => {
    expect(MEDIA_LIMITS.flatMap((row) => row.mimeTypes)).toContain(DOCX);
    const nexmo = await bundle('NexmoClient', 'nexmo');
    // Booleans, not the bundle text: a failure would print 180 KB of minified code.
    expect(nexmo.includes('message_uuid'), 'the client itself is in the bundle').toBe(true);
    expect(nexmo.includes(DOCX), 'the upload table is in the NexmoClient bundle').toBe(false);
    expect((await bundle('MetaCloudClient', 'meta')).includes(DOCX)).toBe(true);
  });

  it('keeps the sizes of the table: binary units, 500 KiB animated stickers', async () => {
    const { ANIMATED_STICKER_MAX_BYTES, DEFAULT_MAX_DOWNLOAD_BYTES } = await import(
      '../../../src/core/media/limits.js'
    );
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
