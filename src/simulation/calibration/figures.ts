/**
 * The calibration figures of a synthetic year, counted by the dashboard itself: the year's signals
 * and cases become the evaluation's cells (src/domain/evaluation/cells.ts, as the SQL in
 * src/db/repositories/evaluation.ts returns them) and the dashboard's own table builder
 * (buildEvaluationTables) turns them into the intake, funnel and households tables the figures are
 * read from. So "multiple", "consecutive", "reached" and "help accepted" mean exactly what they mean
 * on the dashboard.
 */
import { RESULTS_HELP_ACCEPTED, RESULTS_NOT_PICKED_UP, RESULTS_WITH_CONTACT } from '../../domain/ddas/vocabulary.ts';
import type { CaseCell, EvaluationCells, SignalCell } from '../../domain/evaluation/cells.ts';
import { buildEvaluationTables, type EvaluationTable } from '../../domain/evaluation/tables.ts';
import { CALIBRATION_BAND, PUBLIC_FIGURES, type FigureKey, type PublicFigure } from './public-figures.ts';
import type { SimulatedCase, SyntheticYear } from './synthetic-year.ts';

const emptySignalCell = (month: string, municipality: string, signalType: string): SignalCell => ({
  month,
  municipality,
  signalType,
  signals: 0,
  crisis: 0,
  repeats: 0,
  inCase: 0,
  withAmount: 0,
  amountSumCents: 0,
  bandUnder300: 0,
  band300To1000: 0,
  band1000To2500: 0,
  band2500Plus: 0,
});

const emptyCaseCell = (month: string, municipality: string): CaseCell => ({
  month,
  municipality,
  arm: '',
  signalTypes: [],
  cases: 0,
  signalsInCases: 0,
  multiple: 0,
  consecutive: 0,
  crisis: 0,
  known: 0,
  experimental: 0,
  experimentalNew: 0,
  households1: 0,
  households2: 0,
  households3: 0,
  households4Plus: 0,
  pickedUp: 0,
  contactAttempted: 0,
  reached: 0,
  helpAccepted: 0,
  withOutcome: 0,
  firstContact: 0,
  onTime: 0,
  late: 0,
  overdueOpen: 0,
  daysToFirstContactSum: 0,
});

function addCase(cell: CaseCell, c: SimulatedCase): void {
  cell.cases++;
  cell.signalsInCases += c.signalCount;
  if (c.multiple) cell.multiple++;
  if (c.consecutive) cell.consecutive++;
  if (c.crisis) cell.crisis++;
  if (c.signalCount <= 1) cell.households1++;
  else if (c.signalCount === 2) cell.households2++;
  else if (c.signalCount === 3) cell.households3++;
  else cell.households4Plus++;
  // As the case pass counts it (src/db/repositories/evaluation.ts caseCells; test/calibration-dashboard.test.ts
  // holds the two to the same counts): an administrative step is no attempt towards the resident.
  const towardsResident = c.contactAttempted && c.contactType !== 'Administratief';
  const result = c.result as Parameters<typeof RESULTS_WITH_CONTACT.has>[0] | null;
  const reached = (towardsResident && c.attemptReached) || (result !== null && RESULTS_WITH_CONTACT.has(result));
  if (towardsResident || reached) cell.contactAttempted!++;
  // The simulation's worker picks the case up with its contact attempt (src/simulation/run/work-queues.ts).
  if (towardsResident || reached || (result !== null && !RESULTS_NOT_PICKED_UP.has(result as never))) cell.pickedUp++;
  if (towardsResident) cell.firstContact++;
  if (reached) cell.reached++;
  if (result !== null && RESULTS_HELP_ACCEPTED.has(result)) cell.helpAccepted++;
  if (result !== null) cell.withOutcome++;
}

/** The year as the evaluation's cells: per month × municipality (× signal type for signals). */
export function evaluationCellsOf(year: SyntheticYear): EvaluationCells {
  const signals = new Map<string, SignalCell>();
  for (const s of year.signals) {
    const month = s.signalDate.slice(0, 7);
    const key = `${month}|${s.municipality}|${s.signalType}`;
    let cell = signals.get(key);
    if (!cell) signals.set(key, (cell = emptySignalCell(month, s.municipality, s.signalType)));
    cell.signals++;
    if (s.repeat) cell.repeats++;
  }
  const cases = new Map<string, CaseCell>();
  for (const c of year.cases) {
    const month = c.firstSignalDate.slice(0, 7);
    const key = `${month}|${c.municipality}`;
    let cell = cases.get(key);
    if (!cell) cases.set(key, (cell = emptyCaseCell(month, c.municipality)));
    addCase(cell, c);
  }
  return { signals: [...signals.values()], refused: [], reasons: [], cases: [...cases.values()], firstContactBasis: 'contact_attempts' };
}

