/**
 * Worker thread of the what-if forecast the web app asks for (forecastOverSeedsInWorker): five
 * generated years take seconds of CPU, which on the web process's main thread would stall every
 * other request. Reads the same parameter file as the main thread.
 */
import { workerData } from 'node:worker_threads';
import type { ForecastInput } from '../../domain/capacity/forecast.ts';
import { loadPopulationParams } from '../params/load-population-params.ts';
import { postOutcome } from '../run-in-worker.ts';
import { forecastOverSeeds } from './forecast-over-seeds.ts';

export interface ForecastJob {
  input: ForecastInput;
  runs: number;
}

const job = workerData as ForecastJob;
postOutcome(() => forecastOverSeeds(loadPopulationParams(), job.input, job.runs));
