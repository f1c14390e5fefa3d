/**
 * No spread of an array into call arguments in src/ (`push(...x)`, `Math.max(...x)`, `Math.min(...x)`,
 * `f.apply(this, x)`): each element becomes an argument, and ~130 000 of them overflow the stack, so a batch from
 * a webhook, a CSV or a provider answer could throw. Loops instead. The allow-list holds only provably bounded
 * cases, each with its reason.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SRC = join(ROOT, 'src');

/** `file:text of the spread` -> why it is bounded. */
const ALLOWED: Record<string, string> = {
  'src/sandbox/providers/nexmo.ts:invalid.push(...mediaIssues(':
    'mediaIssues returns at most a handful of issues about one media object',
  'src/providers/clevertap/templates.ts:issues.push(...checkClickTrackingUrl(':
    'checkClickTrackingUrl returns at most a few issues about one URL',
  'src/cli/commands/broadcast.ts:Math.max(...rows.map(':
    'rows is the fixed list of summary labels the command prints (a literal of a few entries)',
};

const SPREAD = /(?:\.push|\.unshift|Math\.max|Math\.min)\(\s*\.\.\.(?!\[)|\.apply\(/g;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('no unbounded argument spreads in src/', () => {
  it('finds only allow-listed, provably bounded spreads', () => {
    const found: string[] = [];
    for (const file of files(SRC)) {
      const rel = relative(ROOT, file).replaceAll('\\', '/');
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (/^\s*(\/\/|\*)/.test(line)) return;
        for (const match of line.matchAll(SPREAD)) {
          const rest = line.slice(match.index);
          const allowed = Object.keys(ALLOWED).some((key) => {
            const [path, text] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
            return path === rel && line.includes(text) && rest.length > 0;
          });
          if (!allowed) found.push(`${rel}:${i + 1}: ${line.trim()}`);
        }
      });
    }
    expect(found).toEqual([]);
  });

  it('catches the patterns it is meant to', () => {
    for (const bad of ['a.push(...b)', 'Math.max(...xs)', 'Math.min( ...xs)', 'f.apply(null, xs)'])
      expect(bad.match(SPREAD), bad).not.toBeNull();
    expect('a.push(...[1, 2])'.match(SPREAD)).toBeNull();
  });
});
