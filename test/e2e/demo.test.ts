/**
 * `npm run demo` keeps working: the demo runs in a child process against the sandbox, exits 0, and shows every
 * step of its story.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';

const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');

it('the demo runs end to end offline and exits 0', { timeout: 90_000 }, async () => {
  const child = spawn(process.execPath, [tsxCli, 'examples/demo.ts'], {
    env: { ...process.env, NO_COLOR: '1' },
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(code, out).toBe(0);
  const plain = out; // NO_COLOR and a pipe: the demo prints no ANSI colours
  expect(plain).not.toContain('\u001b[');
  expect(plain).toContain('message_template_status_update webhook: APPROVED');
  for (const name of ['Vonage', 'Gupshup', 'Meta Cloud API', 'CleverTap'])
    expect(plain).toMatch(new RegExp(`${name}\\s+text \\S+: (accepted -> )?sent -> delivered -> read`));
  // Refusals the demo sets out to show are marked as expected; a ✗ would mean something failed.
  expect(plain).not.toContain('✗');
  expect(plain).toContain('○ expected: WindowClosedError, nothing sent');
  expect(plain).toContain('○ expected: QuotaExceededError, nothing sent');
  expect(plain).toContain('WindowClosedError, nothing sent');
  expect(plain).toContain('status failed (131047)');
  expect(plain).toContain('QuotaExceededError, nothing sent');
  expect(plain).toMatch(/progress 30\/30/);
  expect(plain).toMatch(/│ sent\s+│\s+20 │/);
  expect(plain).toMatch(/│ replied\s+│\s+3 │/);
});