export interface CalibrationRow extends PublicFigure {
  simulated: number;
  /** (simulated − public) ÷ public. */
  relativeDifference: number;
  withinBand: boolean;
}

export interface InflowByTypeAndMonth {
  months: string[];
  /** signal type → accepted signals per month (in the order of `months`). */
  byType: Record<string, number[]>;
}

export interface CalibrationReport {
  year: number;
  seed: number;
  scale: number;
  municipalities: string[];
  inhabitants: number;
  signals: number;
  cases: number;
  band: number;
  rows: CalibrationRow[];
  inflow: InflowByTypeAndMonth;
}

const totalRow = (tables: EvaluationTable[], key: string): Record<string, unknown> => (tables.find((t) => t.key === key)?.rows[0] ?? {}) as Record<string, unknown>;
const numberIn = (row: Record<string, unknown>, col: string): number => {
  const v = row[col];
  if (typeof v !== 'number') throw new Error(`the dashboard's ${col} is not a number (${String(v)}): too small a run to publish`);
  return v;
};

/**
 * The monitor's third kind of case (enkelvoudig): neither multiple nor consecutive, from the flags
 * the dashboard's households table counts. That table has no column for it (its "1 signal" column
 * counts signals per case, a different thing), so it is counted from the same case rows.
 */
function singleShare(year: SyntheticYear): number {
  const single = year.cases.filter((c) => !c.multiple && !c.consecutive).length;
  return single / Math.max(1, year.cases.length);
}

/** The figures the public ones are compared with, read from the dashboard's tables over the year's cells. */
export function dashboardFigures(year: SyntheticYear, cells: EvaluationCells = evaluationCellsOf(year)): Record<FigureKey, number> {
  const tables = buildEvaluationTables(cells, 'total', () => 'Overige');
  const intake = totalRow(tables, 'intake');
  const funnel = totalRow(tables, 'funnel');
  const households = totalRow(tables, 'households');
  const accepted = numberIn(intake, 'accepted');
  const reached = numberIn(funnel, 'reached');
  return {
    multipleShare: numberIn(households, 'multiple') / numberIn(households, 'cases'),
    consecutiveShare: numberIn(households, 'consecutive') / numberIn(households, 'cases'),
    singleSignalShare: singleShare(year),
    reachedShare: reached / numberIn(funnel, 'cases'),
    signalsPer1000PerMonth: (accepted / year.inhabitants / 12) * 1000,
    contactedPerSignal: reached / accepted,
    acceptedPerContacted: numberIn(funnel, 'helpAccepted') / reached,
  };
}

function inflowByTypeAndMonth(year: SyntheticYear): InflowByTypeAndMonth {
  const months = Array.from({ length: 12 }, (_, i) => `${year.year}-${String(i + 1).padStart(2, '0')}`);
  const byType: Record<string, number[]> = {};
  for (const s of year.signals) {
    const i = Number(s.signalDate.slice(5, 7)) - 1;
    (byType[s.signalType] ??= new Array<number>(12).fill(0))[i]!++;
  }
  return { months, byType };
}

export function calibrationReport(year: SyntheticYear): CalibrationReport {
  const simulated = dashboardFigures(year);
  const rows = PUBLIC_FIGURES.map((f): CalibrationRow => {
    const value = simulated[f.key];
    const relativeDifference = (value - f.value) / f.value;
    return { ...f, simulated: value, relativeDifference, withinBand: Math.abs(relativeDifference) <= CALIBRATION_BAND };
  });
  return {
    year: year.year,
    seed: year.seed,
    scale: year.scale,
    municipalities: year.municipalities,
    inhabitants: year.inhabitants,
    signals: year.signals.length,
    cases: year.cases.length,
    band: CALIBRATION_BAND,
    rows,
    inflow: inflowByTypeAndMonth(year),
  };
}
