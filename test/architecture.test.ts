/**
 * The layer rules of `src/`, checked on every import of every file: static imports, `import type`, side-effect
 * imports, re-exports (`export ... from`, `export * from`, `export type * from`), dynamic `import()`,
 * `require()`, `import x = require()` and `import('...')` type references. A broken rule fails with the file,
 * the import and the rule it breaks.
 *
 * The layers, bottom up:
 * - `core`: the message model, errors, events, HTTP, the base client. Imports nothing outside `src/core`.
 * - pure modules (`templates`, `jwt`, `webhooks`, `quota`): import only core and each other.
 * - `providers/<name>`: import core, the pure modules and their own folder; `providers/clevertap` may also import
 *   `providers/meta` (CleverTap BSP numbers run on Meta's Cloud API), the one provider-to-provider arrow.
 * - `broadcast`: core, the pure modules and itself (it drives any `WhatsAppClient`, never a provider class).
 * - `sandbox`: anything but the CLI and the public entries (`create-client.ts` is allowed: the sandbox hands out
 *   `createClient` configs).
 * - `cli`, `create-client.ts`, `index.ts`, `entries/`: the top; may import any layer.
 * Packages: only the runtime dependencies and optional peers of package.json; Node built-ins only in the Node
 * adapter (`webhooks/node-adapter.ts`), the Redis stores, the sandbox and the CLI.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');

/** One import as written in a file. */
interface ImportRef {
  /** The specifier as written, or `undefined` for a computed dynamic import. */
  specifier: string | undefined;
  kind: 'import' | 'import type' | 're-export' | 'dynamic import' | 'require' | 'import type reference';
  line: number;
}

