#!/usr/bin/env node
// The public API report: one `api/<entry>.api.md` per package entry (package.json `exports`), listing every
// exported name with its kind and its declared signature, sorted by name, so that every change of the public
// surface shows up as a diff in review.
//
//   node scripts/api-report.mjs          regenerate api/*.api.md (npm run api:report)
//   node scripts/api-report.mjs --check  fail when a report is stale or a surface rule is broken (npm test)
//
// The signatures are the TypeScript compiler's own declaration output (the `.d.ts` it would publish), emitted in
// memory from the source entries, so the report does not depend on a previous build.
//
// Surface rules, checked in both modes:
// - all entries together export at most MAX_PUBLIC_NAMES distinct names;
// - a name is exported from one entry only, except the deliberate root re-exports listed in
//   scripts/api-root-reexports.json (the root and one subpath export the same declaration);
// - every export carries a TSDoc comment.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const MAX_PUBLIC_NAMES = 200;
const root = resolve(import.meta.dirname, '..');
const apiDir = join(root, 'api');
const reexportsFile = join(root, 'scripts/api-root-reexports.json');
const check = process.argv.includes('--check');

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** The entries: package.json subpath -> report name and source file (tsup builds `src/entries/<name>.ts`). */
const entries = Object.keys(pkg.exports)
  .filter((subpath) => subpath !== './package.json')
  .map((subpath) => {
    const name = subpath === '.' ? 'index' : subpath.slice(2);
    const source = join(root, subpath === '.' ? 'src/index.ts' : `src/entries/${name}.ts`);
    if (!existsSync(source)) throw new Error(`${subpath}: no source entry at ${relative(root, source)}`);
    return { subpath, specifier: subpath === '.' ? pkg.name : `${pkg.name}/${name}`, name, source };
  });

/** Emits the declarations of src/ in memory and returns a program over them. */
function declarationProgram() {
  const configPath = join(root, 'tsconfig.json');
  const parsed = ts.parseJsonConfigFileContent(
    ts.readConfigFile(configPath, ts.sys.readFile).config,
    ts.sys,
    root,
  );
  const options = {
    ...parsed.options,
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    removeComments: false,
    sourceMap: false,
    declarationMap: false,
    outDir: join(root, '.api-dts'),
    rootDir: root,
  };
  const sources = entries.map((e) => e.source);
  const emitted = new Map();
  const program = ts.createProgram(sources, options);
  const errors = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) fail([`the sources do not typecheck:\n${ts.formatDiagnostics(errors, formatHost)}`]);
  const result = program.emit(undefined, (file, text) => emitted.set(resolve(file), text), undefined, true);
  if (result.emitSkipped) fail(['TypeScript skipped the declaration emit']);

  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (file) => emitted.get(resolve(file)) ?? readFile(file);
  host.fileExists = (file) => emitted.has(resolve(file)) || fileExists(file);
  const emittedDirs = new Set([...emitted.keys()].flatMap((f) => ancestors(dirname(f))));
  const directoryExists = host.directoryExists?.bind(host);
  host.directoryExists = (dir) =>
    emittedDirs.has(resolve(dir)) || (directoryExists ? directoryExists(dir) : true);
  const dts = (source) => join(options.outDir, relative(root, source)).replace(/\.ts$/, '.d.ts');
  const dtsEntries = entries.map((e) => dts(e.source));
  const dtsProgram = ts.createProgram(dtsEntries, { ...options, noEmit: true, skipLibCheck: false }, host);
  const dtsErrors = dtsProgram
    .getSemanticDiagnostics()
    .concat(dtsProgram.getSyntacticDiagnostics())
    .filter((d) => d.file && emitted.has(resolve(d.file.fileName)));
  if (dtsErrors.length > 0)
    fail([
      `the emitted declarations do not typecheck:\n${ts.formatDiagnostics(dtsErrors.slice(0, 10), formatHost)}`,
    ]);
  const ownFile = (sourceFile) => emitted.has(resolve(sourceFile.fileName));
  return { program: dtsProgram, dts, ownFile };
}

