import type { getWorkload } from '../../../app/worklist/workload.ts';
import { Heading, Table } from '../../components/index.ts';
import { formatDate, formatNumber } from '../../i18n/locale.ts';
import { useWeb } from '../../web-context.ts';
import { worklistMessages } from './messages.ts';

type Workload = Awaited<ReturnType<typeof getWorkload>>;

/** The workload view ("Capaciteit"): open cases per worker and inflow per week, as tables (bars are decoration; the numbers are the content). */
export function WorkloadPage({ data }: { data: Workload }) {
  const { locale } = useWeb();
  const t = worklistMessages(locale);
  const maxInflow = Math.max(1, ...data.inflow.map((w) => w.count));
  const maxOpen = Math.max(1, ...data.perWorker.map((w) => w.open));
  return (
    <>
      <Heading level={1}>{t('capacityTitle')}</Heading>
      <section className="vs-section" aria-labelledby="per-worker">
        <Heading level={2} id="per-worker">
          {t('perWorker')}
        </Heading>
        <Table
          caption={t('perWorker')}
          rows={data.perWorker}
          rowKey={(r) => r.userId ?? 'none'}
          columns={[
            { key: 'worker', header: t('worker'), cell: (r) => r.name ?? t('unassigned') },
            { key: 'open', header: t('open'), numeric: true, cell: (r) => formatNumber(locale, r.open) },
            { key: 'overdue', header: t('overdue'), numeric: true, cell: (r) => formatNumber(locale, r.overdue) },
            { key: 'bar', header: <span className="vs-visually-hidden">{t('open')}</span>, cell: (r) => <span className="vs-bar" style={{ width: `${(12 * r.open) / maxOpen}rem` }} aria-hidden="true" /> },
          ]}
        />
      </section>
      <section className="vs-section" aria-labelledby="inflow">
        <Heading level={2} id="inflow">
          {t('inflow')}
        </Heading>
        <Table
          caption={t('inflow')}
          rows={data.inflow}
          rowKey={(r) => r.weekStart}
          columns={[
            { key: 'week', header: t('week'), cell: (r) => `${r.label} (${formatDate(locale, r.weekStart)})` },
            { key: 'n', header: t('newCases'), numeric: true, cell: (r) => formatNumber(locale, r.count) },
            { key: 'bar', header: <span className="vs-visually-hidden">{t('newCases')}</span>, cell: (r) => <span className="vs-bar" style={{ width: `${(12 * r.count) / maxInflow}rem` }} aria-hidden="true" /> },
          ]}
        />
      </section>
    </>
  );
}