/** Every import of a source text, with what kind it is. */
function importsOf(fileName: string, text: string): ImportRef[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: ImportRef[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const literal = (node: ts.Node | undefined) =>
    node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const typeOnly = node.importClause?.isTypeOnly === true;
      out.push({
        specifier: literal(node.moduleSpecifier),
        kind: typeOnly ? 'import type' : 'import',
        line: lineOf(node),
      });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      out.push({ specifier: literal(node.moduleSpecifier), kind: 're-export', line: lineOf(node) });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      out.push({ specifier: literal(node.moduleReference.expression), kind: 'require', line: lineOf(node) });
    } else if (ts.isCallExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        out.push({ specifier: literal(node.arguments[0]), kind: 'dynamic import', line: lineOf(node) });
      } else if (ts.isIdentifier(node.expression) && node.expression.text === 'require') {
        out.push({ specifier: literal(node.arguments[0]), kind: 'require', line: lineOf(node) });
      }
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      const spec = ts.isLiteralTypeNode(arg) ? literal(arg.literal) : undefined;
      out.push({ specifier: spec, kind: 'import type reference', line: lineOf(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

type Layer =
  | { kind: 'core' }
  | { kind: 'pure'; name: string }
  | { kind: 'provider'; name: string }
  | { kind: 'broadcast' }
  | { kind: 'sandbox' }
  | { kind: 'top'; name: string };

const PURE = new Set(['templates', 'jwt', 'webhooks', 'quota']);

/** The layer of a path relative to `src/` (posix separators), or `undefined` when it belongs to none. */
function layerOf(path: string): Layer | undefined {
  const [first, second] = path.split('/');
  if (first === 'core') return { kind: 'core' };
  if (first !== undefined && PURE.has(first)) return { kind: 'pure', name: first };
  if (first === 'providers' && second !== undefined && second.endsWith('.ts') === false)
    return { kind: 'provider', name: second };
  if (first === 'broadcast') return { kind: 'broadcast' };
  if (first === 'sandbox') return { kind: 'sandbox' };
  if (first === 'cli' || first === 'entries') return { kind: 'top', name: first };
  if (first === 'index.ts' || first === 'create-client.ts') return { kind: 'top', name: first };
  return undefined;
}

const describeLayer = (l: Layer): string =>
  l.kind === 'pure' || l.kind === 'provider' || l.kind === 'top' ? `${l.kind} ${l.name}` : l.kind;

/** Why `from` may not import `to`, or `undefined` when the arrow is allowed. */
function brokenRule(from: Layer, to: Layer): string | undefined {
  switch (from.kind) {
    case 'core':
      return to.kind === 'core' ? undefined : 'src/core imports nothing outside src/core';
    case 'pure':
      return to.kind === 'core' || to.kind === 'pure'
        ? undefined
        : `the pure module ${from.name} imports only core and the other pure modules (templates, jwt, webhooks, quota), never a provider, broadcast, the sandbox or the CLI`;
    case 'provider':
      if (to.kind === 'core' || to.kind === 'pure') return undefined;
      if (to.kind === 'provider' && to.name === from.name) return undefined;
      if (to.kind === 'provider' && from.name === 'clevertap' && to.name === 'meta') return undefined;
      if (to.kind === 'provider')
        return `a provider folder never reaches into another's (the one allowed arrow is providers/clevertap -> providers/meta); providers/${from.name} imports providers/${to.name}`;
      return `providers/${from.name} imports only core, the pure modules and its own folder, never ${describeLayer(to)}`;
    case 'broadcast':
      return to.kind === 'core' || to.kind === 'pure' || to.kind === 'broadcast'
        ? undefined
        : `broadcast imports only core, the pure modules and itself (it drives any WhatsAppClient), never ${describeLayer(to)}`;
    case 'sandbox':
      return to.kind === 'top' && to.name !== 'create-client.ts'
        ? `the sandbox never imports the CLI or a public entry (${describeLayer(to)})`
        : undefined;
    case 'top':
      return undefined;
  }
}

/**
 * A client imports a pure module's code from the file that holds it, not through the module's `index.ts`: what a
 * client entry reaches shapes the chunks of the built package, and a barrel made the webhook event schemas (whose
 * module-level zod calls a bundler must keep) share a chunk with the parser every client uses, which put them in
 * every app bundling a client (docs/BENCHMARKS.md, Bundle size).
 */
const BARREL_RULE = (name: string) =>
  `a provider imports ${name} code from the module that holds it, not from ${name}/index.ts (a barrel puts code the client never uses into its bundle); \`import type\` from it is fine`;

/** Files allowed to import Node built-ins (paths relative to `src/`). */
function mayUseNode(path: string): boolean {
  return (
    path === 'webhooks/node-adapter.ts' ||
    path.startsWith('quota/stores/redis') ||
    path.startsWith('sandbox/') ||
    path.startsWith('cli/') ||
    path === 'entries/node.ts'
  );
}

const BUILTINS = new Set(builtinModules);

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** One broken rule. */
interface Violation {
  file: string;
  line: number;
  kind: ImportRef['kind'];
  specifier: string;
  rule: string;
}

/**
 * Checks every import of `files` (paths relative to `src/` -> source text) against the layer rules. `exists`
 * tells whether a path relative to `src/` is a file, for resolving `./dir` to `./dir/index.ts`.
 */
function checkArchitecture(
  files: ReadonlyMap<string, string>,
  packages: ReadonlySet<string>,
  exists: (path: string) => boolean = (p) => files.has(p),
): Violation[] {
  const violations: Violation[] = [];
  for (const [file, text] of files) {
    const from = layerOf(file);
    if (!from) {
      violations.push({
        file,
        line: 1,
        kind: 'import',
        specifier: '',
        rule: 'every file in src/ belongs to a layer (core, a pure module, a provider, broadcast, sandbox, cli, entries); add new folders to the layer table of test/architecture.test.ts',
      });
      continue;
    }
    for (const ref of importsOf(file, text)) {
      const add = (rule: string) =>
        violations.push({
          file,
          line: ref.line,
          kind: ref.kind,
          specifier: ref.specifier ?? '<computed>',
          rule,
        });
      if (ref.specifier === undefined) {
        add('every import names its module with a string literal, so the layer rules can be checked');
        continue;
      }
      const spec = ref.specifier;
      if (!spec.startsWith('.')) {
        const builtin = spec.startsWith('node:') || BUILTINS.has(packageName(spec));
        if (builtin) {
          if (!mayUseNode(file))
            add(
              'Node built-ins only in the Node adapter, the Redis stores, the sandbox and the CLI; core and the pure modules use Web-standard APIs',
            );
        } else if (!packages.has(packageName(spec))) {
          add(
            `src/ imports only the runtime dependencies and optional peers of package.json (${[...packages].join(', ')})`,
          );
        }
        continue;
      }
      const joined = posix.normalize(posix.join(posix.dirname(file), spec));
      if (joined === '../package.json' && from.kind === 'top') continue; // the CLI's --version
      if (joined.startsWith('..')) {
        add('imports stay inside src/ (only the top layer may read ../package.json)');
        continue;
      }
      const stem = joined.replace(/\.(js|ts|mjs|cjs)$/, '');
      const target = [`${stem}.ts`, `${stem}/index.ts`, joined].find((p) => exists(p)) ?? `${stem}.ts`;
      const to = layerOf(target);
      if (!to) {
        add(`imports a file that belongs to no layer (${target})`);
        continue;
      }
      const rule = brokenRule(from, to);
      if (rule) add(rule);
      else if (from.kind === 'provider' && to.kind === 'pure' && target === `${to.name}/index.ts`) {
        if (ref.kind !== 'import type' && ref.kind !== 'import type reference') add(BARREL_RULE(to.name));
      }
    }
  }
  return violations;
}

/** `file:line imports 'x' (kind): rule` lines. */
function formatViolations(violations: readonly Violation[]): string {
  return violations
    .map((v) => `src/${v.file}:${v.line} ${v.kind} '${v.specifier}' breaks the rule: ${v.rule}`)
    .join('\n');
}

function sourceFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|mts|cts)$/.test(entry.name))
        out.set(relative(dir, full).split(sep).join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

function runtimePackages(): Set<string> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
  };
  return new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]);
}

