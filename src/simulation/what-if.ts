/**
 * The simulator's entry for the capacity what-if (src/app/capacity/what-if-capacity.ts): its
 * expected signals come from the synthetic population, so the use case needs the population's
 * parameters and the forecast over it, and the calibration page (src/app/capacity/calibration-report.ts)
 * how that population stands against the public figures — and nothing else of the simulator. The platform reaches the
 * simulator only here and through demo.ts (.dependency-cruiser.cjs holds it to that).
 */
export type { PopulationParams } from './population/params.ts';
export { loadPopulationParams } from './params/load-population-params.ts';
// The forecast in a worker thread: seconds of CPU must not stall the web process's other requests.
export { forecastOverSeedsInWorker } from './forecast/forecast-over-seeds.ts';
export { checkForecastInput } from './forecast/forecast-signals.ts';
// The calibration report (issue 25): the coordinator's page and the what-if's statement of how the synthetic year is calibrated.
export { CalibrationInputError, checkCalibrationOptions, DEFAULT_CALIBRATION_MUNICIPALITIES } from './calibration/run-calibration.ts';
// Computed in a worker thread: seconds of CPU must not stall the web process's other requests.
export { runCalibrationsInWorker } from './calibration/run-calibration-in-worker.ts';
export type { CalibrationReport } from './calibration/figures.ts';
export { CALIBRATION_BAND } from './calibration/public-figures.ts';
