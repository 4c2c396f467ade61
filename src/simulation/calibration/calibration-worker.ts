/**
 * Worker thread of the calibration the web app shows (run-calibration-in-worker.ts): simulating a
 * year takes seconds of CPU, which on the web process's main thread would stall every other
 * request. Posts the reports, one per seed, or the error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CalibrationReport } from './figures.ts';
import { runCalibration } from './run-calibration.ts';

export interface CalibrationJob {
  municipalities: string[];
  seeds: number[];
  year?: number;
  scale: number;
  standardTypes: string[];
}

export type CalibrationWorkerMessage = { reports: CalibrationReport[] } | { error: string };

const job = workerData as CalibrationJob;
let message: CalibrationWorkerMessage;
try {
  const standardTypes = new Set(job.standardTypes);
  message = {
    reports: job.seeds.map((seed) =>
      runCalibration({ municipalities: job.municipalities, seed, scale: job.scale, standardTypes, ...(job.year === undefined ? {} : { year: job.year }) }),
    ),
  };
} catch (e) {
  message = { error: (e as Error).message };
}
parentPort!.postMessage(message);
