/**
 * The simulator's entry for the capacity what-if (src/app/capacity/what-if-capacity.ts): its
 * expected signals come from the synthetic population, so the use case needs the population's
 * parameters and the forecast over it — and nothing else of the simulator. The platform reaches the
 * simulator only here and through demo.ts (.dependency-cruiser.cjs holds it to that).
 */
export type { PopulationParams } from './population/params.ts';
export { loadPopulationParams } from './params/load-population-params.ts';
export { forecastSignals } from './forecast/forecast-signals.ts';
