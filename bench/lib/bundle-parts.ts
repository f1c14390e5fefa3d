/**
 * What a client bundle is made of: the min+gzip bytes of an esbuild bundle attributed to npm packages and to the
 * parts of waba-kit's own source, and how much of it a code-splitting app loads at start.
 * @module
 */
import { gzipSync } from 'node:zlib';
import { type BuildOptions, build } from 'esbuild';

/**
 * The esbuild options every bundle of the size benchmark shares: `source` (resolved from `root`) bundled for
 * node, ESM, minified, the optional Redis peers left out (callers add `write: false, metafile: true`, which type
 * the result).
 */
export function bundleOptions(root: string, source: string, loader: 'js' | 'ts'): BuildOptions {
  return {
    stdin: { contents: source, resolveDir: root, loader, sourcefile: 'app.js' },
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    external: ['ioredis', 'redis'],
  };
}

/** An app importing one client class from `from` and nothing else. */
export function clientImport(name: string, from: string): string {
  return `import { ${name} } from '${from}'; export default ${name};`;
}

/** The part of the bundle a source file (an esbuild metafile input path) belongs to. */
export function partOf(input: string): string {
  const modules = input.split('node_modules/');
  if (modules.length > 1) {
    const [scope, name] = modules.at(-1)!.split('/');
    return scope!.startsWith('@') ? `${scope}/${name}` : scope!;
  }
  if (!input.startsWith('src/')) return 'other';
  if (input.startsWith('src/webhooks/')) return 'webhook verification and parsing';
  if (input.startsWith('src/jwt/')) return 'JWT (signing, HS256 verification)';
  if (input.startsWith('src/templates/') || input.endsWith('/meta/templates.ts')) return 'templates';
  if (input.startsWith('src/core/media/') || /^src\/providers\/[^/]+\/media[^/]*\.ts$/.test(input))
    return 'media';
  if (/(^src\/core\/[^/]*errors?\.ts|^src\/providers\/[^/]+\/[^/]*errors\.ts)$/.test(input)) {
    return 'errors (classes, catalogues)';
  }
  if (input.endsWith('/meta/phone-health.ts')) return 'phone-number health';
  if (/^src\/core\/(message|whatsapp-[a-z]+)\.ts$/.test(input)) return 'message schemas';
  if (input.startsWith('src/core/')) return 'core (client base, HTTP, config, events, gates)';
  if (input.startsWith('src/providers/')) return 'provider (client, config, wire mapping)';
  return 'other';
}

/** A bundle's parts, in min+gzip bytes (proportional to their minified bytes), largest first. */
export interface BundleParts {
  min: number;
  gzip: number;
  parts: [part: string, gzipBytes: number][];
  /** The same attribution per source file (metafile input path). */
  files: Map<string, number>;
}

/**
 * Bundles `source` (TypeScript, resolved from `root`, importing waba-kit's `src/entries/*.ts`) as the size
 * benchmark bundles the built package, and attributes its min+gzip size to parts. gzip has no per-file size
 * (it compresses across files), so each part gets the share of the total that its minified bytes are.
 */
export async function bundleParts(root: string, source: string): Promise<BundleParts> {
  const out = await build({ ...bundleOptions(root, source, 'ts'), write: false, metafile: true });
  const code = out.outputFiles[0]!.contents;
  const gzip = gzipSync(code, { level: 9 }).byteLength;
  const min = new Map<string, number>();
  const files = new Map<string, number>();
  for (const output of Object.values(out.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const part = partOf(input);
      min.set(part, (min.get(part) ?? 0) + bytesInOutput);
      files.set(input, (files.get(input) ?? 0) + (gzip * bytesInOutput) / code.byteLength);
    }
  }
  const parts = [...min]
    .filter(([, bytes]) => bytes > 0)
    .map(([part, bytes]): [string, number] => [part, (gzip * bytes) / code.byteLength])
    .sort((a, b) => b[1] - a[1]);
  return { min: code.byteLength, gzip, parts, files };
}

/**
 * Bundles `source` (JavaScript importing the built package) with code splitting and returns the min+gzip bytes
 * an app loads at start (its own chunk and the chunks it imports statically) and on first use (the chunks only
 * a dynamic `import()` reaches).
 */
export async function splitBytes(root: string, source: string): Promise<{ start: number; lazy: number }> {
  const out = await build({
    ...bundleOptions(root, source, 'js'),
    splitting: true,
    outdir: 'split',
    write: false,
    metafile: true,
  });
  const gzipOf = new Map(
    out.outputFiles.map((f) => [f.path, gzipSync(f.contents, { level: 9 }).byteLength] as const),
  );
  const outputs = out.metafile.outputs;
  const size = (path: string) => {
    const hit = [...gzipOf].find(([file]) => file.endsWith(`/${path}`));
    return hit ? hit[1] : 0;
  };
  const atStart = new Set<string>();
  const visit = (path: string) => {
    if (atStart.has(path)) return;
    atStart.add(path);
    for (const i of outputs[path]?.imports ?? []) if (i.kind === 'import-statement') visit(i.path);
  };
  const entry = Object.keys(outputs).find((path) => outputs[path]!.entryPoint === 'app.js')!;
  visit(entry);
  let start = 0;
  let lazy = 0;
  for (const path of Object.keys(outputs)) {
    if (path.endsWith('.map')) continue;
    if (atStart.has(path)) start += size(path);
    else lazy += size(path);
  }
  return { start, lazy };
}
