/**
 * A real Chromium for the inspector's browser tests: scripts/ensure-chromium.sh finds one (or installs Debian's
 * `chromium` package on a fresh machine, as scripts/ensure-redis.sh does for Redis) and playwright-core drives
 * it headless. The tests fail, never skip, when no browser can be had.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

/** The path of a Chromium binary, installing one when missing. */
export function chromiumPath(): string {
  const script = fileURLToPath(new URL('../../scripts/ensure-chromium.sh', import.meta.url));
  const result = spawnSync('sh', [script], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 600_000,
  });
  const path = result.stdout.trim().split('\n').at(-1);
  if (result.status !== 0 || !path)
    throw new Error(
      'No Chromium for the browser tests: scripts/ensure-chromium.sh could not find or install one (it needs apt-get and root or password-less sudo). Install Chromium (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.',
    );
  return path;
}

/** Launches the browser headless (no sandbox: CI containers run as root). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
}
