import type { ArmComparisonReport } from '../../../app/evaluation/compare-experiment-arms.ts';
import type { EvaluationTable, TableKey } from '../../../domain/evaluation/tables.ts';
import type { CostBenefit } from '../../../domain/statistics/costs.ts';
import type { Locale } from '../../i18n/locale.ts';
import { dashboardMessages } from './messages.ts';
import { textIn } from '../../../domain/i18n/index.ts';

/**
 * What the browser script (assets/dashboard-charts.js) draws with Chart.js: plain data, no code
 * (CSP script-src 'self'). A suppressed figure is null: no bar, and "<10" in the table beside it.
 */
export interface ChartData {
  labels: string[];
  datasets: Array<{ label: string; data: Array<number | null>; ci?: Array<[number, number] | null> }>;
  stacked?: boolean;
  horizontal?: boolean;
  /** Values are percentages (0–100). */
  percent?: boolean;
  /** A time series: one line per series over the months. */
  line?: boolean;
}

/** Per table the count columns the chart shows; transposed: one bar group per column (the funnel's stages), one colour per group. */
const SPECS: Record<TableKey, { series: string[]; transpose?: boolean; stacked?: boolean; horizontal?: boolean }> = {
  intake: { series: ['accepted', 'refused'], stacked: true },
  refusals: { series: ['count'], horizontal: true },
  funnel: { series: ['accepted', 'matched', 'cases', 'pickedUp', 'contactAttempted', 'reached', 'helpAccepted'], transpose: true },
  timeliness: { series: ['onTime', 'late', 'overdueOpen'], stacked: true },
  amounts: { series: ['bandUnder300', 'band300To1000', 'band1000To2500', 'band2500Plus'], transpose: true },
  households: { series: ['households1', 'households2', 'households3', 'households4Plus'], transpose: true },
  overlap: { series: ['known', 'newHouseholds'], stacked: true },
};

type Row = EvaluationTable['rows'][number];
const valueOf = (r: Row, col: string): number | null => (r.suppressed.includes(col) ? null : typeof r[col] === 'number' ? (r[col] as number) : null);

export function chartOfTable(t: EvaluationTable, locale: Locale, rowLabel: (r: Row) => string): ChartData {
  const spec = SPECS[t.key as TableKey] ?? { series: t.columns.filter((c) => c.type === 'count').map((c) => c.key) };
  const label = (key: string) => textIn(t.columns.find((c) => c.key === key)?.label, locale) ?? key;
  // Per month: a line per series over time (a trend), whatever the table's chart is otherwise.
  if (t.dimension === 'month' && t.key !== 'refusals')
    return { labels: t.rows.map(rowLabel), datasets: spec.series.map((c) => ({ label: label(c), data: t.rows.map((r) => valueOf(r, c)) })), line: true };
  if (spec.transpose)
    return { labels: spec.series.map(label), datasets: t.rows.map((r) => ({ label: rowLabel(r), data: spec.series.map((c) => valueOf(r, c)) })) };
  return {
    labels: t.rows.map(rowLabel),
    datasets: spec.series.map((c) => ({ label: label(c), data: t.rows.map((r) => valueOf(r, c)) })),
    ...(spec.stacked ? { stacked: true } : {}),
    ...(spec.horizontal ? { horizontal: true } : {}),
  };
}

const pct = (x: number) => Math.round(x * 1000) / 10;

/** Per outcome a bar per arm (its rate in %), the 95% interval drawn as a whisker over it. */
export function chartOfArms(report: ArmComparisonReport, locale: Locale, armLabel: (arm: string) => string): ChartData {
  return {
    labels: report.outcomes.map((o) => textIn(o.label, locale)),
    percent: true,
    datasets: report.arms.map((arm) => {
      const rates = report.outcomes.map((o) => o.arms.find((a) => a.arm === arm)?.rate ?? null);
      return { label: armLabel(arm), data: rates.map((r) => (r ? pct(r.rate) : null)), ci: rates.map((r) => (r ? ([pct(r.low), pct(r.high)] as [number, number]) : null)) };
    }),
  };
}

/** Costs and benefits per item, each in its own colour (one dataset each, so they line up as one bar per item). */
export function chartOfCosts(cb: CostBenefit, locale: Locale): ChartData {
  const t = dashboardMessages(locale);
  return {
    labels: cb.lines.map((l) => textIn(l.label, locale)),
    horizontal: true,
    stacked: true,
    datasets: [
      { label: t('kindCost'), data: cb.lines.map((l) => (l.kind === 'cost' ? l.amount : null)) },
      { label: t('kindBenefit'), data: cb.lines.map((l) => (l.kind === 'benefit' ? l.amount : null)) },
    ],
  };
}
