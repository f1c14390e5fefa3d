import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';

/** An in-memory CliIo: captured output, a file map, stdin, env and a stop switch. */
export interface MemoryIo extends CliIo {
  stdout: string;
  /** Bytes written to standard output through `openOutput(undefined)`. */
  stdoutBytes: Uint8Array;
  stderr: string;
  files: Map<string, Uint8Array | string>;
  stop(): void;
}

export function memoryIo(
  options: {
    files?: Record<string, string | Uint8Array>;
    stdin?: string | Uint8Array;
    env?: Record<string, string>;
    isTTY?: boolean;
  } = {},
): MemoryIo {
  const files = new Map<string, Uint8Array | string>(Object.entries(options.files ?? {}));
  // Each waitForStop() waits for the next stop() (a second Ctrl-C is a second stop).
  let waiters: ((signal: undefined) => void)[] = [];
  const encode = (v: string | Uint8Array) => (typeof v === 'string' ? new TextEncoder().encode(v) : v);
  const io: MemoryIo = {
    stdout: '',
    stdoutBytes: new Uint8Array(0),
    stderr: '',
    files,
    openOutput(path) {
      const chunks: Uint8Array[] = [];
      return new WritableStream<Uint8Array>({
        write: (chunk) => {
          chunks.push(chunk.slice());
          if (path === undefined) io.stdoutBytes = Buffer.concat([io.stdoutBytes, chunk]);
        },
        close: () => {
          if (path !== undefined) files.set(path, Buffer.concat(chunks));
        },
      });
    },
    out(text) {
      io.stdout += text;
    },
    err(text) {
      io.stderr += text;
    },
    async readFile(path) {
      const value = files.get(path);
      if (value === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return encode(value);
    },
    async writeFile(path, text) {
      files.set(path, text);
    },
    async readStdin() {
      return encode(options.stdin ?? '');
    },
    env: options.env ?? {},
    isTTY: options.isTTY ?? false,
    now: () => Date.now(),
    waitForStop: () => new Promise<undefined>((resolve) => waiters.push(resolve)),
    stop: () => {
      const woken = waiters;
      waiters = [];
      for (const wake of woken) wake(undefined);
    },
  };
  return io;
}

/** Runs the CLI in-process and returns the exit code with everything printed. */
export async function cli(argv: string[], options: Parameters<typeof memoryIo>[0] = {}) {
  const io = memoryIo(options);
  const code = await runCli(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr, io };
}
