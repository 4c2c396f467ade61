/**
 * The monthly arrears process of one municipality.
 *
 * Households fall into episodes of payment problems. New episodes start at a rate derived from the
 * target number of signals per 1,000 inhabitants, picking households in proportion to their risk.
 * The first month of an episode always produces a case (one or more creditors report the address);
 * later months do so with a set probability, mostly from the same creditor again. That structure,
 * not post-hoc fixing, is what produces the single / multiple / consecutive shares.
 */
import { firstDayOfMonth } from '../../domain/calendar.ts';
import { CreditorType, type Sender } from './creditors.ts';
import type { PopulationParams } from './params.ts';
import type { Household, MunicipalityPopulation } from './population.ts';
import { type Rng, type WeightedChoice, numberChoice } from './rng.ts';

export interface CaseSignal {
  readonly type: CreditorType;
  readonly sender: Sender;
}

/** One address reported by one or more creditors in one month. */
export interface ArrearsCase {
  household: Household;
  month: number;
  /** Unique per municipality and run. */
  episodeId: string;
  /** The first month of the episode (a case that is new unless an earlier episode was recent). */
  firstOfEpisode: boolean;
  signals: CaseSignal[];
  /** The arrear each creditor type last reported in this episode (the builder reads and updates it). */
  amounts: Map<CreditorType, number>;
}

interface Episode {
  id: number;
  /**
   * The household number only: the household is rebuilt for every case. Keeping it would save the
   * rebuild but keep thousands of households alive across months, which costs the garbage
   * collector more than the rebuild (measured).
   */
  index: number;
  extraMonthsLeft: number;
  usedTypes: CreditorType[];
  amounts: Map<CreditorType, number>;
}

/** Expected signals per episode, for deriving the start rate from the target rate. */
export function signalsPerEpisode(params: PopulationParams): number {
  const p = params.process;
  const first = numberChoice(p.signalsPerCase.first).mean((k) => k);
  const later = numberChoice(p.signalsPerCase.later).mean((k) => k);
  return first + p.episode.laterMonthCaseProbability * p.episode.extraMonthsMean * later;
}

export class ArrearsProcess {
  private readonly types: CreditorType[];
  private readonly active = new Map<number, Episode>();
  private readonly firstK: WeightedChoice<number>;
  private readonly laterK: WeightedChoice<number>;
  private readonly continueP: number;
  private nextEpisode = 1;

  constructor(
    readonly population: MunicipalityPopulation,
    private readonly params: PopulationParams,
    private readonly rng: Rng,
    /** Expected new episodes per month. */
    readonly episodesPerMonth: number,
  ) {
    this.types = params.signalTypes.map((t, i) => new CreditorType(t, i, population.params, params.households.monthlyCost));
    this.firstK = numberChoice(params.process.signalsPerCase.first);
    this.laterK = numberChoice(params.process.signalsPerCase.later);
    // Geometric number of extra months with the given mean: P(continue) = mean / (1 + mean).
    const m = params.process.episode.extraMonthsMean;
    this.continueP = m / (1 + m);
  }

  get creditorTypes(): readonly CreditorType[] {
    return this.types;
  }

  /**
   * Advances one month and hands each case to `onCase` as soon as it is made (a callback rather
   * than a generator: this is the innermost loop of generating millions of signals). With
   * onCase undefined (the warm-up before a period) only the episodes advance: no households are
   * built and no cases are made.
   */
  step(month: number, onCase?: (c: ArrearsCase) => void): void {
    const rng = this.rng;
    const ep = this.params.process.episode;
    const day = firstDayOfMonth(month);
    const available = this.types.filter((t) => t.availableIn(month));
    // The season of a type raises its weight in some months; the start rate rises with the weight
    // of the seasonal types, so that level types (rent) stay level and seasonal ones move.
    const moy = ((month % 12) + 12) % 12;
    let base = 0;
    let seasonal = 0;
    for (const t of available) {
      base += t.params.weight;
      seasonal += t.params.weight * (t.params.season?.[moy] ?? 1);
    }
    const rateFactor = base > 0 ? seasonal / base : 1;

    for (const [index, e] of this.active) {
      if (rng.chance(ep.laterMonthCaseProbability) && onCase !== undefined) {
        const c = this.makeCase(e, month, day, available, false, moy);
        if (c !== undefined) onCase(c);
      }
      if (--e.extraMonthsLeft <= 0) this.active.delete(index);
    }

    const starts = rng.poisson(this.episodesPerMonth * rateFactor);
    for (let i = 0; i < starts; i++) {
      const index = this.pickHousehold();
      const e: Episode = { id: this.nextEpisode++, index, extraMonthsLeft: 0, usedTypes: [], amounts: new Map() };
      // Extra months: geometric, so a household keeps its troubles for a while.
      let extra = 0;
      while (rng.chance(this.continueP)) extra++;
      e.extraMonthsLeft = extra;
      if (extra > 0) this.active.set(index, e);
      if (onCase !== undefined) {
        const c = this.makeCase(e, month, day, available, true, moy);
        if (c !== undefined) onCase(c);
      }
    }
  }

  /** A household drawn in proportion to its risk, not already in an episode (rejection sampling). */
  private pickHousehold(): number {
    const pop = this.population;
    const max = pop.maxRisk;
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const index = this.rng.int(pop.householdCount);
      if (this.active.has(index)) continue;
      if (this.rng.float() * max < pop.core(index).risk) return index;
    }
    return this.rng.int(pop.householdCount);
  }

  private readonly pairs = new Map<Sender, CaseSignal>();

  /** One shared, immutable {type, sender} pair per sender: cases refer to them, nothing is copied. */
  private pair(type: CreditorType, sender: Sender): CaseSignal {
    let p = this.pairs.get(sender);
    if (p === undefined) {
      p = Object.freeze({ type, sender });
      this.pairs.set(sender, p);
    }
    return p;
  }

  private makeCase(e: Episode, month: number, day: number, available: CreditorType[], first: boolean, moy: number): ArrearsCase | undefined {
    const rng = this.rng;
    const h = this.population.household(e.index);
    const seed = this.population.seed;
    const eligible: CaseSignal[] = [];
    for (const t of available) {
      if (!t.hasCreditor(h)) continue;
      const sender = t.senderFor(h, seed, day);
      if (sender !== undefined) eligible.push(this.pair(t, sender));
    }
    if (eligible.length === 0) return undefined;
    const k = Math.min(eligible.length, (first ? this.firstK : this.laterK).draw(rng));
    const chosen: CaseSignal[] = [];
    if (!first && rng.chance(this.params.process.episode.sameCreditorProbability)) {
      const again = eligible.filter((c) => e.usedTypes.includes(c.type));
      if (again.length > 0) chosen.push(rng.pick(again));
    }
    const weight = (c: CaseSignal) => c.type.params.weight * (c.type.params.season?.[moy] ?? 1);
    while (chosen.length < k) {
      let total = 0;
      for (const c of eligible) if (!chosen.includes(c)) total += weight(c);
      if (total <= 0) break;
      let u = rng.float() * total;
      let pick: CaseSignal | undefined;
      for (const c of eligible) {
        if (chosen.includes(c)) continue;
        pick = c;
        u -= weight(c);
        if (u < 0) break;
      }
      if (pick === undefined) break;
      chosen.push(pick);
    }
    for (const c of chosen) if (!e.usedTypes.includes(c.type)) e.usedTypes.push(c.type);
    return { household: h, month, episodeId: `${h.municipalityCode}-${e.id}`, firstOfEpisode: first, signals: chosen, amounts: e.amounts };
  }
}
