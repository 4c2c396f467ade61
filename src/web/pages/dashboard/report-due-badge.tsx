import type { ReportDue } from '../../../domain/evaluation/report-due.ts';
import { StatusBadge } from '../../components/index.ts';
import { formatDate } from '../../i18n/locale.ts';
import { useWeb } from '../../web-context.ts';
import { dashboardMessages } from './messages.ts';

/** The art. 1.3 report's due date, with "binnenkort"/"te laat" in words beside the colour. */
export function ReportDueBadge({ due, warn = true }: { due: ReportDue | null; warn?: boolean }) {
  const { locale } = useWeb();
  const t = dashboardMessages(locale);
  if (!due) return <>—</>;
  return (
    <>
      {formatDate(locale, due.due)}{' '}
      {warn && due.status !== 'on-track' ? <StatusBadge status={due.status === 'overdue' ? 'danger' : 'warning'}>{t(due.status === 'overdue' ? 'statusOverdue' : 'statusDueSoon')}</StatusBadge> : null}
    </>
  );
}
