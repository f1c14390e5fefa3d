import os from 'node:os';

/** The machine every figure was measured on. */
export interface Machine {
  cpu: string;
  cores: number;
  node: string;
  platform: string;
  date: string;
}

/** CPU model and core count from `os.cpus()`, Node version, platform and the date (UTC). */
export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
  };
}
