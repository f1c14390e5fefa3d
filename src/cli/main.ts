#!/usr/bin/env node
/**
 * The `waba` binary: runs {@link runCli} on the process's arguments, streams and environment.
 * @module
 */
import { readFile, writeFile } from 'node:fs/promises';
import { openFileOutput } from './file-output.js';
import type { CliIo } from './io.js';
import { runCli } from './run.js';

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

const io: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  readFile: async (path) => new Uint8Array(await readFile(path)),
  writeFile: (path, text) => writeFile(path, text, 'utf8'),
  openOutput: (path) =>
    path === undefined
      ? new WritableStream<Uint8Array>({
          // Standard output is shared: write with backpressure, never end it.
          write: (chunk) =>
            new Promise<void>((resolve, reject) =>
              process.stdout.write(chunk, (error) => (error ? reject(error) : resolve())),
            ),
        })
      : openFileOutput(path),
  readStdin,
  env: process.env,
  isTTY: process.stderr.isTTY === true,
  now: () => Date.now(),
  waitForStop: () =>
    new Promise<'SIGINT' | 'SIGTERM'>((resolve) => {
      const onInt = () => {
        process.off('SIGTERM', onTerm);
        resolve('SIGINT');
      };
      const onTerm = () => {
        process.off('SIGINT', onInt);
        resolve('SIGTERM');
      };
      process.once('SIGINT', onInt);
      process.once('SIGTERM', onTerm);
    }),
};

process.exitCode = await runCli(process.argv.slice(2), io);
