import type { PeriodComparison } from '../../../domain/evaluation/compare-periods.ts';
import type { EvaluationTable } from '../../../domain/evaluation/tables.ts';
import { Heading, Paragraph } from '../../components/index.ts';
import { formatDate, type Locale } from '../../i18n/locale.ts';
import { useWeb } from '../../web-context.ts';
import { DataTable } from './data-table.tsx';
import { dashboardMessages } from './messages.ts';
import { textIn } from '../../../domain/i18n/index.ts';

/** The comparison as a table the dashboard's DataTable renders (a suppressed figure: "<10", its change "–"). */
function comparisonTable(c: PeriodComparison, locale: Locale): EvaluationTable {
  const both = dashboardMessages.inAll;
  return {
    key: 'previous',
    title: both('previousCaption'),
    dimension: 'total',
    columns: [
      { key: 'group', label: both('glossaryFigure'), type: 'dimension' },
      { key: 'current', label: both('thisPeriod'), type: 'count' },
      { key: 'previous', label: both('previousPeriod'), type: 'count' },
      { key: 'change', label: both('change'), type: 'count' },
      { key: 'changeShare', label: both('changeShare'), type: 'share' },
    ],
    rows: c.rows.map((r) => ({
      group: textIn(r.label, locale),
      current: r.current,
      previous: r.previous,
      change: r.change,
      changeShare: r.changeShare,
      // a figure the total row already suppressed reads "<10" here too
      suppressed: [...(r.current === null ? ['current'] : []), ...(r.previous === null ? ['previous'] : [])],
    })) as unknown as EvaluationTable['rows'],
    notes: [],
  };
}

/** This period's funnel beside the previous period's: is it going up or down? */
export function PeriodComparisonSection({ comparison }: { comparison: PeriodComparison }) {
  const { locale } = useWeb();
  const t = dashboardMessages(locale);
  return (
    <section className="vs-section" aria-labelledby="h-previous">
      <Heading level={3} id="h-previous">
        {t('previousTitle')}
      </Heading>
      <Paragraph>{t('previousIntro', { from: formatDate(locale, comparison.previous.from), to: formatDate(locale, comparison.previous.to) })}</Paragraph>
      <DataTable table={comparisonTable(comparison, locale)} />
    </section>
  );
}
