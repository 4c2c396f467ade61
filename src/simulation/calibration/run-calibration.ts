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

/** A calibration asked for with values it cannot run on: each names the option and says why. */
export class CalibrationInputError extends Error {
  constructor(readonly problems: ReadonlyArray<{ name: string; reason: string }>) {
    super(problems.map((p) => `${p.name}: ${p.reason}`).join('; '));
    this.name = 'CalibrationInputError';
  }
}

/** Years the generator and the rule data cover (the Besluit's signals from 2021; warm-up months before the year). */
const YEARS = { first: 2022, last: 2030 } as const;

/** Checks a calibration's options before anything is simulated: unknown municipalities, a seed, year or scale that is not a number. */
export function checkCalibrationOptions(opts: Pick<CalibrationRunOptions, 'municipalities' | 'seed' | 'year' | 'scale'>, population: PopulationParams): void {
  const problems: Array<{ name: string; reason: string }> = [];
  if (opts.municipalities !== undefined) {
    const known = new Set(population.municipalities.map((m) => m.code));
    if (opts.municipalities.length === 0) problems.push({ name: 'municipalities', reason: 'choose at least one municipality' });
    const unknown = opts.municipalities.filter((c) => !known.has(c));
    if (unknown.length > 0)
      problems.push({ name: 'municipalities', reason: `${unknown.join(', ')} not in the synthetic population (src/simulation/params/population.params.yaml: ${[...known].join(', ')})` });
    if (new Set(opts.municipalities).size !== opts.municipalities.length) problems.push({ name: 'municipalities', reason: 'a municipality is named twice' });
  }
  if (opts.seed !== undefined && !(Number.isSafeInteger(opts.seed) && opts.seed >= 0)) problems.push({ name: 'seed', reason: `'${opts.seed}' is not a whole number ≥ 0` });
  if (opts.year !== undefined && !(Number.isInteger(opts.year) && opts.year >= YEARS.first && opts.year <= YEARS.last))
    problems.push({ name: 'year', reason: `'${opts.year}' is not a year from ${YEARS.first} to ${YEARS.last}` });
  if (opts.scale !== undefined && !(Number.isFinite(opts.scale) && opts.scale > 0 && opts.scale <= 1))
    problems.push({ name: 'scale', reason: `'${opts.scale}' is not a number above 0 and at most 1 (1: the municipalities' real inhabitants)` });
  if (problems.length > 0) throw new CalibrationInputError(problems);
}

export function runCalibration(opts: CalibrationRunOptions): CalibrationReport {
  const population = opts.populationParams ?? loadPopulationParams();
  checkCalibrationOptions(opts, population);
  const year = simulateSyntheticYear(population, opts.simulationParams ?? loadSimulationParams(), {
    municipalities: opts.municipalities ?? DEFAULT_CALIBRATION_MUNICIPALITIES,
    seed: opts.seed ?? 1,
    year: opts.year ?? DEFAULT_CALIBRATION_YEAR,
    scale: opts.scale ?? DEFAULT_CALIBRATION_SCALE,
    standardTypes: opts.standardTypes,
  });
  return calibrationReport(year);
}
