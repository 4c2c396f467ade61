/**
 * The creditors of a household, per signal type: whether the household has one that delivers to
 * the platform, which organisation it is, whether the type may be sent there in a given month, and
 * how large an arrear with it is.
 */
import { DATA_CATEGORIES, type DataCategory } from '../../domain/signals/signal.ts';
import { firstDayOfMonth, parseIsoDate } from '../../domain/calendar.ts';
import type { Household } from './population.ts';
import type { MunicipalityParams, PopulationParams, SignalTypeParams } from './params.ts';
import { type Rng, type WeightedChoice, hashUnit, numberChoice } from './rng.ts';

export interface Sender {
  id: string;
  name: string;
  share: number;
  /** Day number from which the sender is designated; 0 = always. */
  fromDay: number;
}

interface Window {
  from: number;
  until: number;
}

/** "'s-Gravenhage" → 's-gravenhage', 'Midden-Groningen' → 'midden-groningen': for organisation ids. */
function municipalitySlug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** One signal type as it applies in one municipality. */
export class CreditorType {
  readonly code: string;
  /** The data categories the sender passes, looked up per signal. */
  readonly passes: Readonly<Record<DataCategory, boolean>>;
  readonly senders: readonly Sender[];
  private readonly windows: readonly Window[] | undefined;
  private readonly months: WeightedChoice<number> | undefined;
  private readonly extraCounts: WeightedChoice<number>[];

  constructor(
    readonly params: SignalTypeParams,
    readonly index: number,
    municipality: MunicipalityParams,
    private readonly monthlyCost: PopulationParams['households']['monthlyCost'],
  ) {
    this.code = params.code;
    const passes = Object.fromEntries(DATA_CATEGORIES.map((c) => [c, false])) as Record<DataCategory, boolean>;
    for (const c of params.data) passes[c] = true;
    this.passes = passes;
    const slug = municipalitySlug(municipality.name);
    const fill = (s: string) => s.replaceAll('{slug}', slug).replaceAll('{city}', municipality.city);
    this.senders = params.senders
      .filter((s) => s.municipalities === undefined || s.municipalities.includes(municipality.code))
      .map((s) => ({ id: fill(s.id), name: fill(s.name), share: s.share, fromDay: s.from === undefined ? 0 : parseIsoDate(s.from) }));
    this.windows = params.available
      ?.filter((a) => a.municipalities === undefined || a.municipalities.includes(municipality.code))
      .map((a) => ({ from: parseIsoDate(a.from), until: parseIsoDate(a.until) }));
    this.months = params.amount.kind === 'months' ? numberChoice(params.amount.months) : undefined;
    this.extraCounts = (params.components?.extras ?? []).map((e) => numberChoice(e.count));
  }

  /** The type may be sent in this municipality on every day of the month (a designation ending mid-month ends the month before). */
  availableIn(month: number): boolean {
    if (this.senders.length === 0) return false;
    if (this.windows === undefined) return true;
    const first = firstDayOfMonth(month);
    const last = firstDayOfMonth(month + 1) - 1;
    return this.windows.some((w) => first >= w.from && last <= w.until);
  }

  hasCreditor(h: Household): boolean {
    switch (this.params.eligible) {
      case 'all':
        return true;
      case 'renter':
        return h.tenure === 'renter';
      case 'owner':
        return h.tenure === 'owner';
      case 'gas':
        return h.energySource === 'gas';
      case 'heat':
        return h.energySource === 'heat';
      case 'wmo_care':
        return h.wmoCare;
    }
  }

  /**
   * The household's creditor of this type, fixed per household (a household keeps its insurer),
   * or undefined when its creditor does not deliver to the platform or is not designated yet.
   * Market-share intervals stay in place when a sender is not yet designated, so households do not
   * switch creditor when one joins.
   */
  senderFor(h: Household, municipalitySeed: number, day: number): Sender | undefined {
    const u = hashUnit(municipalitySeed, h.index, 500 + this.index);
    let cum = 0;
    for (const s of this.senders) {
      cum += s.share;
      if (u < cum) return day >= s.fromDay ? s : undefined;
    }
    return undefined;
  }

  /** Arrear amount in euros and, for the months model, how many monthly charges it covers. */
  drawAmount(h: Household, rng: Rng): { amount: number; months: number } {
    const a = this.params.amount;
    const min = a.min ?? 0;
    const max = a.max ?? Infinity;
    let amount = 0;
    let months = 0;
    // The sender's selection (min/max) is modelled as a conditional distribution: redraw until inside.
    for (let attempt = 0; attempt < 25; attempt++) {
      if (a.kind === 'lognormal') {
        amount = a.median * Math.exp(a.sigma * rng.normal());
        months = 0;
      } else {
        months = (this.months as WeightedChoice<number>).draw(rng);
        let monthly: number;
        if (a.monthly === 'rent' || a.monthly === 'mortgage') monthly = h.monthlyHousingCost;
        else {
          const [lo, hi] = this.monthlyCost[a.monthly] ?? [0, 0];
          monthly = lo + rng.float() * (hi - lo);
        }
        amount = months * monthly * (0.95 + rng.float() * 0.1);
      }
      if (amount >= min && amount <= max) break;
    }
    amount = Math.min(max, Math.max(min, amount));
    return { amount: Math.round(amount * 100) / 100, months };
  }

  /** Extra components (parking fines with a tax arrear): kind → euros. */
  drawExtras(rng: Rng): Array<[string, number]> {
    const extras = this.params.components?.extras ?? [];
    const out: Array<[string, number]> = [];
    extras.forEach((e, i) => {
      if (!rng.chance(e.share)) return;
      const n = (this.extraCounts[i] as WeightedChoice<number>).draw(rng);
      let sum = 0;
      for (let k = 0; k < n; k++) sum += e.each[0] + rng.float() * (e.each[1] - e.each[0]);
      out.push([e.kind, Math.round(sum * 100) / 100]);
    });
    return out;
  }
}
