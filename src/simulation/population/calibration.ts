/**
 * Measures a generated signal stream the way the Divosa monitor counts: signals per 1,000
 * inhabitants per month, and cases (all signals at one address in one month) that are single,
 * multiple (two or more signals) or consecutive (the address had a signal in the previous six
 * months). Repeats of a signal already sent are not new signals and are left out.
 *
 * Addresses are taken from the generator's truth (the household), not from the delivered address,
 * so that deliberately broken postcodes do not split a case: this measures the process, not the
 * platform's matching.
 */
import { MULTIPLE_MIN_SIGNALS } from '../../domain/matching/multiple.ts';
import { OutreachModel } from './outreach.ts';
import type { PopulationParams } from './params.ts';
import type { GeneratedSignal } from './signal-builder.ts';

export interface CalibrationFigures {
  /** Months over which cases were classified (those with six months of history before them). */
  measuredMonths: number;
  inhabitants: number;
  signals: number;
  signalsPer1000PerMonth: number;
  cases: number;
  singleShare: number;
  multipleShare: number;
  consecutiveShare: number;
  /** Expected share of cases in which outreach reaches the resident. */
  reachedShare: number;
  /** Share of troubled households (with a case) that own their home. */
  ownerShareOfCases: number;
  crisisShare: number;
  objectedShare: number;
  defectShare: number;
  /** Re-sent copies relative to original signals. */
  repeatShare: number;
  byType: Record<string, number>;
}

interface MonthCase {
  signals: number;
  crisis: boolean;
  phoneKnown: boolean;
  owner: boolean;
}

const LOOKBACK_MONTHS = 6;

export class CalibrationMeter {
  private readonly lastCaseMonth = new Map<string, number>();
  private current = new Map<string, MonthCase>();
  private currentMonth: number | undefined;
  private readonly outreach: OutreachModel;
  private signalsMeasured = 0;
  private originals = 0;
  private repeats = 0;
  private defects = 0;
  private objected = 0;
  private crisis = 0;
  private cases = 0;
  private single = 0;
  private multiple = 0;
  private consecutive = 0;
  private reached = 0;
  private owners = 0;
  private monthsMeasured = 0;
  private readonly byType: Record<string, number> = {};

  /**
   * @param firstMeasuredMonth month number from which cases and rates are counted; earlier months
   *   only build up the history that "consecutive" looks back on.
   */
  constructor(
    params: PopulationParams,
    private readonly firstMeasuredMonth: number,
    private readonly inhabitants: number,
  ) {
    this.outreach = new OutreachModel(params.municipalHandling.outreach);
  }

  /** Signals must arrive in month order (as generateSignals delivers them). */
  add(g: GeneratedSignal): void {
    const t = g.truth;
    if (this.currentMonth !== t.month) {
      if (this.currentMonth !== undefined && t.month < this.currentMonth) throw new Error('signals out of month order');
      this.closeMonth();
      this.currentMonth = t.month;
    }
    const measured = t.month >= this.firstMeasuredMonth;
    if (t.repeatOf !== undefined) {
      if (measured) this.repeats++;
      return;
    }
    if (measured) {
      this.originals++;
      this.signalsMeasured++;
      if (t.defect !== undefined) this.defects++;
      if (t.objected) this.objected++;
      if (t.crisis) this.crisis++;
      this.byType[g.signal.signalType] = (this.byType[g.signal.signalType] ?? 0) + 1;
    }
    const c = this.current.get(t.householdId);
    const phoneKnown = g.signal.phone !== undefined;
    if (c === undefined) this.current.set(t.householdId, { signals: 1, crisis: t.crisis, phoneKnown, owner: t.tenure === 'owner' });
    else {
      c.signals++;
      c.crisis ||= t.crisis;
      c.phoneKnown ||= phoneKnown;
    }
  }

  private closeMonth(): void {
    const month = this.currentMonth;
    if (month === undefined) return;
    const measured = month >= this.firstMeasuredMonth;
    if (measured) this.monthsMeasured++;
    for (const [household, c] of this.current) {
      const last = this.lastCaseMonth.get(household);
      const isConsecutive = last !== undefined && month - last <= LOOKBACK_MONTHS;
      if (measured) {
        this.cases++;
        // The monitor's definition (src/domain/matching/multiple.ts): a household here is one address, its signals one month's.
        if (c.signals >= MULTIPLE_MIN_SIGNALS) this.multiple++;
        if (isConsecutive) this.consecutive++;
        if (c.signals === 1 && !isConsecutive) this.single++;
        if (c.owner) this.owners++;
        this.reached += this.outreach.reachProbability({ signalCount: c.signals, crisis: c.crisis, phoneKnown: c.phoneKnown });
      }
      this.lastCaseMonth.set(household, month);
    }
    this.current = new Map();
  }

  result(): CalibrationFigures {
    this.closeMonth();
    this.currentMonth = undefined;
    const cases = Math.max(1, this.cases);
    const months = Math.max(1, this.monthsMeasured);
    return {
      measuredMonths: this.monthsMeasured,
      inhabitants: this.inhabitants,
      signals: this.signalsMeasured,
      signalsPer1000PerMonth: (this.signalsMeasured / months / this.inhabitants) * 1000,
      cases: this.cases,
      singleShare: this.single / cases,
      multipleShare: this.multiple / cases,
      consecutiveShare: this.consecutive / cases,
      reachedShare: this.reached / cases,
      ownerShareOfCases: this.owners / cases,
      crisisShare: this.crisis / Math.max(1, this.originals),
      objectedShare: this.objected / Math.max(1, this.originals),
      defectShare: this.defects / Math.max(1, this.originals),
      repeatShare: this.repeats / Math.max(1, this.originals),
      byType: { ...this.byType },
    };
  }
}
