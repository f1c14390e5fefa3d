#!/usr/bin/env node
// Cuts a release: `npm run release -- <patch|minor|major|x.y.z>`. Sets package.json's version, moves the
// CHANGELOG's "## [Unreleased]" entries under "## [x.y.z] - <date>" (leaving an empty Unreleased section),
// commits and tags `vx.y.z`. Pushing the tag (`git push --follow-tags`) runs .github/workflows/release.yml,
// which tests and publishes with `npm publish --provenance`. No dependency: Node and git only.
// `--dry-run` prints what it would write and changes nothing.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const bump = args.find((a) => !a.startsWith('--'));
const fail = (message) => {
  console.error(`release: ${message}`);
  process.exit(1);
};
if (!bump) fail('say which version: npm run release -- <patch|minor|major|x.y.z> [--dry-run]');

/** The next version after `current` for `bump`. */
function nextVersion(current, bump) {
  if (/^\d+\.\d+\.\d+$/.test(bump)) return bump;
  const [major, minor, patch] = current.split('-')[0].split('.').map(Number);
  if (bump === 'major') return `${major + 1}.0.0`;
  if (bump === 'minor') return `${major}.${minor + 1}.0`;
  if (bump === 'patch') return `${major}.${minor}.${patch + 1}`;
  return fail(`"${bump}" is not patch, minor, major or x.y.z`);
}

/** `changelog` with its Unreleased entries moved under `version`. */
function moveUnreleased(changelog, version, date) {
  const heading = '## [Unreleased]';
  const start = changelog.indexOf(heading);
  if (start < 0) fail('CHANGELOG.md has no "## [Unreleased]" section');
  const bodyStart = start + heading.length;
  const next = changelog.indexOf('\n## [', bodyStart);
  const end = next < 0 ? changelog.length : next + 1;
  const body = changelog.slice(bodyStart, end).trim();
  if (!body) fail('the Unreleased section is empty: nothing to release');
  return `${changelog.slice(0, start)}${heading}\n\n## [${version}] - ${date}\n\n${body}\n\n${changelog.slice(end)}`;
}

const git = (...a) => execFileSync('git', a, { encoding: 'utf8' }).trim();
if (!dryRun && git('status', '--porcelain') !== '') fail('the working tree is not clean');
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const version = nextVersion(pkg.version, bump);
const date = new Date().toISOString().slice(0, 10);
const changelog = moveUnreleased(readFileSync('CHANGELOG.md', 'utf8'), version, date);
if (dryRun) {
  console.log(`would release ${pkg.version} -> ${version} (tag v${version})`);
  console.log(changelog.split('\n').slice(0, 40).join('\n'));
  process.exit(0);
}
pkg.version = version;
writeFileSync('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
// The lockfile names the root package's version twice; keep it in step so `npm ci` stays exact.
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
lock.version = version;
if (lock.packages?.['']) lock.packages[''].version = version;
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
writeFileSync('CHANGELOG.md', changelog);
git('add', 'package.json', 'package-lock.json', 'CHANGELOG.md');
git('commit', '-m', `Release ${version}`);
git('tag', '-a', `v${version}`, '-m', `waba-kit ${version}`);
console.log(`released ${version}: push it with  git push --follow-tags`);
