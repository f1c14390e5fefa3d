import { execFile } from 'node:child_process';

/** Runs `node <flags> --input-type=module -e <code>` in `cwd` and returns its stdout. */
export function nodeEval(code: string, cwd: string, flags: string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...flags, '--input-type=module', '-e', code],
      { cwd, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
    );
  });
}
