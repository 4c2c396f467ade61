/**
 * Worker thread of the calibration the web app shows (run-calibration-in-worker.ts): simulating a
 * year takes seconds of CPU, which on the web process's main thread would stall every other
 * request. Posts the reports, one per seed.
 */
import { workerData } from 'node:worker_threads';
import { postOutcome } from '../run-in-worker.ts';
import { runCalibration } from './run-calibration.ts';

export interface CalibrationJob {
  municipalities: string[];
  seeds: number[];
  year?: number;
  scale: number;
  standardTypes: string[];
}

const job = workerData as CalibrationJob;
postOutcome(() => {
  const standardTypes = new Set(job.standardTypes);
  return job.seeds.map((seed) => runCalibration({ municipalities: job.municipalities, seed, scale: job.scale, standardTypes, ...(job.year === undefined ? {} : { year: job.year }) }));
});
