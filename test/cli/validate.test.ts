import { describe, expect, it } from 'vitest';
import { formatPath } from '../../src/cli/commands/validate.js';
import { cli } from './io.js';

const valid = {
  name: 'order_update',
  language: 'en_US',
  category: 'UTILITY',
  components: [
    {
      type: 'BODY',
      text: 'Hi {{1}}, your order {{2}} has shipped and will arrive within three working days.',
      example: { body_text: [['Ana', '1042']] },
    },
    { type: 'FOOTER', text: 'Reply STOP to opt out' },
  ],
};
const invalid = {
  ...valid,
  name: 'broken',
  components: [
    { type: 'BODY', text: 'Hi {{1}}, order {{3}} has shipped.', example: { body_text: [['Ana', '1042']] } },
    { type: 'FOOTER', text: 'Ref {{1}}' },
  ],
};
/** 1001 characters: over the strict profile's 1000, within Meta's 1024. */
const long = {
  ...valid,
  name: 'long_body',
  components: [{ type: 'BODY', text: 'x'.repeat(1001) }],
};
const files = {
  'valid.json': JSON.stringify(valid),
  'invalid.json': JSON.stringify(invalid),
  'both.json': JSON.stringify([valid, invalid]),
  'long.json': JSON.stringify(long),
  'broken.json': '{ "name": ',
};

describe('waba validate', () => {
  it('prints "valid" and exits 0 for a valid definition', async () => {
    const { code, stdout, stderr } = await cli(['validate', 'valid.json'], { files });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe('valid.json (order_update): valid\n');
  });

  it('prints every issue with severity, code and path, and exits 1', async () => {
    const { code, stdout } = await cli(['validate', 'invalid.json'], { files });
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^invalid\.json \(broken\): \d+ errors?/);
    expect(stdout).toMatch(/^ {2}error {3}variable\.not_sequential {2}components\[0\]\.text {2}\S/m);
    expect(stdout).toMatch(/^ {2}error {3}footer\.has_variables {2}components\[1\]\.text {2}\S/m);
  });

  it('reads arrays of definitions and labels each entry', async () => {
    const { code, stdout } = await cli(['validate', 'both.json'], { files });
    expect(code).toBe(1);
    expect(stdout).toContain('both.json[0] (order_update): valid\n');
    expect(stdout).toMatch(/^both\.json\[1\] \(broken\): \d+ error/m);
  });

  it('applies the profile: 1001 characters fail strict and pass meta', async () => {
    const strict = await cli(['validate', 'long.json'], { files });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('body.too_long');
    const meta = await cli(['validate', 'long.json', '--profile', 'meta'], { files });
    expect(meta.code).toBe(0);
    expect(meta.stdout).not.toContain('body.too_long');
  });

  it('--json prints the structured results', async () => {
    const { code, stdout } = await cli(['validate', '--json', 'valid.json', 'invalid.json'], { files });
    expect(code).toBe(1);
    const results = JSON.parse(stdout);
    expect(results).toHaveLength(2);
    expect(results[0]).toEqual({
      file: 'valid.json',
      index: 0,
      name: 'order_update',
      valid: true,
      issues: [],
    });
    expect(results[1].valid).toBe(false);
    expect(results[1].issues.map((i: { code: string }) => i.code)).toEqual(
      expect.arrayContaining(['variable.not_sequential', 'footer.has_variables']),
    );
    expect(results[1].issues[0]).toEqual({
      code: expect.any(String),
      path: expect.any(Array),
      message: expect.any(String),
      severity: expect.stringMatching(/^(error|warning)$/),
    });
  });

  it('reads standard input for -', async () => {
    const { code, stdout } = await cli(['validate', '-'], { stdin: JSON.stringify(valid) });
    expect(code).toBe(0);
    expect(stdout).toBe('- (order_update): valid\n');
  });

  it('a missing file or bad JSON is one line and exit 1', async () => {
    const missing = await cli(['validate', 'nope.json'], { files });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('waba: nope.json: no such file\n');
    const broken = await cli(['validate', 'broken.json'], { files });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^waba: broken\.json: not valid JSON \(.+\)\n$/);
  });

  it('usage errors exit 2: no file, unknown profile', async () => {
    expect((await cli(['validate'])).code).toBe(2);
    const bad = await cli(['validate', 'valid.json', '--profile', 'lax'], { files });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('waba: --profile must be strict or meta (see: waba validate --help)\n');
  });

  it('formats issue paths', () => {
    expect(formatPath(['components', 2, 'buttons', 0, 'text'])).toBe('components[2].buttons[0].text');
    expect(formatPath([])).toBe('(root)');
  });
});
