import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from './io.js';

const COMMANDS = ['validate', 'jwt', 'webhook', 'send', 'broadcast', 'sandbox'];

describe('waba: dispatch and help', () => {
  it('lists every command on --help and exits 0', async () => {
    const { code, stdout, stderr } = await cli(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const name of COMMANDS) expect(stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  it.each(['--version', '-v'])('%s prints the package version and exits 0', async (flag) => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const { code, stdout, stderr } = await cli([flag]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe(`${version}\n`);
  });

  it('prints the usage and exits 2 without a command', async () => {
    const { code, stdout } = await cli([]);
    expect(code).toBe(2);
    expect(stdout).toContain('Usage: waba <command>');
  });

  it.each(COMMANDS)('%s --help prints its own usage and exits 0', async (name) => {
    const { code, stdout, stderr } = await cli([name, '--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain(`Usage: waba ${name}`);
  });

  it('help <command> is the same as <command> --help', async () => {
    const a = await cli(['help', 'send']);
    const b = await cli(['send', '--help']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it('an unknown command is one line on stderr and exit 2', async () => {
    const { code, stdout, stderr } = await cli(['frobnicate']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'waba: unknown command "frobnicate"; commands: validate, jwt, webhook, send, broadcast, media, sandbox (see: waba --help)\n',
    );
  });

  it('an unknown option is one line naming it, with exit 2', async () => {
    const { code, stderr } = await cli(['jwt', '--frob']);
    expect(code).toBe(2);
    expect(stderr).toBe("waba: Unknown option '--frob' (see: waba jwt --help)\n");
  });

  it('a missing option value is one line naming the option', async () => {
    const { code, stderr } = await cli(['jwt', '--ttl']);
    expect(code).toBe(2);
    expect(stderr.split('\n')).toHaveLength(2);
    expect(stderr).toMatch(/^waba: Option '--ttl <value>' argument missing/);
  });
});
