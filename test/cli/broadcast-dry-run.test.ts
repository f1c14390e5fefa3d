/**
 * `waba broadcast --dry-run` against the sandbox's Cloud API, which lists templates: the parameters given are
 * checked against the approved template before anything is sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envLines } from '../../src/cli/client-config.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { cli } from './io.js';

let sandbox: Sandbox;
let env: Record<string, string>;
beforeAll(async () => {
  sandbox = await startSandbox();
  sandbox.templates.add({
    name: 'order_update',
    language: 'en_US',
    category: 'UTILITY',
    components: [{ type: 'BODY', text: 'Hi {{1}}, your order {{2}} has shipped.' }],
  } as never);
  env = { WABA_PROVIDER: 'meta' };
  for (const line of envLines(sandbox.config('meta'))) {
    const [, name, value] = /^export (\w+)='(.*)'$/.exec(line) ?? [];
    if (name) env[name] = value as string;
  }
});
afterAll(() => sandbox.stop());

const args = (...params: string[]) => [
  'broadcast',
  '--recipients',
  'list.csv',
  '--all-opted-in',
  '--template',
  'order_update',
  '--language',
  'en_US',
  '--dry-run',
  '--report',
  'dry.json',
  ...params.flatMap((p) => ['--param', p]),
];
const files = { 'list.csv': 'phone,name\n+447700900001,Ana\n' };

describe('waba broadcast --dry-run template check', () => {
  it('catches a parameter-count mismatch the real run would fail on (132000)', async () => {
    const { code, stdout } = await cli(args('{name}'), { env, files });
    expect(stdout).toContain(
      '  template order_update (en_US) has 2 body parameter(s) but --param gives 1: every send would fail\n',
    );
    expect(code).toBe(1);
    expect(sandbox.messages).toHaveLength(0);
  });

  it('passes when the parameters match, and a missing template is named', async () => {
    const ok = await cli(args('{name}', '1042'), { env, files });
    expect(ok.stdout).toContain('  template order_update (en_US) found; 2 parameter(s) match\n');
    expect(ok.code).toBe(0);
    const missing = await cli([...args('x').slice(0, -2), '--template', 'nope'], { env, files });
    expect(missing.stdout).toContain('template nope (en_US) was not found: every send would fail');
    expect(missing.code).toBe(1);
    expect(sandbox.messages).toHaveLength(0);
  });
});
