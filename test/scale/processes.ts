/**
 * Child processes for the multi-instance tests: each runs a TypeScript fixture with tsx, prints one JSON line
 * `{"ready":...}` once it serves or is connected, may print more JSON lines, and is stopped with a signal.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Fixture {
  child: ChildProcess;
  /** Every JSON line printed so far. */
  lines: Record<string, any>[];
  /** The first line (`{ ready: ... }`). */
  ready: Promise<Record<string, any>>;
  /** Resolves with the exit code (or the signal's name) and stderr once the process exits. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  /** Resolves once a printed line satisfies `predicate`. */
  waitForLine(predicate: (line: Record<string, any>) => boolean): Promise<Record<string, any>>;
}

/** Starts `test/scale/fixtures/<name>.ts` with `args` (and `env`), stdin piped. */
export function startFixture(name: string, args: string[], env: Record<string, string> = {}): Fixture {
  const script = fileURLToPath(new URL(`./fixtures/${name}.ts`, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const lines: Record<string, any>[] = [];
  const waiters: { predicate: (line: Record<string, any>) => boolean; resolve: (l: any) => void }[] = [];
  let buffer = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const text = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (!text.startsWith('{')) continue;
      const line = JSON.parse(text) as Record<string, any>;
      lines.push(line);
      for (const w of [...waiters]) {
        if (w.predicate(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  const waitForLine = (predicate: (line: Record<string, any>) => boolean) => {
    const found = lines.find(predicate);
    if (found) return Promise.resolve(found);
    return Promise.race([
      new Promise<Record<string, any>>((resolve) => waiters.push({ predicate, resolve })),
      exited.then(({ code, signal, stderr: err }) => {
        throw new Error(`fixture ${name} exited (${code ?? signal}) before the expected line:\n${err}`);
      }),
    ]);
  };
  return { child, lines, ready: waitForLine((l) => 'ready' in l), exited, waitForLine };
}

/** Stops a fixture (SIGTERM, then SIGKILL after 5 s) and waits for it. */
export async function stopFixture(fixture: Fixture): Promise<void> {
  if (fixture.child.exitCode !== null || fixture.child.signalCode !== null) return;
  fixture.child.kill('SIGTERM');
  const timer = setTimeout(() => fixture.child.kill('SIGKILL'), 5_000);
  await fixture.exited;
  clearTimeout(timer);
}