function ancestors(dir) {
  const out = [];
  for (let d = dir; d.startsWith(root) && d !== root; d = dirname(d)) out.push(d);
  return out;
}

const formatHost = {
  getCanonicalFileName: (f) => f,
  getCurrentDirectory: () => root,
  getNewLine: () => '\n',
};

const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

/** The kind a declaration gives its name in the report. */
function kindOf(decl) {
  if (ts.isFunctionDeclaration(decl)) return 'function';
  if (ts.isClassDeclaration(decl)) return 'class';
  if (ts.isInterfaceDeclaration(decl)) return 'interface';
  if (ts.isTypeAliasDeclaration(decl)) return 'type';
  if (ts.isEnumDeclaration(decl)) return 'enum';
  if (ts.isModuleDeclaration(decl)) return 'namespace';
  if (ts.isVariableDeclaration(decl)) return 'const';
  return ts.SyntaxKind[decl.kind];
}

/** Private class members are not part of the contract (the d.ts keeps them as `private x;`). */
function withoutPrivates(decl) {
  if (!ts.isClassDeclaration(decl)) return decl;
  const members = decl.members.filter((m) => {
    if (m.name && ts.isPrivateIdentifier(m.name)) return false;
    return !ts.getCombinedModifierFlags(m) || !(ts.getCombinedModifierFlags(m) & ts.ModifierFlags.Private);
  });
  return ts.factory.updateClassDeclaration(
    decl,
    decl.modifiers,
    decl.name,
    decl.typeParameters,
    decl.heritageClauses,
    members,
  );
}

/** The printed declaration, with `export`/`declare` dropped so that re-exports and local exports read alike. */
function signatureOf(decl) {
  const node = ts.isVariableDeclaration(decl) ? decl.parent.parent : withoutPrivates(decl);
  const text = printer.printNode(ts.EmitHint.Unspecified, node, decl.getSourceFile());
  return text.replace(/^export (default )?/, '').replace(/^declare /, '');
}

function hasDoc(decl, checker, symbol) {
  const node = ts.isVariableDeclaration(decl) ? decl.parent.parent : decl;
  const docs = ts.getJSDocCommentsAndTags(node);
  if (docs.some((d) => (ts.isJSDoc(d) ? d.comment || (d.tags?.length ?? 0) > 0 : true))) return true;
  return ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim().length > 0;
}

function isPrivateMember(member) {
  if (member.name && ts.isPrivateIdentifier(member.name)) return true;
  return (ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Private) !== 0;
}

/** The declarations a name stands for, past re-export aliases, without the module itself. */
function declarationsOf(symbol, checker) {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  return { target, decls: (target.declarations ?? []).filter((d) => !ts.isSourceFile(d)) };
}

