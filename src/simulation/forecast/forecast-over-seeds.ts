/**
 * The what-if forecast repeated on several seeds (issue 25 point 3): the expected signals are the
 * runs' mean, and each figure per month gets the lowest and highest single run beside it, so a
 * forecast says how much a synthetic year varies by chance. Each run is forecastSignals on one
 * stream, so within a run a higher threshold never counts more; the mean keeps that property.
 */
import type { Forecast, ForecastInput, MunicipalityForecast, ScenarioCount } from '../../domain/capacity/forecast.ts';
import type { PopulationParams } from '../population/params.ts';
import type { ForecastJob } from './forecast-worker.ts';
import { forecastSignals } from './forecast-signals.ts';
import { runInWorker } from '../run-in-worker.ts';

const round1 = (n: number) => Math.round(n * 10) / 10;

function combine(runs: readonly ScenarioCount[], months: readonly string[]): ScenarioCount {
  const n = runs.length;
  const byMonth = runs[0]!.byMonth.map((_, i) => round1(runs.reduce((s, r) => s + r.byMonth[i]!, 0) / n));
  const byType: Record<string, number> = {};
  for (const r of runs) for (const [k, v] of Object.entries(r.byType)) byType[k] = (byType[k] ?? 0) + v / n;
  for (const k of Object.keys(byType)) byType[k] = round1(byType[k]!);
  const peak = byMonth.reduce((best, v, i) => (v > (byMonth[best] ?? -1) ? i : best), 0);
  const per = runs.map((r) => r.perMonth);
  return {
    key: runs[0]!.key,
    perMonth: round1(per.reduce((a, b) => a + b, 0) / n),
    peakPerMonth: byMonth[peak] ?? 0,
    peakMonth: months[peak] ?? '',
    byMonth,
    byType,
    interval: { low: Math.min(...per), high: Math.max(...per) },
  };
}

/** forecastSignals on `runs` seeds (input.seed, input.seed + 1, …), combined. */
export function forecastOverSeeds(params: PopulationParams, input: ForecastInput, runs: number): Forecast {
  const seeds = Array.from({ length: Math.max(1, Math.floor(runs)) }, (_, i) => input.seed + i);
  const forecasts = seeds.map((seed) => forecastSignals(params, { ...input, seed }));
  const first = forecasts[0]!;
  const municipalities = first.municipalities.map(
    (m, i): MunicipalityForecast => ({ ...m, scenarios: m.scenarios.map((_, k) => combine(forecasts.map((f) => f.municipalities[i]!.scenarios[k]!), first.months)) }),
  );
  return { ...first, seeds, municipalities };
}

/**
 * forecastOverSeeds in a worker thread, for the web app: the worker reads the parameter file itself.
 * Check the input first (checkForecastInput): the worker answers a bad one only with its message.
 */
export function forecastOverSeedsInWorker(input: ForecastInput, runs: number): Promise<Forecast> {
  const job: ForecastJob = { input, runs };
  return runInWorker<Forecast>(new URL('./forecast-worker.ts', import.meta.url), job);
}
