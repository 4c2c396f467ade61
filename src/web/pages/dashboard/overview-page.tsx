import type { Evaluation } from '../../../app/evaluation/compute-evaluation.ts';
import { Heading } from '../../components/index.ts';
import { useWeb } from '../../web-context.ts';
import { ChartFigure } from './chart-figure.tsx';
import { chartOfTable } from './charts.ts';
import { DataTable } from './data-table.tsx';
import { groupLabel, refusalReason, rowLabeller, type GroupNames } from './labels.ts';
import { dashboardMessages } from './messages.ts';
import { DashboardShell, type DashboardFrame } from './shell.tsx';
import { PeriodComparisonSection } from './period-comparison.tsx';
import { textIn } from '../../../domain/i18n/index.ts';

/**
 * Monitoring (issue 7, point 1): per table a chart and the same figures as a table, each with its
 * CSV download (the evaluation API's CSV of that table, with the same selection).
 */
export function OverviewPage({ frame, evaluation, names, csvHref }: { frame: DashboardFrame; evaluation: Evaluation | null; names: GroupNames; csvHref: (tableKey: string) => string }) {
  const { locale } = useWeb();
  const t = dashboardMessages(locale);
  return (
    <DashboardShell tab="overview" frame={frame}>
      <Heading level={2}>{t('tabOverview')}</Heading>
      {evaluation?.comparison ? <PeriodComparisonSection comparison={evaluation.comparison} /> : null}
      {evaluation?.tables.map((table) => {
        const label = rowLabeller(names, locale, table);
        const title = textIn(table.title, locale);
        return (
          <section className="vs-section vs-section--titled" key={table.key} aria-labelledby={`h-${table.key}`}>
            <Heading level={3} id={`h-${table.key}`}>
              {title}
            </Heading>
            {table.rows.length > 0 ? <ChartFigure id={`chart-${table.key}`} title={title} data={chartOfTable(table, locale, label)} /> : null}
            <DataTable
              table={table}
              csvHref={csvHref(table.key)}
              groupLabel={(r) => (table.key === 'refusals' ? groupLabel(names, locale, table.dimension, String(r.group)) : label(r))}
              textOf={(column, value) => (table.key === 'refusals' && column === 'code' ? refusalReason(value, locale) : value)}
            />
          </section>
        );
      })}
    </DashboardShell>
  );
}
