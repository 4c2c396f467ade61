/**
 * Expected signals per month per municipality under a proposed selection, from the synthetic
 * population's arrears process (src/simulation/population/: the same generator and calibration as the
 * demo data and the benchmarks). Pure: no I/O, only CPU.
 *
 * Every scenario is counted on ONE generated stream. So a higher threshold can never count more
 * signals than a lower one, and a scenario with an extra signal type never fewer than without —
 * by construction, not by luck of the draw. Counted are the signals a municipality would receive:
 * repeats, deliberately broken rows and signals the resident objected to are left out (intake
 * refuses or de-duplicates them).
 */
import { monthLabel, parseMonth } from '../../domain/calendar.ts';
import { ForecastInputError, MAX_MONTHS, type Forecast, type ForecastInput, type ForecastNote, type MunicipalityForecast } from '../../domain/capacity/forecast.ts';
import { isSelected, selectionErrors, selectionRules } from '../../domain/capacity/selection.ts';
import type { PopulationParams } from '../population/params.ts';
import { generatePopulation } from '../population/population.ts';
import { generateSignals } from '../population/signal-stream.ts';

/**
 * The parameters with the types of the forecast treated as designated in every municipality for the
 * whole period (the question is "what if this signal were sent here"); other types keep their real
 * designation, so how they share the calibrated rate with the new one stays as the generator models it.
 */
function asDesignated(params: PopulationParams, types: ReadonlySet<string>): PopulationParams {
  return {
    ...params,
    signalTypes: params.signalTypes.map((t) => {
      if (!types.has(t.code)) return t;
      const { available: _a, ...rest } = t;
      return { ...rest, senders: t.senders.map(({ municipalities: _m, from: _f, ...s }) => s) };
    }),
  };
}

function designatedIn(params: PopulationParams, type: string, municipality: string, firstMonth: string, lastMonth: string): boolean {
  const t = params.signalTypes.find((x) => x.code === type);
  if (!t) return false;
  if (!t.senders.some((s) => s.municipalities === undefined || s.municipalities.includes(municipality))) return false;
  if (t.available === undefined) return true;
  const from = `${firstMonth}-01`;
  const until = `${lastMonth}-28`;
  return t.available.some((a) => (a.municipalities === undefined || a.municipalities.includes(municipality)) && a.from <= from && a.until >= until);
}

function forecastErrors(params: PopulationParams, input: ForecastInput): Array<{ name: string; reason: string }> {
  const errors: Array<{ name: string; reason: string }> = [];
  const known = new Set(params.municipalities.map((m) => m.code));
  const types = new Set(params.signalTypes.map((t) => t.code));
  if (input.municipalities.length === 0) errors.push({ name: 'municipality', reason: 'choose at least one municipality' });
  for (const m of input.municipalities)
    if (!known.has(m)) errors.push({ name: 'municipality', reason: `${m} is not in the synthetic population (src/simulation/params/population.params.yaml)` });
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.firstMonth)) errors.push({ name: 'from', reason: 'a month, YYYY-MM' });
  if (!Number.isInteger(input.months) || input.months < 1 || input.months > MAX_MONTHS) errors.push({ name: 'months', reason: `a whole number from 1 to ${MAX_MONTHS}` });
  if (input.scale !== undefined && !(input.scale > 0 && input.scale <= 1)) errors.push({ name: 'scale', reason: 'a number above 0, at most 1' });
  if (input.scenarios.length === 0) errors.push({ name: 'scenarios', reason: 'at least one scenario' });
  for (const s of input.scenarios) {
    if (s.signalTypes.length === 0) errors.push({ name: 'signal', reason: `scenario ${s.key}: choose at least one signal type` });
    for (const t of s.signalTypes) if (!types.has(t)) errors.push({ name: 'signal', reason: `'${t}' is not a signal type of the population parameters (${[...types].join(', ')})` });
    errors.push(...selectionErrors(s.selection, `${s.key}.`));
  }
  return errors;
}

/** Refuses a forecast's input with every reason (ForecastInputError), before anything is generated. */
export function checkForecastInput(params: PopulationParams, input: ForecastInput): void {
  const errors = forecastErrors(params, input);
  if (errors.length > 0) throw new ForecastInputError(errors);
}

/** Runs the generator once over the period and counts, per municipality and scenario, the signals that would be sent. */
export function forecastSignals(params: PopulationParams, input: ForecastInput): Forecast {
  checkForecastInput(params, input);
  const scale = input.scale ?? 1;
  const scope = new Set(input.scenarios.flatMap((s) => s.signalTypes));
  const designated = asDesignated(params, scope);
  const population = generatePopulation(designated, input.seed, { scale });
  const first = parseMonth(input.firstMonth);
  const months = Array.from({ length: input.months }, (_, i) => monthLabel(first + i));

  const scenarios = input.scenarios.map((s) => ({ key: s.key, types: new Set(s.signalTypes), rules: selectionRules(s.selection) }));
  const counts = new Map(input.municipalities.map((m) => [m, scenarios.map(() => ({ byMonth: new Array<number>(input.months).fill(0), byType: {} as Record<string, number> }))]));

  for (const g of generateSignals(population, designated, { firstMonth: input.firstMonth, months: input.months }, input.seed, {
    municipalities: input.municipalities,
    signalTypes: [...scope],
  })) {
    const t = g.truth;
    if (t.repeatOf !== undefined || t.defect !== undefined || t.objected) continue;
    const perScenario = counts.get(t.municipalityCode);
    if (!perScenario) continue;
    const i = t.month - first;
    const type = g.signal.signalType;
    scenarios.forEach((s, k) => {
      if (!s.types.has(type) || !isSelected(s.rules, g.signal, g.senderId)) return;
      const c = perScenario[k]!;
      c.byMonth[i]!++;
      c.byType[type] = (c.byType[type] ?? 0) + 1;
    });
  }

  const round1 = (n: number) => Math.round(n * 10) / 10;
  const municipalities = input.municipalities.map((code): MunicipalityForecast => {
    const m = params.municipalities.find((x) => x.code === code)!;
    return {
      municipalityCode: code,
      name: m.name,
      inhabitants: m.inhabitants,
      scenarios: scenarios.map((s, k) => {
        const c = counts.get(code)![k]!;
        const byMonth = c.byMonth.map((n) => round1(n / scale));
        const total = byMonth.reduce((a, b) => a + b, 0);
        const peak = byMonth.reduce((best, n, i) => (n > (byMonth[best] ?? -1) ? i : best), 0);
        return {
          key: s.key,
          perMonth: round1(total / input.months),
          peakPerMonth: byMonth[peak] ?? 0,
          peakMonth: months[peak] ?? input.firstMonth,
          byMonth,
          byType: Object.fromEntries(Object.entries(c.byType).map(([k2, n]) => [k2, round1(n / scale / input.months)])),
        };
      }),
    };
  });

  const notes: ForecastNote[] = [];
  const last = months[months.length - 1]!;
  for (const type of scope) {
    const missing = input.municipalities.filter((m) => !designatedIn(params, type, m, input.firstMonth, last));
    if (missing.length > 0) notes.push({ kind: 'not_designated', signalType: type, municipalities: missing });
    const min = params.signalTypes.find((t) => t.code === type)?.amount.min;
    if (min === undefined) continue;
    for (const s of input.scenarios)
      if (s.signalTypes.includes(type) && (s.selection.minAmount ?? 0) < min) notes.push({ kind: 'below_modelled_minimum', signalType: type, scenario: s.key, modelledMinimum: min });
  }
  return { months, scale, seed: input.seed, municipalities, notes };
}
