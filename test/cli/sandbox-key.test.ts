/**
 * `waba sandbox` writes the Vonage sandbox key safely (issue "Hostile input and bad days", item 15; also the
 * first-hour issue's item 10): created exclusively (`O_EXCL`, mode 0600) inside a private `mkdtemp` directory,
 * never through a symlink planted at the old predictable `$TMPDIR/waba-sandbox-<port>.key`, and removed on every
 * exit path: stop, SIGINT, SIGTERM and error. The signals are sent to the BUILT binary in a real child process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { memoryIo } from './io.js';

const root = resolve(import.meta.dirname, '../..');
const BIN = join(root, JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).bin.waba);

let dir: string;
beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'waba-key-test-')));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}

/** The key path the sandbox printed (the nexmo block's `WABA_PRIVATE_KEY`). */
function keyPathOf(stdout: string): string {
  const match = /^export WABA_PRIVATE_KEY='?([^'\n]+)'?$/m.exec(stdout);
  if (!match?.[1]) throw new Error(`no WABA_PRIVATE_KEY in:\n${stdout}`);
  return match[1];
}

/** Starts the built `waba sandbox` with TMPDIR set to the test directory; resolves once it is serving. */
async function startChild(
  port: number,
): Promise<{ child: ChildProcess; stdout: () => string; stderr: () => string }> {
  if (!existsSync(BIN)) throw new Error('dist/cli.js is missing: run `npm run build` before these tests');
  const child = spawn(process.execPath, [BIN, 'sandbox', '--port', String(port)], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', TMPDIR: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  await new Promise<void>((done, fail) => {
    child.stdout?.on('data', (d) => {
      stdout += d;
      if (stdout.includes('Press Ctrl-C')) done();
    });
    child.on('close', () => fail(new Error(`sandbox exited early: ${stderr}`)));
  });
  return { child, stdout: () => stdout, stderr: () => stderr };
}

// The child says "Press Ctrl-C" only once it listens for the signals (it used to say it first: under load the
// signal could land in between and end the child by the default action, exit null, key file left behind).
describe('the sandbox key file, in a real child process', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'never follows a planted symlink, is 0600 in a private 0700 directory, and is gone after %s',
    async (signal) => {
      const victim = join(dir, 'victim.txt');
      writeFileSync(victim, 'precious');
      // The port is chosen free, then given to the sandbox: another test may take it in between, so retry.
      let started: Awaited<ReturnType<typeof startChild>> | undefined;
      for (let attempt = 0; !started; attempt++) {
        const port = await freePort();
        symlinkSync(victim, join(dir, `waba-sandbox-${port}.key`));
        try {
          started = await startChild(port);
        } catch (error) {
          if (attempt >= 2) throw error;
        }
      }
      const { child, stdout } = started;
      const keyPath = keyPathOf(stdout());
      expect(readFileSync(victim, 'utf8')).toBe('precious');
      expect(lstatSync(keyPath).isFile()).toBe(true);
      expect(statSync(keyPath).mode & 0o777).toBe(0o600);
      expect(readFileSync(keyPath, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
      const keyDir = dirname(keyPath);
      expect(dirname(keyDir)).toBe(dir);
      expect(statSync(keyDir).mode & 0o777).toBe(0o700);
      const exit = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
      child.kill(signal);
      expect(await exit).toBe(0);
      expect(existsSync(keyPath)).toBe(false);
      expect(existsSync(keyDir)).toBe(false);
      expect(readFileSync(victim, 'utf8')).toBe('precious');
    },
  );
});

describe('the sandbox key file, in process', () => {
  it('is removed when the sandbox is stopped', async () => {
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = dir;
    try {
      const io = memoryIo();
      const run = runCli(['sandbox'], io);
      while (!io.stdout.includes('Press Ctrl-C')) await new Promise((r) => setTimeout(r, 10));
      const keyPath = keyPathOf(io.stdout);
      expect(existsSync(keyPath)).toBe(true);
      io.stop();
      expect(await run).toBe(0);
      expect(existsSync(keyPath)).toBe(false);
      expect(existsSync(dirname(keyPath))).toBe(false);
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
    }
  });

  it('listens for Ctrl-C before it prints "Press Ctrl-C" (a signal right after the line is not fatal)', async () => {
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = dir;
    try {
      const io = memoryIo();
      const wait = io.waitForStop;
      let printedWhenListening: string | undefined;
      io.waitForStop = () => {
        printedWhenListening ??= io.stdout;
        return wait();
      };
      const run = runCli(['sandbox'], io);
      while (!io.stdout.includes('Press Ctrl-C')) await new Promise((r) => setTimeout(r, 10));
      io.stop();
      expect(await run).toBe(0);
      expect(printedWhenListening).toContain('WABA_PRIVATE_KEY');
      expect(printedWhenListening).not.toContain('Press Ctrl-C');
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
    }
  });

  it('is removed when the command fails after writing it (stdout gone: EPIPE)', async () => {
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = dir;
    try {
      const io = memoryIo();
      let printed = '';
      io.out = (text) => {
        printed += text;
        if (printed.includes('WABA_PRIVATE_KEY'))
          throw Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
      };
      expect(await runCli(['sandbox'], io)).toBe(1);
      const keyPath = keyPathOf(printed);
      expect(existsSync(keyPath)).toBe(false);
      expect(existsSync(dirname(keyPath))).toBe(false);
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
    }
  });
});
