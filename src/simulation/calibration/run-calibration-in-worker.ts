/**
 * The calibration off the main thread: a year of several municipalities takes seconds of CPU, and
 * the web app must keep answering other requests meanwhile. Check the options first
 * (checkCalibrationOptions): the worker answers a bad one only with its message.
 */
import type { CalibrationJob } from './calibration-worker.ts';
import type { CalibrationReport } from './figures.ts';
import { runInWorker } from '../run-in-worker.ts';

/** One report per seed, computed in a worker thread. */
export function runCalibrationsInWorker(opts: { municipalities: readonly string[]; seeds: readonly number[]; year?: number; scale: number; standardTypes: ReadonlySet<string> }): Promise<CalibrationReport[]> {
  const job: CalibrationJob = {
    municipalities: [...opts.municipalities],
    seeds: [...opts.seeds],
    ...(opts.year === undefined ? {} : { year: opts.year }),
    scale: opts.scale,
    standardTypes: [...opts.standardTypes],
  };
  return runInWorker<CalibrationReport[]>(new URL('./calibration-worker.ts', import.meta.url), job);
}
