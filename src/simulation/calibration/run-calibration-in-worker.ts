/**
 * The calibration off the main thread: a year of several municipalities takes seconds of CPU, and
 * the web app must keep answering other requests meanwhile. Check the options first
 * (checkCalibrationOptions): the worker answers a bad one only with its message.
 */
import { Worker } from 'node:worker_threads';
import type { CalibrationJob, CalibrationWorkerMessage } from './calibration-worker.ts';
import type { CalibrationReport } from './figures.ts';

/**
 * Worker threads do not inherit the TypeScript loader that `tsx` installs in the main thread, so a
 * small bootstrap registers it before importing the worker module (a compiled .js build skips it).
 */
function startWorker(job: CalibrationJob): Worker {
  const url = new URL('./calibration-worker.ts', import.meta.url).href;
  const boot = url.endsWith('.ts')
    ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(url)}); });`
    : `import(${JSON.stringify(url)});`;
  return new Worker(boot, { eval: true, workerData: job });
}

/** One report per seed, computed in a worker thread. */
export function runCalibrationsInWorker(opts: { municipalities: readonly string[]; seeds: readonly number[]; year?: number; scale: number; standardTypes: ReadonlySet<string> }): Promise<CalibrationReport[]> {
  const job: CalibrationJob = {
    municipalities: [...opts.municipalities],
    seeds: [...opts.seeds],
    ...(opts.year === undefined ? {} : { year: opts.year }),
    scale: opts.scale,
    standardTypes: [...opts.standardTypes],
  };
  return new Promise((resolve, reject) => {
    const worker = startWorker(job);
    let settled = false;
    worker.once('message', (m: CalibrationWorkerMessage) => {
      settled = true;
      if ('error' in m) reject(new Error(`calibration worker: ${m.error}`));
      else resolve(m.reports);
    });
    worker.once('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`calibration worker exited with ${code} before it answered`));
    });
  });
}