describe('architecture: the layer rules of src/', () => {
  it('every import of every file in src/ keeps the layer rules', () => {
    const files = sourceFiles(SRC);
    expect(files.size).toBeGreaterThan(100);
    const violations = checkArchitecture(files, runtimePackages());
    expect(formatViolations(violations)).toBe('');
  });

  it('src/core/cloud-api is gone: the Cloud API base lives in src/providers/meta', () => {
    const files = sourceFiles(SRC);
    expect([...files.keys()].filter((f) => f.startsWith('core/cloud-api/'))).toEqual([]);
    expect(files.has('providers/meta/cloud-api-client.ts')).toBe(true);
  });
});

describe('architecture: the checker catches every kind of import', () => {
  const packages = new Set(['ky', 'zod', 'jose', 'eventemitter3', 'ioredis', 'redis']);
  const present = new Set([
    'core/base-client.ts',
    'templates/index.ts',
    'webhooks/index.ts',
    'providers/meta/wire.ts',
    'providers/nexmo/wire.ts',
    'sandbox/server.ts',
    'cli/main.ts',
    'broadcast/broadcast.ts',
  ]);
  const check = (file: string, text: string) =>
    checkArchitecture(new Map([[file, text]]), packages, (p) => present.has(p) || p === file);

  it.each([
    ["import { validateTemplate } from '../templates/index.js';", 'import'],
    ["import type { TemplateDefinition } from '../templates/index.js';", 'import type'],
    ["import '../webhooks/index.js';", 'import'],
    ["export { validateTemplate } from '../templates/index.js';", 're-export'],
    ["export * from '../templates';", 're-export'],
    ["export type * from '../webhooks/index.js';", 're-export'],
    ["const m = await import('../providers/meta/wire.js');", 'dynamic import'],
    ["const m = require('../sandbox/server.js');", 'require'],
    ["import m = require('../cli/main.js');", 'require'],
    ["type T = import('../templates/index.js').TemplateDefinition;", 'import type reference'],
  ])('core: %s is refused as %s', (text, kind) => {
    const [v] = check('core/x.ts', text);
    expect(v).toMatchObject({ file: 'core/x.ts', kind, rule: 'src/core imports nothing outside src/core' });
  });

  it('names the file, the line, the import and the rule', () => {
    const text = "import { a } from './base-client.js';\nimport { b } from '../providers/meta/wire.js';\n";
    expect(formatViolations(check('core/x.ts', text))).toBe(
      "src/core/x.ts:2 import '../providers/meta/wire.js' breaks the rule: src/core imports nothing outside src/core",
    );
  });

  it('pure modules may import core and each other, never a provider, broadcast, the sandbox or the CLI', () => {
    expect(
      check('webhooks/y.ts', "import '../core/base-client.js'; import '../templates/index.js';"),
    ).toEqual([]);
    for (const target of [
      'providers/meta/wire.js',
      'broadcast/broadcast.js',
      'sandbox/server.js',
      'cli/main.js',
    ])
      expect(check('templates/y.ts', `import '../${target}';`)[0]?.rule).toMatch(/pure module templates/);
  });

  it('only providers/clevertap -> providers/meta crosses provider folders', () => {
    expect(check('providers/clevertap/c.ts', "import '../meta/wire.js';")).toEqual([]);
    expect(check('providers/meta/c.ts', "import '../nexmo/wire.js';")[0]?.rule).toMatch(
      /never reaches into another's/,
    );
    expect(check('providers/nexmo/c.ts', "import '../meta/wire.js';")[0]?.rule).toMatch(
      /providers\/nexmo imports providers\/meta/,
    );
    expect(check('providers/gupshup/c.ts', "import '../../sandbox/server.js';")[0]?.rule).toMatch(
      /never sandbox/,
    );
  });

  it('providers import pure modules by their files, not through their index.ts (types excepted)', () => {
    expect(
      check('providers/nexmo/c.ts', "import { parseWebhookRequest } from '../../webhooks/index.js';")[0]
        ?.rule,
    ).toMatch(/not from webhooks\/index.ts/);
    expect(
      check('providers/meta/c.ts', "export { validateTemplate } from '../../templates';")[0]?.rule,
    ).toMatch(/not from templates\/index.ts/);
    expect(
      check('providers/meta/c.ts', "import type { TemplateDefinition } from '../../templates/index.js';"),
    ).toEqual([]);
    expect(check('broadcast/b.ts', "import '../templates/index.js';")).toEqual([]);
  });

  it('broadcast drives clients, not provider classes; the sandbox never imports the CLI', () => {
    expect(check('broadcast/b.ts', "import '../providers/nexmo/wire.js';")[0]?.rule).toMatch(/broadcast/);
    expect(check('sandbox/s.ts', "import '../cli/main.js';")[0]?.rule).toMatch(/sandbox never imports/);
    expect(check('sandbox/s.ts', "import '../index.js';")[0]?.rule).toMatch(/sandbox never imports/);
    expect(check('sandbox/s.ts', "import type { ClientConfig } from '../create-client.js';")).toEqual([]);
    expect(check('cli/c.ts', "import '../sandbox/server.js'; import '../providers/meta/wire.js';")).toEqual(
      [],
    );
  });

  it('packages: runtime dependencies only, Node built-ins only where Node is allowed', () => {
    expect(check('core/x.ts', "import ky from 'ky'; import * as z from 'zod';")).toEqual([]);
    expect(check('core/x.ts', "import { readFile } from 'node:fs/promises';")[0]?.rule).toMatch(
      /Node built-ins/,
    );
    expect(check('templates/x.ts', "import { createHash } from 'crypto';")[0]?.rule).toMatch(
      /Node built-ins/,
    );
    expect(check('sandbox/x.ts', "import { createServer } from 'node:http';")).toEqual([]);
    expect(check('core/x.ts', "import { http } from 'msw';")[0]?.rule).toMatch(/runtime dependencies/);
  });

  it('a computed import, an import leaving src/ and a file outside every layer are refused', () => {
    expect(check('core/x.ts', 'const m = await import(name);')[0]?.rule).toMatch(/string literal/);
    expect(check('core/x.ts', "import '../../package.json';")[0]?.rule).toMatch(/inside src/);
    expect(check('media/x.ts', '')[0]?.rule).toMatch(/belongs to a layer/);
  });
});
