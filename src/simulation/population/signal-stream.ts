/**
 * The signal stream of a population over a period: month by month, municipality by municipality,
 * the arrears process yields cases and every creditor in a case delivers a signal. A generator, so
 * that millions of signals stream through without being held.
 *
 * Each municipality has its own random stream (seeded by the run seed and its CBS code), so the
 * signals of Amsterdam are the same whether or not other municipalities are generated alongside.
 */
import { ArrearsProcess, signalsPerEpisode } from './arrears.ts';
import { deliveryDays, monthLabel, parseMonth } from '../../domain/calendar.ts';
import { DefectInjector } from './defects.ts';
import type { PopulationParams } from './params.ts';
import type { MunicipalityPopulation, Population } from './population.ts';
import { Rng, hashString } from './rng.ts';
import { SignalBuilder, type GeneratedSignal } from './signal-builder.ts';

export interface Period {
  /** 'YYYY-MM' */
  firstMonth: string;
  months: number;
}

export interface SignalStreamOptions {
  /** CBS codes; default: every municipality of the population. */
  municipalities?: readonly string[];
  /** Only emit these signal types (the process itself still runs for all, so nothing else changes). */
  signalTypes?: readonly string[];
  /** Only emit signals of these sender ids. */
  senders?: readonly string[];
}

function selectMunicipalities(population: Population, codes: readonly string[] | undefined): MunicipalityPopulation[] {
  if (codes === undefined) return [...population.municipalities];
  return codes.map((c) => {
    const m = population.municipality(c);
    if (m === undefined) throw new RangeError(`municipality ${c} is not in the population parameters`);
    return m;
  });
}

/** New episodes per month per municipality, such that the population-weighted signal rate is the target. */
function episodeRates(population: Population, params: PopulationParams): Map<string, number> {
  let inhabitants = 0;
  let weighted = 0;
  for (const m of population.municipalities) {
    inhabitants += m.inhabitants;
    weighted += m.inhabitants * m.params.riskIndex;
  }
  const meanIndex = weighted / inhabitants;
  const perEpisode = signalsPerEpisode(params);
  const rate = params.calibration.signalsPer1000PerMonth.value / 1000;
  return new Map(population.municipalities.map((m) => [m.code, (rate * m.inhabitants * m.params.riskIndex) / meanIndex / perEpisode]));
}

/** Signals (originals and re-sent copies) to expect per month, for sizing a run. */
export function expectedSignalsPerMonth(population: Population, params: PopulationParams, municipalities?: readonly string[]): number {
  const rates = episodeRates(population, params);
  const perEpisode = signalsPerEpisode(params);
  let total = 0;
  for (const m of selectMunicipalities(population, municipalities)) total += (rates.get(m.code) ?? 0) * perEpisode;
  return total * (1 + params.repeats.share);
}

interface Run {
  m: MunicipalityPopulation;
  rng: Rng;
  process: ArrearsProcess;
  builder: SignalBuilder;
}

/**
 * The stream as units of work: one municipality in one month. `nextUnit` pushes that unit's
 * signals to a callback, which lets a fast consumer (the scale-data CLI) avoid a generator step
 * per signal; generateSignals wraps it for everyone else.
 */
export class SignalSource {
  private readonly runs: Run[];
  private readonly first: number;
  private readonly end: number;
  private readonly typeFilter: Set<string> | undefined;
  private readonly senderFilter: Set<string> | undefined;
  private readonly defects: DefectInjector;
  private readonly weekdaysOnly: boolean;
  private month: number;
  private runIndex = 0;
  private days: number[] = [];
  private label = '';

  constructor(population: Population, params: PopulationParams, period: Period, seed: number, options: SignalStreamOptions = {}) {
    this.first = parseMonth(period.firstMonth);
    this.end = this.first + period.months;
    const rates = episodeRates(population, params);
    this.typeFilter = options.signalTypes === undefined ? undefined : new Set(options.signalTypes);
    this.senderFilter = options.senders === undefined ? undefined : new Set(options.senders);
    this.defects = new DefectInjector(params);
    this.weekdaysOnly = params.process.signalDays === 'weekdays';
    this.runs = selectMunicipalities(population, options.municipalities).map((m) => {
      const rng = new Rng(seed, hashString(m.code));
      return { m, rng, process: new ArrearsProcess(m, params, rng, rates.get(m.code) ?? 0), builder: new SignalBuilder(params, m.code, m.seed) };
    });
    // Warm-up: episodes already running when the period starts, so that its first months are not
    // artificially free of consecutive signals. Their signals are not delivered.
    for (let month = this.first - params.process.warmupMonths; month < this.first; month++) {
      for (const r of this.runs) r.process.step(month);
    }
    this.month = this.first;
    this.startMonth();
  }

  private startMonth(): void {
    this.days = deliveryDays(this.month, this.weekdaysOnly);
    this.label = monthLabel(this.month);
  }

  /** Units in one month: one per municipality. */
  get unitsPerMonth(): number {
    return this.runs.length;
  }

  /** Pushes the signals of the next unit to `emit`; false when the period is over. */
  nextUnit(emit: (g: GeneratedSignal) => void): boolean {
    if (this.month >= this.end || this.runs.length === 0) return false;
    const r = this.runs[this.runIndex] as Run;
    const { rng, builder } = r;
    const days = this.days;
    const lastDay = days[days.length - 1] as number;
    const label = this.label;
    const defects = this.defects;
    const typeFilter = this.typeFilter;
    const senderFilter = this.senderFilter;
    r.process.step(this.month, (c) => {
      for (const cs of c.signals) {
        const g = builder.build(c, cs, days[rng.int(days.length)] as number, label, rng);
        defects.maybeBreak(g, rng);
        const copy = defects.maybeRepeat(g, lastDay, rng, () => builder.nextReference(g.senderId, label));
        if ((typeFilter === undefined || typeFilter.has(g.signal.signalType)) && (senderFilter === undefined || senderFilter.has(g.senderId))) {
          emit(g);
          if (copy !== undefined) emit(copy);
        }
      }
    });
    if (++this.runIndex >= this.runs.length) {
      this.runIndex = 0;
      this.month++;
      if (this.month < this.end) this.startMonth();
    }
    return true;
  }
}

/**
 * The signals of the period, month by month and within a month municipality by municipality.
 * Memory holds at most one municipality-month of signals.
 */
export function* generateSignals(
  population: Population,
  params: PopulationParams,
  period: Period,
  seed: number,
  options: SignalStreamOptions = {},
): Generator<GeneratedSignal> {
  const source = new SignalSource(population, params, period, seed, options);
  let unit: GeneratedSignal[] = [];
  const collect = (g: GeneratedSignal) => {
    unit.push(g);
  };
  while (source.nextUnit(collect)) {
    yield* unit;
    unit = [];
  }
}
