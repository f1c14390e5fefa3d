import { cpSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

/** One entry per public subpath: `dist/<name>.{js,cjs,d.ts,d.cts}`. */
const entry = {
  index: 'src/index.ts',
  nexmo: 'src/entries/nexmo.ts',
  gupshup: 'src/entries/gupshup.ts',
  meta: 'src/entries/meta.ts',
  clevertap: 'src/entries/clevertap.ts',
  templates: 'src/entries/templates.ts',
  jwt: 'src/entries/jwt.ts',
  webhooks: 'src/entries/webhooks.ts',
  quota: 'src/entries/quota.ts',
  broadcast: 'src/entries/broadcast.ts',
  sandbox: 'src/entries/sandbox.ts',
  node: 'src/entries/node.ts',
};

const common: Options = {
  entry,
  target: 'es2022',
  platform: 'neutral',
  // No source maps in the package: they were 3.1 MB of its 5 MB, and the code is readable (not minified).
  sourcemap: false,
  treeshake: true,
  splitting: true,
  dts: true,
  external: ['ioredis', 'redis', /^node:/],
};

export default defineConfig([
  // ESM: dependencies stay external, consumers dedupe them. After it, the sandbox inspector's static page
  // (plain HTML, CSS and JS) is copied to dist/inspector/, where the bundles look for it.
  {
    ...common,
    format: ['esm'],
    clean: true,
    onSuccess: async () => {
      cpSync('src/sandbox/inspector/assets', 'dist/inspector', { recursive: true });
    },
  },
  // CJS: ky and jose are ESM-only, and Node 20 before 20.19 cannot require() ESM,
  // so they are bundled into the CommonJS build. zod and eventemitter3 ship CJS. `shims` gives the
  // inspector's asset lookup its `import.meta.url`.
  { ...common, format: ['cjs'], noExternal: ['ky', 'jose'], shims: true },
  // The `waba` binary (package.json `bin`): one Node ESM file, not a public subpath, so no types.
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    sourcemap: false,
    // The binary carries its own copy of the library code; minified (names kept, errors print one line
    // anyway) it halves, which keeps the package under its 2 MB unpacked budget.
    minify: true,
    keepNames: true,
    splitting: false,
    dts: false,
    banner: { js: '#!/usr/bin/env node' },
    external: ['ioredis', 'redis'],
  },
]);
