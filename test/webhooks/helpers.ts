import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** The raw text of a fixture, exactly as stored (UTF-8). */
export function fixtureText(provider: string, name: string): string {
  return readFileSync(join(FIXTURES, provider, `${name}.json`), 'utf8');
}

/** A fixture parsed. */
export function fixture(provider: string, name: string): Record<string, unknown> {
  return JSON.parse(fixtureText(provider, name));
}

/** The fixture names of a provider folder. */
export function fixtureNames(provider: string): string[] {
  return readdirSync(join(FIXTURES, provider))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}
