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
  'webhooks/schema': 'src/entries/webhooks/schema.ts',
  quota: 'src/entries/quota.ts',
  broadcast: 'src/entries/broadcast.ts',
  sandbox: 'src/entries/sandbox.ts',
  node: 'src/entries/node.ts',
};

const common: Options = {
  entry,
  target: 'es2022',
  platform: 'neutral',
  // No source maps in the package: they were 3.1 MB of its 5 MB, and the code is readable (names are kept).
  sourcemap: false,
  treeshake: true,
  splitting: true,
  dts: true,
  external: ['ioredis', 'redis', /^node:/],
  // Whitespace only, in lines of at most 120 characters: names and statements stay as written, so a stack trace
  // still points at readable code, but indentation and comments (the TSDoc ships in the .d.ts files) do not ship
  // twice. This keeps the package under its 2 MB unpacked budget (2.4 MB formatted).
  esbuildOptions(options) {
    options.minifyWhitespace = true;
    options.lineLimit = 120;
  },
};

export default defineConfig([
  // ESM: dependencies stay external, consumers dedupe them. After it, the sandbox inspector's static page
  // (plain HTML, CSS and JS) is copied to dist/inspector/, where the bundles look for it.
  // The `waba` binary (package.json `bin`) is an entry of this build too, so it shares the library's chunks
  // instead of carrying its own copy (315 KB minified); esbuild keeps the hashbang of src/cli/main.ts and tsup
  // marks the file executable.
  {
    ...common,
    entry: { ...entry, cli: 'src/cli/main.ts' },
    format: ['esm'],
    clean: true,
    onSuccess: async () => {
      cpSync('src/sandbox/inspector/assets', 'dist/inspector', { recursive: true });
    },
  },
  // CJS: ky and jose are ESM-only, and Node 20 before 20.19 cannot require() ESM,
  // so they are bundled into the CommonJS build. zod and eventemitter3 ship CJS, except that the `.js` locale
  // file the webhook event schemas import (`zod/v4/locales/en.js`) is ESM: it is bundled too. `shims` gives the
  // inspector's asset lookup its `import.meta.url`.
  { ...common, format: ['cjs'], noExternal: ['ky', 'jose', /^zod\/v4\/locales\//], shims: true },
]);
