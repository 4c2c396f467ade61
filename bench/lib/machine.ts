import os from 'node:os';

/** The machine a benchmark ran on, printed with its figures. */
export function machineLine(): string {
  const cpus = os.cpus();
  return `node ${process.version} · ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'} · ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM · ${os.platform()} ${os.release()}`;
}
