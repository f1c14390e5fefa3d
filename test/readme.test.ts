import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('README quick starts are the typechecked example files, verbatim', () => {
  const dir = join(root, 'examples/quickstart');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    it(file, () => {
      const code = readFileSync(join(dir, file), 'utf8');
      expect(readme).toContain(`\`\`\`ts\n${code}\`\`\``);
    });
  }
});
