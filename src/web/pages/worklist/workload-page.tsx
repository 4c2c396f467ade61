import type { getWorkload } from '../../../app/worklist/workload.ts';
import type { getWorklistStatistics } from '../../../app/worklist/worklist-statistics.ts';
import { Alert, Button, Form, FormField, Heading, Link, Paragraph, Table, Textbox } from '../../components/index.ts';
import { formatDate, formatNumber } from '../../i18n/locale.ts';
import { useWeb } from '../../web-context.ts';
import { areaLabel } from './export-files.ts';
import { worklistMessages, type WorklistT } from './messages.ts';

type Workload = Awaited<ReturnType<typeof getWorkload>>;
type Statistics = Awaited<ReturnType<typeof getWorklistStatistics>>;

/** The workload view ("Capaciteit"): open cases per worker and inflow per week, as tables (bars are decoration; the numbers are the content). */
export function WorkloadPage({ data, stats, period }: { data: Workload; stats?: Statistics | undefined; period: { from: string; to: string } }) {
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
          captionHidden
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
          captionHidden
          rows={data.inflow}
          rowKey={(r) => r.weekStart}
          columns={[
            { key: 'week', header: t('week'), cell: (r) => `${r.label} (${formatDate(locale, r.weekStart)})` },
            { key: 'n', header: t('newCases'), numeric: true, cell: (r) => formatNumber(locale, r.count) },
            { key: 'bar', header: <span className="vs-visually-hidden">{t('newCases')}</span>, cell: (r) => <span className="vs-bar" style={{ width: `${(12 * r.count) / maxInflow}rem` }} aria-hidden="true" /> },
          ]}
        />
      </section>
      <StatisticsSection stats={stats} period={period} t={t} />
    </>
  );
}

/** Statistics per worker and per district for a chosen period, with their exports (issue 20, points 4 and 6). */
function StatisticsSection({ stats, period, t }: { stats?: Statistics | undefined; period: { from: string; to: string }; t: WorklistT }) {
  const { locale } = useWeb();
  const n = (v: number) => formatNumber(locale, v);
  const from = stats?.from ?? period.from;
  const to = stats?.to ?? period.to;
  const search = new URLSearchParams({ from, to }).toString();
  return (
    <section className="vs-section" aria-labelledby="statistics">
      <Heading level={2} id="statistics">
        {t('statsPeriod')}
      </Heading>
      {stats ? null : <Alert type="error">{t('statsDateError')}</Alert>}
      <Form action="/capaciteit" method="get" label={t('statsPeriod')}>
        <div className="vs-filters">
          <FormField id="from" label={t('statsFrom')}>
            <Textbox id="from" name="from" type="date" value={from} />
          </FormField>
          <FormField id="to" label={t('statsTo')}>
            <Textbox id="to" name="to" type="date" value={to} />
          </FormField>
          <Button appearance="secondary-action">{t('statsShow')}</Button>
        </div>
      </Form>
      {stats ? (
        <>
          <Paragraph small>{t('statsHelp')}</Paragraph>
          <Table
            caption={t('statsPerWorker', { from: formatDate(locale, stats.from), to: formatDate(locale, stats.to) })}
            rows={stats.perWorker}
            rowKey={(r) => r.userId}
            empty={t('statsNone')}
            columns={[
              { key: 'worker', header: t('worker'), cell: (r) => r.name },
              { key: 'assigned', header: t('statsAssigned'), numeric: true, cell: (r) => n(r.assigned) },
              { key: 'picked', header: t('statsPickedUp'), numeric: true, cell: (r) => n(r.pickedUp) },
              { key: 'attempts', header: t('statsAttempts'), numeric: true, cell: (r) => n(r.contactAttempts) },
              { key: 'closed', header: t('statsClosed'), numeric: true, cell: (r) => n(r.closed) },
              { key: 'overdue', header: t('statsOverdue'), numeric: true, cell: (r) => n(r.overdue) },
            ]}
          />
          <Table
            caption={t('statsPerArea', { from: formatDate(locale, stats.from), to: formatDate(locale, stats.to) })}
            rows={stats.perArea}
            rowKey={(r) => r.area}
            empty={t('statsNone')}
            columns={[
              { key: 'area', header: t('colArea'), cell: (r) => areaLabel(r, t) },
              { key: 'new', header: t('statsNewCases'), numeric: true, cell: (r) => n(r.newCases) },
              { key: 'picked', header: t('statsPickedUp'), numeric: true, cell: (r) => n(r.pickedUp) },
              { key: 'closed', header: t('statsClosed'), numeric: true, cell: (r) => n(r.closed) },
              { key: 'open', header: t('statsOpenNow'), numeric: true, cell: (r) => n(r.open) },
              { key: 'overdue', header: t('statsOverdue'), numeric: true, cell: (r) => n(r.overdue) },
            ]}
          />
          <Heading level={3}>{t('exportHeading')}</Heading>
          <Paragraph>{t('exportCapacityHelp')}</Paragraph>
          <ul className="vs-links">
            <li>
              <Link href={`/capaciteit/export.csv?${search}`}>{`${t('exportCsv')} — ${t('exportWorkers')}`}</Link>
            </li>
            <li>
              <Link href={`/capaciteit/export.csv?${search}&tabel=wijk`}>{`${t('exportCsv')} — ${t('exportAreas')}`}</Link>
            </li>
            <li>
              <Link href={`/capaciteit/export.xlsx?${search}`}>{t('exportXlsx')}</Link>
            </li>
          </ul>
        </>
      ) : null}
    </section>
  );
}