/** Symbols of this package's own declarations that `decl` names in a type position (public members only). */
function referencedSymbols(decl, checker, ownFile) {
  const found = new Set();
  const visit = (node) => {
    if ((ts.isClassElement(node) || ts.isTypeElement(node)) && isPrivateMember(node)) return;
    let name;
    if (ts.isTypeReferenceNode(node)) name = node.typeName;
    else if (ts.isExpressionWithTypeArguments(node)) name = node.expression;
    else if (ts.isTypeQueryNode(node)) name = node.exprName;
    else if (ts.isImportTypeNode(node)) name = node.qualifier;
    if (name) {
      const right = ts.isQualifiedName(name)
        ? name.right
        : ts.isPropertyAccessExpression(name)
          ? name.name
          : name;
      const symbol = checker.getSymbolAtLocation(right);
      if (symbol) {
        const { target, decls } = declarationsOf(symbol, checker);
        if (!(target.flags & ts.SymbolFlags.TypeParameter) && decls.some((d) => ownFile(d.getSourceFile())))
          found.add(target);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.isVariableDeclaration(decl) ? decl.parent.parent : decl);
  return found;
}

function describeSymbol(name, target, decls, checker) {
  return {
    name,
    kinds: [...new Set(decls.map(kindOf))],
    signatures: decls.map(signatureOf),
    documented: decls.length > 0 && decls.every((d) => hasDoc(d, checker, target)),
  };
}

function collect() {
  const { program, dts, ownFile } = declarationProgram();
  const checker = program.getTypeChecker();
  const reports = entries.map((entry) => {
    const file = program.getSourceFile(dts(entry.source));
    if (!file) throw new Error(`no declarations emitted for ${relative(root, entry.source)}`);
    const moduleSymbol = checker.getSymbolAtLocation(file);
    const exports = (moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : []).map((exported) => {
      const { target, decls } = declarationsOf(exported, checker);
      return { ...describeSymbol(exported.name, target, decls, checker), target, decls };
    });
    exports.sort(byName);
    return { ...entry, exports };
  });

  // Types the exports name without exporting them: users meet them (an options bag, a result shape), so a
  // change to them is a change of the public surface too, and the report records them (API Extractor's
  // "forgotten exports"). A type exported by another entry is recorded in that entry's report instead.
  const exported = new Set(reports.flatMap((r) => r.exports.map((e) => e.target)));
  for (const report of reports) {
    const seen = new Set();
    const queue = report.exports.flatMap((e) => e.decls);
    const reachable = [];
    while (queue.length > 0) {
      const decl = queue.shift();
      for (const symbol of referencedSymbols(decl, checker, ownFile)) {
        if (exported.has(symbol) || seen.has(symbol)) continue;
        seen.add(symbol);
        const { decls } = declarationsOf(symbol, checker);
        reachable.push(describeSymbol(symbol.name, symbol, decls, checker));
        queue.push(...decls);
      }
    }
    reachable.sort(byName);
    report.reachable = reachable;
  }
  return reports;
}

function byName(a, b) {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function render(entry) {
  const lines = [
    `# API report: \`${entry.specifier}\``,
    '',
    `<!-- Generated by \`npm run api:report\` from ${relative(root, entry.source)}; do not edit by hand. -->`,
    '',
    `${entry.exports.length} exported names.`,
    '',
  ];
  for (const e of entry.exports) {
    lines.push(`## \`${e.name}\` (${e.kinds.join(', ')})`, '', '```ts', ...e.signatures, '```', '');
  }
  if (entry.reachable.length > 0) {
    lines.push(
      '## Reachable, not exported by name',
      '',
      'Declarations the exports above refer to without any entry exporting them (options bags, result shapes).',
      'They are part of the public surface all the same.',
      '',
    );
    for (const e of entry.reachable) {
      lines.push(`### \`${e.name}\` (${e.kinds.join(', ')})`, '', '```ts', ...e.signatures, '```', '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function readReexports() {
  const list = JSON.parse(readFileSync(reexportsFile, 'utf8'));
  if (!Array.isArray(list.names) || list.names.some((n) => typeof n !== 'string'))
    throw new Error(`${relative(root, reexportsFile)}: expected { "names": string[] }`);
  return new Set(list.names);
}

/** The surface rules; returns the violations as sentences. */
function rules(reports) {
  const problems = [];
  const allowed = readReexports();
  const byName = new Map();
  for (const r of reports)
    for (const e of r.exports) byName.set(e.name, [...(byName.get(e.name) ?? []), { entry: r, e }]);

  if (byName.size > MAX_PUBLIC_NAMES)
    problems.push(
      `the entries export ${byName.size} distinct names, over the budget of ${MAX_PUBLIC_NAMES}: ` +
        'keep internals out of the entry export lists (tests may import them from src/ directly).',
    );

  for (const [name, homes] of byName) {
    if (homes.length === 1) {
      if (allowed.has(name))
        problems.push(
          `\`${name}\` is listed in scripts/api-root-reexports.json but exported only from ` +
            `${homes[0].entry.specifier}: remove it from the list.`,
        );
      continue;
    }
    const where = homes.map((h) => h.entry.specifier).join(', ');
    const fromRoot = homes.some((h) => h.entry.name === 'index');
    if (!allowed.has(name) || !fromRoot || homes.length > 2)
      problems.push(
        `\`${name}\` is exported from ${where}: give it one home, or (for a deliberate re-export from the root ` +
          'and one subpath) list it in scripts/api-root-reexports.json.',
      );
    else if (new Set(homes.map((h) => h.e.target)).size > 1)
      problems.push(
        `\`${name}\` names different declarations in ${where}: a re-export must be the same one.`,
      );
  }
  for (const name of allowed)
    if (!byName.has(name))
      problems.push(
        `\`${name}\` is listed in scripts/api-root-reexports.json but exported nowhere: remove it.`,
      );

  for (const r of reports) {
    for (const e of r.exports)
      if (!e.documented) problems.push(`\`${e.name}\` (${r.specifier}) has no TSDoc comment: document it.`);
    for (const e of r.reachable)
      if (!e.documented)
        problems.push(`\`${e.name}\` (reachable from ${r.specifier}) has no TSDoc comment: document it.`);
  }
  return problems;
}

function fail(problems) {
  process.stderr.write(
    `api-report: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join('\n')}\n`,
  );
  process.exit(1);
}

function names(text) {
  return new Set([...text.matchAll(/^## `([^`]+)`/gm)].map((m) => m[1]));
}

const reports = collect();
const rendered = new Map(reports.map((r) => [`${r.name}.api.md`, render(r)]));
const problems = rules(reports);

if (check) {
  const stale = [];
  const present = existsSync(apiDir) ? readdirSync(apiDir).filter((f) => f.endsWith('.api.md')) : [];
  for (const [file, text] of rendered) {
    const path = join(apiDir, file);
    if (!existsSync(path)) {
      stale.push(`api/${file} is missing`);
      continue;
    }
    const committed = readFileSync(path, 'utf8');
    if (committed === text) continue;
    const before = names(committed);
    const after = names(text);
    const added = [...after].filter((n) => !before.has(n));
    const removed = [...before].filter((n) => !after.has(n));
    const detail = [
      added.length ? `added ${added.join(', ')}` : '',
      removed.length ? `removed ${removed.join(', ')}` : '',
      !added.length && !removed.length ? 'signatures changed' : '',
    ]
      .filter(Boolean)
      .join('; ');
    stale.push(`api/${file} is out of date (${detail})`);
  }
  for (const file of present)
    if (!rendered.has(file)) stale.push(`api/${file} belongs to no package entry: delete it`);
  if (stale.length > 0)
    problems.unshift(
      `the public API differs from the committed reports:\n${stale.map((s) => `      ${s}`).join('\n')}\n` +
        '    Run `npm run api:report`, review the diff with `git diff api/` (every name there is a public ' +
        'promise), and commit api/*.api.md together with your change.',
    );
  if (problems.length > 0) fail(problems);
  const total = new Set(reports.flatMap((r) => r.exports.map((e) => e.name))).size;
  process.stdout.write(
    `api-report: ${reports.length} entries, ${total} distinct public names, reports up to date\n`,
  );
} else {
  rmSync(apiDir, { recursive: true, force: true });
  mkdirSync(apiDir, { recursive: true });
  for (const [file, text] of rendered) {
    mkdirSync(dirname(join(apiDir, file)), { recursive: true });
    writeFileSync(join(apiDir, file), text);
  }
  const total = new Set(reports.flatMap((r) => r.exports.map((e) => e.name))).size;
  process.stdout.write(
    `api-report: wrote ${rendered.size} reports to api/ (${total} distinct public names); review and commit them\n`,
  );
  if (problems.length > 0) fail(problems);
}
