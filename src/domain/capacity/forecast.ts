/**
 * The shape of a what-if forecast: expected signals per month per municipality under a proposed
 * selection. The numbers come from the synthetic population (src/simulation/forecast/, reached
 * through src/simulation/what-if.ts); this file says what a forecast is, so the capacity comparison
 * and the pages need nothing from the simulator.
 */
import type { Selection } from './selection.ts';

export interface Scenario {
  /** Short key ('huidig', 'voorstel', 'min-500'). */
  key: string;
  signalTypes: readonly string[];
  selection: Selection;
}

export interface ForecastInput {
  municipalities: readonly string[];
  /** 'YYYY-MM' */
  firstMonth: string;
  months: number;
  seed: number;
  /** Population scale (1 = real size); counts are scaled back, so smaller is faster and noisier. */
  scale?: number;
  scenarios: readonly Scenario[];
}

export interface ScenarioCount {
  key: string;
  /** Mean signals per month (scaled back to the real population). */
  perMonth: number;
  /** The busiest month. */
  peakPerMonth: number;
  peakMonth: string;
  byMonth: number[];
  byType: Record<string, number>;
  /**
   * With the forecast repeated on several seeds: the lowest and highest mean per month of a single
   * run (the spread of the synthetic year, the figures above being the runs' mean).
   */
  interval?: { low: number; high: number };
}

export interface MunicipalityForecast {
  municipalityCode: string;
  name: string;
  inhabitants: number;
  scenarios: ScenarioCount[];
}

export type ForecastNote =
  | { kind: 'not_designated'; signalType: string; municipalities: string[] }
  | { kind: 'below_modelled_minimum'; signalType: string; scenario: string; modelledMinimum: number };

export interface Forecast {
  months: string[];
  scale: number;
  seed: number;
  /** The seeds the forecast was repeated on (seed, seed + 1, …); absent: one run. */
  seeds?: number[];
  municipalities: MunicipalityForecast[];
  notes: ForecastNote[];
}

export class ForecastInputError extends Error {
  constructor(public readonly params: Array<{ name: string; reason: string }>) {
    super(params.map((p) => `${p.name}: ${p.reason}`).join('; '));
  }
}

export const MAX_MONTHS = 36;
