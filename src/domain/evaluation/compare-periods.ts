import type { LocalizedText } from '../rules/judgement.ts';
import { FIGURES, FUNNEL_STAGES } from './definitions.ts';
import type { EvaluationTable } from './tables.ts';

const DAY_MS = 86_400_000;
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const lastOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m + 1, 0)).getUTCDate();

/**
 * The period just before from..to (dates inclusive): as many whole calendar months before when the
 * period is whole months (March → February, a year → the year before), else as many days before.
 */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  if (fd === 1 && td === lastOfMonth(ty, tm - 1)) {
    const months = (ty - fy) * 12 + (tm - fm) + 1;
    const first = new Date(Date.UTC(fy, fm - 1 - months, 1));
    const last = new Date(Date.UTC(fy, fm - 1, 0));
    return { from: toDay(first.getTime()), to: toDay(last.getTime()) };
  }
  const start = Date.parse(`${from}T00:00:00Z`);
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - start) / DAY_MS) + 1;
  return { from: toDay(start - days * DAY_MS), to: toDay(start - DAY_MS) };
}

export interface PeriodComparisonRow {
  figure: (typeof FUNNEL_STAGES)[number] | 'withOutcome';
  label: LocalizedText;
  current: number | null;
  previous: number | null;
  /** current − previous; null when either is suppressed. */
  change: number | null;
  /** The change as a share of the previous figure; null when that is 0 or suppressed. */
  changeShare: number | null;
}

export interface PeriodComparison {
  previous: { from: string; to: string };
  rows: PeriodComparisonRow[];
}

/**
 * The funnel's total of this period beside the previous one's, figure by figure. Both are the
 * funnel tables' total rows (already suppressed): a suppressed figure stays unknown, and so does
 * every difference that rests on it.
 */
export function comparePeriods(current: EvaluationTable, previous: EvaluationTable, previousDates: { from: string; to: string }): PeriodComparison {
  const value = (t: EvaluationTable, key: string): number | null => {
    const r = t.rows[0];
    if (!r || r.suppressed.includes(key)) return r ? null : 0;
    const v = r[key];
    return typeof v === 'number' ? v : null;
  };
  const rows = [...FUNNEL_STAGES, 'withOutcome' as const].map((figure) => {
    const c = value(current, figure);
    const p = value(previous, figure);
    const change = c === null || p === null ? null : c - p;
    return { figure, label: FIGURES[figure].label, current: c, previous: p, change, changeShare: change === null || !p ? null : Math.round((change / p) * 10_000) / 10_000 };
  });
  return { previous: previousDates, rows };
}
