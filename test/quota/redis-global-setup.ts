/**
 * Starts a throwaway `redis-server` on 127.0.0.1 (a free port, no persistence) for the Redis quota-store tests,
 * and stops it on teardown. The URL is provided to tests as `redisUrl`. When `redis-server` is not installed,
 * scripts/ensure-redis.sh installs Debian's package (as root, or with password-less sudo), so the test command
 * stays all a fresh machine needs; when that is impossible, `redisError` says why and the Redis tests fail
 * with that message (they never skip).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `redis://127.0.0.1:<port>` of the test server, or '' when it could not start. */
    redisUrl: string;
    /** Why the test server could not start, or ''. */
    redisError: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function waitReady(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`redis-server did not start in ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with code ${code}:\n${output}`));
    });
  });
}

const hasRedisServer = () => {
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return !found.error && found.status === 0;
};

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!hasRedisServer()) {
    const script = fileURLToPath(new URL('../../scripts/ensure-redis.sh', import.meta.url));
    spawnSync('sh', [script], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 600_000 });
  }
  if (!hasRedisServer()) {
    project.provide('redisUrl', '');
    project.provide(
      'redisError',
      'redis-server is not installed and scripts/ensure-redis.sh could not install it (it needs apt-get and root or password-less sudo), so the Redis quota-store tests cannot run. Install Redis 6.2+ (Debian: apt-get install -y redis-server) and run the tests again.',
    );
    return async () => {};
  }
  let child: ChildProcess | undefined;
  let lastError = '';
  for (let attempt = 0; attempt < 3 && !child; attempt++) {
    const port = await freePort();
    const candidate = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      await waitReady(candidate, 10_000);
      child = candidate;
      project.provide('redisUrl', `redis://127.0.0.1:${port}`);
      project.provide('redisError', '');
      process.env.WABA_KIT_TEST_REDIS_URL = `redis://127.0.0.1:${port}`;
    } catch (error) {
      lastError = (error as Error).message;
      candidate.kill('SIGKILL');
    }
  }
  if (!child) {
    project.provide('redisUrl', '');
    project.provide('redisError', `redis-server could not be started on 127.0.0.1: ${lastError}`);
    return async () => {};
  }
  const running = child;
  return async () => {
    if (running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    if (running.exitCode === null) running.kill('SIGKILL');
  };
}
