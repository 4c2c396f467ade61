import type { ExperimentSummary } from '../../../app/experiments/list-experiments.ts';
import type { ReportDue } from '../../../domain/evaluation/report-due.ts';
import type { Stage } from '../../../domain/experiments/stages.ts';
import { Alert, Link, ListItem, Paragraph, UnorderedList, type Column } from '../../components/index.ts';
import type { Locale } from '../../i18n/locale.ts';
import { can, useWeb } from '../../web-context.ts';
import { dashboardMessages } from './messages.ts';
import { ReportDueBadge } from './report-due-badge.tsx';
import { textIn } from '../../../domain/i18n/index.ts';

/**
 * The register warns while the report can still be written: once the regulation is in force and
 * while the experiment runs. An evaluated experiment has reported; a stopped one is not chased here.
 */
const warns = (stage: Stage, due: ReportDue | null | undefined): due is ReportDue => !!due && due.status !== 'on-track' && (stage === 'regulation_in_force' || stage === 'running');

/** The register's column with the art. 1.3 report's due date (issue 7, point 4). */
export function reportDueColumn(locale: Locale, dues: Record<string, ReportDue | null>): Column<ExperimentSummary> {
  return {
    key: 'reportDue',
    header: dashboardMessages(locale)('registerDue'),
    cell: (e) => <ReportDueBadge due={dues[e.id] ?? null} warn={warns(e.stage, dues[e.id])} />,
  };
}

/** Above the register: the experiments whose report is due soon or overdue, with a way to it. */
export function ReportDueAlert({ experiments, dues }: { experiments: ExperimentSummary[]; dues: Record<string, ReportDue | null> }) {
  const { locale, user } = useWeb();
  const t = dashboardMessages(locale);
  const late = experiments.filter((e) => warns(e.stage, dues[e.id]));
  if (late.length === 0) return null;
  return (
    <Alert type={late.some((e) => dues[e.id]?.status === 'overdue') ? 'error' : 'warning'}>
      <Paragraph>{t('reportTitle')}:</Paragraph>
      <UnorderedList>
        {late.map((e) => (
          <ListItem key={e.id}>
            {textIn(e.name, locale)}: {textIn(dues[e.id]!.warning, locale)}{' '}
            {can(user, 'evaluation:read') ? <Link href={`/dashboard/kosten?experiment=${encodeURIComponent(e.id)}`}>{t('tabCosts')}</Link> : null}
          </ListItem>
        ))}
      </UnorderedList>
    </Alert>
  );
}
