import type { ArmComparisonReport } from '../../../app/evaluation/compare-experiment-arms.ts';
import { Alert, Heading, Paragraph, type SelectOption } from '../../components/index.ts';
import { useWeb } from '../../web-context.ts';
import { ChartFigure } from './chart-figure.tsx';
import { chartOfArms } from './charts.ts';
import { DataTable } from './data-table.tsx';
import { armRatesTable, armTestsTable, residentChoicesTable } from './extra-tables.ts';
import { dashboardMessages } from './messages.ts';
import { DashboardShell, type DashboardFrame } from './shell.tsx';
import { textIn } from '../../../domain/i18n/index.ts';

/**
 * Experiment groups compared (issue 7, point 2): per outcome each arm's rate with its 95% interval
 * (chart and table), the test against the reference arm, its reading in plain words and the
 * warnings where groups are too small to conclude anything.
 */
export function ArmsPage({
  frame,
  report,
  armLabel,
  csvHref,
}: {
  frame: DashboardFrame;
  report: ArmComparisonReport | null;
  armLabel: (arm: string) => string;
  csvHref: (part: 'rates' | 'tests' | 'choices') => string;
}) {
  const { locale } = useWeb();
  const t = dashboardMessages(locale);
  const references: SelectOption[] = (report?.arms ?? []).map((a) => ({ value: a, label: armLabel(a) }));
  const comparable = !!report && report.arms.length > 1;
  return (
    <DashboardShell tab="arms" frame={frame} references={references}>
      <Heading level={2}>{t('armsTitle')}</Heading>
      <Paragraph>{t('armsIntro')}</Paragraph>
      {!comparable ? (
        <Alert type="info">{t('noArms')}</Alert>
      ) : (
        <>
          <ChartFigure id="chart-arms" title={t('armsChartTitle')} data={chartOfArms(report, locale, armLabel)} />
          <DataTable table={armRatesTable(report, locale, armLabel)} csvHref={csvHref('rates')} />
          <DataTable table={armTestsTable(report, locale, armLabel)} csvHref={csvHref('tests')} hide={['reading', 'warnings']} />
          {report.residentChoices.length > 0 ? <DataTable table={residentChoicesTable(report, armLabel)} csvHref={csvHref('choices')} /> : null}
          <section className="vs-section" aria-labelledby="h-readings">
            <Heading level={3} id="h-readings">
              {t('readings')}
            </Heading>
            {report.outcomes.map((o) => (
              <div key={o.outcome}>
                <Heading level={4}>{textIn(o.label, locale)}</Heading>
                {o.comparisons.map((c) => (
                  <div key={c.arm}>
                    <Paragraph>{textIn(c.reading, locale)}</Paragraph>
                    {c.warnings
                      .filter((w) => w.nl !== c.reading.nl)
                      .map((w) => (
                      <Alert type="warning" key={w.nl}>
                        {textIn(w, locale)}
                      </Alert>
                    ))}
                  </div>
                ))}
              </div>
            ))}
          </section>
        </>
      )}
    </DashboardShell>
  );
}
