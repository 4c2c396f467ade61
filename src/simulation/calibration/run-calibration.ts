/**
 * One calibration run: the synthetic year of a set of municipalities, counted as the dashboard counts
 * it and set beside the public figures. Used by `npm run calibration`, the coordinator's page and the
 * calibration test; reads only the parameter files.
 */
import { loadPopulationParams } from '../params/load-population-params.ts';
import { loadSimulationParams } from '../params/load-simulation-params.ts';
import type { SimulationParams } from '../casework/params.ts';
import type { PopulationParams } from '../population/params.ts';
import { calibrationReport, type CalibrationReport } from './figures.ts';
import { simulateSyntheticYear } from './synthetic-year.ts';

/**
 * A representative set: the two biggest cities, a mid-sized city, a commuter town, a shrinking
 * city with high risk and a rural municipality — the range the monitor's averages come from.
 */
export const DEFAULT_CALIBRATION_MUNICIPALITIES = ['GM0363', 'GM0599', 'GM0505', 'GM0439', 'GM0917', 'GM1640'] as const;
export const DEFAULT_CALIBRATION_YEAR = 2025;
export const DEFAULT_CALIBRATION_SCALE = 0.25;

export interface CalibrationRunOptions {
  municipalities?: readonly string[];
  seed?: number;
  year?: number;
  scale?: number;
  /** The platform's standard (Besluit) signal types: deps.standardSignalTypes. */
  standardTypes: ReadonlySet<string>;
  populationParams?: PopulationParams;
  simulationParams?: SimulationParams;
}

export function runCalibration(opts: CalibrationRunOptions): CalibrationReport {
  const year = simulateSyntheticYear(opts.populationParams ?? loadPopulationParams(), opts.simulationParams ?? loadSimulationParams(), {
    municipalities: opts.municipalities ?? DEFAULT_CALIBRATION_MUNICIPALITIES,
    seed: opts.seed ?? 1,
    year: opts.year ?? DEFAULT_CALIBRATION_YEAR,
    scale: opts.scale ?? DEFAULT_CALIBRATION_SCALE,
    standardTypes: opts.standardTypes,
  });
  return calibrationReport(year);
}
