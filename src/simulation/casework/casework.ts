/**
 * What a municipality does with a case in the simulation: the first outreach (channel and whether
 * it reached the resident, from the population's outreach model, calibrated to 1 in 5 reached), its
 * date within the legal deadline where capacity allows, and the DDAS end result. Pure and seeded.
 */
import { isoDate, parseIsoDate } from '../../domain/calendar.ts';
import { OutreachModel } from '../population/outreach.ts';
import type { PopulationParams } from '../population/params.ts';
import { type Rng, WeightedChoice } from '../population/rng.ts';
import type { ContactType, EndResult, PartOfDay } from '../../domain/worklist/ddas.ts';
import type { SimulationParams } from './params.ts';

export interface WorkableCase {
  crisis: boolean;
  signalCount: number;
  /** The case's multiple flag as the platform computed it. */
  multiple?: boolean;
  /** DDAS matchingsdatum: the case exists from then. */
  matchingDate: string;
}

export interface CaseWorkPlan {
  contactType: ContactType;
  channel: string;
  reached: boolean;
  date: string;
  partOfDay: PartOfDay;
  outcome: EndResult;
}

export class CaseWorkModel {
  private readonly outreach: OutreachModel;
  private readonly partOfDay: WeightedChoice<PartOfDay>;
  private readonly reachedOutcome: WeightedChoice<EndResult>;
  private readonly unreachedOutcome: WeightedChoice<EndResult>;

  constructor(
    private readonly sim: SimulationParams,
    private readonly population: PopulationParams,
  ) {
    this.outreach = new OutreachModel(population.municipalHandling.outreach);
    const entries = <K extends string>(w: Readonly<Partial<Record<K, number>>>) => Object.entries(w) as Array<[K, number]>;
    this.partOfDay = new WeightedChoice(entries(sim.work.partOfDay));
    this.reachedOutcome = new WeightedChoice(entries(sim.outcomes.reached));
    this.unreachedOutcome = new WeightedChoice(entries(sim.outcomes.notReached));
  }

  /** First outreaches a municipality completes per month with the staff the parameters give it. */
  capacityPerMonth(inhabitants: number): number {
    const fte = (inhabitants / 10_000) * this.population.municipalHandling.capacityFtePer10000;
    return Math.max(1, Math.round(fte * this.sim.work.casesPerFtePerMonth));
  }

  /**
   * The work on one case: worked no earlier than `workFrom` (the day the worker gets to it) and
   * never after `today` (a contact attempt cannot be registered in the future).
   */
  plan(c: WorkableCase, workFrom: string, today: string, rng: Rng): CaseWorkPlan {
    const phoneKnown = rng.chance(this.population.households.contact.phone);
    const { channel, reached } = this.outreach.draw({ signalCount: c.signalCount, ...(c.multiple !== undefined ? { multiple: c.multiple } : {}), crisis: c.crisis, phoneKnown }, rng);
    const [lo, hi] = c.crisis ? this.sim.work.contactDelayDays.crisis : this.sim.work.contactDelayDays.other;
    const start = Math.max(parseIsoDate(c.matchingDate), parseIsoDate(workFrom));
    const day = Math.min(parseIsoDate(today), start + lo + rng.int(hi - lo + 1));
    return {
      contactType: this.sim.work.contactType[channel] ?? 'Overige',
      channel,
      reached,
      date: isoDate(Math.max(day, parseIsoDate(c.matchingDate))),
      partOfDay: this.partOfDay.draw(rng),
      outcome: (reached ? this.reachedOutcome : this.unreachedOutcome).draw(rng),
    };
  }
}
